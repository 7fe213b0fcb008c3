"""The menu bar: unique mnemonics, 操作 shows the tab's actions with their keys; 更新, Ctrl+F and the status bar follow the tab."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolBar

from agency_app.domain.cases import ADDRESS_CHANGE, CaseInput
from agency_app.storage.cases import CaseRepository
from customer_fixtures import add_customer
from list_fixtures import NOW, make_window

RECORD_TABS = ("voice", "case", "customer", "sale", "voice_day", "improvement")


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).upper() if found else None


def tab_actions(window):
    return window.detail.record_actions() if window.tabs.current_key() == "voice" \
        else window.tabs.current_page().record_actions()


def test_the_menu_bars_mnemonics_are_unique(window):
    titles = [action.text() for action in window.menuBar().actions()]
    letters = [mnemonic(title) for title in titles]
    assert None not in letters and len(set(letters)) == len(letters), titles
    assert titles == ["&File", "&View", "&Operate", "&Manage", "E&xchange"]


def test_every_record_action_of_every_tab_has_a_key_and_is_in_the_operate_menu_when_its_tab_is_shown(qtbot, window):
    window_keys = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    for index in range(window.tabs.count()):
        window.tab_actions[index].trigger()
        key = window.tabs.current_key()
        actions = tab_actions(window) if key in RECORD_TABS else []
        assert bool(actions) == (key in RECORD_TABS), key
        keys = [a.shortcut().toString() for a in actions]
        assert all(keys) and len(set(keys)) == len(keys), (key, keys)
        assert not set(keys) & window_keys, key  # never a key the window already answers on every tab
        assert window.record_menu.actions() == actions, key
        assert window.record_menu.menuAction().isEnabled() == bool(actions)
        assert all(a.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut for a in actions)
    window.tab_actions[0].trigger()
    names = [a.objectName() for a in window.record_menu.actions()]
    assert names == ["edit", "callback_made", "undo_callback", "customer", "survey_answer", "start", "reopen", "done", "drop", "case",
                     "history", "alike"]  # alike: the earlier voices that look alike (R13, Ctrl+Shift+Y)


def test_the_toolbars_refresh_is_enabled_on_every_tab_and_refreshes_the_tab_shown(qtbot, window, voice_db):
    store, staff, _ = voice_db
    toolbar_button = window.findChild(QToolBar, "mainToolbar").widgetForAction(window.refresh_action)
    for index in range(window.tabs.count()):
        window.tab_actions[index].trigger()
        assert toolbar_button.isEnabled() and window.refresh_action.isEnabled(), window.tabs.current_key()
    # Written behind the app's back (another program): only 更新 shows it.
    window.tab_actions[2].trigger()
    cases = window.tabs.current_page()
    qtbot.waitUntil(cases.search.is_idle)
    CaseRepository(store).create(CaseInput(case_type=ADDRESS_CHANGE, title="裏で登録された案件",
                                           opened_on=NOW.date().isoformat(), due_date=NOW.date().isoformat(),
                                           assignee_id=staff["sato"]), by=staff["sato"], now=NOW)
    assert cases.model.rowCount() == 0
    qtbot.mouseClick(toolbar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cases.model.rowCount() == 1)
    window.tab_actions[3].trigger()
    customers = window.tabs.current_page()
    qtbot.waitUntil(customers.search.is_idle)
    add_customer(store, staff["sato"])
    qtbot.keyClick(customers.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: customers.model.rowCount() == 1)


def test_ctrl_f_searches_the_tab_shown(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for index, box in ((2, "search_box"), (3, "search_box")):
        window.tab_actions[index].trigger()
        page = window.tabs.current_page()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert QApplication.focusWidget() is getattr(page, box), window.tabs.current_key()
    window.tab_actions[0].trigger()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filter_bar.search_edit


def test_the_status_bar_shows_the_count_of_the_tab_shown_or_nothing(qtbot, window, voice_db):
    store, staff, _ = voice_db
    assert window.count_label.text() == "8 voices"
    expected = {"work": "", "case": "0 cases", "customer": "0 customers", "sale": "0 records, 0 incomplete",
                "counts": "", "voice_day": "4 voices", "improvement": "0 improvements", "kpi": ""}
    for index in range(1, window.tabs.count()):
        window.tab_actions[index].trigger()
        key = window.tabs.current_key()
        qtbot.waitUntil(lambda: window.count_label.text() == expected[key], timeout=3000)
    window.tab_actions[0].trigger()
    assert window.count_label.text() == "8 voices"
    # A page's count that changes while its tab is shown is said at once.
    window.tab_actions[3].trigger()
    add_customer(store, staff["sato"])
    window.reload()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 customers")


def test_the_window_title_says_the_apps_name_once_however_the_platform_adds_it(qtbot, voice_db, app_settings,
                                                                                tmp_path):
    store, staff, _ = voice_db
    QApplication.setApplicationDisplayName("Customer voices")  # as app.py sets it (untranslated in tests)
    try:
        window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
        title = window.windowTitle()
        # Windows and X11 add " - お客様の声" (the display name) to a title that does not already end with it.
        shown = title if title.endswith("Customer voices") else f"{title} - Customer voices"
        assert shown.count("Customer voices") == 1 and "佐藤 一郎" in shown
        window.search.shutdown()
    finally:
        QApplication.setApplicationDisplayName("")


def test_the_master_data_entry_says_who_may_use_it(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    staff_window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    entry = staff_window.masters_action
    assert not entry.isEnabled() and "(managers only)" in entry.text()
    assert entry.toolTip() == "Only a manager can change staff and branches."
    manager_window = make_window(qtbot, store, staff["manager"], app_settings, tmp_path)
    assert manager_window.masters_action.isEnabled() and "managers only" not in manager_window.masters_action.text()
    for w in (staff_window, manager_window):
        w.search.shutdown()


def test_the_japanese_menu_bar_has_unique_mnemonics(qtbot, japanese, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["ファイル(&F)", "表示(&V)", "操作(&O)", "管理(&M)", "送受信(&X)"]
    assert [a.text() for a in window.record_menu.actions()][:2] == ["編集…", "折り返し済にする…"]
    window.search.shutdown()
