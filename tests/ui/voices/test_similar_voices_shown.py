"""R13 on screen: the form says quietly, while a voice is typed, that similar voices exist; the detail panel says
which earlier voices look alike, and Enter on one shows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.ui.voices.voice_detail import VoiceDetailPanel
from agency_app.ui.voices.voice_form import VoiceFormDialog
from form_fixtures import add_voice, drafts, focused, ime_type, shown  # noqa: F401

SAID = "There are {count} similar earlier voices"
TOO_SHORT = "The text is too short to look for similar voices."
EARLIER = "Renewal notice has not arrived yet, the customer is worried about the deadline"


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # teardown closing a typed-in form must not wait


@pytest.fixture
def earlier(voice_db):
    """Two earlier voices saying the same thing, in the database file the worker threads read."""
    store, staff, _uids = voice_db
    return [add_voice(store, staff["sato"], received_at=f"2025-11-0{day} 09:00", summary="Renewal notice",
                      body=EARLIER) for day in (3, 4)]


@pytest.fixture
def form(qtbot, file_ops, voice_db, drafts):
    return shown(qtbot, VoiceFormDialog(file_ops, voice_db[1]["sato"], drafts=drafts))


def test_typing_a_voice_like_earlier_ones_says_so_quietly_without_taking_the_focus(qtbot, form, earlier):
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet, worried about the deadline")
    assert form.similar.text() == ""  # nothing while the keys come: the look waits for a pause
    qtbot.waitUntil(lambda: form.similar.text().startswith(SAID.format(count=2)), timeout=5000)
    assert focused() is body  # never steals the focus
    assert "2025/11/04  Renewal notice" in form.similar.preview.text()  # the top few: date and 要旨, newest first
    assert form.similar.preview.text().index("2025/11/04") < form.similar.preview.text().index("2025/11/03")
    assert body.toPlainText().endswith("deadline")  # every key typed is there


def test_it_looks_once_typing_pauses_not_at_every_key(qtbot, form, earlier, monkeypatch):
    from agency_app.ui.voices import voice_form
    looks = []
    real = voice_form.similar_voices
    monkeypatch.setattr(voice_form, "similar_voices", lambda *args, **kw: looks.append(1) or real(*args, **kw))
    body = form.inputs["body"]
    body.setFocus()
    for char in "Renewal notice has not arrived yet":
        qtbot.keyClick(body, char)
        QApplication.processEvents()  # the event loop turns between two keys, as for a person typing
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    assert len(looks) == 1


def test_the_key_opens_the_list_and_esc_closes_only_the_list(qtbot, form, earlier):
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet")
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    chosen = []
    form.voice_chosen.connect(chosen.append)
    qtbot.keyClick(body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is form.similar.list and form.similar.list.count() == 2
    qtbot.keyClick(form.similar.list, Qt.Key.Key_Return)
    assert chosen == [earlier[1]]  # the newest first
    qtbot.keyClick(form.similar.list, Qt.Key.Key_Escape)
    assert form.isVisible() and form.similar.list.isHidden()
    assert focused() is body


def test_more_than_ten_similar_voices_are_said_as_ten_or_more(qtbot, form, voice_db):
    store, staff, _uids = voice_db
    for day in range(1, 12):
        add_voice(store, staff["sato"], received_at=f"2025-11-{day:02d} 09:00", summary="Renewal notice", body=EARLIER)
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet")
    qtbot.waitUntil(lambda: form.similar.text().startswith("There are 10 or more similar earlier voices"), timeout=5000)
    assert form.similar.list.count() == 10


def test_a_text_too_short_says_so_instead_of_suggesting_noise(qtbot, form, earlier):
    summary = form.inputs["summary"]
    summary.setFocus()
    ime_type(summary, "高い")
    qtbot.waitUntil(lambda: form.similar.text() == TOO_SHORT, timeout=5000)
    assert not form.similar.items


def test_an_answer_for_an_older_text_is_dropped(qtbot, form, earlier):
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet")
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    body.selectAll()
    qtbot.keyClick(body, Qt.Key.Key_Delete)
    ime_type(body, "自動車保険の等級について知りたい")
    # An answer that left before the text changed arrives now: it must not be shown for the new text.
    stale = form._similar_asked - 1
    form._similar_found(stale, [])
    assert form.similar.items  # still the earlier answer until the new one
    qtbot.waitUntil(lambda: not form.similar.items, timeout=5000)
    assert form.similar.text() == ""


@pytest.fixture
def panel(qtbot, file_ops, voice_db, drafts):
    return shown(qtbot, VoiceDetailPanel(file_ops, voice_db[1]["sato"], drafts=drafts))


def test_the_detail_panel_shows_earlier_voices_alike_and_enter_shows_one(qtbot, panel, voice_db, earlier):
    store, staff, _uids = voice_db
    later = add_voice(store, staff["sato"], received_at="2025-11-20 09:00", summary="Renewal notice again",
                      body=EARLIER, customer_name="高橋 三郎")
    same_customer = add_voice(store, staff["sato"], received_at="2025-11-01 09:00", summary="Other matter",
                              body="Address change", customer_name="高橋 三郎")
    panel.show_voice(later)
    qtbot.waitUntil(lambda: bool(panel.alike.items), timeout=5000)
    assert panel.alike.text().startswith(SAID.format(count=3))
    # The same customer first (the clearest recurrence), then the closest text, newest first among equals.
    assert [item.uid for item in panel.alike.items] == [same_customer, earlier[1], earlier[0]]
    assert panel.alike.list.item(0).text() == "2025/11/01  Other matter（same customer）"
    opened = []
    panel.open_record.connect(lambda kind, uid: opened.append((kind, uid)))
    panel.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is panel.alike.list
    qtbot.keyClick(panel.alike.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.alike.list, Qt.Key.Key_Return)
    assert opened == [("voice", earlier[1])]
    panel.show_voice(earlier[0])  # the first of them: nothing earlier
    qtbot.waitUntil(lambda: panel.alike.text() == "" and not panel.action_of["alike"].isEnabled(), timeout=5000)
    assert same_customer not in [item.uid for item in panel.alike.items]


def test_the_detail_panel_says_a_text_is_too_short(qtbot, panel, voice_db):
    store, staff, _uids = voice_db
    uid = add_voice(store, staff["sato"], summary="高い", body="")
    panel.show_voice(uid)
    qtbot.waitUntil(lambda: panel.alike.text() == TOO_SHORT, timeout=5000)


def test_staff_read_it_in_japanese(qtbot, japanese, panel, voice_db, earlier):
    store, staff, _uids = voice_db
    short = add_voice(store, staff["sato"], summary="高い", body="")
    panel.show_voice(short)
    qtbot.waitUntil(lambda: panel.alike.text() == "文章が短いため、似た声は探していません", timeout=5000)
    later = add_voice(store, staff["sato"], received_at="2025-11-20 09:00", summary="Renewal notice", body=EARLIER)
    panel.show_voice(later)
    qtbot.waitUntil(lambda: panel.alike.text().startswith("似た声が過去に2件あります"), timeout=5000)


def test_a_fresh_answer_while_the_list_is_read_keeps_the_focus_in_the_list(qtbot, form, earlier):
    """Typed more, then Ctrl+Shift+Y before the pause ended: the newer answer arrives while the list is read.
    The focus stays in the list (Down and Enter go on choosing there), not back in the text."""
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet")
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    asked = form._similar_asked
    qtbot.keyClicks(body, ", worried")
    qtbot.keyClick(body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is form.similar.list
    old = form.similar.items
    qtbot.waitUntil(lambda: form._similar_asked != asked and form.similar.items is not old, timeout=5000)
    assert form.similar.list.isVisible() and focused() is form.similar.list


def test_a_similar_voice_picked_in_the_edit_form_is_shown_as_from_the_new_voice_form(qtbot, panel, voice_db, earlier):
    """F2 on a voice: its form says which voices read alike too; Enter on one shows it (the window behind selects
    it, as from the new voice form) instead of doing nothing."""
    store, staff, _uids = voice_db
    later = add_voice(store, staff["sato"], received_at="2025-11-20 09:00", summary="Renewal notice again",
                      body=EARLIER)
    panel.show_voice(later)
    qtbot.waitUntil(lambda: panel.uid == later, timeout=5000)
    panel.edit()
    form = panel._editors[later]
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    opened = []
    panel.open_record.connect(lambda kind, uid: opened.append((kind, uid)))
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is form)
    assert form.similar.open_list()
    qtbot.keyClick(form.similar.list, Qt.Key.Key_Return)
    assert opened == [("voice", form.similar.items[0].uid)]
    assert form.isVisible()  # the form stays, as typed


def test_the_edit_form_of_an_older_voice_counts_only_voices_before_it_as_earlier(qtbot, file_ops, voice_db, drafts,
                                                                                   earlier):
    """「似た声が過去にN件あります」 in the edit form of a voice from June must not count November's voices (received
    after it): like the detail panel, only voices received before the one edited are 過去."""
    store, staff, _uids = voice_db
    june = add_voice(store, staff["sato"], received_at="2025-06-01 09:00", summary="Renewal notice", body=EARLIER)
    before = add_voice(store, staff["sato"], received_at="2025-05-20 09:00", summary="Renewal notice", body=EARLIER)
    form = shown(qtbot, VoiceFormDialog(file_ops, staff["sato"], june, drafts=drafts))
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    assert [item.uid for item in form.similar.items] == [before]
    assert form.similar.text().startswith(SAID.format(count=1))
