"""Drafts are written off the UI thread: typing never waits for the disk, the newest state wins, a discard stays."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import delete

from agency_app.storage.drafts import DraftStore
from agency_app.ui.kit.draft_writer import DraftWriter, draft_writer
from agency_app.ui.voices.voice_form import VoiceFormDialog
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401

HELD = 5  # seconds a held write waits at most, so a failing test ends instead of hanging


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts))


class HeldStore:
    """A draft store whose writes wait until released, as a save does while a virus scanner holds the file."""

    def __init__(self):
        self.release = threading.Event()
        self.started = threading.Event()
        self.saved: list[tuple[str, dict]] = []
        self.threads: list[threading.Thread] = []

    def save(self, key, data, **_):
        self.threads.append(threading.current_thread())
        self.started.set()
        self.release.wait(HELD)
        self.saved.append((key, data))

    def discard(self, key):
        self.saved.append((key, None))


def test_the_draft_is_written_off_the_ui_thread(qtbot, form, monkeypatch):
    held = HeldStore()
    held.release.set()
    monkeypatch.setattr(form.drafts, "save", held.save)
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "電話中")
    qtbot.waitUntil(lambda: bool(held.saved), timeout=2000)  # 0.5 s after typing stopped
    assert held.threads and threading.main_thread() not in held.threads


def test_typing_goes_on_while_a_draft_write_is_held(qtbot, form, monkeypatch):
    held = HeldStore()
    monkeypatch.setattr(form.drafts, "save", held.save)
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "要旨")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # leaving the field keeps the draft: the write starts and is held
    assert held.started.wait(HELD)
    form.inputs["body"].setFocus()
    qtbot.keyClicks(form.inputs["body"], "typing on")
    assert form.inputs["body"].toPlainText() == "typing on"
    assert not held.saved  # ...while the draft write is still held
    held.release.set()
    draft_writer().drain()
    assert held.saved[0][1]["form"]["summary"] == "要旨"


def test_states_typed_while_a_write_is_held_are_written_once_the_newest(qtbot):
    writer, held = DraftWriter(), HeldStore()
    writer.write_later(held, "new-a", {"n": 1})
    assert held.started.wait(HELD)
    for n in (2, 3, 4):
        writer.write_later(held, "new-a", {"n": n})
    held.release.set()
    writer.drain()
    assert held.saved == [("new-a", {"n": 1}), ("new-a", {"n": 4})]


def blocked(writer: DraftWriter) -> HeldStore:
    """The writer's one thread busy with another draft, so what is handed over next waits."""
    other = HeldStore()
    writer.write_later(other, "new-other", {"x": 1})
    assert other.started.wait(HELD)
    return other


def test_a_discarded_draft_is_not_brought_back_by_a_write_still_waiting(qtbot, tmp_path):
    writer, store = DraftWriter(), DraftStore(tmp_path / "drafts")
    other = blocked(writer)
    writer.write_later(store, "new-a", {"form": {"summary": "typed"}})
    writer.discard(store, "new-a")  # saved or cancelled meanwhile
    other.release.set()
    writer.drain()
    assert store.load("new-a") is None and store.keys() == []


def test_a_discard_waits_for_a_write_of_the_same_draft_under_way(qtbot, tmp_path):
    writer, store = DraftWriter(), DraftStore(tmp_path / "drafts")
    release, started = threading.Event(), threading.Event()
    real_save = store.save

    def slow_save(key, data, **kwargs):
        started.set()
        release.wait(HELD)
        real_save(key, data, **kwargs)
    store.save = slow_save
    writer.write_later(store, "new-a", {"form": {}})
    assert started.wait(HELD)
    threading.Timer(0.2, release.set).start()  # the scanner lets go while the discard waits
    writer.discard(store, "new-a")
    writer.drain()
    assert store.keys() == []


def test_a_flush_writes_before_it_returns_and_an_older_waiting_state_does_not_follow(qtbot, tmp_path):
    writer, store = DraftWriter(), DraftStore(tmp_path / "drafts")
    other = blocked(writer)
    writer.write_later(store, "new-a", {"state": "older"})
    writer.write_now(store, "new-a", {"state": "newest"})  # the window closes: written before this returns
    assert store.load("new-a") == {"state": "newest"}
    other.release.set()
    writer.drain()
    assert store.load("new-a") == {"state": "newest"}


def test_closing_the_form_writes_its_draft_at_once(qtbot, form, monkeypatch):
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "閉じる直前")
    form.flush_draft()
    assert DraftStore(form.drafts.folder).load(form.key)["form"]["summary"] == "閉じる直前"  # no waiting


def test_a_draft_the_worker_cannot_write_is_a_quiet_warning_in_the_form(qtbot, form, monkeypatch):
    full = [True]

    def refuse(key, data, **kwargs):
        if full[0]:
            raise OSError(28, "No space left on device")
        DraftStore.save(form.drafts, key, data, **kwargs)
    monkeypatch.setattr(form.drafts, "save", refuse)
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "下書き失敗")
    qtbot.waitUntil(form.draft_warning.isVisible, timeout=2000)  # after the timer, from the worker
    assert "No space left" in form.draft_warning.text()
    full[0] = False  # room again
    ime_type(form.inputs["summary"], "再開")
    qtbot.waitUntil(lambda: not form.draft_warning.isVisible(), timeout=2000)  # written again: the warning goes


def test_a_failure_told_after_the_form_is_gone_is_dropped(qtbot, ops, staff, drafts, monkeypatch):
    held = HeldStore()

    def refuse(key, data, **kwargs):
        held.save(key, data)
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(drafts, "save", refuse)
    form = VoiceFormDialog(ops, staff["sato"], drafts=drafts)  # not closed by qtbot: this test deletes it
    form.show()
    qtbot.waitExposed(form)
    form.inputs["summary"].setFocus()
    form.inputs["summary"].setText("消える")
    form._keep_draft()  # what the timer does 0.5 s after typing
    assert held.started.wait(HELD)
    form.hide()
    delete(form)  # the window went before the worker could say the draft failed
    held.release.set()
    draft_writer().drain()
    QApplication.processEvents()  # the queued outcome is delivered: it must not touch the deleted form


def test_an_older_writes_failure_told_after_a_newer_state_was_written_is_not_shown(qtbot, form, monkeypatch):
    # The timer's write is held by a scanner and then refused; meanwhile Ctrl+Enter (or a staff switch)
    # writes the newest state at once. The refusal, told afterwards, said "not kept" under a kept draft.
    held, calls = HeldStore(), []

    def save(key, data, **kwargs):
        calls.append(data)
        if len(calls) == 1:
            held.started.set()
            held.release.wait(HELD)
            raise PermissionError(13, "Access is denied")
        DraftStore.save(form.drafts, key, data, **kwargs)
    monkeypatch.setattr(form.drafts, "save", save)
    form.inputs["summary"].setFocus()
    form.inputs["summary"].setText("保存直前")
    form._keep_draft()  # what the timer does 0.5 s after typing
    assert held.started.wait(HELD)
    threading.Timer(0.2, held.release.set).start()
    form.flush_draft()  # waits for the held write, then writes the newest state
    assert not form.draft_warning.isVisible()
    QApplication.processEvents()  # the held write's refusal arrives now
    assert not form.draft_warning.isVisible()
    assert form.drafts.load(form.key)["form"]["summary"] == "保存直前"
