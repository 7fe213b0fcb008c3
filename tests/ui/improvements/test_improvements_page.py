"""The 改善 tab: open improvements first by due date (overdue said in words), filters, the detail, keys, history."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import codes
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.improvements import ImprovementRepository
from agency_app.ui.improvements.improvement_form import ImprovementFormDialog
from agency_app.ui.improvements.improvement_status_dialog import ImprovementStatusDialog
from agency_app.ui.improvements.improvements_page import COLUMNS, ImprovementsPage
from agency_app.ui.improvements.report_dialog import ReportDialog
from agency_app.ui.improvements.voice_link_dialog import VoiceLinkDialog
from form_fixtures import add_voice, drafts, ime_type, shown  # noqa: F401

OPENED = datetime(2025, 6, 2, 10, 0)
LATER = datetime(2025, 7, 10, 9, 0)  # the 案内 improvement is overdue by then


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def improvements(store, staff):
    repo = ImprovementRepository(store)
    complaint = add_voice(store, staff["sato"], summary="満期案内が届かない", received_at="2025-06-01 09:00")
    other_team = add_voice(store, staff["suzuki"], summary="案内の文字が小さい", received_at="2025-06-01 11:00",
                           kind="request")
    uids = {
        "notice": repo.create(ImprovementInput(title="満期案内の送付漏れを防ぐ", cause="宛先の確認手順がない",
                                               team="損保", owner_id=staff["sato"], opened_on="2025-06-02",
                                               due_date="2025-06-30"),
                              by=staff["sato"], voice_uids=[complaint, other_team], now=OPENED),
        "font": repo.create(ImprovementInput(title="案内状の文字を大きく", team="生保", owner_id=staff["suzuki"],
                                             opened_on="2025-06-02", due_date="2025-08-31"),
                            by=staff["suzuki"], now=OPENED),
        "done": repo.create(ImprovementInput(title="受付票の書式を統一", team="損保", owner_id=staff["sato"],
                                             opened_on="2025-06-02", due_date="2025-06-10"),
                            by=staff["sato"], now=OPENED),
    }
    repo.change_status(uids["done"], StatusChange(codes.STATUS_DONE, response="書式を一つにした",
                                                  completed_on="2025-06-09", completed_by=staff["sato"]),
                       by=staff["sato"], now=OPENED.replace(day=9))
    return repo, uids, {"complaint": complaint, "other_team": other_team}


@pytest.fixture
def page(qtbot, ops, staff, drafts, improvements):
    return shown(qtbot, ImprovementsPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))


def texts(page, column: str) -> list[str]:
    col = COLUMNS.index(column)
    return [page.model.index(r, col).data() for r in range(page.model.rowCount())]


def test_the_model_passes_qt_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)


def test_open_ones_first_by_due_date_overdue_in_words_then_the_closed(page):
    assert texts(page, "title") == ["満期案内の送付漏れを防ぐ", "案内状の文字を大きく", "受付票の書式を統一"]
    assert texts(page, "due") == ["2025/06/30 Overdue", "2025/08/31", "2025/06/10"]  # a closed one is not late
    assert texts(page, "owner") == ["佐藤 一郎", "鈴木 次郎", "佐藤 一郎"]
    assert texts(page, "voices") == ["2", "0", "0"]
    assert texts(page, "status") == ["未対応", "未対応", "完了"]
    assert page.detail.values["title"].text() == "満期案内の送付漏れを防ぐ"
    assert "Overdue" in page.detail.values["due_date"].text()
    assert page.count_text == "3 improvements"


def test_filters_narrow_the_list(qtbot, page):
    page.open_only.setChecked(True)
    assert texts(page, "title") == ["満期案内の送付漏れを防ぐ", "案内状の文字を大きく"]
    page.open_only.setChecked(False)
    page.status_filter.setCurrentIndex(page.status_filter.findData(codes.STATUS_DONE))
    assert texts(page, "title") == ["受付票の書式を統一"]
    page.status_filter.setCurrentIndex(0)
    ime_type(page.search_box, "宛先")  # the cause is searched too
    qtbot.waitUntil(lambda: texts(page, "title") == ["満期案内の送付漏れを防ぐ"], timeout=2000)


def test_the_detail_lists_the_voices_of_any_team_and_enter_opens_one(qtbot, page, improvements):
    _repo, _uids, voices = improvements
    detail = page.detail
    assert detail.voice_list.count() == 2
    assert "［損保］" in detail.voice_list.item(0).text() and "満期案内が届かない" in detail.voice_list.item(0).text()
    assert "［生保］" in detail.voice_list.item(1).text()  # another team's voice
    assert detail.tabs.tabText(1) == "Voices answered (2)"
    detail.tabs.setCurrentIndex(1)
    detail.voice_list.setFocus()
    detail.voice_list.setCurrentRow(1)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(detail.voice_list, Qt.Key.Key_Return)
    assert opened.args == ["voice", voices["other_team"]]
    with qtbot.waitSignal(page.open_record) as opened:  # Ctrl+Shift+V: the first voice, from the list
        qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened.args == ["voice", voices["complaint"]]


def test_ctrl_n_opens_a_new_improvement_and_the_saved_one_is_selected(qtbot, page, store, staff):
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.dialog
    assert isinstance(form, ImprovementFormDialog) and form.isVisible()
    assert form.inputs["owner_id"].code() == staff["sato"] and form.inputs["team"].code() == "損保"
    assert form.inputs["opened_on"].text() == "2025/07/10" and form.inputs["due_date"].text() == "2025/08/09"
    form.inputs["title"].setText("留守電の折り返し期限を決める")
    activate(qtbot, form)
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyPress(form.inputs["title"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.detail.uid == saved.args[0], timeout=2000)
    assert "留守電の折り返し期限を決める" in texts(page, "title")


def test_enter_on_a_row_edits_it(qtbot, page, improvements):
    _repo, uids, _voices = improvements
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert isinstance(page.detail.dialog, ImprovementFormDialog)
    assert page.detail.dialog.improvement_uid == uids["notice"]
    assert page.detail.dialog.inputs["cause"].toPlainText() == "宛先の確認手順がない"


def activate(qtbot, widget):
    """The keyboard in `widget`'s window, as after a click on it (offscreen, a closed dialog hands it back to none)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=2000)


def ctrl_shift(page, key):
    from PySide6.QtTest import QTest
    QTest.keyClick(page.view, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_done_without_the_action_is_refused_beside_the_field_and_the_typing_stays(qtbot, page, improvements, staff):
    repo, uids, _voices = improvements
    page.view.setFocus()
    ctrl_shift(page, Qt.Key.Key_D)
    dialog = page.detail.dialog
    assert isinstance(dialog, ImprovementStatusDialog)
    dialog.inputs["completed_on"].setText("2025/07/09")
    dialog.save()
    assert repo.get(uids["notice"])["status"] == codes.STATUS_NEW
    assert dialog.boxes["response"].has_error() and dialog.isVisible()
    assert dialog.inputs["completed_on"].text() == "2025/07/09"  # what was typed stays
    dialog.inputs["response"].setPlainText("宛先を二人で確認する手順にした")
    dialog.save()
    record = repo.get(uids["notice"])
    assert (record["status"], record["action"], record["completed_on"], record["completed_by"]) == \
        (codes.STATUS_DONE, "宛先を二人で確認する手順にした", "2025-07-09", staff["sato"])
    qtbot.waitUntil(lambda: "完了" in page.detail.values["status"].text(), timeout=2000)
    assert page.detail.values["action"].text() == "宛先を二人で確認する手順にした"
    assert page.detail.values["completed_on"].text() == "2025/07/09"


def test_start_drop_and_reopen_keys(qtbot, page, improvements):
    repo, uids, _voices = improvements
    page.view.setFocus()
    ctrl_shift(page, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: repo.get(uids["notice"])["status"] == codes.STATUS_IN_PROGRESS, timeout=2000)
    ctrl_shift(page, Qt.Key.Key_M)
    dialog = page.detail.dialog
    dialog.inputs["close_reason"].setPlainText("仕組みの変更で不要になった")
    dialog.save()
    assert repo.get(uids["notice"])["status"] == codes.STATUS_DROPPED
    qtbot.waitUntil(lambda: page.detail.action_of["reopen"].isEnabled(), timeout=2000)
    ctrl_shift(page, Qt.Key.Key_O)
    page.detail.dialog.save()
    record = repo.get(uids["notice"])
    assert (record["status"], record["reopen_count"]) == (codes.STATUS_IN_PROGRESS, 1)


def test_report_to_the_insurer_with_a_date_ahead_is_refused_then_recorded_then_taken_back(qtbot, page, improvements,
                                                                                          ops):
    repo, uids, _voices = improvements
    page.view.setFocus()
    ctrl_shift(page, Qt.Key.Key_B)
    dialog = page.detail.dialog
    assert isinstance(dialog, ReportDialog)
    assert dialog.date_edit.text() == "2025/07/10"  # today offered
    dialog.date_edit.setText("2025/07/11")
    dialog.insurer.setEditText("東京海上日動")
    dialog.save()
    assert dialog.isVisible() and dialog.boxes["reported_on"].has_error()
    assert "ahead of today" in dialog.boxes["reported_on"].error.text()
    assert repo.get(uids["notice"])["reported_on"] is None
    assert dialog.insurer.currentText() == "東京海上日動"  # kept
    dialog.date_edit.setText("2025/07/08")
    dialog.save()
    record = repo.get(uids["notice"])
    assert (record["reported_on"], record["reported_insurer"]) == ("2025-07-08", "東京海上日動")
    qtbot.waitUntil(lambda: page.detail.values["reported_on"].text() == "2025/07/08　東京海上日動", timeout=2000)
    assert texts(page, "reported")[0] == "2025/07/08"
    ctrl_shift(page, Qt.Key.Key_B)
    dialog = page.detail.dialog
    assert dialog.date_edit.text() == "2025/07/08"
    dialog.date_edit.clear()
    dialog.save()
    assert repo.get(uids["notice"])["reported_on"] is None
    qtbot.waitUntil(lambda: page.detail.values["reported_on"].text() == "Not reported yet", timeout=2000)


def test_a_voice_is_added_by_searching_its_words_and_removed_with_delete_both_in_the_history(
        qtbot, page, improvements, store, staff, monkeypatch):
    repo, uids, _voices = improvements
    third = add_voice(store, staff["manager"], summary="解約書類の郵送が遅い", received_at="2025-06-20 15:00")
    page.show_record(uids["font"])
    qtbot.waitUntil(lambda: page.detail.uid == uids["font"], timeout=2000)
    activate(qtbot, page)
    page.view.setFocus()
    ctrl_shift(page, Qt.Key.Key_I)
    dialog = page.detail.dialog
    assert isinstance(dialog, VoiceLinkDialog)
    dialog.search_box.setText("郵送")
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=2000)
    assert "解約書類の郵送が遅い" in dialog.results.item(0).text()
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [v["uid"] for v in repo.voices(uids["font"])] == [third], timeout=2000)
    qtbot.waitUntil(lambda: page.detail.voice_list.count() == 1, timeout=2000)
    assert texts(page, "voices")[1] == "1"

    answers = iter([True])
    monkeypatch.setattr(QMessageBox, "clickedButton",
                        lambda box: next(b for b in box.buttons() if box.buttonRole(b) ==
                                         QMessageBox.ButtonRole.AcceptRole) if next(answers, False) else None)
    page.detail.voice_list.setFocus()
    page.detail.voice_list.setCurrentRow(0)
    qtbot.keyClick(page.detail.voice_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: repo.voices(uids["font"]) == [], timeout=2000)

    activate(qtbot, page)
    page.view.setFocus()
    ctrl_shift(page, Qt.Key.Key_H)
    assert page.detail.tabs.currentWidget() is page.detail.history
    rows = [[page.detail.history_model.index(r, c).data() for c in range(5)]
            for r in range(page.detail.history_model.rowCount())]
    assert ["Voice removed", "2025/06/20　解約書類の郵送が遅い", ""] in [row[2:] for row in rows]
    assert ["Voice linked", "", "2025/06/20　解約書類の郵送が遅い"] in [row[2:] for row in rows]


def test_every_action_is_in_the_menu_with_its_key(page):
    keys = {a.objectName(): a.shortcut().toString() for a in page.record_actions()}
    assert keys == {"edit": "F2", "report": "Ctrl+Shift+B", "voice": "Ctrl+Shift+V", "start": "Ctrl+Shift+S",
                    "done": "Ctrl+Shift+D", "drop": "Ctrl+Shift+M", "reopen": "Ctrl+Shift+O",
                    "history": "Ctrl+Shift+H", "link_voice": "Ctrl+Shift+I"}


def test_a_voice_linked_already_is_marked_and_not_linked_twice_and_no_match_is_said(qtbot, page, improvements):
    repo, uids, voices = improvements
    dialog = VoiceLinkDialog(page.ops, page.staff_uid, uids["notice"], clock=lambda: LATER, parent=page)
    qtbot.addWidget(dialog)
    dialog.search_box.setText("満期案内が届かない")
    dialog.search()
    assert dialog.results.count() == 1 and dialog.results.item(0).text().startswith("(linked already)")
    dialog.link_selected()
    assert "answers that voice already" in dialog.banner.text()
    assert [v["uid"] for v in repo.voices(uids["notice"])] == [voices["complaint"], voices["other_team"]]
    dialog.search_box.setText("存在しない言葉")
    dialog.search()
    assert dialog.results.count() == 0 and dialog.count_label.text() == "No voice holds these words."


def test_the_report_before_the_improvement_was_opened_is_refused_in_japanese(qtbot, page, improvements, japanese):
    repo, uids, _voices = improvements
    dialog = ReportDialog(page.ops, page.staff_uid, uids["notice"], clock=lambda: LATER, parent=page)
    qtbot.addWidget(dialog)
    dialog.date_edit.setText("2025/06/01")
    dialog.save()
    assert "報告日が起票日より前になっています。" in dialog.boxes["reported_on"].error.text()
    assert dialog.date_edit.text() == "2025/06/01" and repo.get(uids["notice"])["reported_on"] is None


def test_another_person_at_the_pc_keeps_the_open_form_as_the_previous_persons_draft(qtbot, page, staff, drafts):
    from agency_app.ui.improvements.improvement_form import draft_key
    form = page.new_improvement()
    form.inputs["title"].setText("佐藤が入力中の改善")
    page.set_staff(staff["suzuki"])
    assert not form.isVisible()
    assert drafts.load(draft_key(staff["sato"]))["form"]["title"] == "佐藤が入力中の改善"
    again = page.new_improvement()
    assert again.inputs["title"].text() == "" and again.inputs["owner_id"].code() == staff["suzuki"]


def test_enter_twice_right_after_typing_links_a_voice_of_the_words_typed_not_of_the_search_before(
        qtbot, file_ops, voice_db, monkeypatch):
    """「満期」 finds two voices; the clerk types 「 文字」 and presses Enter, Enter at once while the new search
    is still running (a big database, in a worker): the voice linked is not the first one of the 「満期」 list."""
    from agency_app.storage.voice_query import VoiceQuery
    store, staff, _uids = voice_db
    repo = ImprovementRepository(store)
    uid = repo.create(ImprovementInput(title="案内状の見直し", owner_id=staff["sato"], opened_on="2025-06-02",
                                       due_date="2025-06-30"), by=staff["sato"], now=OPENED)
    small = add_voice(store, staff["sato"], summary="ゼブラ保険の案内の文字が小さい", received_at="2025-06-01 09:00")
    slow = add_voice(store, staff["sato"], summary="ゼブラ保険の手続きが遅い", received_at="2025-06-03 09:00")
    dialog = VoiceLinkDialog(file_ops, staff["sato"], uid, clock=lambda: LATER)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search_box.setText("ゼブラ")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.results.count() == 2, timeout=3000)
    assert dialog.selected_uid() == slow  # newest first
    real = VoiceQuery.first_page
    answer = threading.Event()  # the new search's answer is held back until both Enters are in
    monkeypatch.setattr(VoiceQuery, "first_page", lambda self: answer.wait(5) and real(self))
    dialog.search_box.setFocus()
    dialog.search_box.insert(" 文字")  # as the IME commits it
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)
    answer.set()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=3000)
    qtbot.waitUntil(file_ops.is_idle, timeout=3000)  # every write the two Enters could have started has ended
    assert slow not in [v["uid"] for v in repo.voices(uid)]
    qtbot.keyClick(dialog.search_box, Qt.Key.Key_Return)  # now the list shows what was typed: Enter links it
    qtbot.waitUntil(lambda: not dialog.isVisible() and file_ops.is_idle(), timeout=3000)  # closes once written
    assert [v["uid"] for v in repo.voices(uid)] == [small]


def test_esc_while_the_report_is_being_saved_does_not_close_it_as_discarded(qtbot, file_ops, voice_db, monkeypatch):
    """Ctrl+Enter, then Esc before the write ended (a slow disk): the report is being saved, so Esc neither asks
    to throw it away nor closes the dialog as if discarded; it closes once written."""
    from agency_app.ui.improvements import report_dialog
    store, staff, _uids = voice_db
    repo = ImprovementRepository(store)
    uid = repo.create(ImprovementInput(title="案内状の見直し", owner_id=staff["sato"], opened_on="2025-06-02",
                                       due_date="2025-06-30"), by=staff["sato"], now=OPENED)
    asked = []
    monkeypatch.setattr(report_dialog, "confirm_discard", lambda parent: asked.append(parent) or True)
    real = ImprovementRepository.mark_reported
    written = threading.Event()  # the write waits (a slow disk) until Esc has been pressed
    monkeypatch.setattr(ImprovementRepository, "mark_reported",
                        lambda self, *a, **kw: written.wait(5) and real(self, *a, **kw))
    dialog = ReportDialog(file_ops, staff["sato"], uid, clock=lambda: LATER)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.setText("2025/07/08")
    dialog.save()
    dialog.reject()  # Esc
    assert not asked and dialog.isVisible()
    written.set()
    qtbot.waitUntil(lambda: not dialog.isVisible() and file_ops.is_idle(), timeout=3000)
    assert repo.get(uid)["reported_on"] == "2025-07-08" and dialog.result() == dialog.DialogCode.Accepted


def test_head_office_chooses_a_branch_and_sees_only_its_improvements(qtbot, ops, store, staff, drafts, improvements):
    from agency_app.storage.masters import MasterData
    _repo, uids, _voices = improvements
    MasterData(store).save_branch("YOK", "横浜支店")
    with store.write():  # the font improvement was made at Yokohama and imported with its office
        store.conn.execute("UPDATE improvements SET branch_code = 'YOK' WHERE uid = ?", (uids["font"],))
    page = shown(qtbot, ImprovementsPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: len(texts(page, "title")) == 3, timeout=2000)
    assert page.branch.box.isVisible()
    page.status_filter.setFocus()
    qtbot.keyClick(page.status_filter, Qt.Key.Key_Tab)  # 状況, then 拠点
    assert QApplication.focusWidget() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 本部
    qtbot.waitUntil(lambda: texts(page, "title") == ["満期案内の送付漏れを防ぐ", "受付票の書式を統一"], timeout=2000)
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 横浜支店
    qtbot.waitUntil(lambda: texts(page, "title") == ["案内状の文字を大きく"], timeout=2000)
    page.show_record(uids["done"])  # a link to head office's improvement clears the branch hiding it
    qtbot.waitUntil(lambda: len(texts(page, "title")) == 3, timeout=2000)
    assert page.branch.code() is None


def test_a_single_office_agency_has_no_branch_choice(qtbot, page):
    assert not page.branch.box.isVisible()
    page.status_filter.setFocus()
    qtbot.keyClick(page.status_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.open_only  # Tab passes over the hidden choice
