"""Staff and branch master data, editable by a manager: add and edit, deactivate instead of delete."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.storage.services import Services
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.messages import field_label, known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import (
    Banner, ChoiceCombo, FieldBox, clear_field_errors, show_field_errors, without_enter_default,
)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")
KEY_ROLE = Qt.ItemDataRole.UserRole


def role_label(role: str) -> str:
    return translate("MasterData", "Manager") if role == codes.ROLE_MANAGER \
        else translate("MasterData", "Staff")


def yes_no(flag: bool) -> str:
    return translate("MasterData", "Yes") if flag else translate("MasterData", "No")


class _Editor(QWidget):
    """A list on the left, the selected record's fields on the right; New clears, Save writes."""

    columns: tuple[str, ...] = ()
    _saving = False  # a save is being written

    def __init__(self, dialog: "MasterDataDialog"):
        super().__init__(dialog)
        self.dialog = dialog
        self.masters = dialog.masters
        self.key: str | None = None  # None while adding a new record
        self.inputs: dict[str, QWidget] = {}
        self.boxes: dict[str, FieldBox] = {}
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels([self.column_label(c) for c in self.columns])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._select(row))
        self.form = QFormLayout()
        self.new_button = QPushButton(translate("MasterData", "New"), self)
        self.save_button = QPushButton(translate("MasterData", "Save (Ctrl+Enter)"), self)
        without_enter_default(self.new_button, self.save_button)
        self.new_button.clicked.connect(self.start_new)
        self.save_button.clicked.connect(self.save)
        self.mode = QLabel(self)
        self.mode.setStyleSheet("font-weight: bold;")
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QVBoxLayout()
        right.addWidget(self.mode)
        right.addLayout(self.form)
        right.addStretch(1)
        right.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)

    def column_label(self, name: str) -> str:
        return field_label(name)

    def add_field(self, name: str, widget: QWidget, label: str | None = None) -> None:
        self.inputs[name] = widget
        self.boxes[name] = FieldBox(widget, self)
        text = QLabel(label or field_label(name), self)
        text.setBuddy(widget)
        self.form.addRow(text, self.boxes[name])

    def fill(self, rows: list[tuple[str, list[str]]], select: str | None = None) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, (key, cells) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(KEY_ROLE, key)
                self.table.setItem(r, c, item)
        self.table.blockSignals(False)
        keys = [key for key, _ in rows]
        if select in keys:
            self.table.setCurrentCell(keys.index(select), 0)
            self._select(keys.index(select))
        elif rows:
            self.table.setCurrentCell(0, 0)
            self._select(0)
        else:
            self.start_new()

    def _select(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.clear_errors()
            self.key = item.data(KEY_ROLE)
            self.mode.setText(translate("MasterData", "Editing"))
            self.load(self.key)

    def start_new(self) -> None:
        self.clear_errors()
        self.key = None
        self.table.clearSelection()
        self.mode.setText(translate("MasterData", "Adding a new entry"))
        self.load(None)
        next(iter(self.inputs.values())).setFocus()

    def clear_errors(self) -> None:
        clear_field_errors(self.boxes, self.dialog.banner)

    def save(self) -> None:
        """Check what only the screen can see, then write through the operations; the list follows."""
        if self._saving:
            return  # a second click before the first save is back would add a new entry twice
        self.clear_errors()
        problems = self.problems()
        if problems:
            show_field_errors(problems, self.boxes, self.dialog.banner)
            return
        self._saving = True
        self.dialog.ops.write(self, self.writer()).always(self._save_ended).success(self._saved) \
            .failure(self._not_saved).run()

    def _save_ended(self) -> None:
        self._saving = False

    def _saved(self, key: str) -> None:
        self.refresh(select=key)
        self.dialog.banner.show_message(translate("MasterData", "Saved."), "info")

    def _not_saved(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            show_field_errors(error.errors, self.boxes, self.dialog.banner)
        else:
            self.dialog.banner.show_message(known_error_text(error))

    # Subclasses fill these in.
    def load(self, key: str | None) -> None: ...
    def problems(self) -> list[FieldError]: ...
    def writer(self) -> Callable[[Services], str]:
        """What is typed, as work for the writer thread (it returns the record's key); reads no widget there."""
    def refresh(self, select: str | None = None) -> None: ...


class StaffEditor(_Editor):
    columns = ("name", "kana", "team", "role", "branch_code", "active")

    def __init__(self, dialog: "MasterDataDialog"):
        super().__init__(dialog)
        self.add_field("name", QLineEdit(self))
        self.add_field("kana", QLineEdit(self))
        self.add_field("team", ChoiceCombo(self, free_text=True))
        self.add_field("role", ChoiceCombo(self))
        self.add_field("branch_code", ChoiceCombo(self))
        self.add_field("active", QCheckBox(translate("MasterData", "Shown in choice lists"), self))
        self.inputs["role"].set_choices([(r, role_label(r)) for r in codes.ROLES])
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        branches = self.masters.branches(include_inactive=True)
        self.inputs["branch_code"].set_choices([(b.code, b.name) for b in branches], allow_empty=True)
        branch_names = {b.code: b.name for b in branches}
        people = self.masters.staff(include_inactive=True)
        self._people = {s.uid: s for s in people}
        teams = sorted({s.team for s in people if s.team})
        self.inputs["team"].set_choices([(t, t) for t in teams], allow_empty=True)
        self.fill([(s.uid, [s.name, s.kana, s.team, role_label(s.role),
                            branch_names.get(s.branch_code or "", s.branch_code or ""), yes_no(s.active)])
                   for s in people], select)

    def load(self, key: str | None) -> None:
        person = self._people.get(key or "")
        w = self.inputs
        w["name"].setText(person.name if person else "")
        w["kana"].setText(person.kana if person else "")
        w["team"].set_value(person.team if person else "")
        w["role"].set_code(person.role if person else codes.ROLE_STAFF)
        w["branch_code"].set_code(person.branch_code or "" if person else self.dialog.ops.read.store.home_branch)
        w["active"].setChecked(person.active if person else True)

    def problems(self) -> list[FieldError]:
        w = self.inputs
        found = []
        if not w["name"].text().strip():
            found.append(FieldError("name", E.REQUIRED))
        if w["role"].code() not in codes.ROLES:
            found.append(FieldError("role", E.UNKNOWN_CHOICE))
        if w["branch_code"].code() is None:
            found.append(FieldError("branch_code", E.UNKNOWN_CHOICE))
        if self.key == self.dialog.staff_uid:  # a manager must not lock themselves out
            if w["role"].code() != codes.ROLE_MANAGER:
                found.append(FieldError("role", "self", {"text": translate(
                    "MasterData", "You cannot remove your own manager role.")}))
            if not w["active"].isChecked():
                found.append(FieldError("active", "self", {"text": translate(
                    "MasterData", "You cannot deactivate yourself.")}))
        return found

    def writer(self) -> Callable[[Services], str]:
        w = self.inputs
        values = dict(uid=self.key, name=w["name"].text(), kana=w["kana"].text(), team=w["team"].code_or_text(),
                      role=w["role"].code(), branch_code=w["branch_code"].code() or None,
                      active=w["active"].isChecked(), by=self.dialog.staff_uid)
        return lambda data: data.masters.save_staff(**values)


class BranchEditor(_Editor):
    columns = ("code", "name", "is_head_office", "active")

    def column_label(self, name: str) -> str:
        return translate("MasterData", "Branch name") if name == "name" else field_label(name)

    def __init__(self, dialog: "MasterDataDialog"):
        super().__init__(dialog)
        self.add_field("code", QLineEdit(self))
        self.add_field("name", QLineEdit(self), translate("MasterData", "Branch name"))
        self.add_field("is_head_office", QCheckBox(translate("MasterData", "This is the head office"), self))
        self.add_field("active", QCheckBox(translate("MasterData", "Shown in choice lists"), self))
        self.inputs["code"].setPlaceholderText(translate("MasterData", "e.g. OSK (cannot be changed later)"))
        self.refresh()

    def refresh(self, select: str | None = None) -> None:
        branches = self.masters.branches(include_inactive=True)
        self._branches = {b.code: b for b in branches}
        self.fill([(b.code, [b.code, b.name, yes_no(b.is_head_office), yes_no(b.active)])
                   for b in branches], select)

    def load(self, key: str | None) -> None:
        branch = self._branches.get(key or "")
        w = self.inputs
        w["code"].setText(branch.code if branch else "")
        w["code"].setReadOnly(branch is not None)  # records carry the code: it never changes
        w["name"].setText(branch.name if branch else "")
        w["is_head_office"].setChecked(branch.is_head_office if branch else False)
        w["active"].setChecked(branch.active if branch else True)

    def problems(self) -> list[FieldError]:
        w = self.inputs
        found = []
        code = w["code"].text().strip()
        if not code:
            found.append(FieldError("code", E.REQUIRED))
        elif self.key is None and code in self._branches:
            found.append(FieldError("code", "taken", {"text": translate(
                "MasterData", "This code is already used by another branch.")}))
        if not w["name"].text().strip():
            found.append(FieldError("name", E.REQUIRED))
        return found

    def writer(self) -> Callable[[Services], str]:
        w = self.inputs
        code = self.key or w["code"].text().strip()
        values = dict(name=w["name"].text(), is_head_office=w["is_head_office"].isChecked(),
                      active=w["active"].isChecked(), by=self.dialog.staff_uid)

        def write(data: Services) -> str:
            data.masters.save_branch(code, **values)
            return code
        return write


class MasterDataDialog(QDialog):
    """Tabs 担当者 and 拠点. Only a manager may edit; anyone else sees why and nothing to change."""

    def __init__(self, ops: Operations, staff_uid: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid = ops, staff_uid
        self.masters = ops.read.masters
        me = self.masters.staff_member(staff_uid)
        self.can_edit = bool(me and me.active and me.is_manager)
        self.setWindowTitle(self.tr("Staff and branches"))
        self.banner = Banner(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        self.tabs = QTabWidget(self)
        self.tabs.hide()
        self.staff_editor = self.branch_editor = None
        if self.can_edit:
            self.staff_editor = StaffEditor(self)
            self.branch_editor = BranchEditor(self)
            self.tabs.addTab(self.staff_editor, self.tr("Staff"))
            self.tabs.addTab(self.branch_editor, self.tr("Branches"))
            layout.addWidget(self.tabs, 1)
            self.tabs.show()
            for keys in ("Ctrl+Return", "Ctrl+Enter"):
                QShortcut(QKeySequence(keys), self, self.save_current)
            fit_to_screen(self, QSize(960, 520))
        else:
            self.banner.show_message(self.tr("Only a manager can edit staff and branches."))
            layout.addStretch(1)
            fit_to_screen(self, QSize(420, 140))
        close = QPushButton(self.tr("Close"), self)
        without_enter_default(close)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def save_current(self) -> None:
        editor = self.tabs.currentWidget()
        if isinstance(editor, _Editor):
            editor.save()
