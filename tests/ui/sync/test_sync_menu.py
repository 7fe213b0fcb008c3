"""送受信(X) in the main window: its entries with their keys, the status bar's 競合 count, F9 asking for the exchange
folder once and remembering it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from agency_app.ui.sync.conflicts_dialog import ConflictsDialog
from agency_app.ui.sync.status_dialog import SyncStatusDialog
from agency_app.ui.sync.sync_dialog import SyncDialog
from list_fixtures import make_window
from sync_screen_data import make_conflict

ENTRIES = [("&Write a file to send…", "Shift+F9"), ("&Import received files…", "Ctrl+F9"),
           ("Send and receive through the exchange &folder", "F9"), ("C&hoose the exchange folder…", ""),
           ("&Conflicts…", "Ctrl+Shift+F"), ("Sync &status…", "Ctrl+Shift+X")]


def test_the_exchange_menu_holds_every_entry_with_its_key(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "E&xchange")
    assert [(a.text(), a.shortcut().toString()) for a in menu.actions() if not a.isSeparator()] == ENTRIES
    window_keys = {a.shortcut().toString() for a in window.actions()}
    assert {"F9", "Shift+F9", "Ctrl+F9", "Ctrl+Shift+F", "Ctrl+Shift+X"} <= window_keys
    assert not window.conflict_label.isVisible()  # nothing waiting: nothing said


def test_the_menu_reads_in_japanese(qtbot, japanese, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    menu = window.sync_menu
    assert menu.title() == "送受信(&X)"
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "送信ファイルを作成…(&W)", "受信ファイルを取り込む…(&I)", "交換フォルダーで送受信(&F)", "交換フォルダーを選ぶ…(&H)",
        "競合…(&C)", "同期状況…(&S)"]
    window.search.shutdown()


def test_head_office_sees_the_open_conflicts_in_the_status_bar_and_opens_them(qtbot, offices, app_settings,
                                                                              tmp_path):
    hq, yok, _ = offices
    make_conflict(hq, yok)
    window = make_window(qtbot, hq.store, hq.manager, app_settings, tmp_path)
    assert window.conflict_label.isVisible() and "Conflicts: 1" in window.conflict_label.text()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.sync_window, ConflictsDialog) and len(window.sync_window.row_texts()) == 1
    qtbot.keyClick(window, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.sync_window, SyncStatusDialog)
    assert window.sync_window.waiting.text() == "Conflicts waiting: 1"
    window.sync_window.close()
    window.search.shutdown()


def test_f9_asks_for_the_exchange_folder_once_and_then_for_the_passphrase(qtbot, window, monkeypatch, tmp_path):
    folder = tmp_path / "exchange"
    folder.mkdir()
    asked = []

    def choose(_parent, _caption, _start):
        asked.append(1)
        return str(folder)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(choose))
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_F9)
        dialog = next(d for d in window.findChildren(SyncDialog) if d.isVisible())
        assert dialog.state == "ask" and str(folder) in dialog.intro.text() and dialog.again.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible()
    assert asked == [1]
    assert window.settings.sync_exchange_folder(window.ops.services.path) == str(folder)
    window.search.shutdown()
