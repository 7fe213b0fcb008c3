"""The 声の日 tab (R14): a team leader's meeting screen — the week against the 8 before it, its voices with alike earlier
ones, a decision per voice, the meeting's record, closing and reopening."""

from __future__ import annotations


from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication, QComboBox, QHeaderView, QLabel, QMessageBox, QPushButton, QScrollArea, QSplitter, QTabWidget,
    QVBoxLayout, QWidget,
)

from shiboken6 import isValid

from agency_app.domain import codes
from agency_app.domain import voice_day as D
from agency_app.storage.changes import Changes
from agency_app.storage.records import EditConflict
from agency_app.storage.voice_days import decision_seen
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.kit.branch_choice import BranchChoice, active_branches
from agency_app.ui.kit.date_fields import DateEdit, display_date
from agency_app.ui.kit.empty_note import EmptyListNote
from agency_app.ui.kit.flow_layout import FlowLayout, together
from agency_app.ui.kit.history import HistoryDialog
from agency_app.ui.kit.messages import draft_failed_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_views import RecordPage, record_table
from agency_app.ui.kit.settings import AppSettings
from agency_app.ui.kit.widgets import Banner, confirm_discard
from agency_app.ui.voice_day import voice_day_texts as T
from agency_app.ui.voice_day.decision_dialogs import ImprovementDialog, ReasonDialog
from agency_app.ui.voice_day.meeting_dialogs import AttendeesDialog, MoveTeamDialog, ReopenDialog
from agency_app.ui.voice_day.meeting_history import MeetingHistoryModel
from agency_app.ui.voice_day.meeting_panel import MeetingPanel
from agency_app.ui.voice_day.notes_drafts import NotesDrafts
from agency_app.ui.voice_day.open_items import OpenItems
from agency_app.ui.voice_day.review_loading import Loaded, ReviewRequest, load_review
from agency_app.ui.voice_day.summary_view import SummaryView
from agency_app.ui.voice_day.voice_day_keys import page_action
from agency_app.ui.voice_day.voice_list_model import VoiceListModel
from agency_app.ui.voice_day.voice_panel import VoicePanel

NOTES_DRAFT_DELAY_MS = 500  # as the forms: the draft is kept shortly after typing stops, and on leaving the box
ZOOMS = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0, 2.5)  # the steps of Ctrl++ / Ctrl+-
DECIDING = ("share", "improvement", "no_improvement")


class VoiceDayPage(RecordPage):
    """The page contract is RecordPage's; show_record(uid) opens that meeting."""

    watched = ("voices", "voice_days", "voice_day_attendees", "voice_decisions", "improvements",
               "improvement_voices", "staff")

    def __init__(self, ops: Operations, staff_uid: str, **options):  # drafts=, clock=, parent= as RecordPage
        super().__init__(ops, staff_uid, **options)
        self.settings = AppSettings()
        self.loaded: Loaded | None = None
        self.meeting_uid: str | None = None  # a meeting chosen (or started); None: the team and day decide
        self.dialog = None  # the dialog last opened (tests look at it)
        self._typed_range = False  # the range was typed: a refresh keeps it
        self._unreadable = False  # a date at the top was not understood (said): typing it back re-reads
        # The notes box belongs to one meeting (`_notes_uid`); what is typed there and not yet saved is kept as
        # this person's draft of that meeting until it is saved (NotesDrafts), and put back when it is shown again.
        self._notes_uid: str | None = None
        self._notes_dirty = False
        self._notes_base: int | None = None  # the meeting's version the typed notes started from
        self._notes_base_text = ""  # the stored notes they started from
        self._notes_was_open = False  # the meeting was open when last shown: closing elsewhere is said once
        self._notes_turn = 0  # counts the hand-overs of the box (another meeting or person): late answers are told so
        self.notes_drafts = NotesDrafts(self.drafts)
        self._notes_timer = QTimer(self, singleShot=True, interval=NOTES_DRAFT_DELAY_MS)
        self._notes_timer.timeout.connect(self._keep_notes_draft)
        self._shut = False
        self._zoom = self.settings.voice_day_zoom if self.settings.voice_day_zoom in ZOOMS else 1.0
        self._base_point = QApplication.font().pointSizeF()
        self._build()
        self._build_actions()
        self._apply_zoom()
        self.refresh()

    # --- building -----------------------------------------------------------------------------
    def _build(self) -> None:
        # 拠点: whose voice day is read — shown only where the file holds several offices (head office after
        # imports). A meeting is one office's and one team's, so there is no 全拠点 here; this file's own office
        # first, so a branch PC sees what it always saw.
        self.branch = BranchChoice(self, active_branches(self.ops))
        self.branch.combo.removeItem(0)
        self.branch.combo.setCurrentIndex(max(0, self.branch.combo.findData(self.ops.read.store.home_branch)))
        self.team = QComboBox(self)
        self.held_on = DateEdit(self, clock=self.clock)
        self.held_on.set_stored(self.clock().date().isoformat())
        self.range_from = DateEdit(self, clock=self.clock)
        self.range_to = DateEdit(self, clock=self.clock)
        self.meetings = QComboBox(self)
        self.meetings.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.start_button = QPushButton(self.tr("Start the meeting (Ctrl+Shift+W)"), self)
        self.state = QLabel(self)
        self.state.setObjectName("meetingState")
        bold = QFont()
        bold.setBold(True)  # only the weight: the size follows the page's zoom (a style sheet's font would not)
        self.state.setFont(bold)  # preview, in progress or closed: said in words
        self.first_note = QLabel(self.tr("There is no earlier voice day for this team."), self)
        self.first_note.setObjectName("firstNote")
        self.other_office_note = QLabel(
            self.tr("This office holds its own voice day: here it can be read, not changed."), self)
        self.other_office_note.setObjectName("otherOfficeNote")
        self.other_office_note.hide()
        top = FlowLayout()
        top.addWidget(self.branch.box)
        for text, widget in ((self.tr("Team"), self.team), (self.tr("Meeting day"), self.held_on),
                             (self.tr("Voices from"), self.range_from), (self.tr("to"), self.range_to),
                             (self.tr("Earlier voice days"), self.meetings)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            top.addWidget(together(self, label, widget))
        top.addWidget(self.start_button)
        top.addWidget(self.state)
        top.addWidget(self.first_note)
        top.addWidget(self.other_office_note)
        self.banner = Banner(self)

        self.summary = SummaryView(self)
        self.model = VoiceListModel(self)
        self.view = record_table(self, self.model, "summary")
        self.view.setAccessibleName(self.tr("The voices of the voice day"))
        header = self.view.horizontalHeader()
        for key in ("decision", "category"):  # their widths are capped by _fit_decisions
            header.setSectionResizeMode(self.model.columns.index(key), QHeaderView.ResizeMode.Interactive)
        self.empty_note = EmptyListNote(self.view, self.tr("There are no voices in this range."))
        self.count_label = QLabel(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count_label)

        self.voice_panel = VoicePanel(self.ops, self)
        self.meeting_panel = MeetingPanel(self)
        self.open_items = OpenItems(self)
        self.side = QTabWidget(self)
        # Each part scrolls rather than holding the page taller than a 1366×768 screen at 125 % (570 px usable).
        for panel, title in ((self.voice_panel, self.tr("This voice")), (self.meeting_panel, self.tr("Meeting record")),
                             (self.open_items, self.tr("Open items"))):
            scroll = QScrollArea(self.side)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(panel)
            self.side.addTab(scroll, title)
        lower = QSplitter(Qt.Orientation.Horizontal, self)
        lower.addWidget(left)
        lower.addWidget(self.side)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.summary)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.summary.setMinimumHeight(120)
        self.splitter.setSizes([300, 380])  # at 768 px high the charts stay readable and the voices keep more
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        order = [self.branch.combo, self.team, self.held_on, self.range_from, self.range_to, self.meetings,
                 self.start_button, self.view, self.side, self.summary.table]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        self.branch.combo.activated.connect(lambda _i: self._office_changed())
        self.team.activated.connect(lambda _i: self._day_changed())
        self.held_on.editingFinished.connect(self._held_on_left)
        for field in (self.range_from, self.range_to):
            field.editingFinished.connect(self._range_left)
        self.meetings.activated.connect(self._meeting_chosen)
        self.start_button.clicked.connect(self.start_meeting)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.voice_panel.open_voice.connect(lambda uid: self.open_record.emit("voice", uid))
        self.open_items.open_voice.connect(lambda uid: self.open_record.emit("voice", uid))
        self.open_items.open_improvement.connect(lambda uid: self.open_record.emit("improvement", uid))
        self.meeting_panel.attendees_button.clicked.connect(self.choose_attendees)
        self.meeting_panel.leader.activated.connect(lambda _i: self._leader_chosen())
        self.meeting_panel.notes.textChanged.connect(self._notes_typed)
        self.meeting_panel.notes.left.connect(self._notes_left)
        self.meeting_panel.discard_button.clicked.connect(self.discard_notes)
        self.meeting_panel.discard_button.left.connect(self._discard_left)

    def _build_actions(self) -> None:
        entries = [
            ("start", self.tr("Start the meeting"), self.start_meeting),
            ("share", self.tr("Mark as shared"), lambda: self.decide(D.DECISION_SHARED)),
            ("improvement", self.tr("Link to an improvement…"), self.link_improvement),
            ("no_improvement", self.tr("No improvement needed…"), self.no_improvement),
            ("undecide", self.tr("Take the decision back"), self.undecide),
            ("move_team", self.tr("Move to another team…"), self.move_team),
            ("attendees", self.tr("Attendees…"), self.choose_attendees),
            ("close", self.tr("Close the meeting"), self.close_meeting),
            ("reopen", self.tr("Reopen the meeting…"), self.reopen_meeting),
            ("history", self.tr("Meeting history…"), self.show_history),
            ("next", self.tr("Next voice"), lambda: self.step(1)),
            ("previous", self.tr("Previous voice"), lambda: self.step(-1)),
            ("zoom_in", self.tr("Larger text"), lambda: self.zoom(1)),
            ("zoom_out", self.tr("Smaller text"), lambda: self.zoom(-1)),
            ("zoom_reset", self.tr("Normal text size"), lambda: self.zoom(0)),
            ("print_preview", self.tr("Print preview"), self.print_preview),
            ("pdf", self.tr("Save as PDF…"), self.save_pdf),
        ]
        self.action_of = {name: page_action(self, name, text, slot) for name, text, slot in entries}

    # --- the page contract --------------------------------------------------------------------
    def record_actions(self):
        return list(self.action_of.values())

    def refresh(self) -> None:
        """Read the review the top of the page asks for, off the UI thread; the last request wins."""
        request = self._request()
        if request is None:
            return
        self.ops.query(self, lambda services: load_review(services, request), key=("voice_day", id(self))) \
            .success(self._loaded).failure(self._refused).run()

    def concerns(self, changes: Changes) -> bool:
        return changes.touches(*self.watched)

    def set_staff(self, uid: str) -> None:
        # The notes typed so far are the previous person's: kept as their draft now, then saved as theirs; the
        # box is handed over, so the next person sees the stored notes (or their own draft), never these.
        self._keep_notes_draft(now=True)
        self.save_notes()
        self._notes_uid = None
        self._notes_dirty = False
        self._notes_turn += 1
        self.staff_uid = uid
        self.refresh()

    def show_record(self, uid: str) -> None:
        """Open a meeting (a link to it)."""
        self.open_meeting(uid)

    def shutdown(self) -> None:
        """The window closes: the notes typed are kept as a draft first, then saved (the operations finish every
        write before closing); a save refused then (the database locked) leaves the draft, put back next time."""
        self._keep_notes_draft(now=True)
        self.save_notes()
        self._shut = True  # a hide after this is the window going: its operations are closed by then

    def hideEvent(self, event) -> None:  # another tab: what was typed is saved
        self.save_notes()
        super().hideEvent(event)

    # --- the top: team, day, range, earlier meetings ---------------------------------------------
    def _request(self) -> ReviewRequest | None:
        today = self.clock().date()
        if self.meeting_uid:
            return ReviewRequest(team="", held_on=today, today=today, meeting_uid=self.meeting_uid)
        days = {}
        for name, field in (("held_on", self.held_on), ("range_from", self.range_from), ("range_to", self.range_to)):
            if not field.text().strip() and name != "held_on":
                days[name] = None
                continue
            reading = field.reading()
            if not reading.ok:
                self._say_unreadable(name, field)
                return None
            days[name] = reading.value
        self._unreadable = False
        office = self.branch.code() or ""
        team = self.team.currentText() if self.team.count() else self._own_team(office)
        return ReviewRequest(team=team, held_on=days["held_on"], today=today,
                             range_from=days["range_from"] if self._typed_range else None,
                             range_to=days["range_to"] if self._typed_range else None, office=office)

    def _say_unreadable(self, name: str, field: DateEdit) -> None:
        self._unreadable = True
        self.banner.show_message(self.tr("{field}: {reason}").format(
            field=self._field_name(name), reason=field.hint.text() or self.tr("Enter a date.")))

    def _field_name(self, name: str) -> str:
        return {"held_on": self.tr("Meeting day"), "range_from": self.tr("Voices from"),
                "range_to": self.tr("to")}[name]

    def _own_team(self, office: str = "") -> str:
        """The user's team when the office has it; for one without a team (a manager, a clerk) — or reading another
        office without that team — the office's first team, never a blank box."""
        member = self.ops.read.masters.staff_member(self.staff_uid)
        teams = self.ops.read.voice_days.teams(office or None)
        if member is not None and member.team and (member.team in teams or not teams):
            return member.team
        return next(iter(teams), "")

    def _office_changed(self) -> None:
        """Another office: its voice day — the user's team there if it has one, else its first — once the notes
        typed are saved."""
        def show() -> None:
            self.team.clear()  # the office's own teams come with its review
            self._show_day()
        self.save_notes(then=show)

    def _day_changed(self) -> None:
        """Another team or day: its meeting if started, else a preview over its default range — once the notes
        typed are saved (the box then shows the other meeting's)."""
        self.save_notes(then=self._show_day)

    def _show_day(self) -> None:
        self.meeting_uid = None
        self._typed_range = False
        self.range_from.clear()
        self.range_to.clear()
        self.banner.clear_message()
        self.refresh()

    def _held_on_left(self) -> None:
        shown = self.loaded.meeting["held_on"] if self.loaded and self.loaded.meeting else \
            (self.loaded.request.held_on.isoformat() if self.loaded else None)
        reading = self.held_on.reading()
        if reading.ok and reading.value.isoformat() == shown and not self._unreadable:
            return
        self._day_changed()

    def _range_left(self) -> None:
        review = self.loaded.review if self.loaded else None
        readings = [self.range_from.reading(), self.range_to.reading()]
        if review is not None and all(r.ok for r in readings) and not self._unreadable \
                and (readings[0].value, readings[1].value) == (review.range_from, review.range_to):
            return
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is not None and self.loaded.read_only:  # another office's meeting keeps its range: shown again
            self.banner.show_message(T.other_office_text(), "info")
            self.refresh()
            return
        if self.meeting_uid:  # a meeting's range: a date not understood is said, and kept to be corrected
            for name, field, reading in (("range_from", self.range_from, readings[0]),
                                         ("range_to", self.range_to, readings[1])):
                if not reading.ok and field.text().strip():
                    self._say_unreadable(name, field)
                    return
        if meeting is not None and meeting["status"] == D.MEETING_OPEN and all(r.ok for r in readings):
            uid, span = meeting["uid"], (readings[0].value, readings[1].value)
            self.banner.clear_message()
            self.ops.write(self, lambda services: services.voice_days.set_range(uid, *span, by=self.staff_uid)) \
                .failure(self._refused).run()
            return
        self._typed_range = True
        self.banner.clear_message()
        self.refresh()

    def _meeting_chosen(self, index: int) -> None:
        uid = self.meetings.itemData(index)
        if uid:
            self.open_meeting(uid)

    def open_meeting(self, uid: str) -> None:
        self.save_notes(then=lambda: self._show_meeting(uid))

    def _show_meeting(self, uid: str) -> None:
        self.meeting_uid = uid
        self.banner.clear_message()
        self.refresh()

    # --- showing --------------------------------------------------------------------------------
    def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        review, meeting = loaded.review, loaded.meeting
        if meeting is not None:
            self.meeting_uid = meeting["uid"]
        self._fill_top(loaded)
        self.state.setText(T.meeting_state_text(meeting))
        self.first_note.setVisible(loaded.last_closed is None)
        self.other_office_note.setVisible(loaded.read_only)
        selected = self.current_voice()
        self.model.set_rows(review.voices, loaded.improvement_titles, in_meeting=meeting is not None)
        self._fit_decisions()
        row = self.model.row_of(selected["uid"] if selected else None)
        if row is None and self.model.rows:
            row = 0
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self.voice_panel.show_voice(None, "")
        self._row_changed(self.view.currentIndex(), QModelIndex())
        self.summary.set_weeks(review.weeks)
        self._fill_meeting(loaded)
        self.open_items.set_items(review.open_voices, review.open_voice_count, review.open_improvements)
        text = self.tr("{count} voices ({undecided} not decided)").format(
            count=len(review.voices), undecided=review.undecided) if meeting else \
            self.tr("{count} voices").format(count=len(review.voices))
        self.count_label.setText(text)
        self.say_count(text)
        self._offer()

    def _fill_top(self, loaded: Loaded) -> None:
        review, meeting = loaded.review, loaded.meeting
        self.branch.combo.blockSignals(True)  # a meeting opened by a link is its office's
        if (index := self.branch.combo.findData(loaded.office)) >= 0:
            self.branch.combo.setCurrentIndex(index)
        self.branch.combo.blockSignals(False)
        self.team.blockSignals(True)
        if [self.team.itemText(i) for i in range(self.team.count())] != loaded.teams:
            self.team.clear()
            self.team.addItems(loaded.teams)
        self.team.setCurrentIndex(self.team.findText(review.team))
        self.team.blockSignals(False)
        if meeting is not None and not self.held_on.hasFocus():
            self.held_on.set_stored(meeting["held_on"])
        for field, day in ((self.range_from, review.range_from), (self.range_to, review.range_to)):
            if not field.hasFocus():
                field.set_stored(day.isoformat())
        self.meetings.blockSignals(True)
        self.meetings.clear()
        self.meetings.addItem(self.tr("Choose to open…"), None)
        for row in loaded.meetings:
            state = self.tr("Closed") if row["status"] == D.MEETING_CLOSED else self.tr("In progress")
            self.meetings.addItem(f"{display_date(row['held_on'])}　{state}", row["uid"])
        self.meetings.setCurrentIndex(max(0, self.meetings.findData(meeting["uid"])) if meeting else 0)
        self.meetings.blockSignals(False)

    def _fill_meeting(self, loaded: Loaded) -> None:
        meeting, panel = loaded.meeting, self.meeting_panel
        staff = [(s.uid, s.name) for s in loaded.staff]
        leader = meeting["leader_id"] if meeting else self.staff_uid
        if meeting and leader not in {uid for uid, _ in staff}:
            staff.append((leader, loaded.names.get(leader, leader)))  # a retired leader is still named
        panel.set_staff(staff, leader)
        panel.set_attendees([row["name"] for row in loaded.review.attendees])
        editable = meeting is not None and meeting["status"] == D.MEETING_OPEN and not loaded.read_only
        panel.leader.setEnabled(editable)
        panel.attendees_button.setEnabled(editable)
        panel.set_notes_editable(editable)
        if meeting is None or meeting["uid"] != self._notes_uid:
            self._hand_notes(meeting)  # another meeting (or none): its notes, or this person's draft of them
        elif not self._notes_dirty:
            self._set_notes(meeting["notes"] or "")
        elif editable and (meeting["notes"] or "") == self._notes_base_text:
            # Only its state changed since the typing began (reopened, decisions…): the typed notes save over it.
            self._notes_base = meeting["version"]
            if not self._notes_was_open:  # reopened: the notes kept can be saved now
                panel.saved_note.setText(self.tr("Not saved yet (saved when you leave the box)"))
        elif not editable and self._notes_was_open:
            self._say_closed_elsewhere()
        self._notes_was_open = editable

    def _set_notes(self, text: str) -> None:
        notes = self.meeting_panel.notes
        if notes.toPlainText() != text:
            notes.blockSignals(True)
            notes.setPlainText(text)
            notes.blockSignals(False)

    def _fit_decisions(self) -> None:
        """決定 as wide as its texts, up to its longest word (改善に結びつける) and a little: a reason or an improvement's
        title of a sentence or two is cut there (read whole under この声), never pushing 要旨 and 決定 out of view."""
        column = self.model.columns.index("decision")
        self.view.resizeColumnToContents(column)
        metrics = self.view.fontMetrics()
        words = [T.decision_label(code) for code in (D.DECISION_SHARED, D.DECISION_IMPROVEMENT,
                                                     D.DECISION_NO_IMPROVEMENT)]
        widest = max(metrics.horizontalAdvance(f"{word}：…") for word in words) + 4 * metrics.averageCharWidth()
        self.view.setColumnWidth(column, min(self.view.columnWidth(column), widest))
        # 分類 likewise at most about eight characters (満期案内・契約手続関連 reads 満期案内・契約… and whole in its
        # tooltip and under この声): at 1024 px and zoomed, 要旨 — what the meeting reads — keeps the room.
        column = self.model.columns.index("category")
        self.view.resizeColumnToContents(column)
        self.view.setColumnWidth(column, min(self.view.columnWidth(column),
                                             metrics.horizontalAdvance("満期案内・契約…") + 2 * metrics.averageCharWidth()))

    def current_voice(self) -> dict | None:
        index = self.view.currentIndex()
        return self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        voice = self.model.rows[current.row()] if current.isValid() and current.row() < len(self.model.rows) else None
        decision = T.decision_text(voice, self.model.improvement_titles) if voice and self.model.in_meeting else ""
        self.voice_panel.show_voice(voice, decision)
        self._offer()

    def _offer(self) -> None:
        """Grey what does not apply now: decisions need an open meeting and a voice; closing an open meeting…"""
        meeting = self.loaded.meeting if self.loaded else None
        is_open = meeting is not None and meeting["status"] == D.MEETING_OPEN
        voice = self.current_voice()
        offered = {"start": self.loaded is not None and meeting is None and bool(self.loaded.review.team),
                   "undecide": is_open and voice is not None and bool(voice.get("decision")),
                   "move_team": voice is not None and not (meeting and meeting["status"] == D.MEETING_CLOSED),
                   "attendees": is_open, "close": is_open,
                   "reopen": meeting is not None and meeting["status"] == D.MEETING_CLOSED,
                   "history": meeting is not None,
                   "next": bool(self.model.rows), "previous": bool(self.model.rows)}
        for name in DECIDING:
            offered[name] = is_open and voice is not None
        read_only = self.loaded is not None and self.loaded.read_only
        if read_only:  # another office's voice day: read here, held there (the history can still be read)
            for name in ("start", "undecide", "move_team", "attendees", "close", "reopen", *DECIDING):
                offered[name] = False
        for name, on in offered.items():
            self.action_of[name].setEnabled(on)
        self.start_button.setEnabled(offered["start"])
        self.start_button.setVisible(meeting is None and not read_only)

    # --- acting on the meeting ----------------------------------------------------------------
    def _open(self, dialog) -> None:
        """Open a dialog of the meeting at the page's zoom: on the projector it is read as large as the page
        (a window does not take its parent's font by itself)."""
        dialog.setFont(self.font())
        dialog.open()

    def _write(self, work, done=None, *, said: str | None = None) -> None:
        """A write of the page: its refusal said at the top in Japanese, its success (optionally) too."""
        def succeeded(result) -> None:
            if said:
                self.banner.show_message(said, "info")
            if done is not None:
                done(result)
        self.ops.write(self, work).success(succeeded).failure(self._refused).run()

    def _refused(self, error: Exception) -> None:
        self.banner.show_message(T.error_text(error))
        if self.loaded is not None and self.meeting_uid:  # show the meeting as it is now (closed elsewhere…)
            self.refresh()

    def _acting_on(self) -> tuple[str, dict] | None:
        """The open meeting and the chosen voice, or None when a decision does not apply (greyed)."""
        meeting = self.loaded.meeting if self.loaded else None
        voice = self.current_voice()
        if meeting is None or voice is None or meeting["status"] != D.MEETING_OPEN or self.loaded.read_only:
            return None
        return meeting["uid"], voice

    def start_meeting(self) -> None:
        """会議を始める: from now on decisions are recorded; the leader is the one who started it."""
        if not self.action_of["start"].isEnabled() or self.loaded is None:
            return
        review, held_on, by = self.loaded.review, self.loaded.request.held_on, self.staff_uid
        def started(uid: str) -> None:  # said once the meeting is shown (showing it clears the message strip)
            self.open_meeting(uid)
            self.banner.show_message(self.tr("The meeting has started: decisions are recorded now."), "info")
        self._write(lambda services: services.voice_days.open_meeting(
            review.team, held_on, by, by=by, range_from=review.range_from, range_to=review.range_to), started)

    def decide(self, decision: str, *, reason: str = "", improvement_id: str | None = None) -> None:
        acting = self._acting_on()
        if acting is None:
            return
        uid, voice = acting
        seen = decision_seen(voice)  # a decision made meanwhile on another PC is not replaced unseen
        self._write(lambda services: services.voice_days.decide(
            uid, voice["uid"], decision, by=self.staff_uid, reason=reason, improvement_id=improvement_id, seen=seen))

    def _seen_by_dialog(self, uid: str, voice: dict):
        """What a decision dialog compares with: the voice's decision when it opened, then — once a refusal
        has said that it changed elsewhere (and the page shows it anew) — the decision as it was then."""
        seen = [decision_seen(voice)]

        def checked(services, decide) -> None:
            try:
                decide(seen[0])
            except EditConflict:
                seen[0] = services.voice_days.decision_now(uid, voice["uid"])
                raise
        return checked

    def _dialog_refused(self, _error: Exception) -> None:
        """A dialog's write refused (decided, closed or reopened on another PC…): the dialog keeps what was typed,
        and the page shows the meeting as it is now."""
        if self.loaded is not None and self.meeting_uid:
            self.refresh()

    def no_improvement(self) -> None:
        acting = self._acting_on()
        if acting is None:
            return
        uid, voice = acting
        voice_uid, by, checked = voice["uid"], self.staff_uid, self._seen_by_dialog(uid, voice)

        def record(services, reason: str) -> None:  # the dialog closes once recorded: a refusal keeps the reason
            checked(services, lambda seen: services.voice_days.decide(
                uid, voice_uid, D.DECISION_NO_IMPROVEMENT, by=by, reason=reason, seen=seen))

        dialog = ReasonDialog(voice.get("summary") or "", self, reason=voice.get("reason") or "", ops=self.ops,
                              record=record)
        dialog.after_refusal = self._dialog_refused
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self._open(dialog)

    def link_improvement(self) -> None:
        acting = self._acting_on()
        if acting is None:
            return
        uid, voice = acting
        improvements = self.ops.read.improvements.listed(open_only=True)
        staff = [(s.uid, s.name) for s in self.loaded.staff]
        by, voice_uid, checked = self.staff_uid, voice["uid"], self._seen_by_dialog(uid, voice)

        def link(services, chosen: str | None, entry) -> str:
            with services.store.write():  # one transaction: a refused decision makes no improvement either
                if chosen is None:
                    chosen = services.improvements.create(entry, by=by, voice_uids=[voice_uid])
                checked(services, lambda seen: services.voice_days.decide(
                    uid, voice_uid, D.DECISION_IMPROVEMENT, by=by, improvement_id=chosen, seen=seen))
            return chosen

        dialog = ImprovementDialog(self.ops, by, voice.get("summary") or "", improvements, staff, link,
                                   today=self.clock().date(), team=self.loaded.review.team, parent=self)
        dialog.after_refusal = self._dialog_refused
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self._open(dialog)

    def undecide(self) -> None:
        acting = self._acting_on()
        if acting is None or not acting[1].get("decision"):
            return
        uid, voice = acting
        seen = decision_seen(voice)  # one changed meanwhile on another PC is not taken back unseen
        self._write(lambda services: services.voice_days.undecide(uid, voice["uid"], by=self.staff_uid, seen=seen),
                    said=self.tr("The decision on 「{summary}」 was taken back.").format(summary=voice["summary"]))

    def move_team(self) -> None:
        voice = self.current_voice()
        if voice is None or not self.action_of["move_team"].isEnabled():
            return
        teams = [team for team in self.ops.read.voice_days.teams() if team != voice.get("team")]
        if not teams:
            self.banner.show_message(self.tr("There is no other team to move the voice to."), "info")
            return
        dialog = MoveTeamDialog(voice.get("summary") or "", teams, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def moved() -> None:
            team = dialog.chosen()
            # Moved there already on another PC: nothing is written, no signal comes — the list is read anew.
            self._write(lambda services: services.voices.move_team(voice["uid"], team, by=self.staff_uid),
                        lambda _result: self.refresh(), said=self.tr("Moved to {team}: it is now on that team's voice day.").format(team=team))
        dialog.accepted.connect(moved)
        self.dialog = dialog
        self._open(dialog)

    def choose_attendees(self) -> None:
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None or meeting["status"] != D.MEETING_OPEN or self.loaded.read_only:
            return
        chosen = {row["uid"] for row in self.loaded.review.attendees}
        uid, by = meeting["uid"], self.staff_uid
        dialog = AttendeesDialog(self.loaded.staff, meeting["team"], chosen, self, ops=self.ops,  # closes once recorded
                                 record=lambda services, ids: services.voice_days.set_attendees(
                                     uid, ids, by=by, shown=chosen))
        dialog.after_refusal = self._dialog_refused
        dialog.accepted.connect(self.refresh)  # ticked on another PC already: nothing written, no signal comes
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self._open(dialog)

    def _leader_chosen(self) -> None:
        meeting = self.loaded.meeting if self.loaded else None
        leader = self.meeting_panel.leader.currentData()
        if meeting is None or not leader or leader == meeting["leader_id"] or self.loaded.read_only:
            return
        self._write(lambda services: services.voice_days.set_leader(meeting["uid"], leader, by=self.staff_uid))

    def close_meeting(self) -> None:
        """会議を締める: after a confirmation naming how many undecided voices become 共有済."""
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None or meeting["status"] != D.MEETING_OPEN or self.loaded.read_only:
            return
        self.save_notes(then=self._ask_close)  # a closed meeting's notes can no longer be saved: they go first

    def _ask_close(self) -> None:
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None or meeting["status"] != D.MEETING_OPEN:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Close the meeting"),
                          self.tr("The {count} voices not yet decided will be marked as shared, and the meeting "
                                  "closed.").format(count=self.loaded.review.undecided),
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Ok)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        uid, by = meeting["uid"], self.staff_uid
        def answered(button) -> None:
            if box.standardButton(button) != QMessageBox.StandardButton.Ok:
                return
            self._write(lambda services: services.voice_days.close(uid, by=by),
                        lambda marked: self.banner.show_message(self.tr(
                            "The meeting is closed ({count} voices marked as shared).").format(count=marked), "info"))
        box.buttonClicked.connect(answered)
        self.dialog = box
        self._open(box)

    def reopen_meeting(self) -> None:
        """会議を再開: the leader or a manager, with a note; anyone else is told calmly who can."""
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None or meeting["status"] != D.MEETING_CLOSED or self.loaded.read_only:
            return
        member = self.ops.read.masters.staff_member(self.staff_uid)
        if self.staff_uid != meeting["leader_id"] and not (member and member.role == codes.ROLE_MANAGER):
            self.banner.show_message(T.reopen_refused_text(), "warning")
            return
        uid, by = meeting["uid"], self.staff_uid
        dialog = ReopenDialog(self, ops=self.ops,  # closes once recorded: a refusal keeps the note typed
                              record=lambda services, note: services.voice_days.reopen(uid, by=by, note=note))
        dialog.after_refusal = self._dialog_refused
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.banner.show_message(self.tr("The meeting is open again."), "info"))
        self.dialog = dialog
        self._open(dialog)

    def show_history(self) -> None:
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None:
            return
        read = self.ops.read
        entries = read.voice_days.history(meeting["uid"])
        summaries = {voice["uid"]: voice["summary"] for voice in self.loaded.review.voices}
        for voice_uid in {e.field.split(":")[1] for e in entries if e.field.startswith("decision:")} - set(summaries):
            try:  # a voice decided here and since moved to another team or out of the range: still named
                summaries[voice_uid] = read.voices.get(voice_uid)["summary"]
            except VoiceNotFound:
                pass
        model = MeetingHistoryModel(summaries, self.loaded.improvement_titles)
        model.branch_names = {b.code: b.name for b in read.masters.branches(include_inactive=True)}
        model.set_entries(list(reversed(entries)), read.staff_names())
        heading = self.tr("{team} — voice day of {day}").format(team=meeting["team"],
                                                               day=display_date(meeting["held_on"]))
        dialog = HistoryDialog(self.tr("Meeting history"), heading, model, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        self._open(dialog)

    # --- notes: saved as typed, kept as a draft until saved -------------------------------------------
    def _hand_notes(self, meeting: dict | None) -> None:
        """The box now shows `meeting`'s notes (None: no meeting) — or, when this person's draft of them differs
        from the stored notes, that draft put back and said so, with the way to discard it beside."""
        self._notes_turn += 1
        self._notes_timer.stop()
        self._notes_uid = meeting["uid"] if meeting else None
        self._notes_dirty = False
        self._notes_base, self._notes_base_text = None, ""
        panel = self.meeting_panel
        panel.saved_note.clear()
        panel.discard_button.hide()
        stored = (meeting["notes"] or "") if meeting else ""
        self._set_notes(stored)
        draft = self.notes_drafts.load(meeting["uid"], self.staff_uid) if meeting else None
        if draft is None:
            return
        if draft["notes"].strip() == stored.strip():  # saved after all (e.g. the write ended after closing)
            self.notes_drafts.drop(meeting["uid"], self.staff_uid)
            return
        self._set_notes(draft["notes"])
        self._notes_dirty = True
        self._notes_base_text = draft.get("base") if isinstance(draft.get("base"), str) else ""
        # Nobody changed the stored notes since the typing began: they save over the meeting as it is now;
        # otherwise the draft's version makes the save say that another leader saved theirs meanwhile.
        self._notes_base = meeting["version"] if stored == self._notes_base_text else draft.get("version")
        if meeting["status"] == D.MEETING_OPEN:
            panel.saved_note.setText(T.notes_put_back_text())
        else:
            panel.saved_note.setText(T.notes_put_back_closed_text())
        panel.discard_button.show()

    def _notes_typed(self) -> None:
        meeting = self.loaded.meeting if self.loaded else None
        if meeting is None or meeting["uid"] != self._notes_uid:
            return
        if not self._notes_dirty:
            self._notes_dirty = True
            self._notes_base = meeting["version"]
            self._notes_base_text = meeting["notes"] or ""
            self.meeting_panel.saved_note.setText(self.tr("Not saved yet (saved when you leave the box)"))
        self._notes_timer.start()  # kept as a draft shortly after, so a crash or a lost save loses nothing

    def _notes_left(self) -> None:
        if self._notes_timer.isActive():
            self._keep_notes_draft()  # left the box: kept now, not in 500 ms
        if QApplication.focusWidget() is self.meeting_panel.discard_button:
            return  # on the way to 破棄 (Tab or a click): saving first would save what is about to be discarded
        self.save_notes()

    def _discard_left(self) -> None:
        if QApplication.focusWidget() is not self.meeting_panel.notes:
            self.save_notes()  # past 破棄 without using it: the notes box is left, its notes are saved

    def _keep_notes_draft(self, *, now: bool = False) -> bool:
        """Keep the typed notes as this person's draft of the meeting (handed to the draft writer, or with `now`
        written before returning); a failure is said at the top. False only when `now` and not written."""
        self._notes_timer.stop()
        if not self._notes_dirty or self._notes_uid is None:
            return True
        uid, text = self._notes_uid, self.meeting_panel.notes.toPlainText()
        turn = self._notes_turn
        error = self.notes_drafts.keep(uid, self.staff_uid, text, base_text=self._notes_base_text,
                                       version=self._notes_base, now=now,
                                       done=lambda failed: isValid(self) and turn == self._notes_turn
                                       and self._notes_draft_kept(failed))
        if error is not None:
            self._notes_draft_kept(error)
        return error is None

    def _notes_draft_kept(self, error: OSError | None) -> None:
        if error is not None:
            self.banner.show_message(draft_failed_text(error.strerror or str(error)), "warning")

    def discard_notes(self) -> None:
        """破棄: the notes put back (or kept when the meeting closed elsewhere) go, after asking; the stored ones show."""
        if self._notes_uid is None or not self._notes_dirty:
            return
        if not confirm_discard(self):
            return
        self.notes_drafts.drop(self._notes_uid, self.staff_uid)
        meeting = self.loaded.meeting if self.loaded else None
        self._hand_notes(meeting if meeting and meeting["uid"] == self._notes_uid else None)
        self.meeting_panel.notes.setFocus()

    def _say_closed_elsewhere(self) -> None:
        """The meeting was closed (on another PC) while notes were typed here: said, and the text stays."""
        self._keep_notes_draft()
        self.meeting_panel.saved_note.setText(T.notes_closed_elsewhere_note())
        self.meeting_panel.discard_button.show()
        self.banner.show_message(T.notes_closed_elsewhere_text(), "warning")

    def save_notes(self, then=None) -> None:
        """Save the typed notes (on leaving the box, another tab, closing): a stale save is said, the text kept.

        `then`: another meeting is to be shown, once the notes are saved (at once when there is nothing to save,
        or when the meeting is closed: its notes stay this person's draft, put back when it is shown again).
        A refused save shows no other meeting: the notes typed stay in the box of the meeting they belong to,
        and the top of the page shows that meeting again."""
        meeting = self.loaded.meeting if self.loaded else None
        if self._shut or not self._notes_dirty or meeting is None or meeting["uid"] != self._notes_uid \
                or meeting["status"] != D.MEETING_OPEN:
            if then is not None:
                then()
            return
        uid, text, base, by = meeting["uid"], self.meeting_panel.notes.toPlainText(), self._notes_base, self.staff_uid
        drafts, turn = self.notes_drafts, self._notes_turn

        def work(services) -> int:
            services.voice_days.set_notes(uid, text, by=by, expected_version=base)
            drafts.drop_saved(uid, by, text)  # stored: the draft goes — also when the window has closed meanwhile
            return services.voice_days.get(uid)["version"]

        def saved(version: int) -> None:
            if turn == self._notes_turn:
                self._notes_saved(text, version)
            if then is not None:
                then()

        def refused(error: Exception) -> None:
            if turn != self._notes_turn:  # the box was handed over meanwhile (another person): only said
                self.banner.show_message(f"{T.error_text(error)} {T.notes_kept_text()}")
                return
            self._notes_refused(error)
            if then is not None and self.loaded is not None:  # stay: the top names this meeting again
                self.meeting_uid = self.loaded.meeting["uid"] if self.loaded.meeting else None
                self._fill_top(self.loaded)

        self.ops.write(self, work).success(saved).failure(refused).run()

    def _notes_saved(self, text: str, version: int) -> None:
        if self.meeting_panel.notes.toPlainText() == text:
            self._notes_dirty = False
        else:
            self._keep_notes_draft()  # typed on while saving: that newer text stays kept
        self._notes_base = version
        self._notes_base_text = text.strip()  # as stored
        self.meeting_panel.discard_button.hide()
        self.meeting_panel.saved_note.setText(self.tr("Notes saved at {time}.").format(
            time=self.clock().strftime("%H:%M")))

    def _notes_refused(self, error: Exception) -> None:
        if not isinstance(error, EditConflict) or self.loaded is None or self.loaded.meeting is None:
            # Not saved (locked, closed elsewhere…): the text stays in the box and kept as a draft.
            self._keep_notes_draft()
            self.banner.show_message(f"{T.error_text(error)} {T.notes_kept_text()}")
            if T.is_closed_refusal(error) and self.loaded is not None and self.loaded.meeting is not None:
                self.refresh()  # closed on another PC: the box shows it (read only), the notes still in it
            return
        current = self.ops.read.voice_days.get(self.loaded.meeting["uid"])
        self._notes_base = current["version"]  # leaving the box again saves the text typed here
        self._notes_base_text = current["notes"] or ""
        self.meeting_panel.saved_note.setText(self.tr("Saved by someone else: {notes}").format(
            notes=current["notes"] or ""))
        self.banner.show_message(self.tr(
            "Another leader saved the notes meanwhile. Your text is kept in the box; their notes are shown under "
            "it. Leave the box again to save yours."), "warning")

    # --- moving and zoom ------------------------------------------------------------------------
    def step(self, by: int) -> None:
        """Ctrl+Down / Ctrl+Up: the next or previous voice, from anywhere on the page."""
        if not self.model.rows:
            return
        row = self.view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(len(self.model.rows) - 1, row + by))
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))

    def zoom(self, direction: int) -> None:
        """Ctrl++ / Ctrl+- / Ctrl+0: every text of the page larger or smaller, remembered on this PC."""
        index = ZOOMS.index(self._zoom)
        self._zoom = 1.0 if direction == 0 else ZOOMS[max(0, min(len(ZOOMS) - 1, index + direction))]
        self.settings.voice_day_zoom = self._zoom
        self._apply_zoom()

    @property
    def zoom_factor(self) -> float:
        return self._zoom

    def _apply_zoom(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(self._base_point * self._zoom)
        self.setFont(font)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self._fit_decisions()
        self.summary.set_font_scale(self._zoom)
        if self.loaded is not None:
            self.summary.set_weeks(self.loaded.review.weeks)

    # --- printing (ui/printing) -------------------------------------------------------------
    def _document(self, then) -> None:
        """The voice-day sheet of the review shown, with each voice's alike ones (read off the UI thread);
        `then(document)` prints or saves it, and a printing failure is said at the top in Japanese."""
        if self.loaded is None:
            return
        review = self.loaded.review
        names = {**self.loaded.names, **self.loaded.improvement_titles}  # staff and improvements, by uid
        # The office named beside the team only where the file holds several (a branch's sheet stays as it was).
        office = self.branch.combo.itemText(self.branch.combo.findData(review.office)) if self.branch.shown else ""

        def alike(services):
            from agency_app.storage.similar_voices import alike_for_each
            return alike_for_each(services.conn, review.voices)

        def build(found) -> None:
            from agency_app.ui.printing.printed_document import PrintFailed
            from agency_app.ui.printing.voice_day_sheet import voice_day_document
            try:
                then(voice_day_document(review, names, found, office))
            except PrintFailed as error:
                self.banner.show_message(error.message_ja)
        self.ops.query(self, alike).with_progress(self.tr("Preparing the sheet…")).success(build) \
            .failure(self._refused).run()

    def print_preview(self) -> None:
        """Ctrl+P: the sheet as it will print (A4), with its print button."""
        def show(document) -> None:
            dialog = document.preview(self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog = dialog
            dialog.open()
        self._document(show)

    def save_pdf(self) -> None:
        """Ctrl+Shift+P: the sheet as a PDF, for those not present."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog
        review = self.loaded.review if self.loaded else None
        if review is None:
            return
        name = f"声の日_{review.team}_{review.range_to.isoformat()}.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save as PDF"), name, "PDF (*.pdf)")
        if path:
            self.write_pdf(Path(path))

    def write_pdf(self, path) -> None:
        self._document(lambda document: self.banner.show_message(self.tr("Saved as PDF ({pages} pages): {path}").format(
            pages=document.write_pdf(path), path=path), "info"))
