"""One improvement read-only: its fields, the voices it answers (any team), status moves, the report, history."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
    QScrollArea, QTabWidget, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.changes import Changes
from agency_app.storage.drafts import DraftStore
from agency_app.storage.improvements import ImprovementNotFound
from agency_app.storage.services import Services
from agency_app.storage.voices import VoiceNotFound
from agency_app.ui.improvements.improvement_form import ImprovementFormDialog
from agency_app.ui.improvements.improvement_status_dialog import ImprovementStatusDialog
from agency_app.ui.improvements.improvement_texts import (
    improvement_changed_elsewhere_text, improvement_error_text, improvement_field_label,
)
from agency_app.ui.improvements.report_dialog import ReportDialog
from agency_app.ui.improvements.voice_link_dialog import VoiceLinkDialog
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date
from agency_app.ui.kit.history import HistoryModel, history_table
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.record_actions import record_action
from agency_app.ui.kit.record_views import RecordDetailPanel
from agency_app.ui.kit.widgets import without_enter_default

translate = QCoreApplication.translate
VOICE_ROLE = Qt.ItemDataRole.UserRole
SHOWN = ("status", "title", "team", "owner_id", "opened_on", "due_date", "cause", "action", "completed_on",
         "completed_by", "close_reason", "reopen_note", "reported_on")
ONLY_WHEN_SET = frozenset({"team", "cause", "action", "completed_on", "completed_by", "close_reason", "reopen_note"})
DATES = {"opened_on", "due_date", "completed_on", "reported_on"}


def voice_line(voice: dict) -> str:
    """A voice as the improvement lists it: date, team, kind, summary and, when closed, its status."""
    team = f"［{voice['team']}］" if voice.get("team") else ""
    text = f"{display_date(voice['received_at'])}　{team}{labels.kind_label(voice['kind'])}　{voice['summary']}"
    return f"{text}（{labels.status_label(voice['status'])}）"


class ImprovementHistoryModel(HistoryModel):
    """The history table taught the improvement's fields; a voice linked or removed is named by its summary."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.voice_texts: dict[str, str] = {}

    def _text(self, entry, column: int) -> str:
        if entry.field == "voices" and column == 2:
            return translate("ImprovementHistory", "Voice linked") if entry.new_value \
                else translate("ImprovementHistory", "Voice removed")
        return super()._text(entry, column)

    def field_name(self, field: str) -> str:
        return improvement_field_label(field)

    def values_text(self, values: dict[str, str]) -> str:
        return super().values_text({k: v for k, v in values.items() if k != "search_text"})

    def value_text(self, field: str, value: str | None) -> str:
        if value in (None, ""):
            return ""
        if field == "voices":
            return self.voice_texts.get(value, value)
        if field == "owner_id":
            return self._names.get(value, value)
        if field in DATES:
            return display_date(value)
        return super().value_text(field, value)


class ImprovementDetailPanel(RecordDetailPanel):
    """`.show_improvement(uid)` / `.clear()`; shown anew after any write to it or its voices; open_record(kind, uid)."""

    shown, only_when_set, not_found = SHOWN, ONLY_WHEN_SET, ImprovementNotFound
    table = "improvements"
    voices: list[dict] = []

    def __init__(self, ops: Operations, staff_uid: str, *, drafts: DraftStore | None = None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(ops, staff_uid, drafts, parent)
        self.clock = clock
        form = self._field_form(Qt.TextInteractionFlag.TextSelectableByMouse)
        content = QWidget(self)
        content.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)

        self.voice_list = QListWidget(self)
        self.voice_list.setAccessibleName(improvement_field_label("voices"))
        self.voice_list.setWordWrap(True)
        self.voice_list.itemActivated.connect(lambda _item: self.open_selected_voice())
        self.voice_list.installEventFilter(self)
        self.add_voice_button = QPushButton(self.tr("Add a voice…"), self)
        self.remove_voice_button = QPushButton(self.tr("Remove the voice (Del)"), self)
        without_enter_default(self.add_voice_button, self.remove_voice_button)
        self.remove_voice_button.clicked.connect(self.remove_selected_voice)
        voice_hint = QLabel(self.tr("Enter opens the voice on the voice tab."), self)
        voice_hint.setStyleSheet("color: #555;")
        voice_page = QWidget(self)
        voice_layout = QVBoxLayout(voice_page)
        voice_layout.addWidget(self.voice_list, 1)
        voice_buttons = QHBoxLayout()
        voice_buttons.addWidget(voice_hint, 1)
        voice_buttons.addWidget(self.add_voice_button)
        voice_buttons.addWidget(self.remove_voice_button)
        voice_layout.addLayout(voice_buttons)

        self.history_model = ImprovementHistoryModel(self)
        self.history = history_table(self, self.history_model)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, self.tr("Details"))
        self.tabs.addTab(voice_page, self.tr("Voices answered"))
        self.tabs.addTab(self.history, self.tr("History"))

        self.buttons = {
            "edit": QPushButton(self.tr("Edit…"), self),
            "report": QPushButton(self.tr("Mark as reported to the insurer…"), self),
            "voice": QPushButton(self.tr("Open the voice"), self),
            "start": QPushButton(self.tr("Start work"), self),
            "done": QPushButton(self.tr("Done…"), self),
            "drop": QPushButton(self.tr("Drop…"), self),
            "reopen": QPushButton(self.tr("Reopen…"), self),
        }
        links = {"voice": self.open_first_voice, "report": self.mark_reported}
        self._lay_out((("edit", "report", "voice"), (("start", "reopen"), "done", "drop")), links)
        # Adding a voice: its button sits on the voices tab, its key (as the voice day's 改善に結びつける) everywhere.
        self.add_voice_action = record_action(self, "link_voice", self.tr("Add a voice this improvement answers…"),
                                              self.add_voice, self.add_voice_button)
        self.action_of["link_voice"] = self.add_voice_action
        self.add_voice_action.setEnabled(False)

    def _repository(self, services: Services):
        return services.improvements

    def concerns(self, changes: Changes) -> bool:
        """The improvement shown, a voice linked to or removed from one, or a voice it answers (status, summary)."""
        if not self.uid:
            return False
        return self.uid in changes.uids("improvements") or changes.touches("improvement_voices") \
            or bool(changes.uids("voices") & {v["uid"] for v in self.voices})

    def _field_label(self, name: str) -> str:
        return improvement_field_label(name)

    # --- showing ----------------------------------------------------------------
    def _clear_more(self) -> None:
        self.voices = []
        self.voice_list.clear()
        self.tabs.setTabText(1, self.tr("Voices answered"))
        self.history_model.set_entries([], {})
        for widget in (self.add_voice_button, self.remove_voice_button):
            widget.setEnabled(False)
        if hasattr(self, "add_voice_action"):
            self.add_voice_action.setEnabled(False)

    def _today(self) -> date:
        return self.clock().date()

    def _overdue_text(self, due: str) -> str:
        return self.tr("{date}  — Overdue").format(date=due)

    def _show(self, uid: str) -> None:
        self.show_improvement(uid)

    def show_improvement(self, uid: str) -> None:
        loaded = self._load(uid)
        if loaded is None:
            return
        record, names = loaded
        status = record["status"]
        closed = status in codes.CLOSED_STATUSES
        self._show_voices(uid)
        shown = {"edit": True, "report": True, "voice": bool(self.voices), "start": status == codes.STATUS_NEW,
                 "done": not closed, "drop": not closed, "reopen": closed, "history": True}
        for name, offered in shown.items():
            self._offer(name, offered)
        self.add_voice_action.setEnabled(True)
        self.add_voice_button.setEnabled(True)
        self.remove_voice_button.setEnabled(bool(self.voices))
        entries = self.reader.history(uid)
        self.history_model.voice_texts = self._voice_texts(entries)
        self.history_model.branch_names = {b.code: b.name for b in self.ops.read.masters.branches(
            include_inactive=True)}
        self.history_model.set_entries(list(reversed(entries)), names)

    def _show_voices(self, uid: str) -> None:
        self.voices = self.reader.voices(uid)
        current = self.voice_list.currentRow()
        self.voice_list.clear()
        for voice in self.voices:
            item = QListWidgetItem(voice_line(voice), self.voice_list)
            item.setData(VOICE_ROLE, voice["uid"])
        if self.voices:
            self.voice_list.setCurrentRow(min(max(current, 0), len(self.voices) - 1))
        self.tabs.setTabText(1, self.tr("Voices answered ({count})").format(count=len(self.voices)))

    def _voice_texts(self, entries) -> dict[str, str]:
        """The voices named in the history (linked or removed since), each as 'date summary'."""
        wanted = {v for e in entries if e.field == "voices" for v in (e.old_value, e.new_value) if v}
        found = {v["uid"]: f"{display_date(v['received_at'])}　{v['summary']}" for v in self.voices}
        for uid in wanted - set(found):
            try:
                voice = self.ops.read.voices.get(uid)
            except VoiceNotFound:  # a voice gone is shown by its id
                continue
            found[uid] = f"{display_date(voice['received_at'])}　{voice['summary']}"
        return found

    def _text(self, name: str, record: dict, names: dict[str, str]) -> str:
        value = record.get(name)
        if name == "status":
            text = labels.status_label(value)
            if record["reopen_count"]:
                text += "　" + self.tr("(reopened {count} times)").format(count=record["reopen_count"])
            return text
        if name in ("owner_id", "completed_by"):
            return names.get(value or "", "")
        if name == "reported_on":
            if not value:
                return self.tr("Not reported yet")
            return f"{display_date(value)}　{record.get('reported_insurer') or ''}".strip()
        if name in DATES:
            return display_date(value)
        return value or ""

    # --- acting -----------------------------------------------------------------
    def _editor(self, uid: str) -> ImprovementFormDialog:
        return ImprovementFormDialog(self.ops, self.staff_uid, uid, drafts=self.drafts, clock=self.clock,
                                     parent=self)

    def _status_dialog(self, target: str) -> ImprovementStatusDialog:
        return ImprovementStatusDialog(self.ops, self.staff_uid, self.uid, target, clock=self.clock, parent=self)

    def _changed_elsewhere_text(self) -> str:
        return improvement_changed_elsewhere_text()

    def _error_text(self, error: FieldError) -> str:
        return improvement_error_text(error)

    def start_work(self) -> None:
        uid, by, now, version = self.uid, self.staff_uid, self.clock(), self.record and self.record["version"]
        self._quick(lambda data: data.improvements.change_status(
            uid, StatusChange(codes.STATUS_IN_PROGRESS), by=by, now=now, expected_version=version))

    def mark_callback_made(self) -> None:
        """An improvement's call-back promise is kept by the voice it answers: nothing to mark here."""

    def mark_reported(self) -> None:
        if not self.shown_anew():
            return
        dialog = ReportDialog(self.ops, self.staff_uid, self.uid, clock=self.clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)  # recorded so on another PC already: nothing written, no signal comes
        self.dialog = dialog
        dialog.open()

    def add_voice(self) -> None:
        if not self.uid:
            return
        dialog = VoiceLinkDialog(self.ops, self.staff_uid, self.uid, clock=self.clock, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)  # linked on another PC meanwhile: nothing written, no signal comes
        self.dialog = dialog
        dialog.open()

    def open_first_voice(self) -> None:
        """Ctrl+Shift+V: the first voice it answers, on the voice tab."""
        if self.voices:
            self.open_record.emit("voice", self.voices[0]["uid"])

    def open_selected_voice(self) -> None:
        item = self.voice_list.currentItem()
        if item is not None:
            self.open_record.emit("voice", item.data(VOICE_ROLE))

    def remove_selected_voice(self) -> None:
        """Delete in the voice list: asked first (the history keeps that it was linked)."""
        item = self.voice_list.currentItem()
        if item is None or not self.uid:
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove the voice"),
                          self.tr("Remove this voice from the improvement?\n{voice}").format(voice=item.text()),
                          parent=self)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        if box.clickedButton() is not remove:
            return
        uid, voice, by, now = self.uid, item.data(VOICE_ROLE), self.staff_uid, self.clock()
        self.ops.write(self, lambda data: data.improvements.unlink_voice(uid, voice, by=by, now=now)) \
            .success(lambda removed: removed or self.refresh()) \
            .failure(lambda error: self.banner.show_message(known_error_text(error))).run()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.voice_list and event.type() == QEvent.Type.KeyPress \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_selected_voice()
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_selected_voice()
                return True
        return super().eventFilter(watched, event)
