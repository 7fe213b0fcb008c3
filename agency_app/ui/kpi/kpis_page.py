"""KPIの設定 (issue 11 point 1, 7): the KPIs of a fiscal year by principle; a manager defines, copies a year, finalises and unfreezes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHeaderView, QLabel, QMenu, QMessageBox, QPushButton, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.domain.kpi_periods import period_from_key
from agency_app.reports import kpi_report
from agency_app.domain.periods import Period, fiscal_year_of, now_tokyo
from agency_app.storage.services import Services
from agency_app.ui.kit.flow_layout import FlowLayout
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.messages import field_label, known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.page_keys import ListKeys
from agency_app.ui.kit.record_actions import RECORD_KEYS
from agency_app.ui.kit.widgets import Banner
from agency_app.ui.kpi import kpi_form_texts as texts
from agency_app.ui.kpi.finalise_dialog import FinaliseDialog, UnfreezeDialog
from agency_app.ui.kpi.kpi_form import KpiFormDialog

COLUMNS = ("number", "title", "target", "period", "source", "places", "state")
UID_ROLE = Qt.ItemDataRole.UserRole

HISTORY_KEYS = QKeySequence(RECORD_KEYS["history"])   # taken from the window's history key on this page
PERIOD_KINDS_JA = {"year": "年度", "half": "半期", "quarter": "四半期"}   # a stored period_kind


def frozen_values(services: Services, period: Period, today: date) -> Mapping[tuple[str, str, int], Decimal | None]:
    """What finalising stores for each result inside `period`: the board's figures as they read today."""
    return kpi_report.frozen_values(services, period, today=today)


class KpisPage(ListKeys, FollowsChanges, QWidget):
    """The inner page "kpis" of the KPI tab (its contract is kpi_page.INNER_PAGES')."""

    open_record = Signal(str, str)
    watched = ("kpis", "kpi_results", "kpi_finalisations", "staff", "survey_types")
    values_for = staticmethod(frozen_values)   # tests pass their own figures

    def __init__(self, ops: Operations, staff_uid: str, *, drafts=None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.is_manager = False
        self.rows: list[dict] = []
        self.finals: list[Period] = []
        self.survey_types: list[tuple[str, str]] = []
        self.dialog: QWidget | None = None   # the dialog last opened (tests look at it)
        self._shown_year: int | None = None
        self._build()
        self.follow_changes(ops)
        self.refresh()

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.year_box = QComboBox(self)
        # Its years come in after the page is first shown: sized by them, not by the empty box ("2026年|").
        self.year_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        year_label = QLabel(self.tr("Fiscal &year"), self)
        year_label.setBuddy(self.year_box)
        self.new_button = QPushButton(self.tr("&New KPI (Ctrl+N)"), self)
        self.edit_button = QPushButton(self.tr("&Edit (Enter)"), self)
        self.delete_button = QPushButton(self.tr("&Delete"), self)
        self.history_button = QPushButton(self.tr("&History (Ctrl+Shift+H)"), self)
        self.copy_button = QPushButton(self.tr("&Copy from previous year"), self)
        self.finalise_button = QPushButton(self.tr("Finali&se period…"), self)
        self.unfreeze_button = QPushButton(self.tr("&Unfreeze…"), self)
        bar = FlowLayout()
        for widget in (year_label, self.year_box, self.new_button, self.edit_button, self.delete_button,
                       self.history_button, self.copy_button, self.finalise_button, self.unfreeze_button):
            bar.addWidget(widget)
        self.read_only_note = QLabel(self.tr("Only a manager can define KPIs and finalise periods; "
                                             "the list is shown read-only."), self)
        self.read_only_note.hide()
        self.final_label = QLabel(self)
        self.final_label.setWordWrap(True)
        self.banner = Banner(self)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels([self.tr("No."), self.tr("Title"), self.tr("Target"), self.tr("Period"),
                                   self.tr("Source"), self.tr("Precision"), self.tr("State")])
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        for column, key in enumerate(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if key == "title"
                                        else QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.read_only_note)
        layout.addWidget(self.banner)
        layout.addWidget(self.final_label)
        layout.addWidget(self.tree, 1)

        self.actions_by_name = {name: QAction(text, self) for name, text in (
            ("new", self.tr("New KPI")), ("edit", self.tr("Edit")), ("delete", self.tr("Delete")),
            ("history", self.tr("History")), ("copy", self.tr("Copy from previous year")),
            ("finalise", self.tr("Finalise period…")), ("unfreeze", self.tr("Unfreeze…")))}
        handlers = {"new": self.new_kpi, "edit": self.edit_kpi, "delete": self.delete_kpi,
                    "history": self.show_history, "copy": self.copy_previous_year,
                    "finalise": self.open_finalise, "unfreeze": self.open_unfreeze}
        buttons = {"new": self.new_button, "edit": self.edit_button, "delete": self.delete_button,
                   "history": self.history_button, "copy": self.copy_button, "finalise": self.finalise_button,
                   "unfreeze": self.unfreeze_button}
        for name, action in self.actions_by_name.items():
            action.triggered.connect(lambda _checked=False, h=handlers[name]: h())
            buttons[name].clicked.connect(lambda _checked=False, h=handlers[name]: h())
        self.buttons = buttons
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.edit_kpi())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.tree.installEventFilter(self)
        self.year_box.currentIndexChanged.connect(lambda _i: self._year_chosen())
        self.setFocusProxy(self.tree)

    # --- the page contract ------------------------------------------------------
    def fiscal_year(self) -> int:
        year = self.year_box.currentData()
        return year if year is not None else fiscal_year_of(self.clock().date())

    def refresh(self, *, select_uid: str | None = None) -> None:
        """Read the years, the chosen year's KPIs, its finalised periods, the survey types and the staff's role."""
        wanted = self._shown_year if self._shown_year is not None else fiscal_year_of(self.clock().date())
        keep = select_uid or self.current_uid()
        staff_uid = self.staff_uid

        def read(s: Services) -> dict:
            member = s.masters.staff_member(staff_uid)
            return {"years": s.kpis.years(), "rows": s.kpis.list(wanted), "finals": s.kpis.finalisations(wanted),
                    "surveys": s.kpis.survey_types(), "manager": bool(member and member.is_manager)}
        self.ops.query(self, read, key=("kpis-page", id(self))) \
            .success(lambda data: self._show(wanted, data, keep)) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def _show(self, year: int, data: dict, keep: str | None) -> None:
        self.is_manager = data["manager"]
        self.survey_types = data["surveys"]
        this_year = fiscal_year_of(self.clock().date())
        years = sorted(set(data["years"]) | {this_year, this_year + 1, year})
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for fy in years:
            self.year_box.addItem(f"{fy}年度", fy)
        self.year_box.setCurrentIndex(self.year_box.findData(year))
        self.year_box.blockSignals(False)
        self._shown_year = year
        self.rows = data["rows"]
        self.finals = [period_from_key(year, f["period_kind"], f["period_number"]) for f in data["finals"]
                       if f["status"] == "final"]
        self._fill_tree(keep)
        self._say_finals(data["finals"])
        self.read_only_note.setVisible(not self.is_manager)
        self._enable()

    def _fill_tree(self, keep: str | None) -> None:
        self.tree.clear()
        names = dict(self.survey_types)
        bold = QFont(self.tree.font())
        bold.setBold(True)
        group, selected = None, None
        for number, row in enumerate(self.rows, start=1):
            if group is None or group.data(0, UID_ROLE + 1) != row["principle"]:
                group = QTreeWidgetItem(self.tree, [texts.principle_heading(row["principle"])])
                group.setData(0, UID_ROLE + 1, row["principle"])
                group.setFirstColumnSpanned(True)
                group.setFont(0, bold)
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setExpanded(True)
            item = QTreeWidgetItem(group, [
                str(number), row["title"], texts.row_target_text(row), texts.period_label(row["period"]),
                texts.source_text(row, names), texts.places_text(row["places"]),
                self.tr("Finalised") if row["frozen"] else ""])
            item.setData(0, UID_ROLE, row["uid"])
            if row["description"]:
                item.setToolTip(1, row["description"])
            if selected is None or row["uid"] == keep:
                selected = item
        self.tree.expandAll()
        if selected is not None:
            self.tree.setCurrentItem(selected)
        if not self.rows:
            item = QTreeWidgetItem(self.tree, [self.tr("No KPIs for this year yet.")])
            item.setFirstColumnSpanned(True)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    def _say_finals(self, finals: list[dict]) -> None:
        parts = []
        for row in finals:
            period = period_from_key(row["fiscal_year"], row["period_kind"], row["period_number"])
            if row["status"] == "final":
                parts.append(self.tr("{period} finalised on {day} by {name}").format(
                    period=period.label_ja(), day=row["finalised_at"][:10].replace("-", "/"),
                    name=row["finalised_by_name"] or ""))
            else:
                parts.append(self.tr("{period} unfrozen ({reason})").format(period=period.label_ja(),
                                                                            reason=row["reopen_note"] or ""))
        self.final_label.setText("　".join(parts))
        self.final_label.setVisible(bool(parts))

    def _enable(self) -> None:
        chosen = self.current_uid() is not None
        can = {"new": self.is_manager, "edit": self.is_manager and chosen, "delete": self.is_manager and chosen,
               "history": chosen, "copy": self.is_manager, "finalise": self.is_manager,
               "unfreeze": self.is_manager and bool(self.finals)}
        for name, on in can.items():
            self.buttons[name].setEnabled(on)
            self.actions_by_name[name].setEnabled(on)

    def _year_chosen(self) -> None:
        self._shown_year = self.year_box.currentData()
        self.banner.clear_message()
        self.refresh()

    def current_uid(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, UID_ROLE) if item is not None else None

    def current_row(self) -> dict | None:
        uid = self.current_uid()
        return next((row for row in self.rows if row["uid"] == uid), None)

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid
        self.refresh()

    def show_record(self, kind: str, uid: str) -> bool:
        """A KPI: shown in its year and selected."""
        if kind != "kpi":
            return False
        self.ops.query(self, lambda s: s.kpis.get(uid)["fiscal_year"]) \
            .success(lambda year: self._show_year_of(year, uid)) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()
        return True

    def _show_year_of(self, year: int, uid: str) -> None:
        self._shown_year = year
        self.refresh(select_uid=uid)

    # --- keys (ListKeys): Ctrl+N and Ctrl+Shift+H work here, not the window's; Enter edits, Delete removes ----
    def claimed_keys(self):
        return ((self.NEW_KEYS, self.new_kpi), (HISTORY_KEYS, self.show_history))

    def key_list(self) -> QWidget:
        return self.tree

    def edit_from_keys(self) -> None:
        self.edit_kpi()

    def delete_from_keys(self) -> None:
        self.delete_kpi()

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        for name in ("new", "edit", "delete", "history", None, "copy", "finalise", "unfreeze"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions_by_name[name])
        menu.popup(self.tree.viewport().mapToGlobal(point))
        self.dialog = menu

    # --- acting -----------------------------------------------------------------
    def _manager_only(self) -> bool:
        """False (and says why) when the signed-in staff member is not a manager."""
        if not self.is_manager:
            self.banner.show_message(self.tr("Only a manager can define KPIs and finalise periods."))
        return self.is_manager

    def _open(self, dialog: QWidget) -> QWidget:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def new_kpi(self) -> KpiFormDialog | None:
        if not self._manager_only():
            return None
        form = KpiFormDialog(self.ops, self.staff_uid, self.fiscal_year(), survey_types=self.survey_types,
                             parent=self)
        form.saved.connect(lambda uid: self.refresh(select_uid=uid))
        return self._open(form)

    def edit_kpi(self) -> KpiFormDialog | None:
        row = self.current_row()
        if row is None or not self._manager_only():
            return None
        form = KpiFormDialog(self.ops, self.staff_uid, row["fiscal_year"], row, survey_types=self.survey_types,
                             parent=self)
        form.saved.connect(lambda uid: self.refresh(select_uid=uid))
        return self._open(form)

    def delete_kpi(self) -> QMessageBox | None:
        row = self.current_row()
        if row is None or not self._manager_only():
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete KPI"),
                          self.tr("Delete the KPI 「{title}」 and its typed results? The history keeps them.")
                          .format(title=row["title"]), QMessageBox.StandardButton.NoButton, self)
        self.delete_confirm = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)   # Enter keeps it: deleting takes a deliberate choice
        box.setEscapeButton(back)
        uid, by = row["uid"], self.staff_uid
        box.buttonClicked.connect(lambda button: self._delete(uid, by) if button is self.delete_confirm else None)
        return self._open(box)

    def _delete(self, uid: str, by: str) -> None:
        self.ops.write(self, lambda s: s.kpis.delete(uid, by)) \
            .success(lambda _r: self.refresh()) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def show_history(self) -> HistoryDialog | None:
        row = self.current_row()
        if row is None:
            return None
        uid, title = row["uid"], row["title"]
        statuses = {"final": self.tr("Finalised"), "open": self.tr("Unfrozen")}
        model = RecordHistoryModel(field_label, {"source": lambda code: texts.source_text(
            {"source": code, "source_param": None}, dict(self.survey_types)), "period": texts.period_label,
            # its results' and the year's finalisations' rows: words, not the codes and ids they are stored as
            "kpi_id": lambda kpi_uid: title if kpi_uid == uid else kpi_uid,
            "period_kind": lambda kind: PERIOD_KINDS_JA.get(kind, kind),
            "status": lambda code: statuses.get(code, code),
            "direction": lambda code: dict(texts.direction_choices()).get(code, code)})
        dialog = HistoryDialog(self.tr("KPI history"), row["title"], model, self)
        self.ops.query(self, lambda s: (s.kpis.history(uid), s.staff_names())) \
            .success(lambda found: model.set_entries(*found)) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()
        return self._open(dialog)

    def copy_previous_year(self) -> None:
        if not self._manager_only():
            return
        to_fy, by = self.fiscal_year(), self.staff_uid

        def copy(s: Services) -> tuple[int, int]:
            return s.kpis.copy_year(to_fy - 1, to_fy, by), len(s.kpis.list(to_fy - 1))
        self.ops.write(self, copy).success(lambda counts: self._copied(to_fy, *counts)) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def _copied(self, year: int, copied: int, there: int) -> None:
        if there == 0:
            self.banner.show_message(self.tr("{year} has no KPIs to copy.").format(year=f"{year - 1}年度"), "info")
            return
        text = self.tr("Copied {copied} KPIs from {year}.").format(copied=copied, year=f"{year - 1}年度")
        if there > copied:
            text += " " + self.tr("{skipped} were here already (same title) and were left as they are.").format(
                skipped=there - copied)
        self.banner.show_message(text, "info")
        self.refresh()

    def open_finalise(self) -> FinaliseDialog | None:
        if not self._manager_only():
            return None
        return self._open(FinaliseDialog(self.fiscal_year(), self.finals, self.clock().date(), self._finalise,
                                         parent=self))

    def _finalise(self, period: Period, done, refused) -> None:
        by, today, values_for = self.staff_uid, self.clock().date(), self.values_for
        self.ops.write(self, lambda s: s.kpis.finalise(period, values_for(s, period, today), by, today)) \
            .success(lambda count: (done(count), self._finalised(period, count))).failure(refused).run()

    def _finalised(self, period: Period, count: int) -> None:
        self.banner.show_message(self.tr("Finalised {period}: {count} results frozen.").format(
            period=period.label_ja(), count=count), "info")
        self.refresh()

    def open_unfreeze(self) -> UnfreezeDialog | None:
        if not self._manager_only():
            return None
        return self._open(UnfreezeDialog(self.finals, self._unfreeze, parent=self))

    def _unfreeze(self, period: Period, reason: str, done, refused) -> None:
        by = self.staff_uid
        self.ops.write(self, lambda s: s.kpis.unfreeze(period, reason, by)) \
            .success(lambda _count: (done(), self._unfrozen(period))).failure(refused).run()

    def _unfrozen(self, period: Period) -> None:
        self.banner.show_message(self.tr("Unfroze {period}; the reason is in the history.").format(
            period=period.label_ja()), "info")
        self.refresh()
