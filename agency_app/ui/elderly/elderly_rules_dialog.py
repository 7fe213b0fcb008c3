"""The elderly-sale rules (R16–R17): ages per product group, the stricter band, the order of measures — a manager saves a new version."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
    QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.elderly import DEFAULT_RULES, DEFAULT_STRICT_AGE, THRESHOLD_RANGE, ElderlyRules
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo, to_tokyo
from agency_app.storage.elderly_rules import NotManager, RulesVersion
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.elderly.elderly_texts import field_label, measure_label, texted
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.date_fields import DateEdit
from agency_app.ui.kit.widgets import (
    Banner, FieldBox, clear_field_errors, confirm_discard, show_field_errors, without_enter_default,
)

CODE_ROLE = Qt.ItemDataRole.UserRole


class ElderlyRulesDialog(QDialog):
    """Shows the current version; a manager's save adds version N+1 (records already made keep theirs)."""

    saved = Signal(int)

    def __init__(self, ops: Operations, staff_uid: str, *, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.rules_store = ops.read.elderly_rules  # reading; saving goes through ops.write
        self._saving = False
        member = ops.read.masters.staff_member(staff_uid)
        self.can_edit = member is not None and member.is_manager
        self.versions = self._versions()
        self.version, self.rules = self.versions[0].version, self.versions[0].rules
        self._build()
        self._baseline = self._state()

    def _versions(self) -> list[RulesVersion]:
        """Every version, newest first, read beside the writer (never written here). Before any is stored,
        version 1 is the defaults from today: what the first save stores before the manager's version."""
        versions = self.rules_store.versions()
        if not versions:
            versions = [RulesVersion(1, DEFAULT_RULES, to_tokyo(self.clock()).date(), "", None, None)]
        return versions

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Rules for elderly customers"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.banner = Banner(self)
        current = self.versions[0]
        intro = QLabel(self.tr("Current rules: version {version}, effective from {date}.").format(
            version=self.version, date=current.effective_from.strftime("%Y/%m/%d")), self)
        keep = QLabel(self.tr("Saving makes a new version. Records already made keep the rules of their own "
                              "version; new records use the new one."), self)
        keep.setWordWrap(True)
        self.inputs: dict[str, QWidget] = {}
        low, high = THRESHOLD_RANGE
        for group in codes.PRODUCT_GROUPS:
            spin = self.inputs[f"threshold_{group}"] = QSpinBox(self)
            spin.setRange(low, high)
            spin.setSuffix(self.tr(" or older"))
            spin.setValue(self.rules.thresholds.get(group, 70))
            spin.setMaximumWidth(spin.fontMetrics().horizontalAdvance("100 or older") + 60)
            spin.setAccessibleName(field_label(f"threshold_{group}"))
        self.strict_on = QCheckBox(self.tr("Use a stricter band (a phone check on top of the measure)"), self)
        self.strict_on.setChecked(self.rules.strict_age is not None)
        strict = self.inputs["strict_age"] = QSpinBox(self)
        strict.setRange(low, high)
        strict.setSuffix(self.tr(" or older"))
        strict.setValue(self.rules.strict_age or DEFAULT_STRICT_AGE)
        strict.setMaximumWidth(strict.fontMetrics().horizontalAdvance("100 or older") + 60)
        self.order = self.inputs["preference"] = QListWidget(self)
        for code in self.rules.preference:
            item = QListWidgetItem(measure_label(code))
            item.setData(CODE_ROLE, code)
            self.order.addItem(item)
        self.order.setCurrentRow(0)
        self.order.setFixedHeight(self.order.sizeHintForRow(0) * 3 + 2 * self.order.frameWidth() + 4)
        self.up_button = QPushButton(self.tr("Up (Alt+Up)"), self)
        self.down_button = QPushButton(self.tr("Down (Alt+Down)"), self)
        effective = self.inputs["effective_from"] = DateEdit(self, clock=self.clock)
        effective.setText(to_tokyo(self.clock()).date().strftime("%Y/%m/%d"))
        self.boxes = {name: FieldBox(widget, self) for name, widget in self.inputs.items()}

        form = QFormLayout()
        for group in codes.PRODUCT_GROUPS:
            form.addRow(field_label(f"threshold_{group}"), self.boxes[f"threshold_{group}"])
        form.addRow("", self.strict_on)
        form.addRow(field_label("strict_age"), self.boxes["strict_age"])
        moves = QVBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        order_row = QHBoxLayout()
        order_row.addWidget(self.boxes["preference"], 1, Qt.AlignmentFlag.AlignTop)
        order_row.addLayout(moves)
        form.addRow(field_label("preference"), order_row)
        form.addRow(field_label("effective_from"), self.boxes["effective_from"])

        self.history = QLabel(self._history_text(), self)
        self.history.setWordWrap(True)
        self.read_only_note = QLabel(self.tr("Only a manager can change these rules."), self)
        self.save_button = QPushButton(self.tr("Save as new version (Ctrl+Enter)"), self)
        self.cancel_button = QPushButton(self.tr("Close (Esc)"), self)
        without_enter_default(self.save_button, self.cancel_button, self.up_button, self.down_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_note, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        for widget in (self.banner, intro, keep):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.history)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self.strict_on.toggled.connect(strict.setEnabled)
        strict.setEnabled(self.strict_on.isChecked())
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move(1))
        self.read_only_note.setVisible(not self.can_edit)
        self.save_button.setVisible(self.can_edit)
        if not self.can_edit:
            for widget in (*self.inputs.values(), self.strict_on, self.up_button, self.down_button):
                widget.setEnabled(False)
            self.order.setEnabled(True)  # still readable and scrollable; moving is off
        fit_to_screen(self, QSize(580, 480))

    def _history_text(self) -> str:
        lines = [self.tr("Versions:")]
        for v in self.versions:
            order = " → ".join(measure_label(m) for m in v.rules.preference)
            lines.append(self.tr("Version {version} (from {date}, by {who}): {order}").format(
                version=v.version, date=v.effective_from.strftime("%Y/%m/%d"),
                who=v.created_by_name or self.tr("initial settings"), order=order))
        return "\n".join(lines)

    def move(self, step: int) -> None:
        """Move the selected measure up (-1) or down (+1) in the order of preference."""
        if not self.can_edit:
            return
        row = self.order.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.order.count():
            return
        item = self.order.takeItem(row)
        self.order.insertItem(target, item)
        self.order.setCurrentRow(target)

    def preference(self) -> tuple[str, ...]:
        return tuple(self.order.item(i).data(CODE_ROLE) for i in range(self.order.count()))

    def rules_entered(self) -> ElderlyRules:
        thresholds = {g: self.inputs[f"threshold_{g}"].value() for g in codes.PRODUCT_GROUPS}
        strict = self.inputs["strict_age"].value() if self.strict_on.isChecked() else None
        return ElderlyRules(thresholds=thresholds, strict_age=strict, preference=self.preference())

    def _state(self) -> tuple:
        return (self.rules_entered(), self.inputs["effective_from"].text())

    def is_dirty(self) -> bool:
        return self._state() != self._baseline

    def save(self) -> None:
        """Write a new rules version through the operations; refused, the dialog stays with what was typed."""
        if not self.can_edit or self._saving:
            return
        clear_field_errors(self.boxes, self.banner)
        reading = self.inputs["effective_from"].reading()
        if not reading.ok:  # its reason (month 13, 2/30…) rather than only "enter a date"
            self._not_saved(ValidationFailed([FieldError("effective_from", E.BAD_DATE if reading.unfinished
                                                         else reading.code, reading.params)]))
            return
        effective = reading.value
        rules, by, now = self.rules_entered(), self.staff_uid, to_tokyo(self.clock())
        self._saving = True
        self.ops.write(self, lambda data: data.elderly_rules.save_new_version(
            rules, by=by, effective_from=effective, now=now)).success(self._saved).failure(self._not_saved).run()

    def _saved(self, version: int) -> None:
        self._saving = False
        self._baseline = self._state()
        self.saved.emit(version)
        self.accept()

    def _not_saved(self, error: Exception) -> None:
        self._saving = False
        if isinstance(error, ValidationFailed):
            show_field_errors(texted(error.errors), self.boxes, self.banner,
                              self.tr("Nothing was saved. Please correct the marked fields."))
        elif isinstance(error, NotManager):
            self.banner.show_message(self.tr("Only a manager can change these rules."))
        else:
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        if self.can_edit and self.is_dirty() and not confirm_discard(self):
            return
        super().reject()
