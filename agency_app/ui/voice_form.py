"""The entry form for one customer voice: keyboard-only, Ctrl+Enter saves, every keystroke kept in a draft."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import VoiceInput, default_due_date, parse_datetime, validate_voice
from agency_app.storage.database import Store
from agency_app.storage.drafts import DraftStore
from agency_app.storage.errors import StorageError
from agency_app.storage.masters import MasterData
from agency_app.storage.voices import EditConflict, VoiceRepository
from agency_app.ui import labels
from agency_app.ui.messages import draft_failed_text, edit_conflict_text, field_label, storage_error_text
from agency_app.ui.widgets import (
    Banner, ChoiceCombo, DateEdit, DateTimeEdit, FieldBox, clear_field_errors, confirm_discard,
    show_field_errors, without_enter_default,
)

DRAFT_DELAY_MS = 500
COMBOS = ("channel", "kind", "category_group", "category_item", "product_line", "insurer",
          "assignee_id", "callback_staff_id")
TEXTS = ("received_at", "summary", "body", "due_date", "callback_at")


def draft_key(staff_uid: str, voice_uid: str | None = None) -> str:
    """Drafts belong to the person who typed them: another staff member never sees or saves them."""
    return f"edit-{staff_uid}-{voice_uid}" if voice_uid else f"new-{staff_uid}"


class VoiceFormDialog(QDialog):
    """New voice (voice_uid None) or edit of one; emits saved(uid). Non-modal friendly: call show()."""

    saved = Signal(str)

    def __init__(self, store: Store, staff_uid: str, voice_uid: str | None = None,
                 drafts: DraftStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.staff_uid, self.voice_uid, self.drafts = store, staff_uid, voice_uid, drafts
        self.repo = VoiceRepository(store)
        self.masters = MasterData(store)
        self.taxonomy = self.masters.taxonomy()
        self._version: int | None = None
        self._due_auto = True  # the due date follows kind and receipt date until the user types one
        self._loading = True
        self._saved_uid: str | None = None
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        self._build()
        self._load()
        self._baseline = self._state()
        self._restore_draft()
        self._loading = False

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
        from agency_app.ui.customer_picker import CustomerPicker
        w = self.inputs = {
            "received_at": DateTimeEdit(self),
            "channel": ChoiceCombo(self),
            "kind": ChoiceCombo(self),
            "is_complaint": QCheckBox(field_label("is_complaint"), self),
            "category_group": ChoiceCombo(self),
            "category_item": ChoiceCombo(self),
            "product_line": ChoiceCombo(self),
            "insurer": ChoiceCombo(self, free_text=True),
            # A customer record can be picked (the voice is then linked to it) or a name typed freely.
            "customer_name": CustomerPicker(self.store, self),
            "summary": QLineEdit(self),
            "body": QPlainTextEdit(self),
            "assignee_id": ChoiceCombo(self),
            "due_date": DateEdit(self),
            "callback_at": DateTimeEdit(self),
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

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        line_height = QLineEdit().sizeHint().height() + 4  # + the error frame's margins

        def label(name: str, row: int, col: int) -> None:
            text = QLabel(field_label(name), self)
            text.setBuddy(w[name])
            # As tall as one line of a field, so the label sits level with the field's first line
            # even when the field is taller (内容) or an error line under it makes the row taller.
            text.setFixedHeight(line_height)
            text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(text, row, col, Qt.AlignmentFlag.AlignTop)

        def pair(row: int, left: str, right: str | None = None) -> None:
            label(left, row, 0)
            top = Qt.AlignmentFlag(0) if left == "body" else Qt.AlignmentFlag.AlignTop
            grid.addWidget(self.boxes[left], row, 1, 1, 1 if right else 3, top)
            if right:
                label(right, row, 2)
                grid.addWidget(self.boxes[right], row, 3, Qt.AlignmentFlag.AlignTop)

        pair(0, "received_at", "channel")
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.boxes["kind"], 1)
        kind_row.addWidget(self.boxes["is_complaint"])
        label("kind", 1, 0)
        grid.addLayout(kind_row, 1, 1, Qt.AlignmentFlag.AlignTop)
        category_row = QHBoxLayout()
        category_row.addWidget(self.boxes["category_group"], 2)
        category_row.addWidget(self.boxes["category_item"], 3)
        label("category_group", 2, 0)
        grid.addLayout(category_row, 2, 1, 1, 3, Qt.AlignmentFlag.AlignTop)
        pair(3, "product_line", "insurer")
        pair(4, "customer_name")
        pair(5, "summary")
        pair(6, "body")
        pair(7, "assignee_id", "due_date")
        pair(8, "callback_at", "callback_staff_id")
        grid.setRowStretch(6, 1)

        self.banner = Banner(self)
        self.draft_warning = QLabel(self)
        self.draft_warning.setStyleSheet("color: #7a5a00;")
        self.draft_warning.setWordWrap(True)
        self.draft_warning.hide()
        self.save_button = QPushButton(self.tr("Save (Ctrl+Enter)"), self)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"), self)
        without_enter_default(self.save_button, self.cancel_button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_warning, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(grid, 1)
        layout.addLayout(buttons)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        order = [w[name] for name in (
            "received_at", "channel", "kind", "is_complaint", "category_group", "category_item",
            "product_line", "insurer", "customer_name", "summary", "body", "assignee_id",
            "due_date", "callback_at", "callback_staff_id")] + [self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        for name in TEXTS:
            w[name].textChanged.connect(self._changed)
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
        self.resize(880, 620)

    def _fill_choices(self) -> None:
        w = self.inputs
        w["channel"].set_choices(labels.choices("channel"))
        w["kind"].set_choices(labels.choices("kind"))
        w["product_line"].set_choices(labels.choices("product_line"), allow_empty=True)
        w["insurer"].set_choices([(name, name) for name in self.masters.insurers()], allow_empty=True)
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
            self._version = self.repo.get(self.voice_uid)["version"]
            self._due_auto = False
        else:
            now = now_tokyo()
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
        state.update({name: w[name].text() for name in TEXTS if name != "body"})
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

    def is_dirty(self) -> bool:
        return self._state() != self._baseline

    def _restore_draft(self) -> None:
        try:
            data = self.drafts.load(self.key) if self.drafts else None
        except OSError:
            data = None  # an unreadable draft folder must not stop the form from opening
        if not data or not isinstance(data.get("form"), dict):
            return
        base = data.get("base")
        if self.voice_uid and data.get("version") != self._version and isinstance(base, dict):
            # Changed by someone else since the draft began: keep their changes, put back only
            # the fields this user had changed.
            self._apply({k: v for k, v in data["form"].items() if base.get(k) != v})
        else:
            self._apply(data["form"])
            self._due_auto = bool(data.get("due_auto", self._due_auto))
        self.banner.show_message(self.tr("Restored the entry you were typing last time."), "info")

    def _rebase(self) -> None:
        """After an edit conflict: show the stored voice as it is now, with this user's changes on top."""
        mine = {k: v for k, v in self._state().items() if self._baseline.get(k) != v}
        self._loading = True
        self._load()
        self._baseline = self._state()
        self._apply(mine)
        self._loading = False
        self.flush_draft()

    # --- reacting to typing -----------------------------------------------------
    def _changed(self) -> None:
        if not self._loading:
            self._draft_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._draft_timer.isActive():
            self.flush_draft()  # a field was left: keep what was typed now, not in 500 ms
        return super().eventFilter(watched, event)

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

    def save(self) -> bool:
        """Validate and write; on any problem nothing is written and everything typed stays."""
        if self._saved_uid:
            return False  # already saved (a second Ctrl+Enter before the window closed)
        clear_field_errors(self.boxes, self.banner)
        entry, problems = self._entry()
        try:
            if problems:
                try:  # show the domain's findings too, so the user fixes everything in one pass
                    validate_voice(entry, now=now_tokyo())
                except ValidationFailed as failed:
                    problems += [p for p in failed.errors if p.field not in {q.field for q in problems}]
                raise ValidationFailed(problems)
            if self.voice_uid:
                self.repo.update(self.voice_uid, entry, by=self.staff_uid, expected_version=self._version)
                uid = self.voice_uid
            else:
                uid = self.repo.create(entry, by=self.staff_uid)
        except ValidationFailed as failed:
            show_field_errors(failed.errors, self.boxes, self.banner,
                              self.tr("Nothing was saved. Please correct the marked fields."))
            return False
        except EditConflict:
            self._rebase()
            self.banner.show_message(edit_conflict_text())
            return False
        except StorageError as error:
            self.flush_draft()
            self.banner.show_message(storage_error_text(error))
            return False
        self._draft_timer.stop()
        self._drop_draft()
        self._baseline = self._state()
        self._saved_uid = uid
        self.saved.emit(uid)
        self.accept()
        return True

    # --- drafts -----------------------------------------------------------------
    def flush_draft(self) -> None:
        """Write the draft now; a failure is shown quietly, typing is never interrupted."""
        self._draft_timer.stop()
        if self.drafts is None or self._loading:
            return
        try:
            if self.is_dirty():
                self.drafts.save(self.key, {"form": self._state(), "base": self._baseline,
                                            "due_auto": self._due_auto, "version": self._version})
            else:
                self.drafts.discard(self.key)
        except OSError as error:
            self.draft_warning.setText(draft_failed_text(error.strerror or str(error)))
            self.draft_warning.show()
            return
        self.draft_warning.hide()

    def _drop_draft(self) -> None:
        if self.drafts is None:
            return
        try:
            self.drafts.discard(self.key)
        except OSError:
            pass  # a stale draft only offers old text again next time; the record is saved

    # --- leaving ----------------------------------------------------------------
    def put_aside(self) -> None:
        """Close without asking, keeping what was typed as this person's draft (e.g. staff switch).

        The draft is restored when the same person opens the form again; nobody else sees it.
        """
        self.flush_draft()
        super().reject()

    def reject(self) -> None:
        """Esc, Cancel or the window's close box: ask only when something was typed."""
        if self.is_dirty() and not confirm_discard(self):
            return
        self._draft_timer.stop()
        self._drop_draft()
        super().reject()
