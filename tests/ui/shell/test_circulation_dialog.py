"""回覧: a month chosen (last month by default, this month allowed), issued by a manager only, its voices counted,
読みました once per member, and who has not read it yet — for everyone to see; opened by Ctrl+Shift+J and from
today's work."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.storage.circulations import CirculationRepository
from agency_app.ui.shell.circulation_dialog import CirculationDialog, months_back, previous_month
from form_fixtures import add_voice

NOW = datetime(2025, 7, 2, 10, 0)


@pytest.fixture
def june(store, staff):
    """Three voices in June of two teams, one in July."""
    uids = [add_voice(store, staff["sato"], summary="満期案内が届かない", received_at="2025-06-03 09:00"),
            add_voice(store, staff["suzuki"], summary="説明が丁寧だった", received_at="2025-06-20 14:00",
                      kind="praise"),
            add_voice(store, staff["sato"], summary="窓口の待ち時間が長い", received_at="2025-06-30 17:00")]
    add_voice(store, staff["sato"], summary="七月の声", received_at="2025-07-01 09:00")
    return uids


def make(qtbot, ops, staff_uid, **kwargs) -> CirculationDialog:
    dialog = CirculationDialog(ops, staff_uid, clock=lambda: NOW, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_months_offered_this_month_first_and_last_month_is_the_default(qtbot, ops, staff, june):
    assert previous_month(NOW.date()) == "2025-06" and previous_month(datetime(2025, 1, 5).date()) == "2024-12"
    assert months_back(NOW.date(), 3) == ["2025-07", "2025-06", "2025-05"]
    dialog = make(qtbot, ops, staff["manager"])
    assert dialog.month() == "2025-06" and dialog.month_combo.currentText() == "6/2025"
    assert dialog.model.rowCount() == 3 and dialog.count_label.text() == "Voices of 6/2025: 3"
    assert [dialog.model.index(r, 3).data() for r in range(3)] == \
        ["満期案内が届かない", "説明が丁寧だった", "窓口の待ち時間が長い"]  # every team's, in order received
    assert [dialog.model.index(r, 1).data() for r in range(3)] == ["損保", "生保", "損保"]
    dialog.month_combo.setCurrentIndex(dialog.month_combo.findData("2025-07"))  # this month is allowed
    assert dialog.model.rowCount() == 1


def test_staff_cannot_issue_and_are_told_who_does(qtbot, ops, staff, june, store):
    dialog = make(qtbot, ops, staff["sato"])
    assert not dialog.issue_button.isEnabled()
    assert "manager" in dialog.issue_button.toolTip() and "A manager issues it" in dialog.state_label.text()
    assert not dialog.read_button.isEnabled()  # nothing issued to confirm
    dialog.issue()  # the button greyed; the method refuses too
    assert CirculationRepository(store).for_month("2025-06") is None
    assert "Only a manager" in dialog.banner.text()


def test_a_manager_issues_then_each_confirms_reading_once_and_the_unread_are_listed(qtbot, ops, staff, june, store):
    dialog = make(qtbot, ops, staff["manager"])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.issue_button.setFocus()
    qtbot.keyClick(dialog.issue_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.circulation is not None, timeout=2000)
    assert CirculationRepository(store).for_month("2025-06")["issued_by"] == staff["manager"]
    assert dialog.state_label.text() == "Issued on 2025/07/02 by 山田 花子."
    assert not dialog.issue_button.isVisible()
    assert dialog.readers_label.text() == "Not read yet: 3 of 3"
    assert sorted(dialog.unread_names()) == ["佐藤 一郎", "山田 花子", "鈴木 次郎"]

    sato = make(qtbot, ops, staff["sato"])
    assert sato.read_button.isEnabled()
    sato.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sato)
    qtbot.keyClick(sato, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # 読みました(R)
    qtbot.waitUntil(lambda: not sato.read_button.isEnabled(), timeout=2000)
    assert sato.read_button.text() == "Read on 2025/07/02 10:00"
    # The manager's open dialog follows: who has not read it yet, everyone can see.
    qtbot.waitUntil(lambda: dialog.readers_label.text() == "Not read yet: 2 of 3", timeout=2000)
    assert sorted(dialog.unread_names()) == ["山田 花子", "鈴木 次郎"]
    assert any(dialog.readers_list.item(i).text() == "佐藤 一郎（損保）: read 07/02 10:00"
               for i in range(dialog.readers_list.count()))
    sato.confirm_read()  # a second time changes nothing: the first reading stays
    reads = store.conn.execute("SELECT COUNT(*) FROM circulation_reads").fetchone()[0]
    assert reads == 1


def test_enter_on_a_voice_opens_it(qtbot, ops, staff, june):
    dialog = make(qtbot, ops, staff["sato"])
    dialog.voices.setFocus()
    dialog.voices.setCurrentIndex(dialog.model.index(1, 0))
    with qtbot.waitSignal(dialog.open_voice) as opened:
        qtbot.keyClick(dialog.voices, Qt.Key.Key_Return)
    assert opened.args == [june[1]]


def test_a_month_long_ago_asked_for_is_added_and_shown(qtbot, ops, staff, store):
    old = CirculationRepository(store).issue("2024-01", by=staff["manager"], now=NOW)
    dialog = make(qtbot, ops, staff["sato"], month=CirculationRepository(store).get(old)["month"])
    assert dialog.month() == "2024-01" and dialog.circulation["uid"] == old


def test_the_japanese_words(qtbot, ops, staff, june, japanese):
    dialog = make(qtbot, ops, staff["sato"])
    assert dialog.month_combo.currentText() == "2025年6月"
    assert dialog.windowTitle() == "回覧"
    assert dialog.count_label.text() == "2025年6月の声: 3件"
    assert "まだ発行されていません" in dialog.state_label.text()


def test_ctrl_shift_j_opens_it_from_any_tab_and_todays_work_opens_the_unread_month(qtbot, window, voice_db):
    store, staff, _ = voice_db
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tabs.go_to("case")
    qtbot.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.circulation is not None and window.circulation.isVisible(), timeout=2000)
    assert window.circulation_action in window.menuBar().actions()[0].menu().actions()
    window.circulation.close()
    qtbot.waitUntil(lambda: window.circulation is None, timeout=2000)

    page = window.tabs.go_to("work")
    qtbot.waitUntil(lambda: page.badge_count() == 3, timeout=2000)  # the voices' own items
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My work today (3)", timeout=2000)
    window.ops.write(None, lambda data: data.circulations.issue("2025-10", by=staff["manager"],
                                                                now=datetime(2025, 11, 1, 9, 0))).run()
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My work today (4)", timeout=2000)  # the badge counts it
    uid = window.ops.read.circulations.for_month("2025-10")["uid"]
    qtbot.waitUntil(lambda: page.show_record(uid), timeout=2000)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.circulation is not None, timeout=2000)
    dialog = window.circulation
    assert dialog.month() == "2025-10"
    qtbot.waitUntil(dialog.read_button.isEnabled, timeout=2000)
    window.tabs.go_to("case")  # today's work hidden: its badge must still follow
    dialog.read_button.click()  # 読みました: the item leaves today's work and the badge
    qtbot.waitUntil(lambda: window.tabs.tabText(1) == "My work today (3)", timeout=2000)
    window.tabs.go_to("work")
    qtbot.waitUntil(lambda: page.badge_count() == 3, timeout=2000)


def test_the_sheet_saves_as_pdf_with_the_months_voices_and_says_where(qtbot, ops, staff, june, tmp_path,
                                                                       monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    target = tmp_path / "回覧 6月"  # no extension typed: .pdf is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), "PDF (*.pdf)"))
    dialog = make(qtbot, ops, staff["sato"])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = tmp_path / "回覧 6月.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert "Saved as PDF (1 pages)" in dialog.banner.text() and str(saved) in dialog.banner.text()


def test_a_pdf_that_cannot_be_written_is_said_in_japanese_and_the_dialog_stays(qtbot, ops, staff, june, tmp_path,
                                                                               monkeypatch):
    from PySide6.QtWidgets import QFileDialog
    missing = tmp_path / "no-such-folder" / "回覧.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(missing), "PDF (*.pdf)"))
    dialog = make(qtbot, ops, staff["sato"])
    dialog.save_pdf()
    assert "保存先のフォルダーが見つかりません" in dialog.banner.text() and dialog.isVisible()
    assert not missing.exists()


def test_ctrl_p_opens_the_print_preview_of_the_month(qtbot, ops, staff, june):
    dialog = make(qtbot, ops, staff["manager"])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = dialog.preview_dialog
    assert preview is not None and preview.isVisible() and "2025年6月" in preview.windowTitle()
    preview.close()


def test_reading_confirmed_just_after_choosing_another_month_is_not_taken_for_the_month_shown_before(
        qtbot, file_ops, voice_db, monkeypatch):
    """June is issued and shown, 読みました enabled; the clerk picks July and presses Alt+R while July is still
    being read (a big month, in a worker): nothing is confirmed — not June's circulation, which is no longer shown."""
    store, staff, _uids = voice_db
    june = CirculationRepository(store).issue("2025-06", by=staff["manager"], now=NOW)
    dialog = make(qtbot, file_ops, staff["sato"])
    qtbot.waitUntil(lambda: dialog.circulation is not None and dialog.read_button.isEnabled(), timeout=3000)
    real = CirculationRepository.voices
    july_read = threading.Event()  # July's voices are held back (a big month) until 読みました has been pressed
    monkeypatch.setattr(CirculationRepository, "voices", lambda self, month: july_read.wait(5) and real(self, month))
    dialog.month_combo.setCurrentIndex(dialog.month_combo.findData("2025-07"))
    assert not dialog.read_button.isEnabled()  # what may be done in July is not known yet
    dialog.confirm_read()
    july_read.set()
    qtbot.waitUntil(lambda: dialog._loaded_month == "2025-07", timeout=3000)
    qtbot.waitUntil(file_ops.is_idle, timeout=3000)  # a write the early 読みました could have started has ended
    assert store.conn.execute("SELECT COUNT(*) FROM circulation_reads WHERE circulation_id = ?",
                              (june,)).fetchone()[0] == 0


def test_issued_or_read_on_another_pc_meanwhile_the_button_shows_it_as_it_is_now(qtbot, store, staff, june):
    """Two PCs (each its own operations, no change signal between them): the second manager's 発行 finds the
    month issued already, the member's 読みました finds it confirmed already — nothing is written twice, and the
    dialog shows it as it is now instead of staying as it was (a button that seems to do nothing)."""
    from list_fixtures import make_ops
    manager = make(qtbot, make_ops(store), staff["manager"])
    member = make(qtbot, make_ops(store), staff["sato"])
    repo = CirculationRepository(store)
    uid = repo.issue("2025-06", by=staff["manager"], now=NOW)  # on another PC
    manager.issue()
    qtbot.waitUntil(lambda: manager.circulation is not None, timeout=2000)
    assert not manager.issue_button.isVisible()
    member.refresh()
    qtbot.waitUntil(lambda: member.circulation is not None and member.read_button.isEnabled(), timeout=2000)
    repo.confirm_read(uid, staff["sato"], now=NOW)  # the same member, on another PC
    member.confirm_read()
    qtbot.waitUntil(lambda: not member.read_button.isEnabled(), timeout=2000)
    assert store.conn.execute("SELECT COUNT(*) FROM circulations").fetchone()[0] == 1
    assert store.conn.execute("SELECT COUNT(*) FROM circulation_reads").fetchone()[0] == 1
