"""The KPI tab's 資格 page: each staff member's qualifications (obtained, lapses), their form, and who holds one today."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from agency_app.domain import trainings as T
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.ui.kit.date_fields import DateEdit, display_date
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.page_keys import action_buttons
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import Banner, ChoiceCombo, FieldBox, clear_field_errors, save_cancel_row
from agency_app.ui.kpi import training_texts as X
from agency_app.ui.kpi.record_table_page import UID_ROLE, RecordTablePage
from agency_app.ui.kpi.training_form import SavesOnce


class QualificationDialog(SavesOnce, QDialog):
    """Add or edit one qualification: Ctrl+Enter saves; a refusal keeps what was typed and says why at the field."""

    def __init__(self, ops, staff_uid: str, *, uid: str | None = None, holder: str | None = None, clock,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.clock = ops, staff_uid, uid, clock
        self._saving = False
        record = ops.read.trainings.qualification(uid) if uid else None
        self._version = record["version"] if record else None
        self.setWindowTitle(self.tr("Edit qualification") if uid else self.tr("New qualification"))
        self.banner = Banner(self)
        chosen = record["staff_id"] if record else holder   # someone who has left is named, not their id
        people = [s for s in ops.read.masters.staff(include_inactive=True) if s.active or s.uid == chosen]
        self.staff = ChoiceCombo(self)
        self.staff.set_choices([(s.uid, s.name) for s in people], allow_empty=True,
                               search={s.uid: s.kana for s in people})
        self.name = QLineEdit(self)
        self.obtained = DateEdit(self, clock=clock)
        self.expires = DateEdit(self, clock=clock)
        self.expires.setPlaceholderText(self.tr("empty: never lapses"))
        self.boxes = {"staff_id": FieldBox(self.staff, self), "name": FieldBox(self.name, self),
                      "obtained_on": FieldBox(self.obtained, self), "expires_on": FieldBox(self.expires, self)}
        form = QFormLayout()
        for name, text in (("staff_id", self.tr("&Staff member")), ("name", self.tr("&Qualification")),
                           ("obtained_on", self.tr("&Obtained on")), ("expires_on", self.tr("&Lapses on"))):
            label = QLabel(text, self)
            label.setBuddy(self.boxes[name].field)
            form.addRow(label, self.boxes[name])
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Cancel (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addLayout(buttons)
        if record:
            self.staff.set_code(record["staff_id"])
            self.name.setText(record["name"])
            self.obtained.set_stored(record["obtained_on"])
            self.expires.set_stored(record["expires_on"])
        elif holder:
            self.staff.set_code(holder)
        track_input_method(self)
        self._baseline = self._state()
        fit_to_screen(self, QSize(520, 280))
        (self.name if holder or record else self.staff).setFocus()

    def _state(self) -> tuple:
        return self.staff.code_or_text(), self.name.text(), self.obtained.text(), self.expires.text()

    def save(self) -> None:
        if self._saving:
            return
        commit_input_method(self)
        clear_field_errors(self.boxes, self.banner)
        entry = T.QualificationInput(self.staff.code_or_text(), self.name.text(), self.obtained.value(),
                                     self.expires.value())
        uid, by, now, version = self.uid, self.staff_uid, self.clock(), self._version

        def work(services):
            if uid:
                services.trainings.update_qualification(uid, entry, by, version, now)
                return uid
            return services.trainings.add_qualification(entry, by, now)
        self._saving = True
        self.ops.write(self, work).always(self._ended).success(self._written).failure(self._refused).run()

    def _problem_text(self, error: FieldError) -> str:
        return X.error_text(error)


class QualificationsPage(RecordTablePage):
    """Staff on the left (with how many valid qualifications each holds today), the chosen one's qualifications on
    the right; Ctrl+N adds, Enter edits, Delete removes (confirmed), Ctrl+Shift+H shows the history."""

    open_record = Signal(str, str)
    watched = ("qualifications", "staff")

    def __init__(self, ops, staff_uid: str, *, drafts=None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.records: list[dict] = []
        self._select_after: str | None = None
        self.summary = QLabel(self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people = QListWidget(self)
        self.people.currentItemChanged.connect(lambda _now, _before: self._show_holder())
        self.people.installEventFilter(self)
        self.table = self.record_table([self.tr("Qualification"), self.tr("Obtained on"), self.tr("Lapses on"),
                                        self.tr("Today")], stretch=0)
        self.actions_by_name, buttons = action_buttons(self, (
            ("new", self.tr("&New qualification"), "", self.new),
            ("edit", self.tr("&Edit"), "F2", self.edit),
            ("delete", self.tr("&Delete"), "", self.delete),  # Delete on the list only: see ListKeys
            ("history", self.tr("&History"), "Ctrl+Shift+H", self.show_history)))
        sides = QHBoxLayout()
        sides.addWidget(self.people, 1)
        sides.addWidget(self.table, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(sides, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.people)
        self.follow_changes(ops)
        self.refresh()

    # --- the contract of an inner page ------------------------------------------------------------------
    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid

    def refresh(self) -> None:
        today = self.clock().date()
        self.ops.query(self, lambda services: (services.masters.staff(include_inactive=True),
                                               services.trainings.qualifications(),
                                               services.trainings.holders_on(today)),
                       key=("qualifications", id(self))).success(self._show).run()

    def _show(self, got) -> None:
        staff, self.records, holders = got
        today = self.clock().date()
        active = [s for s in staff if s.active]
        self.summary.setText(self.tr("Holding at least one valid qualification today: {held} of {staff} staff").format(
            held=len(holders), staff=len(active)))
        holding = {q["staff_id"] for q in self.records}
        shown = [s for s in staff if s.active or s.uid in holding]
        chosen = self.current_holder()
        self.people.blockSignals(True)
        self.people.clear()
        for member in shown:
            valid = sum(1 for q in self.records if q["staff_id"] == member.uid and T.valid_on(q, today))
            text = self.tr("{name} ({count})").format(name=member.name, count=valid)
            if not member.active:
                text = self.tr("{name} (left)").format(name=text)
            item = QListWidgetItem(text)
            item.setData(UID_ROLE, member.uid)
            self.people.addItem(item)
        self.people.blockSignals(False)
        rows = [self.people.item(i).data(UID_ROLE) for i in range(self.people.count())]
        self.people.setCurrentRow(rows.index(chosen) if chosen in rows else (0 if rows else -1))
        self._show_holder()
        pending, self._select_after = self._select_after, None
        if pending:
            self._select(pending)

    def current_holder(self) -> str | None:
        item = self.people.currentItem()
        return item.data(UID_ROLE) if item else None

    def _show_holder(self) -> None:
        holder, today = self.current_holder(), self.clock().date()
        chosen = self.current_uid()
        self.table.setRowCount(0)
        for record in (q for q in self.records if q["staff_id"] == holder):
            row = self.table.rowCount()
            self.table.insertRow(row)
            state = self.tr("Valid") if T.valid_on(record, today) else self.tr("Not valid")
            for column, text in enumerate((record["name"], display_date(record["obtained_on"]),
                                           display_date(record["expires_on"]) or self.tr("—"), state)):
                item = QTableWidgetItem(text)
                item.setData(UID_ROLE, record["uid"])
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if not self.select(chosen) and self.table.rowCount():
            self.table.selectRow(0)

    def show_record(self, kind: str, uid: str) -> bool:
        """Show one qualification: its holder chosen, its row selected (once the list is in)."""
        try:
            self.ops.read.trainings.qualification(uid)
        except LookupError:
            return False
        if not self._select(uid):
            self._select_after = uid   # a qualification added since, or the page's first query still running
            self.refresh()
        return True

    def _select(self, uid: str) -> bool:
        record = next((q for q in self.records if q["uid"] == uid), None)
        if record is None:
            return False
        for i in range(self.people.count()):
            if self.people.item(i).data(UID_ROLE) == record["staff_id"]:
                self.people.setCurrentRow(i)
        self.table.setFocus()
        return self.select(uid)

    # --- keys: those of RecordTablePage, and the arrows between the people and their qualifications ------------
    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if watched is self.people and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right):
                self.table.setFocus()   # from the person to their qualifications
                return True
            if watched is self.table and event.key() == Qt.Key.Key_Left:
                self.people.setFocus()
                return True
        return super().eventFilter(watched, event)

    # --- actions ------------------------------------------------------------------------------------
    def _form(self, uid: str | None) -> QualificationDialog:
        return QualificationDialog(self.ops, self.staff_uid, uid=uid, holder=self.current_holder(), clock=self.clock,
                                   parent=self)

    def _saved(self, uid: str | None) -> None:
        self._select_after = uid   # shown once the refreshed list is in (a query may be still running)
        self.refresh()

    def delete(self) -> None:
        uid = self.current_uid()
        if not uid:
            return
        row = self.table.currentRow()
        if not self.confirm_removal(self.tr("Remove qualification"), self.tr("Remove {name} of {holder}?").format(
                name=self.table.item(row, 0).text(), holder=self.people.currentItem().text())):
            return
        by, now = self.staff_uid, self.clock()
        self.ops.write(self, lambda services: services.trainings.delete_qualification(uid, by, now)).run()

    def show_history(self) -> None:
        uid = self.current_uid()
        if not uid:
            return
        names = self.ops.read.staff_names()
        model = RecordHistoryModel(X.field_name, {"staff_id": lambda v: names.get(v, v)})
        model.set_entries(self.ops.read.trainings.qualification_history(uid), names)
        self.history_dialog = HistoryDialog(self.tr("History"), self.table.item(self.table.currentRow(), 0).text(),
                                            model, self)
        self.history_dialog.open()
