"""The main window: the list counts and finds voices without blocking, sorts by key, and reminds of call-backs (R8, R9)."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from agency_app.domain.voice import VoiceInput
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.voices.voice_table_model import column_of
from list_fixtures import NOW, VOICES, make_window, settle, wait_idle
from window_steps import click_row, shows_count, summaries


def set_combo(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_the_window_shows_every_voice_and_its_count(window):
    assert window.model.rowCount() == len(VOICES)
    assert window.filter_bar.count_label.text() == f"{len(VOICES)} voices"
    assert window.count_label.text() == f"{len(VOICES)} voices"
    assert "佐藤 一郎" in window.staff_label.text()
    assert window.path_label.text().endswith("agency.db")


def test_the_count_is_formatted_with_thousands_separators(window):
    window._set_count(1234)
    assert window.filter_bar.count_label.text() == "1,234 voices"
    window._set_count(None)
    assert window.filter_bar.count_label.text() == "Counting…"


def test_clicking_a_header_sorts_by_that_column(qtbot, window):
    header = window.table.horizontalHeader()
    header.sectionClicked.emit(column_of("customer"))  # what a click does
    header.setSortIndicator(column_of("customer"), Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: window.model.sort_column == "customer_name")
    wait_idle(qtbot, window)
    model = window.model
    customers = [model.data(model.index(r, column_of("customer"))) for r in range(model.rowCount())]
    assert customers == sorted(customers)
    assert customers[0] == ""  # the anonymous voice sorts first
    header.setSortIndicator(column_of("summary"), Qt.SortOrder.AscendingOrder)  # not sortable
    assert header.sortIndicatorSection() == column_of("customer")


def test_filters_reduce_the_count(qtbot, window):
    bar = window.filter_bar
    set_combo(bar.kind_combo, "praise")
    qtbot.waitUntil(lambda: shows_count(window, 3))
    assert set(summaries(window)) == {"事故対応が親切だった", "説明が丁寧だった", "保険金の支払いが早かった"}
    bar.open_check.setChecked(True)
    qtbot.waitUntil(lambda: shows_count(window, 2))
    bar.reset()
    qtbot.waitUntil(lambda: shows_count(window, len(VOICES)))


def test_overdue_only_lists_the_overdue_voices(qtbot, window):
    window.filter_bar.overdue_check.setChecked(True)
    qtbot.waitUntil(lambda: shows_count(window, 2))
    assert set(summaries(window)) == {"満期案内の連絡が遅い", "電話の折り返しがなかった"}
    model = window.model
    assert all("Overdue" in model.data(model.index(r, column_of("due"))) for r in range(2))


def test_fiscal_period_filter(qtbot, window):
    bar = window.filter_bar
    set_combo(bar.year_combo, 2025)
    set_combo(bar.part_combo, "month:10")  # October: the voices received 20, 30 and 40 days before NOW
    qtbot.waitUntil(lambda: shows_count(window, 3))
    assert set(summaries(window)) == {"事故対応が親切だった", "住所変更の手続きについて問合せ",
                                      "電話の折り返しがなかった"}
    assert bar.period().label_ja() == "2025年10月"
    set_combo(bar.year_combo, 2024)  # 2024年度 October: nothing
    qtbot.waitUntil(lambda: shows_count(window, 0))


@pytest.mark.parametrize("term, expected", [
    ("折り返し", {"電話の折り返しがなかった"}),   # 3+ characters: the trigram index
    ("書類", {"更新手続きの書類が多い"}),          # 2 characters: the fallback
])
def test_search_updates_count_and_rows(qtbot, window, term, expected):
    window.filter_bar.search_edit.setText(term)
    qtbot.waitUntil(lambda: shows_count(window, len(expected)) and set(summaries(window)) == expected)


def test_fast_typing_shows_only_the_last_search(qtbot, window):
    window.search.set_debounce(150)
    edit = window.filter_bar.search_edit
    for text in ("事", "事故", "説", "説明"):
        edit.setText(text)
    qtbot.waitUntil(lambda: window.search.is_idle() and shows_count(window, 1), timeout=5000)
    assert summaries(window) == ["説明が丁寧だった"]


def test_ctrl_f_focuses_the_search_and_esc_clears_it(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    edit = window.filter_bar.search_edit
    assert QApplication.focusWidget() is edit
    qtbot.keyClicks(edit, "abc")
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.text() == ""
    window.table.clearSelection()  # as after a new search
    qtbot.keyClick(edit, Qt.Key.Key_Down)  # into the list, on the first row
    assert QApplication.focusWidget() is window.table
    assert window.table.currentIndex().row() == 0
    assert window.table.selectionModel().isRowSelected(0)


def test_selecting_a_row_shows_the_voice_in_the_detail_panel(qtbot, window):
    click_row(qtbot, window, 2)
    assert window.table.selectionModel().isRowSelected(2)
    assert window.detail.values["summary"].text() == summaries(window)[2]
    assert window.detail.uid == window.model.uid_at(2)


def test_ctrl_n_opens_the_entry_form_and_a_saved_voice_is_selected(qtbot, window, voice_db):
    from agency_app.ui.voices.voice_form import VoiceFormDialog
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = window.form
    assert isinstance(form, VoiceFormDialog) and form.isVisible()
    assert window.new_voice() is form  # a second Ctrl+N brings the same form forward
    form.inputs["summary"].setText("駐車場を広くしてほしい")
    saved = []
    form.saved.connect(saved.append)
    form.save_button.click()
    qtbot.waitUntil(lambda: window.form is None)  # closed once written
    qtbot.waitUntil(lambda: saved and window.current_uid() == saved[0])
    row = window.table.currentIndex().row()
    assert summaries(window)[row] == "駐車場を広くしてほしい"
    assert window.detail.uid == saved[0] and window.detail.values["summary"].text() == "駐車場を広くしてほしい"
    qtbot.waitUntil(lambda: shows_count(window, len(VOICES) + 1))


def test_f5_keeps_the_selected_voice(qtbot, window, voice_db):
    store, staff, _uids = voice_db
    click_row(qtbot, window, 3)
    uid, other = window.current_uid(), window.model.uid_at(0)
    assert not window.tabs.tabText(1).endswith(")")  # no number on 今日の仕事 yet
    # Another program writes to the file (an import, a branch bundle): no change signal tells the window.
    repo = VoiceRepository(store)
    for changed, summary in ((other, "別の窓口で直した要旨"), (uid, "選んでいた声も直された")):
        entry = repo.as_input(changed)
        entry.summary = summary
        if changed == other:  # …and promises a call-back for today: one more item of today's work
            entry.callback_at, entry.callback_staff_id = "2025-11-20 16:00", staff["sato"]
        repo.update(changed, entry, by=staff["suzuki"], now=NOW)
    assert "別の窓口で直した要旨" not in summaries(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "別の窓口で直した要旨" in summaries(window))
    wait_idle(qtbot, window)
    assert window.current_uid() == uid and window.table.selectionModel().isRowSelected(3)
    assert summaries(window)[3] == "選んでいた声も直された"
    assert window.detail.values["summary"].text() == "選んでいた声も直された"
    today = window.work_items()
    assert other in [item.uid for item in today]
    qtbot.waitUntil(lambda: window.tabs.tabText(1).endswith(f"({len(today)})"))  # the new promise is counted


def test_the_master_data_action_is_for_managers_only(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    staff_window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    assert not staff_window.masters_action.isEnabled()
    manager_window = make_window(qtbot, store, staff["manager"], app_settings, tmp_path)
    assert manager_window.masters_action.isEnabled()
    for w in (staff_window, manager_window):
        w.search.shutdown()


def test_start_of_day_shows_todays_work_with_the_call_backs(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    window.start_of_day()
    qtbot.waitUntil(lambda: window.tabs.current_key() == "work")
    page = window.tabs.current_page()
    qtbot.waitUntil(lambda: any("更新手続きの書類が多い" in " ".join(row) for row in page.row_texts()))
    window.search.shutdown()


def test_start_of_day_without_call_backs_stays_quiet(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["suzuki"], app_settings, tmp_path)
    window.start_of_day()
    settle(qtbot, window.ops)  # today's work is counted in a worker: wait for its answer
    assert window.tabs.current_key() == "voice" and window.form is None
    window.search.shutdown()


def test_a_new_voice_draft_is_reopened_at_start(qtbot, voice_db, app_settings, tmp_path):
    from agency_app.ui.voices.voice_form import VoiceFormDialog, draft_key
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["suzuki"], app_settings, tmp_path)
    form = VoiceFormDialog(window.ops, staff["suzuki"], drafts=window.drafts)
    window.drafts.save(draft_key(staff["suzuki"]), {"form": form._state(), "due_auto": True,
                                                    "version": None})
    form.deleteLater()
    window.start_of_day()
    qtbot.waitUntil(lambda: window.form is not None and window.form.isVisible())
    window.form.flush_draft()
    window.form.close()
    window.search.shutdown()


def test_ctrl_shift_t_shows_the_call_backs(qtbot, window):
    window.callbacks_action.trigger()
    assert window.callbacks is not None and window.callbacks.isVisible()
    window.callbacks.close()


def test_a_call_back_made_in_the_dialog_shows_in_the_list_and_detail(qtbot, window, voice_db):
    store, _staff, uids = voice_db
    promised = uids[1]  # 更新手続きの書類が多い: promised for today
    click_row(qtbot, window, window.model.row_of_loaded(promised))
    assert not window.detail.buttons["callback_made"].isHidden()
    dialog = window.show_callbacks()
    assert dialog.item_count() == 1
    dialog.mark_made.click()
    asked = dialog.dialog  # the same small dialog as on the voice: Enter confirms
    qtbot.waitUntil(asked.note.hasFocus, timeout=3000)
    qtbot.keyClick(asked.note, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.item_count() == 0)
    qtbot.waitUntil(lambda: window.model.data(window.model.index(
        window.model.row_of_loaded(promised), column_of("callback"))) == "Made 11/20 14:00")
    assert window.current_uid() == promised
    assert window.detail.buttons["callback_made"].isHidden()
    assert VoiceRepository(store).get(promised)["callback_done_at"]
    dialog.close()


@pytest.mark.parametrize("hour, asked", [(15, False), (16, True)])
def test_closing_at_the_end_of_the_day_asks_about_open_call_backs(qtbot, voice_db, app_settings,
                                                                   tmp_path, monkeypatch, hour, asked):
    store, staff, _ = voice_db
    clock = lambda: NOW.replace(hour=hour)  # noqa: E731
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path, reminders=True, clock=clock)
    questions = []
    monkeypatch.setattr(window, "ask_end_of_day",
                        lambda promises: questions.append([p["summary"] for p in promises]) or False)
    window.close()
    assert bool(questions) is asked
    assert window.isVisible() is asked  # "not yet": the window stays open
    if asked:
        assert questions == [["更新手続きの書類が多い"]]
        window.close()  # asked once: the second close goes through
        assert not window.isVisible()


def test_tab_goes_left_to_right_through_the_conditions_then_into_the_list(qtbot, window):
    bar = window.filter_bar
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    bar.focus_search()
    seen = [QApplication.focusWidget()]
    for _ in range(10):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    expected = [bar.search_edit, bar.overdue_check, bar.open_check, bar.reset_button, bar.year_combo,
                bar.kind_combo, bar.group_combo, bar.status_combo, bar.branch_combo, bar.staff_combo,
                window.table]  # the period part is skipped while "all periods" is chosen
    assert seen == expected


def test_a_single_office_agency_has_no_branch_column(qtbot, store, staff, app_settings, tmp_path):
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    assert window.table.isColumnHidden(column_of("branch"))
    assert window.filter_bar.branch_combo.isHidden()
    window.search.shutdown()


def test_the_newest_voice_is_selected_at_start(window):
    assert window.table.currentIndex().row() == 0
    assert window.detail.uid == window.model.uid_at(0)


def test_damage_found_later_offers_the_backup_copy_and_closes_to_reopen(qtbot, voice_db, app_settings,
                                                                      tmp_path, monkeypatch):
    from agency_app.storage import backup
    from agency_app.ui.shell.open_errors import DialogPolicy
    store, staff, _ = voice_db
    taken = backup.make_backup(store.conn, store.path, "daily")
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    offered = []
    monkeypatch.setattr(DialogPolicy, "corrupt", lambda self, error, latest: offered.append(latest) or True)
    window.database_damaged(str(store.path))
    assert offered == [taken]
    assert window.reopen_path is not None and window.reopen_path.name.startswith("agency-restored-")
    assert not window.isVisible()


def picks_staff(monkeypatch, uid: str) -> None:
    """The staff picker answers at once, as if `uid` had been chosen and Enter pressed."""
    from agency_app.ui.shell import login

    class Picker:
        DialogCode = login.StaffPicker.DialogCode

        def __init__(self, masters, remembered, parent=None):
            self.chosen_uid = uid

        def exec(self):
            return self.DialogCode.Accepted

    monkeypatch.setattr(login, "StaffPicker", Picker)


def test_switching_staff_changes_who_writes(qtbot, window, voice_db, monkeypatch):
    store, staff, _ = voice_db

    picks_staff(monkeypatch, staff["manager"])
    window.switch_staff()
    assert window.staff_uid == staff["manager"] and window.detail.staff_uid == staff["manager"]
    assert "山田 花子" in window.staff_label.text()
    assert window.masters_action.isEnabled()
    assert window.settings.last_staff_uid(store.path) == staff["manager"]


def test_enter_on_a_row_opens_the_voice_for_editing(qtbot, window):
    click_row(qtbot, window, 1)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = window.detail.dialog
    assert dialog is not None and dialog.isVisible() and dialog.voice_uid == window.model.uid_at(1)
    dialog.close()


def test_switching_staff_keeps_the_open_entry_as_the_first_persons_draft(qtbot, window, voice_db,
                                                                         monkeypatch):
    """Nothing typed is lost, nobody is asked to discard it, and it is never saved under the next person."""
    from PySide6.QtWidgets import QMessageBox

    from agency_app.ui.voices.voice_form import draft_key
    store, staff, _ = voice_db
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)

    picks_staff(monkeypatch, staff["manager"])
    form = window.new_voice()
    form.inputs["summary"].setText("佐藤が途中まで入力した要旨")
    window.switch_staff()

    assert asked == [] and not form.isVisible()
    kept = window.drafts.load(draft_key(staff["sato"]))
    assert kept is not None and kept["form"]["summary"] == "佐藤が途中まで入力した要旨"
    assert window.drafts.load(draft_key(staff["manager"])) is None
    assert store.conn.execute("SELECT COUNT(*) FROM voices WHERE summary LIKE '佐藤が途中%'").fetchone()[0] == 0


def test_the_end_of_day_reminder_comes_again_the_next_day(qtbot, voice_db, app_settings, tmp_path,
                                                          monkeypatch):
    """R9 on a PC left on overnight: each day's closing shows that day's open promises."""
    from agency_app.domain.voice import VoiceInput
    store, staff, _ = voice_db
    now = [NOW.replace(hour=16, minute=30)]
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path, reminders=True,
                         clock=lambda: now[0])
    questions = []
    monkeypatch.setattr(window, "ask_end_of_day", lambda promises: questions.append(now[0].date()) or False)
    window.close()
    now[0] = now[0].replace(day=21, hour=17)
    VoiceRepository(store).create(
        VoiceInput(received_at="2025-11-21 09:00", summary="翌日の折り返し", callback_at="2025-11-21 17:30",
                   callback_staff_id=staff["sato"]), by=staff["sato"], now=now[0])
    window.close()
    assert questions == [NOW.date(), now[0].date()]
    assert window.isVisible()


def test_a_promised_call_back_on_a_case_is_also_recalled_before_closing(qtbot, voice_db, app_settings, tmp_path,
                                                                        monkeypatch):
    from agency_app.domain.cases import ADDRESS_CHANGE, CaseInput
    from agency_app.storage.cases import CaseRepository
    store, staff, _ = voice_db
    CaseRepository(store).create(CaseInput(
        case_type=ADDRESS_CHANGE, title="住所変更の確認電話", opened_on=NOW.date().isoformat(),
        assignee_id=staff["sato"], due_date=NOW.date().isoformat(),
        callback_at=NOW.replace(hour=15).strftime("%Y-%m-%d %H:%M"), callback_staff_id=staff["sato"]),
        by=staff["sato"], now=NOW)
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path, reminders=True,
                         clock=lambda: NOW.replace(hour=16, minute=30))
    questions = []
    monkeypatch.setattr(window, "ask_end_of_day",
                        lambda promises: questions.append(sorted(p["summary"] for p in promises)) or False)
    window.close()
    assert questions == [["住所変更の確認電話", "更新手続きの書類が多い"]]
    qtbot.waitUntil(lambda: window.tabs.current_key() == "work")  # "not yet": today's work is shown
    window.close()


def test_ctrl_digits_switch_tabs_and_ctrl_n_belongs_to_the_voice_list_only_while_it_is_shown(qtbot, window):
    assert window.new_action.shortcut().toString() == "Ctrl+N"
    window.tab_actions[3].trigger()
    assert window.tabs.current_key() == "customer"
    assert window.new_action.shortcut().isEmpty() and window.new_action.isEnabled()  # toolbar still works
    assert window.search_action.isEnabled()  # Ctrl+F searches the customers (the tab shown)
    window.tab_actions[4].trigger()
    assert not window.search_action.isEnabled()  # the elderly records have nothing to search
    window.tab_actions[0].trigger()
    assert window.tabs.current_key() == "voice"
    assert window.new_action.shortcut().toString() == "Ctrl+N" and window.search_action.isEnabled()


def test_the_work_tab_shows_how_many_items_are_waiting_from_the_start(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _ = voice_db
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    window.start_of_day()
    count = len(window.work_items())
    assert count >= 1
    qtbot.waitUntil(lambda: window.tabs.tabText(1).endswith(f"({count})"))
    window.search.shutdown()


@pytest.mark.parametrize("tab, form_attribute", [(2, "dialog"), (3, "form"), (4, "dialog")])
def test_after_switching_tabs_by_keyboard_ctrl_n_opens_that_pages_form(qtbot, window, tab, form_attribute):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tab_actions[tab].trigger()
    page = window.tabs.current_page()
    focus = QApplication.focusWidget()
    assert focus is not None and page.isAncestorOf(focus)  # the keyboard is in the page, not left behind
    qtbot.keyClick(focus, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = getattr(page, form_attribute)
    assert form is not None and form.isVisible()
    assert window.form is None  # not a new voice
    form.hide()


def test_closing_the_window_stops_the_searches_of_every_tab(qtbot, window):
    from form_fixtures import ime_type
    pages = [window.tabs.go_to(key) for key in ("case", "customer", "sale")]
    qtbot.waitUntil(lambda: all(page.search.is_idle() for page in pages))
    customers = window.tabs.go_to("customer")
    customers.search.set_debounce(60_000)
    ime_type(customers.search_box, "やまだ")  # a search waiting for the typing pause
    pages[0].refresh()  # and one running
    window.close()
    assert all(page.search.is_idle() for page in pages)  # nothing left to run
    qtbot.waitUntil(window.ops.is_idle, timeout=3000)  # the running search was stopped, not waited for


def test_closing_the_window_keeps_what_was_typed_in_an_open_case_form(qtbot, window, voice_db):
    from agency_app.ui.cases.case_form import draft_key
    _store, staff, _uids = voice_db
    page = window.tabs.go_to("case")
    page.new_case()
    form = page.dialog
    form.inputs["title"].setText("住所変更の確認（電話中）")
    assert window.drafts.load(draft_key(staff["sato"])) is None  # the 0.5 s timer has not fired yet
    window.close()
    saved = window.drafts.load(draft_key(staff["sato"]))
    assert saved is not None and saved["form"]["title"] == "住所変更の確認（電話中）"


def _saving_behind_a_lock(form, db_path):
    """Ctrl+Enter while another program holds the file: the write waits in the writer thread. Returns the holder."""
    import sqlite3
    import threading
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN IMMEDIATE")
    started = threading.Event()
    write = form._write

    def waiting_write(data, entry):
        started.set()
        return write(data, entry)
    form._write = waiting_write
    form.save()
    assert started.wait(5)  # the writer thread has it (a queued write would be dropped on closing)
    return holder


def test_closing_the_window_while_a_new_voice_is_saving_does_not_offer_it_again(qtbot, voice_db, app_settings,
                                                                                tmp_path):
    """The write completes as the program closes; the next start must not reopen the form with the same voice
    (saved twice if Ctrl+Enter is pressed again)."""
    from shiboken6 import isValid
    store, staff, _ = voice_db
    from list_fixtures import SettledDrafts
    from agency_app.ui.shell.main_window import MainWindow
    from list_fixtures import make_ops
    # Not given to qtbot: the test deletes this window itself, as app.py does.
    window = MainWindow(make_ops(store), staff["sato"], settings=app_settings, drafts=SettledDrafts(tmp_path / "drafts"),
                        reminders=False, clock=lambda: NOW, debounce_ms=0)
    window.show()
    wait_idle(qtbot, window)
    form = window.new_voice()
    form.inputs["summary"].setText("閉じる間際に保存した声")
    holder = _saving_behind_a_lock(form, tmp_path / "agency.db")
    window.close()  # as app.py closes a session: the window goes, then the operations end
    window.deleteLater()
    holder.rollback()
    holder.close()
    window.ops.shutdown()  # the running write completes
    qtbot.waitUntil(lambda: not isValid(window))
    assert store.conn.execute("SELECT COUNT(*) FROM voices WHERE summary = '閉じる間際に保存した声'").fetchone()[0] == 1

    next_start = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    next_start.start_of_day()
    settle(qtbot, next_start.ops)
    assert next_start.form is None  # no entry form offering the saved voice once more


def test_switching_staff_while_a_new_voice_is_saving_does_not_offer_it_again(qtbot, window, voice_db, tmp_path,
                                                                              monkeypatch):
    """The form is put aside as its write runs; the voice is saved, so 佐藤 must not find it again as a draft."""
    from agency_app.ui.voices.voice_form import VoiceFormDialog
    store, staff, _ = voice_db
    picks_staff(monkeypatch, staff["manager"])
    form = window.new_voice()
    form.inputs["summary"].setText("交代の間際に保存した声")
    holder = _saving_behind_a_lock(form, tmp_path / "agency.db")
    window.switch_staff()
    holder.rollback()
    holder.close()
    settle(qtbot, window.ops)
    assert store.conn.execute("SELECT COUNT(*) FROM voices WHERE summary = '交代の間際に保存した声'").fetchone()[0] == 1
    assert not VoiceFormDialog.has_draft(window.drafts, staff["sato"])


def test_after_switching_staff_the_selected_voice_is_still_shown_and_enter_opens_it(qtbot, window, voice_db,
                                                                                     monkeypatch):
    """The next person takes over the list as it was: the highlighted voice is in the panel beside it, Enter edits
    it, and Tab from the list still goes into that panel."""
    _store, staff, _ = voice_db
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    click_row(qtbot, window, 1)
    summary = window.detail.values["summary"].text()
    assert summary
    picks_staff(monkeypatch, staff["manager"])
    window.switch_staff()
    assert window.detail.values["summary"].text() == summary
    assert window.detail.buttons["edit"].isEnabled()
    window.table.setFocus()
    focus = [window.table]
    for _ in range(4):
        qtbot.keyClick(focus[-1], Qt.Key.Key_Tab)
        focus.append(QApplication.focusWidget())
    assert window.detail.buttons["edit"] in focus
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    dialog = window.detail.dialog
    assert dialog is not None and dialog.isVisible() and dialog.voice_uid == window.model.uid_at(1)
    assert dialog.staff_uid == staff["manager"]
    dialog.close()


def test_switching_staff_while_the_saving_progress_shows_ends_calmly(qtbot, window, voice_db, tmp_path, monkeypatch):
    """The file is held for a while: 保存しています… shows over the form; the next person takes the PC. The form
    closes with its progress window, and the save ending later must not raise a program error."""
    from PySide6.QtWidgets import QProgressDialog
    store, staff, _ = voice_db
    picks_staff(monkeypatch, staff["manager"])
    form = window.new_voice()
    form.inputs["summary"].setText("進捗表示中に交代")
    holder = _saving_behind_a_lock(form, tmp_path / "agency.db")
    qtbot.waitUntil(lambda: any(isinstance(w, QProgressDialog) and w.isVisible() for w in form.findChildren(QWidget)),
                    timeout=5000)
    window.switch_staff()
    from shiboken6 import isValid
    qtbot.waitUntil(lambda: not isValid(form))
    holder.rollback()
    holder.close()
    settle(qtbot, window.ops)  # pytest-qt fails the test if the save's end raises in the event loop
    assert store.conn.execute("SELECT COUNT(*) FROM voices WHERE summary = '進捗表示中に交代'").fetchone()[0] == 1


def test_only_the_plain_list_reads_its_first_page_on_the_ui_thread(qtbot, window):
    """A filtered list may have to walk far for its first page (seconds at a million voices): that page is read in
    a worker even right after a save, so the window never freezes for it; the plain newest-first list is read at once."""
    firsts = []
    window.search.first_page.connect(lambda query, rows: firsts.append(len(rows)))
    window.refresh(first_page_here=True)
    assert firsts == [len(VOICES)]  # plain: at once, before the next turn of the event loop
    wait_idle(qtbot, window)
    window.filter_bar.open_check.setChecked(True)
    wait_idle(qtbot, window)
    firsts.clear()
    window.refresh(first_page_here=True)
    assert firsts == []  # filtered: from a worker
    wait_idle(qtbot, window)
    assert firsts == [sum(1 for v in VOICES if v[2] in ("new", "in_progress"))]


def test_the_close_box_while_a_voice_is_saving_neither_asks_nor_closes_and_the_form_closes_once_saved(
        qtbot, window, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr("agency_app.ui.kit.form_drafts.confirm_discard", lambda parent: asked.append(1) or True)
    form = window.new_voice()
    form.inputs["summary"].setText("保存中に閉じるボタン")
    holder = _saving_behind_a_lock(form, tmp_path / "agency.db")
    form.reject()  # Esc or the close box while the write waits for the file
    assert form.isVisible() and asked == []  # no "discard?" for an entry that is being saved
    from shiboken6 import isValid
    holder.rollback()
    holder.close()
    qtbot.waitUntil(lambda: not isValid(form) or not form.isVisible(), timeout=10_000)  # closed once written
    assert window.ops.read.conn.execute(
        "SELECT count(*) FROM voices WHERE summary = '保存中に閉じるボタン'").fetchone()[0] == 1


def test_after_switching_staff_todays_call_backs_are_the_new_persons_and_marked_in_their_name(
        qtbot, window, voice_db, monkeypatch):
    """今日の折り返し left open by 佐藤: 鈴木 sits down, presses Ctrl+Shift+T, and must get their own list; a call
    鈴木 marks made is 鈴木's, never 佐藤's."""
    store, staff, uids = voice_db
    promised = uids[1]  # 佐藤's call-back today
    first = window.show_callbacks()
    assert [first.uid_at(r) for r in range(first.item_count())] == [promised]
    picks_staff(monkeypatch, staff["suzuki"])
    window.switch_staff()
    dialog = window.show_callbacks()
    assert dialog.item_count() == 0  # "Only mine": 鈴木 has promised nothing
    dialog.only_mine.setChecked(False)  # 鈴木 makes 佐藤's call for them
    dialog.table.setCurrentCell(0, 0)
    dialog.mark_made.click()
    made = dialog.dialog
    qtbot.waitUntil(made.note.hasFocus, timeout=2000)
    qtbot.keyClick(made.note, Qt.Key.Key_Return)
    settle(qtbot, window.ops)
    assert VoiceRepository(store).get(promised)["callback_done_by"] == staff["suzuki"]


def test_a_similar_voice_picked_in_the_new_voice_form_is_shown_behind_it(qtbot, window, voice_db, monkeypatch):
    store, staff, _uids = voice_db
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    text = "Renewal notice has not arrived yet, the customer is worried about the deadline"
    earlier = VoiceRepository(store).create(VoiceInput(received_at="2025/11/03 09:00", channel="phone",
                                                       kind="dissatisfaction", summary="Renewal notice", body=text),
                                            by=staff["sato"], now=NOW)
    form = window.new_voice()
    body = form.inputs["body"]
    body.setFocus()
    qtbot.keyClicks(body, "Renewal notice has not arrived yet")
    qtbot.waitUntil(lambda: bool(form.similar.items), timeout=5000)
    qtbot.keyClick(body, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(form.similar.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.detail.uid == earlier)
    assert form.isVisible() and body.toPlainText() == "Renewal notice has not arrived yet"  # nothing typed is lost


def test_quit_on_the_damage_dialog_of_the_background_check_quits(qtbot, voice_db, app_settings, tmp_path):
    """The real dialog, answered with 終了 as a person would: the window closes and no copy is opened."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from agency_app.storage import backup
    store, staff, _ = voice_db
    backup.make_backup(store.conn, store.path, "daily")
    window = make_window(qtbot, store, staff["sato"], app_settings, tmp_path, reminders=True)
    answered = []

    def press_quit():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, press_quit)
            return
        quit_button = next(b for b in box.buttons() if b.text() == "Quit")
        answered.append(box.text())
        quit_button.click()

    QTimer.singleShot(0, press_quit)
    window.database_damaged(str(store.path))
    assert answered and "damaged" in answered[0]
    assert not window.isVisible()
    assert window.reopen_path is None
    window.search.shutdown()
