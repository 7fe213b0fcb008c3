"""What every entry dialog shares: drafts of what is typed (kept shortly after typing and on leaving a field, and
offered back), the Save / Cancel row, saving with the problems shown in place, and Esc asking before typing is lost."""

from __future__ import annotations

import logging
from typing import Callable, NoReturn, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QWidget

from shiboken6 import isValid

from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.storage.records import EditConflict
from agency_app.ui.kit.draft_writer import draft_writer
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.messages import draft_failed_text, known_error_text
from agency_app.ui.kit.widgets import Banner, clear_field_errors, confirm_discard, show_field_errors, without_enter_default

DRAFT_DELAY_MS = 500

log = logging.getLogger(__name__)

# A plain alias: pyside6-lupdate finds translate("Context", "literal") calls, not wrappers.
translate = QCoreApplication.translate

T = TypeVar("T")


def open_forms() -> list[DraftedForm]:
    """Every entry form shown (voice, case, customer, elderly record, relative contact), in any window."""
    return [window for window in QApplication.topLevelWidgets()
            if isinstance(window, DraftedForm) and window.isVisible()]


def put_aside_open_forms(*, kept: bool = False) -> None:
    """Close every open form without a word, its typing kept as its draft (`kept`: already written just now)."""
    for form in open_forms():
        form.put_aside(kept=kept)


def flush_open_drafts() -> list[QWidget]:
    """Keep what is typed in every open form as its draft now (the window closes, a program error happened);
    the forms whose typing could not be kept are returned (each is logged too): closing the window asks first.

    One form that fails does not stop the others.
    """
    unkept = []
    for form in open_forms():
        try:
            kept = form.flush_draft()
        except Exception:  # noqa: BLE001 — called after a program error too: it must not raise another
            log.exception("the draft of %s was not kept", type(form).__name__)
            kept = False
        else:
            if not kept:
                log.warning("the draft of %s was not kept: %s", type(form).__name__, form.draft_error)
        if not kept:
            unkept.append(form)
    return unkept


def draft_error_reason(form) -> str:
    """Why `form`'s draft could not be kept, as the system said it (shown in brackets after "could not")."""
    error = getattr(form, "draft_error", None)
    if error is None:
        return translate("FormDrafts", "an unexpected error")
    return error.strerror or str(error)


def bring_forward_form(drafts, key: str) -> QWidget | None:
    """The open form already keeping its draft under `key`, brought forward; None when there is none.

    A second form on the same key (a second new case, a second case from one voice) would share one draft:
    it would open with the first one's typing as if restored, and a staff switch or closing the app would
    keep only one of the two."""
    if drafts is None:
        return None
    for form in open_forms():
        if form.drafts is drafts and form.key == key:
            form.raise_()
            form.activateWindow()
            return form
    return None

def _drop_draft(drafts, key: str) -> None:
    """The record is saved or the typing discarded: its draft goes (in whichever thread; no widget is touched),
    and no write still waiting on the draft writer brings it back."""
    if drafts is None:
        return
    try:
        draft_writer().discard(drafts, key)
    except OSError:
        pass  # a stale draft only offers old text again next time; the record is saved


class DraftedForm:
    """Mixin for an entry QDialog, listed before QDialog; keeps what is typed as its writer's draft.

    The dialog provides: drafts (a DraftStore or None), key, draft_warning (a QLabel), _loading, _state(),
    _apply(state), _baseline, _version and, if its due date follows other fields, _due_auto (kept in the
    draft). It calls _init_drafts() before typing can start, connects each field's change signal to _changed
    and installs itself as event filter on its fields.
    """

    _due_auto: bool | None = None  # None: the form has no due date that follows other fields
    _draft_turn = 0  # counts the states handed over: only the newest one's outcome is shown
    draft_error: OSError | None = None  # why the newest state handed over could not be written; None: written

    def _init_drafts(self) -> None:
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        # Kept while typing: the timer and leaving a field never commit an IME conversion under way.
        self._draft_timer.timeout.connect(self._keep_draft)

    def _changed(self, *_args) -> None:
        """Something was typed: the draft is written shortly after, and what follows from it is shown now."""
        if self._loading:
            return
        self._draft_timer.start()
        self._update()

    def _update(self) -> None:
        """Show what follows from the typed values (called with _loading off); nothing unless the form needs it."""

    def is_dirty(self) -> bool:
        return self._state() != self._baseline

    def _restore_draft(self, *, editing: bool) -> bool:
        """Put back a kept draft; True if there was one. Editing a record changed since: only this user's changes."""
        try:
            if self.drafts:
                draft_writer().settle(self.drafts, self.key)  # a state still being written is the one to offer
            data = self.drafts.load(self.key) if self.drafts else None
        except OSError:
            data = None  # an unreadable draft folder must not stop the form from opening
        if not data or not isinstance(data.get("form"), dict):
            return False
        base = data.get("base")
        if editing and data.get("version") != self._version and isinstance(base, dict):
            # Changed by someone else since the draft began: keep their changes, put back only
            # the fields this user had changed.
            self._apply({k: v for k, v in data["form"].items() if base.get(k) != v})
        else:
            # Whether the due date was typed must be known before the fields go back: otherwise
            # putting back the kind recomputes the due date over the one the user typed.
            if self._due_auto is not None:
                self._due_auto = bool(data.get("due_auto", self._due_auto))
            self._apply(data["form"])
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._draft_timer.isActive():
            self._keep_draft()  # a field was left: keep what was typed now, not in 500 ms
        return super().eventFilter(watched, event)

    def flush_draft(self) -> bool:
        """Write the draft now, with any word the IME is still converting committed first (the form is about
        to close or be saved); a failure is shown quietly. True when what is typed is kept (or nothing is
        typed): False tells the caller that closing the form now would lose it."""
        if not self._loading:
            commit_input_method(self)
        return self._keep_draft(now=True)

    def _keep_draft(self, *, now: bool = False) -> bool:
        """Keep the draft as the fields show it: handed to the draft writer (the file is written off the UI
        thread, so typing never waits for the disk), or with `now` written before returning (the form or the
        program is closing). A failure is shown quietly in the form. False only when `now` and the typed
        state could not be written."""
        self._draft_timer.stop()
        if self.drafts is None or self._loading or getattr(self, "_saving", False):
            return True  # while a save runs, the draft on disk is what is being saved: the write drops it once stored
        data = None  # nothing changed from the record: no draft
        if self.is_dirty():
            data = {"form": self._state(), "base": self._baseline, "due_auto": self._due_auto,
                    "version": self._version}
            if self._due_auto is None:
                del data["due_auto"]
        self._draft_turn = turn = self._draft_turn + 1
        if not now:
            draft_writer().write_later(self.drafts, self.key, data,
                                       lambda error, form=self: isValid(form) and form._draft_kept(error, turn))
            return True
        try:
            draft_writer().write_now(self.drafts, self.key, data)
        except OSError as error:
            self._draft_kept(error, turn)
            # Nothing typed (an old draft could not be removed): no typing is lost by closing.
            return data is None
        self._draft_kept(None, turn)
        return True

    def _draft_kept(self, error: OSError | None, turn: int) -> None:
        """The draft was written (None) or could not be (disk full, folder read-only): the form says so — unless
        a newer state was handed over since (its outcome, told in turn, is the one that counts: an older
        write's failure told late must not say "not kept" under a draft written since, nor its success hide
        a newer failure)."""
        if turn != self._draft_turn:
            return
        self.draft_error = error
        if error is None:
            self.draft_warning.hide()
            return
        self.draft_warning.setText(draft_failed_text(error.strerror or str(error)))
        self.draft_warning.show()

    def _drop_draft(self) -> None:
        _drop_draft(self.drafts, self.key)

    def put_aside(self, *, kept: bool = False) -> bool:
        """Close without asking, keeping what was typed as this person's draft (e.g. staff switch); `kept`: the
        caller has just written it (flush_draft returned True). True when closed.

        A draft that cannot be written (disk full, folder read-only) leaves the form open with its warning:
        closing it would lose the typing without a word. The draft is restored when the same person opens the
        form again; nobody else sees it.
        """
        if not kept and not self.flush_draft():
            return False
        super().reject()
        return True


class EntryForm(DraftedForm):
    """Mixin for an entry QDialog with drafts, listed before QDialog: Save / Cancel, Ctrl+Enter, Esc, edit conflicts.

    Besides what DraftedForm needs, the dialog provides: `ops` (the Operations), a `saved` Signal(str), boxes
    (field name → FieldBox), _load() (the stored record or the new one's defaults on screen, read with
    ops.read), _entry() (what is typed, as the repository takes it), _write(data, entry) → uid (runs on the
    writer thread with the writing Services `data`; raises ValidationFailed, EditConflict or StorageError; it
    must not touch widgets), and the texts _not_saved_text() and, if it edits records, _conflict_text(). It
    calls _init_buttons() while building and _open() once built and loaded.
    """

    saved_uid: str | None = None  # set once saved: a second Ctrl+Enter before the window closes does nothing
    _saving = False               # a write is running: Ctrl+Enter again does nothing
    _focus_before_save = None

    # --- building ---------------------------------------------------------------
    def _init_buttons(self) -> None:
        """The banner, the draft warning, Save and Cancel; Ctrl+Enter saves (Esc, as in any dialog, rejects)."""
        self.banner = Banner(self)
        self.draft_warning = QLabel(self)
        self.draft_warning.setStyleSheet("color: #7a5a00;")
        self.draft_warning.setWordWrap(True)
        self.draft_warning.hide()
        self.save_button = QPushButton(translate("EntryForm", "Save (Ctrl+Enter)"), self)
        self.cancel_button = QPushButton(translate("EntryForm", "Cancel (Esc)"), self)
        without_enter_default(self.save_button, self.cancel_button)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

    def _button_row(self, note: QWidget | None = None, *, spacer: int = 1) -> QHBoxLayout:
        """The row under the fields: the draft warning (or `note`, the warning then beside Save), Save, Cancel."""
        buttons = QHBoxLayout()
        if note is None:
            buttons.addWidget(self.draft_warning, 1)
            buttons.addStretch(spacer)
        else:
            self.draft_warning.setWordWrap(False)
            buttons.addWidget(note, 1)
            buttons.addWidget(self.draft_warning)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        return buttons

    # --- loading ----------------------------------------------------------------
    def _on_loaded(self, put: Callable[[], T]) -> T:
        """Just after _load() (with _loading on): the screen as loaded is the baseline; `put` lays typed values on it."""
        self._loading = False
        self._update()
        self._baseline = self._state()
        self._loading = True
        result = put()
        self._loading = False
        self._update()
        return result

    def _open(self, *, editing: bool, restored_text: str) -> None:
        """Once built and loaded: a kept draft is put back, and `restored_text` says so."""
        track_input_method(self)
        if self._on_loaded(lambda: self._restore_draft(editing=editing)):
            self.banner.show_message(restored_text, "info")

    def _rebase(self) -> None:
        """After an edit conflict: show the stored record as it is now, with this user's changes on top."""
        mine = {k: v for k, v in self._state().items() if self._baseline.get(k) != v}
        self._loading = True
        self._load()
        self._on_loaded(lambda: self._apply(mine))
        self.flush_draft()

    # --- saving -----------------------------------------------------------------
    def _error_texts(self, errors: list[FieldError]) -> list[FieldError]:
        """The errors with the texts this form shows them in."""
        return errors

    def _after_save(self, uid: str) -> None:
        """Just saved as `uid`, before saved(uid) is emitted; nothing unless the form needs it."""

    @staticmethod
    def _refuse(problems: list[FieldError], validate: Callable[[], object]) -> NoReturn:
        """Refuse with the problems only the form sees and the domain's findings, so all are fixed in one pass."""
        try:
            validate()
        except ValidationFailed as failed:
            problems += [p for p in failed.errors if p.field not in {q.field for q in problems}]
        raise ValidationFailed(problems)

    def save(self) -> None:
        """Validate and write through the operations (off the UI thread); on any problem nothing is written and
        everything typed stays. While the write runs the fields are locked, so nothing is typed into a form
        that is about to close."""
        if self.saved_uid or self._saving:
            return  # already saved, or saving (a second Ctrl+Enter before the window closed)
        commit_input_method(self)  # Ctrl+Enter does not move focus: a word still being converted is saved too
        clear_field_errors(self.boxes, self.banner)
        entry = self._entry()
        # What is saved stays a draft until the write has stored it, and no longer — even if the form is
        # closed meanwhile (window closed, staff switched): then no callback of the form runs.
        self.flush_draft()
        drafts, key = self.drafts, self.key
        self._saving = True
        self._focus_before_save = self.focusWidget()
        self.setEnabled(False)

        def write(data):
            uid = self._write(data, entry)
            _drop_draft(drafts, key)
            return uid
        # Unlocked however the write ends — a program error too (it calls neither callback): typing goes on.
        self.ops.write(self, write).always(lambda: isValid(self) and self._unlock()).success(self._saved) \
            .failure(self._not_saved).with_progress(translate("EntryForm", "Saving…")).run()

    def _unlock(self) -> None:
        self._saving = False
        self.setEnabled(True)
        focus = self._focus_before_save
        if focus is not None and isValid(focus):
            focus.setFocus()

    def _saved(self, uid: str) -> None:
        self._saving = False
        self._draft_timer.stop()
        self._drop_draft()
        self._baseline = self._state()
        self.saved_uid = uid
        self._after_save(uid)
        self.saved.emit(uid)
        self.accept()

    def _not_saved(self, error: Exception) -> None:
        self._unlock()
        if isinstance(error, ValidationFailed):
            show_field_errors(self._error_texts(error.errors), self.boxes, self.banner, self._not_saved_text())
        elif isinstance(error, EditConflict):
            self._rebase()
            self.banner.show_message(self._conflict_text())
        else:
            self.flush_draft()
            self.banner.show_message(known_error_text(error))

    # --- leaving ----------------------------------------------------------------
    def reject(self) -> None:
        """Esc, Cancel or the window's close box: ask only when something was typed. While the entry is being
        saved nothing is asked and nothing happens: the form closes itself once the save is written."""
        if self._saving:
            return
        commit_input_method(self)  # a word still being converted counts as typed: asked about, not lost silently
        if self.is_dirty() and not confirm_discard(self):
            return
        self._draft_timer.stop()
        self._drop_draft()
        super().reject()
