"""The KPI tab's 会議・研修 page: the meetings and trainings of a fiscal year or half, their figures, and their form."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from agency_app.domain import periods
from agency_app.domain import trainings as T
from agency_app.domain.periods import Period, fiscal_year_of, now_tokyo
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.page_keys import action_buttons
from agency_app.ui.kit.period_choice import part_label
from agency_app.ui.kpi import training_texts as X
from agency_app.ui.kpi.record_table_page import UID_ROLE, RecordTablePage
from agency_app.ui.kpi.training_form import TrainingDialog

YEARS_BACK = 5  # the year chooser offers this year and the five before it (and any year a record shows)
PARTS = ((periods.YEAR, 0), (periods.HALF, 1), (periods.HALF, 2))


class TrainingsPage(RecordTablePage):
    """The meetings of the chosen period (newest first) with a kind filter; Ctrl+N new, Enter edit, Delete remove,
    Ctrl+Shift+H history — also in the buttons and the list's context menu."""

    open_record = Signal(str, str)
    watched = ("trainings", "training_participants", "roleplay_results", "staff")

    def __init__(self, ops, staff_uid: str, *, drafts=None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self._select_after: str | None = None
        this_year = fiscal_year_of(clock().date())
        self.year = QComboBox(self)
        for year in range(this_year, this_year - YEARS_BACK - 1, -1):
            self.year.addItem(self.tr("FY{year}").format(year=year), year)
        self.part = QComboBox(self)
        for index, (kind, number) in enumerate(PARTS):
            self.part.addItem(part_label(kind, number), index)
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All kinds"), None)
        for kind in T.KINDS:
            self.kind.addItem(X.kind_label(kind), kind)
        self.branch = BranchChoice(self, active_branches(ops))  # head office: one office's meetings, or all
        for combo in (self.year, self.part, self.kind, self.branch.combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.table = self.record_table([self.tr("Date"), self.tr("Kind"), self.tr("Theme"), self.tr("Participants"),
                                        self.tr("Passed")], stretch=2)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.figures.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.actions_by_name, buttons = action_buttons(self, (
            ("new", self.tr("&New meeting"), "", self.new),
            ("edit", self.tr("&Edit"), "F2", self.edit),
            ("delete", self.tr("&Delete"), "", self.delete),  # Delete on the list only: see ListKeys
            ("history", self.tr("&History"), "Ctrl+Shift+H", self.show_history)))
        chooser = QHBoxLayout()
        for label_text, combo in ((self.tr("&Year"), self.year), (self.tr("&Period"), self.part),
                                  (self.tr("&Kind"), self.kind)):
            label = QLabel(label_text, self)
            label.setBuddy(combo)
            chooser.addWidget(label)
            chooser.addWidget(combo)
        chooser.addWidget(self.branch.box)
        chooser.addStretch(1)
        QWidget.setTabOrder(self.kind, self.branch.combo)
        layout = QVBoxLayout(self)
        layout.addLayout(chooser)
        layout.addWidget(self.figures)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.follow_changes(ops)
        self.refresh()

    # --- the contract of an inner page ------------------------------------------------------------------
    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid

    def period(self) -> Period:
        kind, number = PARTS[self.part.currentData()]
        return Period(self.year.currentData(), kind, number)

    def refresh(self) -> None:
        period, kind, branch = self.period(), self.kind.currentData(), self.branch.code()
        self.ops.query(self, lambda services: (services.trainings.list(period.start, period.end, kind, branch),
                                               services.trainings.figures(period.start, period.end, branch)),
                       key=("trainings", id(self))).success(self._show).run()

    def _show(self, got) -> None:
        rows, (held, figures) = got
        chosen = self.current_uid()
        self.table.setRowCount(0)
        for record in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            passed = (f"{record['passed']}/{record['people']}" if record["kind"] == T.KIND_ROLEPLAY else "")
            for column, text in enumerate((display_date(record["held_on"]), X.kind_label(record["kind"]),
                                           record["theme"], str(record["people"]), passed)):
                item = QTableWidgetItem(text)
                item.setData(UID_ROLE, record["uid"])
                self.table.setItem(row, column, item)
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(1)
        self.figures.setText(self.figures_text(held, figures))
        wanted, self._select_after = self._select_after or chosen, None
        if not self.select(wanted) and self.table.rowCount():
            self.table.selectRow(0)

    def figures_text(self, held: dict[str, int], figures: T.RolePlayFigures) -> str:
        separator = self.tr(", ")
        kinds = separator.join(self.tr("{kind} {count}").format(kind=X.kind_label(k), count=held[k]) for k in T.KINDS)
        plays = self.tr("Role-plays: {took} took part, {first} passed at once, {retested} re-tested, "
                        "{passed} passed in the end").format(took=figures.took_part, first=figures.passed_first,
                                                             retested=figures.retested, passed=figures.passed)
        return self.tr("Held: {kinds}").format(kinds=kinds) + "\n" + plays

    def show_record(self, kind: str, uid: str) -> bool:
        """Show one meeting: its year and the whole year chosen, every kind, the row selected."""
        try:
            record = self.ops.read.trainings.get(uid)
        except LookupError:
            return False
        year = fiscal_year_of(date.fromisoformat(record["held_on"]))
        if self.year.findData(year) < 0:
            self.year.addItem(self.tr("FY{year}").format(year=year), year)
        for combo, value in ((self.year, year), (self.part, 0), (self.kind, None)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        if self.branch.code() not in (None, record["branch_code"]):
            self.branch.clear()  # another office's meeting: shown among every office's
        self._select_after = uid   # selected once the year's rows are in (the query may still be running)
        self.refresh()
        self.table.setFocus()
        return True

    # --- actions ------------------------------------------------------------------------------------
    def _form(self, uid: str | None) -> TrainingDialog:
        return TrainingDialog(self.ops, self.staff_uid, uid=uid, clock=self.clock, parent=self)

    def _saved(self, uid: str | None) -> None:
        # A meeting saved outside the period or kind shown (March's, entered in April) is shown with its year:
        # an unchanged list would read as if nothing were saved and invite a second entry.
        try:
            record = self.ops.read.trainings.get(uid) if uid else None
        except LookupError:
            record = None
        period, kind = self.period(), self.kind.currentData()
        if record and not (period.start <= date.fromisoformat(record["held_on"]) <= period.end
                           and kind in (None, record["kind"])):
            self.show_record("training", uid)
            return
        self._select_after = uid
        self.refresh()

    def delete(self) -> None:
        uid = self.current_uid()
        if not uid:
            return
        row = self.table.currentRow()
        if not self.confirm_removal(self.tr("Remove meeting"),
                                    self.tr("Remove {day} {theme} with its participants and results?").format(
                                        day=self.table.item(row, 0).text(), theme=self.table.item(row, 2).text())):
            return
        by, now = self.staff_uid, self.clock()
        self.ops.write(self, lambda services: services.trainings.delete(uid, by, now)).run()

    def show_history(self) -> None:
        uid = self.current_uid()
        if not uid:
            return
        names = self.ops.read.staff_names()
        entries = self.ops.read.trainings.history(uid)
        values = {"kind": X.kind_label, "participants": lambda v: names.get(v, v)}
        model = _TrainingHistoryModel(lambda field: X.field_name(field, names), values)
        model.set_entries(entries, names)
        row = self.table.currentRow()
        self.history_dialog = HistoryDialog(self.tr("History"), f"{self.table.item(row, 0).text()} "
                                            f"{self.table.item(row, 2).text()}", model, self)
        self.history_dialog.open()


class _TrainingHistoryModel(RecordHistoryModel):
    """A role-play result's outcome changed reads 合格 / 再テスト, never the stored code."""

    def value_text(self, field: str, value: str | None) -> str:
        if value and field.startswith("result:") and field.endswith(":outcome"):
            return X.outcome_label(value)
        return super().value_text(field, value)
