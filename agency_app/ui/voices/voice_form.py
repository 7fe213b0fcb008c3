"""The entry form for one customer voice: keyboard-only, Ctrl+Enter saves, every keystroke kept in a draft."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.similarity import comparable_text, too_short
from agency_app.domain.voice import VoiceInput, default_due_date, parse_datetime, validate_voice
from agency_app.storage.drafts import DraftStore
from agency_app.storage.services import Services
from agency_app.storage.similar_voices import SHOWN_MINIMUM, similar_voices, voice_text
from agency_app.ui.kit import labels
from agency_app.ui.kit.form_drafts import EntryForm
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.insurer_choice import follow_product_line
from agency_app.ui.kit.scrolling_form import FieldScroll
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.messages import edit_conflict_text, field_label
from agency_app.ui.kit.field_grid import FieldGrid
from agency_app.ui.kit.widgets import ChoiceCombo, FieldBox
from agency_app.ui.kit.date_fields import DateEdit, DateTimeEdit, draft_text
from agency_app.ui.voices.similar_hint import LIST_KEY, Alike, SimilarHint

COMBOS = ("channel", "kind", "category_group", "category_item", "product_line", "insurer",
          "assignee_id", "callback_staff_id")
TEXTS = ("received_at", "summary", "body", "due_date", "callback_at")
# Alt+letter jumps to a field (on the phone, 折り返し is Alt+R, not eleven Tabs); letters from the
# romanised word where they are free: Uketsuke, Houhou, Kind, Bunrui, Shouhin, Insurer, Customer,
# Youshi, Naiyou, Assignee (担当), Due, Return call, and 折り返し担当 on W (who).
FIELD_KEYS = {"received_at": "U", "channel": "H", "kind": "K", "category_group": "B", "product_line": "S",
              "insurer": "I", "customer_name": "C", "summary": "Y", "body": "N", "assignee_id": "A",
              "due_date": "D", "callback_at": "R", "callback_staff_id": "W"}
SIMILAR_AFTER_MS = 400  # typing has paused: look for similar voices then, not at every key
SIMILAR_SHOWN = 10      # the line counts up to this many; the list shows them


def draft_key(staff_uid: str, voice_uid: str | None = None) -> str:
    """Drafts belong to the person who typed them: another staff member never sees or saves them."""
    return f"edit-{staff_uid}-{voice_uid}" if voice_uid else f"new-{staff_uid}"


class VoiceFormDialog(EntryForm, QDialog):
    """New voice (voice_uid None) or edit of one; emits saved(uid). Non-modal friendly: call show()."""

    saved = Signal(str)
    voice_chosen = Signal(str)  # a similar voice picked from the hint's list (the window may show it)

    def __init__(self, ops: Operations, staff_uid: str, voice_uid: str | None = None,
                 drafts: DraftStore | None = None, parent: QWidget | None = None, *, clock=now_tokyo):
        super().__init__(parent)
        self.ops, self.staff_uid, self.voice_uid, self.drafts = ops, staff_uid, voice_uid, drafts
        self.clock = clock  # Tokyo local time: what '15時' or '明日' mean in the date fields
        self.repo = ops.read.voices  # reading; the save goes through ops.write
        self.masters = ops.read.masters
        self.taxonomy = self.masters.taxonomy()
        self._version: int | None = None
        self._due_auto = True  # the due date follows kind and receipt date until the user types one
        self._loading = True
        self._similar_asked = 0  # each change of the text asks anew; an older answer is dropped
        self._received_before: str | None = None  # editing: only voices received before this one are 過去
        self._init_drafts()
        self._build()
        self._load()
        self._open(editing=bool(self.voice_uid),
                   restored_text=self.tr("Restored the entry you were typing last time."))
        if not self.voice_uid:
            # Time, channel (電話) and kind (不満) come filled in: a caller gives their name first.
            self.inputs["customer_name"].setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def has_draft(drafts: DraftStore | None, staff_uid: str, voice_uid: str | None = None) -> bool:
        return drafts is not None and drafts.load(draft_key(staff_uid, voice_uid)) is not None

    @property
    def key(self) -> str:
        return draft_key(self.staff_uid, self.voice_uid)

    # --- building ---------------------------------------------------------------
    def _build(self) -> None:
        self.setWindowTitle(self.tr("Edit voice") if self.voice_uid else self.tr("New voice"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        # Imported here, not at the top: the main window imports this module at start, and the
        # picker brings the customer storage with it (~50 ms) that is needed only once a form opens.
        from agency_app.ui.kit.customer_picker import CustomerPicker
        w = self.inputs = {
            # A receipt lies behind: '9時' typed in the afternoon is this morning, never tomorrow.
            "received_at": DateTimeEdit(self, clock=self.clock, roll_forward=False),
            "channel": ChoiceCombo(self),
            "kind": ChoiceCombo(self),
            "is_complaint": QCheckBox(field_label("is_complaint"), self),
            "category_group": ChoiceCombo(self),
            "category_item": ChoiceCombo(self),
            "product_line": ChoiceCombo(self),
            "insurer": ChoiceCombo(self, free_text=True),
            # A customer record can be picked (the voice is then linked to it) or a name typed freely.
            "customer_name": CustomerPicker(self.ops.read, self),
            "summary": QLineEdit(self),
            "body": QPlainTextEdit(self),
            "assignee_id": ChoiceCombo(self),
            "due_date": DateEdit(self, clock=self.clock),
            "callback_at": DateTimeEdit(self, clock=self.clock),
            "callback_staff_id": ChoiceCombo(self),
        }
        w["customer_name"].edit.setPlaceholderText(
            self.tr("Name, kana or phone to find a customer; empty if anonymous"))
        w["summary"].setPlaceholderText(self.tr("Required: what the voice is about, in one line"))
        w["body"].setPlaceholderText(self.tr("What the customer said (Tab moves to the next field)"))
        w["body"].setTabChangesFocus(True)  # Tab must leave the text, as in every other field
        w["body"].setMinimumHeight(110)
        w["category_group"].setMinimumContentsLength(16)
        w["category_item"].setMinimumContentsLength(24)
        self.boxes = {name: FieldBox(widget, self) for name, widget in w.items()}

        grid = FieldGrid(self, self.boxes, field_label, keys=FIELD_KEYS)
        grid.pair(0, "received_at", "channel")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.boxes["kind"], 1)
        kind_row.addWidget(self.boxes["is_complaint"])
        grid.row_of(1, "kind", kind_row)
        category_row = QHBoxLayout()
        category_row.addWidget(self.boxes["category_group"], 2)
        category_row.addWidget(self.boxes["category_item"], 3)
        grid.row_of(2, "category_group", category_row, span=3)
        grid.pair(3, "product_line", "insurer")
        grid.pair(4, "customer_name")
        grid.pair(5, "summary")
        grid.pair(6, "body")
        grid.pair(7, "assignee_id", "due_date")
        grid.pair(8, "callback_at", "callback_staff_id")

        self._init_buttons()
        # R13: earlier voices that read like this one, said quietly below the fields while the text is typed.
        self.similar = SimilarHint(self)
        self.similar.chosen.connect(self.voice_chosen)
        self._similar_timer = QTimer(self)
        self._similar_timer.setSingleShot(True)
        self._similar_timer.setInterval(SIMILAR_AFTER_MS)
        self._similar_timer.timeout.connect(self._look_for_similar)
        similar_list = QAction(self.tr("Similar earlier voices"), self)
        similar_list.setShortcut(QKeySequence(LIST_KEY))
        similar_list.triggered.connect(lambda _checked=False: self.similar.open_list())
        self.addAction(similar_list)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(FieldScroll(grid, self), 1)  # on a small screen the fields scroll, not the buttons
        layout.addWidget(self.similar)
        layout.addLayout(self._button_row(spacer=0))  # the draft warning takes the width beside the buttons

        order = [w[name] for name in (
            "received_at", "channel", "kind", "is_complaint", "category_group", "category_item",
            "product_line", "insurer", "customer_name", "summary", "body", "assignee_id",
            "due_date", "callback_at", "callback_staff_id")] + [self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        for name in TEXTS:
            w[name].textChanged.connect(self._changed)
        for name in ("summary", "body"):
            w[name].textChanged.connect(self._text_changed)
        w["customer_name"].edit.textChanged.connect(self._changed)
        w["customer_name"].customer_changed.connect(self._changed)
        w["customer_name"].edit.installEventFilter(self)
        for name in COMBOS:
            w[name].editTextChanged.connect(self._changed)
        w["is_complaint"].toggled.connect(self._changed)
        w["kind"].currentIndexChanged.connect(self._kind_changed)
        w["kind"].editTextChanged.connect(self._kind_changed)
        w["received_at"].textChanged.connect(self._follow_due)
        w["due_date"].textEdited.connect(self._due_typed)
        w["category_group"].editTextChanged.connect(self._group_changed)
        w["callback_at"].textChanged.connect(self._callback_typed)
        for widget in w.values():
            widget.installEventFilter(self)
        fit_to_screen(self, QSize(880, 620))  # smaller on a small screen: the buttons stay on it

    def _fill_choices(self) -> None:
        w = self.inputs
        w["channel"].set_choices(labels.choices("channel"))
        w["kind"].set_choices(labels.choices("kind"))
        w["product_line"].set_choices(labels.choices("product_line"), allow_empty=True)
        follow_product_line(w["product_line"], w["insurer"], self.masters.insurers())  # 生保 → life insurers
        w["category_group"].set_choices([(g, g) for g in self.taxonomy.groups()], allow_empty=True)
        staff = self.masters.staff()
        choices = [(s.uid, s.name) for s in staff]
        kana = {s.uid: s.kana for s in staff}
        for name in ("assignee_id", "callback_staff_id"):
            w[name].set_choices(choices, allow_empty=True, search=kana)
        # A one-level taxonomy (the agency preset) has no items: the second combo is not needed.
        self._two_level = any(c.item for c in self.taxonomy.categories)
        w["category_item"].setVisible(self._two_level)
        self.boxes["category_item"].setVisible(self._two_level)

    # --- loading and state ------------------------------------------------------
    def _load(self) -> None:
        self._fill_choices()
        w = self.inputs
        if self.voice_uid:
            entry = self.repo.as_input(self.voice_uid)
            stored = self.repo.get(self.voice_uid)
            self._version, self._received_before = stored["version"], stored["received_at"]
            self._due_auto = False
        else:
            now = self.clock()
            entry = VoiceInput(received_at=now.strftime("%Y-%m-%d %H:%M"), assignee_id=self.staff_uid,
                               due_date=default_due_date(now.date(), codes.KIND_DISSATISFACTION).isoformat())
        names = {s.uid: s.name for s in self.masters.staff(include_inactive=True)}
        w["received_at"].set_stored(entry.received_at)
        w["due_date"].set_stored(entry.due_date)
        w["callback_at"].set_stored(entry.callback_at)
        for name in ("channel", "kind", "product_line", "insurer", "category_group"):
            w[name].set_code(getattr(entry, name))
        self._group_changed()
        w["category_item"].set_code(entry.category_item)
        for name in ("assignee_id", "callback_staff_id"):
            uid = getattr(entry, name)
            w[name].set_code(uid, names.get(uid))
        self._set_customer(entry.customer_id, entry.customer_name)
        w["summary"].setText(entry.summary)
        w["body"].setPlainText(entry.body)
        self._kind_changed()
        w["is_complaint"].setChecked(entry.is_complaint)

    def _state(self) -> dict:
        """Everything on screen, as typed (drafts keep it; comparing two states tells if anything changed)."""
        w = self.inputs
        state = {name: w[name].code_or_text() for name in COMBOS}
        state.update({name: draft_text(w[name]) for name in TEXTS if name != "body"})
        state["customer_name"] = w["customer_name"].text()
        state["customer_id"] = w["customer_name"].customer_uid() or ""
        state["body"] = w["body"].toPlainText()
        state["is_complaint"] = w["is_complaint"].isChecked()
        return state

    def _apply(self, state: dict) -> None:
        """Put a saved state back; a key the draft lacks (an older version wrote it) keeps its default."""
        w = self.inputs
        for name in ("received_at", "due_date", "callback_at", "summary"):
            if name in state:
                w[name].setText(str(state[name]))
        if "customer_name" in state or "customer_id" in state:
            self._set_customer(str(state.get("customer_id") or ""), str(state.get("customer_name") or ""))
        if "body" in state:
            w["body"].setPlainText(str(state["body"]))
        for name in ("channel", "kind", "product_line", "insurer", "category_group",
                     "assignee_id", "callback_staff_id"):
            if name in state:
                w[name].set_value(str(state[name]))
        self._group_changed()
        if "category_item" in state:
            w["category_item"].set_value(str(state["category_item"]))
        self._kind_changed()
        if "is_complaint" in state:
            w["is_complaint"].setChecked(bool(state["is_complaint"]) and w["is_complaint"].isEnabled())

    # --- reacting to typing -----------------------------------------------------
    def _set_customer(self, uid: str, name: str) -> None:
        """Show the linked customer record, or the name as typed when the voice has none."""
        picker = self.inputs["customer_name"]
        if uid:
            picker.set_customer(uid)
        if not picker.customer_uid():  # no link, or the record is gone: keep the name on screen
            picker.edit.setText(name)

    def _customer_name(self) -> str:
        """The record's name when a customer is picked (the list shows the name, not the picker's label)."""
        picker = self.inputs["customer_name"]
        uid = picker.customer_uid()
        if uid:
            return picker.repo.get(uid)["name"]
        return picker.text()

    def _kind_changed(self) -> None:
        dissatisfied = self.inputs["kind"].code() == codes.KIND_DISSATISFACTION
        box = self.inputs["is_complaint"]
        if not dissatisfied:
            box.setChecked(False)
        box.setEnabled(dissatisfied)
        self._follow_due()

    def _follow_due(self) -> None:
        if not self._due_auto:
            return
        received = parse_datetime(self.inputs["received_at"].value())
        kind = self.inputs["kind"].code()
        if received is not None and kind in codes.KINDS:
            due = self.inputs["due_date"]
            due.setText(default_due_date(received.date(), kind).strftime("%Y/%m/%d"))

    def _text_changed(self) -> None:
        """要旨 or 内容 changed: the answer on screen is stale; ask again once typing pauses."""
        self._similar_asked += 1
        self._similar_timer.start()  # restarted by every key: one look after the pause

    def _look_for_similar(self) -> None:
        text = voice_text(self.inputs["summary"].text(), self.inputs["body"].toPlainText())
        asked = self._similar_asked
        if not comparable_text(text):
            self.similar.clear()
        elif too_short(text):
            self.similar.show_too_short()
        else:
            own, before = self.voice_uid, self._received_before
            # Off the UI thread (a reader's connection): typing never waits; a newer look replaces this one.
            op = self.ops.query(self, lambda data: similar_voices(data.conn, text, exclude_uid=own,
                                                                  received_before=before, limit=SIMILAR_SHOWN + 1,
                                                                  minimum=SHOWN_MINIMUM),
                                key=("similar-voices", id(self)))
            # A hint that could not be read says nothing rather than interrupt the typing.
            op.success(lambda found: self._similar_found(asked, found)).failure(lambda _error: None)
            try:
                op.run()
            except RuntimeError:
                pass  # the database was closed under a form still open (the program is ending): nothing to ask

    def _similar_found(self, asked: int, found: list) -> None:
        if asked != self._similar_asked:
            return  # the text changed meanwhile: a newer answer is coming
        self.similar.show_alike([Alike(v.uid, v.received_at, v.summary) for v in found[:SIMILAR_SHOWN]],
                                more=len(found) > SIMILAR_SHOWN)  # one more asked for: "10件以上", not "10件"

    def _due_typed(self, text: str) -> None:
        self._due_auto = not text.strip()

    def _group_changed(self) -> None:
        combo = self.inputs["category_item"]
        items = self.taxonomy.items(self.inputs["category_group"].code_or_text())
        combo.set_choices([(i, i) for i in items], allow_empty=True)
        combo.setEnabled(bool(items))

    def _callback_typed(self, text: str) -> None:
        staff = self.inputs["callback_staff_id"]
        if text.strip() and not staff.currentText().strip() and not self._loading:
            staff.set_code(self.staff_uid)

    # --- saving -----------------------------------------------------------------
    def _entry(self) -> tuple[VoiceInput, list[FieldError]]:
        """The typed values as a VoiceInput, plus problems only the form can see (a category not in the list)."""
        w = self.inputs
        problems = []
        for name in ("category_group", "category_item"):
            combo = w[name]
            if not combo.isHidden() and combo.isEnabled() and combo.code() is None:
                problems.append(FieldError(name, E.UNKNOWN_CHOICE))
        entry = VoiceInput(
            received_at=w["received_at"].value(), channel=w["channel"].code_or_text(),
            kind=w["kind"].code_or_text(), is_complaint=w["is_complaint"].isChecked(),
            category_group=w["category_group"].code_or_text(),
            category_item=w["category_item"].code_or_text() if w["category_item"].isEnabled() else "",
            product_line=w["product_line"].code_or_text(), insurer=w["insurer"].code_or_text(),
            customer_name=self._customer_name(), customer_id=w["customer_name"].customer_uid() or "",
            summary=w["summary"].text(),
            body=w["body"].toPlainText(), assignee_id=w["assignee_id"].code_or_text(),
            due_date=w["due_date"].value(), callback_at=w["callback_at"].value(),
            callback_staff_id=w["callback_staff_id"].code_or_text())
        return entry, problems

    def _write(self, data: Services, typed: tuple[VoiceInput, list[FieldError]]) -> str:
        entry, problems = typed
        if problems:
            self._refuse(problems, lambda: validate_voice(entry, now=self.clock()))
        if self.voice_uid:
            data.voices.update(self.voice_uid, entry, by=self.staff_uid, expected_version=self._version)
            return self.voice_uid
        return data.voices.create(entry, by=self.staff_uid)

    def _not_saved_text(self) -> str:
        return self.tr("Nothing was saved. Please correct the marked fields.")

    def _conflict_text(self) -> str:
        return edit_conflict_text()
