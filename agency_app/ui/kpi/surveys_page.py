"""The KPI tab's アンケート page (R25): the entry row for a stack of sheets, the period's answers with NPS and satisfaction."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QMenu, QMessageBox, QPushButton, QTableView,
    QVBoxLayout, QWidget,
)

from agency_app.domain import periods
from agency_app.domain.periods import Period, fiscal_year_of, now_tokyo
from agency_app.domain.surveys import SurveyType
from agency_app.storage.changes import Changes
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.kit.dict_rows_model import DictRowsModel
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.messages import record_gone_text
from agency_app.ui.kit.page_keys import ListKeys
from agency_app.ui.kit.period_choice import PERIOD_PARTS, part_label
from agency_app.ui.kit.record_actions import RECORD_KEYS
from agency_app.ui.kit.widgets import Banner
from agency_app.ui.kpi import survey_texts
from agency_app.ui.kpi.survey_entry import SurveyEntry

COLUMNS = ("answered_on", "survey_type", "product_line", "recommendation", "satisfaction_grade", "comment", "voice")
PARTS = PERIOD_PARTS[:3]   # 年度, 上期, 下期: the halves the KPIs are reported by
YEARS_BACK = 4             # fiscal years offered before the current one (and any year answers were entered for)

translate = QCoreApplication.translate  # lupdate finds translate("Context", "literal")


def confirm_delete(parent: QWidget, text: str) -> bool:
    """Ask before an answer is removed; the safe answer (keep it) is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("SurveysPage", "Remove answer?"), text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class AnswerTableModel(DictRowsModel):
    """The period's answers (hundreds a year: all loaded at once), newest first."""

    columns = COLUMNS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.types: dict[str, SurveyType] = {}
        self.headers = {"answered_on": self.tr("Date"), "survey_type": self.tr("Survey"),
                        "product_line": self.tr("Product"), "recommendation": self.tr("Score"),
                        "satisfaction_grade": self.tr("Grade"), "comment": self.tr("Comment"),
                        "voice": self.tr("Voice")}

    def set_rows(self, rows: list[dict], types: dict[str, SurveyType]) -> None:
        self.types = types
        self.reset_rows(rows)

    def text(self, row: dict, key: str) -> str:
        if key == "answered_on":
            return display_date(row["answered_on"])
        if key == "survey_type":
            return row["type_name"]
        if key == "product_line":
            return labels.product_line_label(row["product_line"]) if row["product_line"] else ""
        if key == "recommendation":
            return "" if row["recommendation"] is None else str(row["recommendation"])
        if key == "satisfaction_grade":
            return survey_texts.grade_text(self.types.get(row["survey_type"]), row["satisfaction_grade"])
        if key == "comment":
            return " ".join(row["comment"].split())
        if row["voice_id"]:
            return self.tr("Voice: {summary}").format(summary=row["voice_summary"] or "")
        return ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        found = self.cell(index)
        if found is None:
            return None
        row, key = found
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole and key in ("comment", "voice"):
            return self.text(row, key) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("recommendation", "answered_on"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


class SurveysPage(ListKeys, FollowsChanges, QWidget):
    """Inner page of the KPI tab: the entry row on top, then the chosen period's answers (Enter edits one in the
    entry row, Delete removes it, Ctrl+Shift+V makes its comment a voice or opens that voice, Ctrl+Shift+H shows
    its history), their count, NPS and satisfaction above the list. Managers edit the survey types."""

    open_record = Signal(str, str)
    watched = ("survey_answers", "survey_types", "voices")

    def __init__(self, ops, staff_uid: str, *, drafts=None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.dialog = None  # the dialog last opened (tests look at it)
        self._keep: str | None = None

        self.entry = SurveyEntry(ops, staff_uid, drafts=drafts, clock=clock, parent=self)
        self.entry.saved.connect(lambda uid: self.refresh(select_uid=uid))

        self.year = QComboBox(self)
        self.part = QComboBox(self)
        for kind, number in PARTS:
            self.part.addItem(part_label(kind, number), (kind, number))
        self.type_filter = QComboBox(self)
        self.types_button = QPushButton(self.tr("Survey &types…"), self)
        self.summary = QLabel(self)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setWordWrap(True)
        self.banner = Banner(self)
        self.model = AnswerTableModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column, key in enumerate(COLUMNS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if key == "comment"
                                        else QHeaderView.ResizeMode.ResizeToContents)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)

        # The list's actions: keys work in the list part of the page (never in the entry row, where Delete
        # deletes a character), each also a button with its mnemonic and in the context menu.
        self.answers = QWidget(self)
        self.buttons = {"edit": QPushButton(self.tr("&Edit (Enter)"), self.answers),
                        "delete": QPushButton(self.tr("&Remove… (Delete)"), self.answers),
                        "voice": QPushButton(self.tr("Ma&ke a voice (Ctrl+Shift+V)"), self.answers),
                        "history": QPushButton(self.tr("&History (Ctrl+Shift+H)"), self.answers)}
        slots = {"edit": self.edit_selected, "delete": self.delete_selected, "voice": self.voice_of_selected,
                 "history": self.show_history}
        keys = {"voice": RECORD_KEYS["voice"], "history": RECORD_KEYS["history"]}
        self.action_of: dict[str, QAction] = {}
        texts = {"edit": self.tr("Edit"), "delete": self.tr("Remove…"), "voice": self.tr("Make a voice"),
                 "history": self.tr("Change history…")}
        for name, button in self.buttons.items():
            action = QAction(texts[name], self.answers)
            action.setObjectName(f"survey_{name}")
            if name in keys:
                action.setShortcut(QKeySequence(keys[name]))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                self.answers.addAction(action)
            action.triggered.connect(lambda _checked=False, slot=slots[name]: slot())
            button.clicked.connect(action.trigger)
            self.action_of[name] = action

        filters = QHBoxLayout()
        for caption, widget in ((self.tr("&Year"), self.year), (self.tr("P&art"), self.part),
                                (self.tr("S&urvey"), self.type_filter)):
            label = QLabel(caption, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget)
        self.branch = BranchChoice(self.answers, active_branches(ops))  # head office: one office's answers, or all
        filters.addWidget(self.branch.box)
        filters.addStretch(1)
        filters.addWidget(self.types_button)
        button_row = QHBoxLayout()
        for button in self.buttons.values():
            button_row.addWidget(button)
        button_row.addStretch(1)
        answers_layout = QVBoxLayout(self.answers)
        answers_layout.setContentsMargins(0, 0, 0, 0)
        answers_layout.addLayout(filters)
        answers_layout.addWidget(self.summary)
        answers_layout.addWidget(self.banner)
        answers_layout.addWidget(self.view, 1)
        answers_layout.addLayout(button_row)
        layout = QVBoxLayout(self)
        layout.addWidget(self.entry)
        layout.addWidget(self.answers, 1)

        self._fill_years()
        self._fill_type_filter()
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.part.currentIndexChanged.connect(lambda _i: self.refresh())
        self.type_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.branch.combo.currentIndexChanged.connect(lambda _i: self.refresh())
        QWidget.setTabOrder(self.type_filter, self.branch.combo)  # the filters left to right, then the button
        QWidget.setTabOrder(self.branch.combo, self.types_button)
        self.types_button.clicked.connect(self.edit_types)
        self.view.installEventFilter(self)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._offer())
        self.set_staff(staff_uid, first=True)
        self.follow_changes(ops)
        self.refresh()

    # --- the inner page contract ----------------------------------------------------------
    def set_staff(self, uid: str, *, first: bool = False) -> None:
        if not first:
            self.entry.set_staff(uid)
        self.staff_uid = uid
        member = self.ops.read.masters.staff_member(uid)
        self.types_button.setVisible(bool(member and member.is_manager))

    def show_record(self, kind: str, uid: str) -> bool:
        """Select an answer: its fiscal year and half chosen, the survey filter cleared; False when it is gone."""
        if kind != "survey_answer":
            return False
        try:
            row = self.ops.read.surveys.get(uid)
        except LookupError:
            self.banner.show_message(record_gone_text())
            return False
        day = date.fromisoformat(row["answered_on"])
        for widget in (self.year, self.part, self.type_filter):
            widget.blockSignals(True)
        self._fill_years(extra=fiscal_year_of(day))
        self.year.setCurrentIndex(self.year.findData(fiscal_year_of(day)))
        if not self._period().contains(day):
            self.part.setCurrentIndex(0)
        self.type_filter.setCurrentIndex(0)
        for widget in (self.year, self.part, self.type_filter):
            widget.blockSignals(False)
        if self.branch.code() not in (None, row["branch_code"]):
            self.branch.clear()  # another office's answer: shown among every office's
        self.refresh(select_uid=uid, focus=True)
        return True

    def refresh(self, *, select_uid: str | None = None, focus: bool = False) -> None:
        """Read the period's answers and their figures (in a worker), keeping the selected answer selected."""
        period, survey_type = self._period(), self.type_filter.currentData() or None
        branch = self.branch.code()
        keep = select_uid or self._selected_uid()

        def read(data):
            return (data.surveys.list(period.start, period.end, survey_type, branch),
                    data.surveys.results(period.start, period.end, survey_type, branch),
                    {t.code: t for t in data.surveys.types(include_inactive=True)})
        self.ops.query(self, read, key=("survey-answers", id(self))) \
            .success(lambda found: self._show(*found, keep=keep, focus=focus)) \
            .failure(lambda error: self.banner.show_message(survey_texts.message(error))).run()

    def changes_arrived(self, changes: Changes) -> None:
        if changes.touches("survey_types"):
            self.entry.load_types()
            self._fill_type_filter()
        self.refresh()

    def shutdown(self) -> None:
        self.entry.keep_draft(now=True)

    # --- showing ------------------------------------------------------------------------------
    def _fill_years(self, extra: int | None = None) -> None:
        current = self.year.currentData() or fiscal_year_of(self.clock().date())
        this = fiscal_year_of(self.clock().date())
        years = set(range(this - YEARS_BACK, this + 1)) | {current} | ({extra} if extra else set())
        self.year.blockSignals(True)
        self.year.clear()
        for fy in sorted(years, reverse=True):
            self.year.addItem(self.tr("FY{year}").format(year=fy), fy)
        self.year.setCurrentIndex(self.year.findData(current))
        self.year.blockSignals(False)

    def _fill_type_filter(self) -> None:
        current = self.type_filter.currentData()
        self.type_filter.blockSignals(True)
        self.type_filter.clear()
        self.type_filter.addItem(self.tr("All surveys"), "")
        for survey_type in self.ops.read.surveys.types(include_inactive=True):
            self.type_filter.addItem(survey_type.name, survey_type.code)
        index = self.type_filter.findData(current) if current else 0
        self.type_filter.setCurrentIndex(max(index, 0))
        self.type_filter.blockSignals(False)

    def _period(self) -> Period:
        kind, number = self.part.currentData()
        fy = self.year.currentData() or fiscal_year_of(self.clock().date())
        return Period(fy) if kind == periods.YEAR else Period(fy, kind, number)

    def _show(self, rows: list[dict], results, types: dict[str, SurveyType], *, keep: str | None,
              focus: bool) -> None:
        self.model.set_rows(rows, types)
        total = sum(result.count for _type, result in results)   # every answer of the filter, not the rows listed
        lines = [self.tr("{count} answers").format(count=total)]
        if len(rows) < total:
            lines[0] += "　" + self.tr("(the newest {shown} listed)").format(shown=len(rows))
        for survey_type, result in results:
            parts = [self.tr("{name}: {count} answers").format(name=survey_type.name, count=result.count)]
            if survey_type.asks_recommendation:
                parts.append(self.tr("NPS {value}").format(value=result.nps) if result.nps is not None
                             else self.tr("NPS no data"))
            parts.append(self.tr("satisfied {value}% (top {k} of {n})").format(
                value=result.satisfaction, k=survey_type.top_k, n=survey_type.scale_n)
                if result.satisfaction is not None else self.tr("satisfaction no data"))
            lines.append("　".join(parts))
        self.summary.setText("\n".join(lines))
        row = self.model.row_of(keep)
        if row is None and rows:
            row = 0
        if row is not None:
            index = self.model.index(row, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        if focus:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._offer()

    def _selected_uid(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()]["uid"] if index.isValid() and index.row() < len(self.model.rows) \
            else None

    def _selected(self) -> dict | None:
        uid = self._selected_uid()
        return self.model.rows[self.model.row_of(uid)] if uid else None

    def _offer(self) -> None:
        row = self._selected()
        for name, action in self.action_of.items():
            on = row is not None and (name != "voice" or bool(row["voice_id"] or row["comment"].strip()))
            action.setEnabled(on)
            self.buttons[name].setEnabled(on)
        if row is not None:
            has_voice = bool(row["voice_id"])
            self.action_of["voice"].setText(self.tr("Open its voice") if has_voice else self.tr("Make a voice"))
            self.buttons["voice"].setText(self.tr("&Look at its voice (Ctrl+Shift+V)") if has_voice
                                          else self.tr("Ma&ke a voice (Ctrl+Shift+V)"))

    # --- keys (ListKeys): Ctrl+N starts a new answer here, not a voice; Enter edits, Delete removes -----------
    def key_list(self) -> QWidget:
        return self.view

    def new_from_keys(self) -> None:
        self.entry.start_new()

    def edit_from_keys(self) -> None:
        self.edit_selected()

    def delete_from_keys(self) -> None:
        self.delete_selected()

    def _context_menu(self, position) -> None:
        menu = QMenu(self)
        for action in self.action_of.values():
            menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(position))

    # --- acting -------------------------------------------------------------------------------------
    def edit_selected(self) -> None:
        """Enter: the selected answer into the entry row to edit (Ctrl+Enter saves it, Esc leaves it)."""
        row = self._selected()
        if row is not None and not self.entry.edit(row["uid"]):
            self.banner.show_message(record_gone_text())

    def delete_selected(self) -> None:
        """Delete: remove the selected answer after asking (the history keeps its values; a voice made of it stays)."""
        row = self._selected()
        if row is None:
            return
        text = self.tr("Remove the answer of {date} ({survey})?").format(
            date=display_date(row["answered_on"]), survey=row["type_name"])
        if row["voice_id"]:
            text += "\n" + self.tr("The voice made from its comment stays.")
        if not confirm_delete(self, text):
            return
        uid, by, now = row["uid"], self.staff_uid, self.clock()
        if self.entry.editing and self.entry.editing[0] == uid:
            self.entry.leave_edit()
        self.ops.write(self, lambda data: data.surveys.delete(uid, by=by, now=now)) \
            .success(lambda _r: self.refresh()) \
            .failure(lambda error: self.banner.show_message(survey_texts.message(error))).run()

    def voice_of_selected(self) -> None:
        """Ctrl+Shift+V: the comment becomes a voice (one step, linked both ways); with a voice already, it opens."""
        row = self._selected()
        if row is None:
            return
        if row["voice_id"]:
            self.open_record.emit("voice", row["voice_id"])
            return
        uid, by, now, version = row["uid"], self.staff_uid, self.clock(), row["version"]
        self.ops.write(self, lambda data: data.surveys.make_voice(uid, by=by, now=now, expected_version=version)) \
            .success(lambda _voice: self._voice_made(uid)) \
            .failure(lambda error: self.banner.show_message(survey_texts.message(error))).run()

    def _voice_made(self, uid: str) -> None:
        self.banner.show_message(self.tr("The comment is now a voice (channel: survey). Ctrl+Shift+V opens it."), "info")
        self.refresh(select_uid=uid)

    def show_history(self) -> None:
        """Ctrl+Shift+H: every change of the selected answer, newest first."""
        row = self._selected()
        if row is None:
            return
        entries = self.ops.read.surveys.history(row["uid"])
        types = {t.code: t.name for t in self.ops.read.surveys.types(include_inactive=True)}
        model = RecordHistoryModel(survey_texts.field_name, {
            "survey_type": lambda code: types.get(code, code),
            "product_line": labels.product_line_label,
            "answered_on": display_date,
        })
        model.set_entries(entries, self.ops.read.staff_names())
        heading = self.tr("Answer of {date} ({survey})").format(date=display_date(row["answered_on"]),
                                                                 survey=row["type_name"])
        self.dialog = HistoryDialog(self.tr("Answer history"), heading, model, self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()

    def edit_types(self) -> None:
        """アンケート種別…: a manager edits the surveys' scales."""
        from agency_app.ui.kpi.survey_types_dialog import SurveyTypesDialog
        self.dialog = SurveyTypesDialog(self.ops, self.staff_uid, clock=self.clock, parent=self)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.show()
