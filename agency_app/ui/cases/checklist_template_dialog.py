"""Editing the checklist template of each case type (R10); managers edit, everyone else reads."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from agency_app.domain import cases as C
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.storage.checklist_templates import TemplatePermissionDenied
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.cases.case_texts import case_error_text, case_type_choices
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import Banner, confirm_discard, without_enter_default

_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ChecklistTemplateDialog(QDialog):
    """Choose a type, edit its steps (F2 renames), save; emits saved(case_type). New cases get the saved steps."""

    saved = Signal(str)

    def __init__(self, ops: Operations, staff_uid: str, *, case_type: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid = ops, staff_uid
        self.templates = ops.read.templates  # reading; saving goes through ops.write
        member = ops.read.masters.staff_member(staff_uid)
        self.can_edit = bool(member and member.is_manager and member.active)
        self._type: str | None = None
        self._baseline: list[str] = []
        self.setWindowTitle(self.tr("Checklist templates"))

        self.type_combo = QComboBox(self)
        for code, label in case_type_choices():
            self.type_combo.addItem(label, code)
        type_label = QLabel(self.tr("Case type"), self)
        type_label.setBuddy(self.type_combo)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setText(
            self.tr("Changes apply to cases opened from now on; cases already opened keep their checklist.")
            if self.can_edit else
            self.tr("Only a manager can change checklist templates. You can read them here."))
        self.banner = Banner(self)
        self.steps = QListWidget(self)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   if self.can_edit else QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.setAccessibleName(self.tr("Steps"))

        self.buttons = {
            "add": QPushButton(self.tr("Add step"), self),
            "rename": QPushButton(self.tr("Rename (F2)"), self),
            "remove": QPushButton(self.tr("Remove"), self),
            "up": QPushButton(self.tr("Move up"), self),
            "down": QPushButton(self.tr("Move down"), self),
            "default": QPushButton(self.tr("Back to the default"), self),
        }
        self.buttons["add"].clicked.connect(self.add_step)
        self.buttons["rename"].clicked.connect(self.rename_step)
        self.buttons["remove"].clicked.connect(self.remove_step)
        self.buttons["up"].clicked.connect(lambda: self.move_step(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_step(1))
        self.buttons["default"].clicked.connect(self.use_default)
        side = QVBoxLayout()
        for button in self.buttons.values():
            button.setEnabled(self.can_edit)
            side.addWidget(button)
        side.addStretch(1)
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.save_button.setEnabled(self.can_edit)
        self.save_button.setVisible(self.can_edit)
        without_enter_default(self.save_button, self.close_button, *self.buttons.values())
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        top = QHBoxLayout()
        top.addWidget(type_label)
        top.addWidget(self.type_combo, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.steps, 1)
        middle.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        fit_to_screen(self, QSize(640, 460))

        self.type_combo.currentIndexChanged.connect(self._type_chosen)
        start = self.type_combo.findData(case_type) if case_type else 0
        self.type_combo.setCurrentIndex(max(start, 0))
        self._load(self.type_combo.currentData())

    # --- state ------------------------------------------------------------------
    def current_steps(self) -> list[str]:
        return [self.steps.item(i).text() for i in range(self.steps.count())]

    def is_dirty(self) -> bool:
        return self.current_steps() != self._baseline

    def _load(self, case_type: str, steps: list[str] | None = None) -> None:
        self._type = case_type
        self._baseline = self.templates.steps_for(case_type)
        self._fill(self._baseline if steps is None else steps)
        self.banner.clear_message()

    def _fill(self, steps: list[str]) -> None:
        self.steps.clear()
        for label in steps:
            item = QListWidgetItem(label, self.steps)
            item.setFlags(_EDITABLE if self.can_edit else _READ_ONLY)
        if steps:
            self.steps.setCurrentRow(0)

    def _type_chosen(self, _index: int) -> None:
        code = self.type_combo.currentData()
        if code == self._type:
            return
        if self.is_dirty() and not confirm_discard(self):
            self.type_combo.blockSignals(True)  # stay on the type being edited
            self.type_combo.setCurrentIndex(self.type_combo.findData(self._type))
            self.type_combo.blockSignals(False)
            return
        self._load(code)

    # --- editing ----------------------------------------------------------------
    def add_step(self) -> None:
        if not self.can_edit:
            return
        row = self.steps.currentRow() + 1 if self.steps.currentRow() >= 0 else self.steps.count()
        item = QListWidgetItem(self.tr("New step"))
        item.setFlags(_EDITABLE)
        self.steps.insertItem(row, item)
        self.steps.setCurrentItem(item)
        self.steps.editItem(item)

    def rename_step(self) -> None:
        item = self.steps.currentItem()
        if self.can_edit and item is not None:
            self.steps.editItem(item)

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if self.can_edit and row >= 0:
            self.steps.takeItem(row)
            self.steps.setCurrentRow(min(row, self.steps.count() - 1))

    def move_step(self, offset: int) -> None:
        row = self.steps.currentRow()
        target = row + offset
        if not self.can_edit or row < 0 or not 0 <= target < self.steps.count():
            return
        item = self.steps.takeItem(row)
        self.steps.insertItem(target, item)
        self.steps.setCurrentRow(target)

    def use_default(self) -> None:
        if self.can_edit:
            self._fill(list(C.DEFAULT_CHECKLISTS[self._type]))

    # --- saving -----------------------------------------------------------------
    def save(self) -> None:
        """Write the steps through the operations; a refusal points at the step to fix."""
        if not self.can_edit or self._type is None:
            return
        self.banner.clear_message()
        case_type, steps, by = self._type, self.current_steps(), self.staff_uid
        self.ops.write(self, lambda data: data.templates.save(case_type, steps, by=by)) \
            .success(lambda saved: self._saved(case_type, saved)).failure(self._not_saved).run()

    def _saved(self, case_type: str, saved: list[str]) -> None:
        if case_type != self._type:
            return  # another type was chosen meanwhile; its steps stay on screen
        self._baseline = saved
        self._fill(saved)
        self.banner.show_message(self.tr("Saved. New cases of this type get these steps."), "info")
        self.saved.emit(case_type)

    def _not_saved(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            self.banner.show_message("\n".join(case_error_text(e) for e in error.errors))
            index = next((e.params.get("index") for e in error.errors if e.params.get("index")), None)
            if index:
                self.steps.setCurrentRow(index - 1)
            self.steps.setFocus(Qt.FocusReason.OtherFocusReason)
        elif isinstance(error, TemplatePermissionDenied):
            # The role was taken away while the dialog was open.
            self.banner.show_message(case_error_text(FieldError("steps", C.MANAGER_ONLY)))
        else:
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        if self.is_dirty() and not confirm_discard(self):
            return
        super().reject()
