"""The window's drafts are those of the database open: typing left in one file is never offered in another, even a copy."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from agency_app.app import session_drafts
from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.services import Services
from agency_app.ui.kit.draft_writer import draft_writer
from agency_app.ui.shell.open_errors import open_database
from agency_app.ui.voices.voice_form import VoiceFormDialog
from form_fixtures import focused, ime_type, shown
from list_fixtures import OFFSCREEN_NOISE, make_ops, settle

TYPED = "電話中に入力した要旨"
# Ctrl+Enter locks the form at the key press; QTest's key releases then reach the disabled field (as in
# tests/ui/voices/test_voice_form.py). The closest qt_log_ignore mark wins, so this repeats the offscreen pattern.
SAVED_BY_KEYBOARD = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, r"Keyboard event not accepted by receiving widget")


class NoQuestions:
    """A sound file asks nothing; any question is a failure of the test."""

    def __getattr__(self, name):
        def asked(*args):
            pytest.fail(f"asked {name} while opening a sound file")
        return asked


def opened(path):
    """The database as app.py opens it, its operations and the drafts app.py gives the window for it."""
    result = open_database(path, NoQuestions(), daily_backup=False)
    services = Services(result.store)
    return result, make_ops(result.store), session_drafts(result, services)


@pytest.fixture
def two_copies(tmp_path):
    """A database and a copy of it (last year's file, a training copy): the same staff, the same uids."""
    first = tmp_path / "office" / "agency.db"
    store = open_store(first)
    initialise(store)
    sato = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう")
    store.close()
    copy = tmp_path / "training" / "agency.db"
    copy.parent.mkdir()
    shutil.copy(first, copy)
    return first, copy, sato


@SAVED_BY_KEYBOARD
def test_a_draft_typed_with_one_database_open_is_not_offered_with_a_copy_open(qtbot, two_copies):
    first, copy, sato = two_copies
    one, ops, drafts = opened(first)
    form = shown(qtbot, VoiceFormDialog(ops, sato, drafts=drafts))
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], TYPED)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # leaving the field keeps the draft at once
    draft_writer().drain()
    assert VoiceFormDialog.has_draft(drafts, sato)
    form.hide()
    form.deleteLater()  # the window is gone without saving: the typing waits as a draft
    ops.shutdown()
    one.store.close()

    other, other_ops, other_drafts = opened(copy)
    assert not VoiceFormDialog.has_draft(other_drafts, sato)
    fresh = shown(qtbot, VoiceFormDialog(other_ops, sato, drafts=other_drafts))
    assert fresh.inputs["summary"].text() == "" and "Restored" not in fresh.banner.text()
    fresh.hide()
    other_ops.shutdown()
    other.store.close()

    again, again_ops, again_drafts = opened(first)
    restored = shown(qtbot, VoiceFormDialog(again_ops, sato, drafts=again_drafts))
    assert restored.inputs["summary"].text() == TYPED and "Restored" in restored.banner.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # saved: the draft goes
    settle(qtbot, again_ops)
    draft_writer().drain()
    assert restored.saved_uid and not restored.isVisible()
    assert list(again_drafts.folder.iterdir()) == []  # no copy of the customer's words is left behind
    again_ops.shutdown()
    again.store.close()
