"""The 会議・研修 page driven by the keyboard: record a role-play with a re-test, see the figures, edit, remove (R26)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from agency_app.domain import trainings as T
from agency_app.storage.services import Services
from agency_app.ui.kpi.trainings_page import TrainingsPage
from form_fixtures import ime_type
from tests.ui.kpi.page_fixtures import answer_box

NOW = datetime(2025, 10, 15, 10, 0)


@pytest.fixture
def page(qtbot, ops, staff):
    widget = TrainingsPage(ops, staff["manager"], clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.show()
    widget.table.setFocus()
    return widget


def open_dialog(qtbot, page):
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    activate(qtbot, page.dialog)
    return page.dialog


def activate(qtbot, widget):
    """The keyboard in `widget`'s window, as after a click on it (offscreen, a new window is not active)."""
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=2000)


def fill_meeting(qtbot, dialog, day, kind_index, theme):
    dialog.held_on.clear()
    qtbot.keyClicks(dialog.held_on, day)
    dialog.kind.setFocus()
    for _ in range(kind_index):
        qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    dialog.theme.setFocus()
    ime_type(dialog.theme, theme)


def tick(qtbot, dialog, kana):
    """Type part of a kana reading in the find box, go down to the list and tick with Space."""
    picker = dialog.participants
    picker.find.setFocus()
    picker.find.clear()
    ime_type(picker.find, kana)
    qtbot.keyClick(picker.find, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)


def type_score(qtbot, grid, row, score, enter=True):
    grid.setFocus()
    grid.setCurrentCell(row, grid.SCORE)
    qtbot.keyClicks(grid, score[0])   # the first key opens the cell's editor, the rest go into it
    qtbot.keyClicks(QApplication.focusWidget(), score[1:])
    if enter:  # the cell takes the score once the key is handled (queued), as before a person's next key
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.state() != grid.State.EditingState)


def alt(qtbot, key):
    qtbot.keyClick(QApplication.focusWidget(), key, Qt.KeyboardModifier.AltModifier)


def save(qtbot, dialog):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_role_play_with_a_retest_is_recorded_and_counted(qtbot, page, ops, staff, store):
    dialog = open_dialog(qtbot, page)
    assert not dialog.boxes["results"].isVisibleTo(dialog)   # a compliance meeting has no results
    fill_meeting(qtbot, dialog, "2025/9/10", 3, "重要事項の説明")
    assert dialog.boxes["results"].isVisibleTo(dialog)
    qtbot.keyClicks(dialog.pass_mark, "80")
    tick(qtbot, dialog, "さとう")
    tick(qtbot, dialog, "すずき")
    assert set(dialog.participants.checked()) == {staff["sato"], staff["suzuki"]}
    grid = dialog.results
    names = [grid.item(r, grid.NAME).text() for r in range(grid.rowCount())]
    type_score(qtbot, grid, names.index("佐藤 一郎"), "70")
    type_score(qtbot, grid, names.index("鈴木 次郎"), "95")
    assert grid.item(names.index("佐藤 一郎"), grid.OUTCOME).text() == "Re-test"   # 70 < 80
    grid.setCurrentCell(names.index("佐藤 一郎"), grid.SCORE)
    alt(qtbot, Qt.Key.Key_R)        # Add re-test (a button's Alt letter clicks it a moment later)
    qtbot.waitUntil(lambda: grid.rowCount() == 3)
    assert grid.currentRow() == 1 and grid.item(1, grid.ATTEMPT).text() == "Re-test 1"
    type_score(qtbot, grid, grid.currentRow(), "85", enter=False)   # Ctrl+Enter straight from the cell
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    uid = page.current_uid()
    results = Services(store).trainings.results_of(uid)
    assert [(r["name"], r["attempt"], r["score"], r["outcome"]) for r in results] == [
        ("佐藤 一郎", 1, 70, T.RETEST), ("佐藤 一郎", 2, 85, T.PASSED), ("鈴木 次郎", 1, 95, T.PASSED)]
    assert "Role-plays: 2 took part, 1 passed at once, 1 re-tested, 2 passed in the end" in page.figures.text()
    assert page.table.item(0, 4).text() == "2/2"


def test_a_refused_save_keeps_everything_and_says_why_at_the_field(qtbot, page, staff):
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2025/12/1", 0, "個人情報の取扱い")   # after today
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.boxes["held_on"].has_error())
    assert dialog.isVisible()
    assert "already held" in dialog.boxes["held_on"].error.text()
    assert "at least one participant" in dialog.boxes["participants"].error.text()
    assert dialog.theme.text() == "個人情報の取扱い"
    dialog.held_on.clear()
    qtbot.keyClicks(dialog.held_on, "2025/10/1")
    tick(qtbot, dialog, "やまだ")
    qtbot.keyClick(dialog.participants.list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 2).text() == "個人情報の取扱い"
    assert "Compliance meeting 1" in page.figures.text()


def test_a_score_outside_0_to_100_is_refused_at_the_grid_and_nothing_is_saved(qtbot, page, store):
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2025/9/10", 3, "ロープレ")
    tick(qtbot, dialog, "さとう")
    qtbot.keyClick(dialog.participants.list, Qt.Key.Key_Down)
    type_score(qtbot, dialog.results, 0, "120")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.boxes["results"].has_error())
    assert "佐藤 一郎" in dialog.boxes["results"].error.text()
    assert "0 to 100" in dialog.boxes["results"].error.text()
    assert Services(store).trainings.list() == []   # the meeting is not saved without its results
    assert dialog.results.item(0, dialog.results.SCORE).text() == "120"


def test_all_ticks_everyone_and_enter_edits_and_delete_removes_after_confirming(qtbot, page, store, staff):
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2025/6/3", 2, "新商品の勉強会")
    dialog.participants.find.setFocus()
    alt(qtbot, Qt.Key.Key_A)   # 全員
    qtbot.waitUntil(lambda: len(dialog.participants.checked()) == 3)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog.isVisible() and page.dialog.uid is not None)
    edit = page.dialog
    activate(qtbot, edit)
    assert edit.theme.text() == "新商品の勉強会"
    edit.theme.setFocus()
    edit.theme.selectAll()
    ime_type(edit.theme, "新商品勉強会")
    save(qtbot, edit)
    qtbot.waitUntil(lambda: page.table.item(0, 2).text() == "新商品勉強会")

    QTimer.singleShot(0, lambda: answer_box("Keep"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.table.rowCount() == 1
    QTimer.singleShot(0, lambda: answer_box("Remove"))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert store.conn.execute("SELECT COUNT(*) FROM training_participants").fetchone()[0] == 0


def history_texts(qtbot, page) -> list[str]:
    """Ctrl+Shift+H on the list: the selected meeting's history, each row's cells joined by spaces."""
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(page, "history_dialog", None) is not None and page.history_dialog.isVisible())
    model = page.history_dialog.model
    return [" ".join(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def test_history_shows_participants_by_name(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/6/3", T.KIND_QUALITY, "品質", [staff["sato"]]), staff["sato"], NOW)
    repo.update(uid, T.TrainingInput("2025/6/3", T.KIND_QUALITY, "品質", [staff["suzuki"]]), staff["sato"], now=NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    texts = history_texts(qtbot, page)
    assert any("Participants" in t and "鈴木 次郎" in t for t in texts)
    assert any("Participants" in t and "佐藤 一郎" in t for t in texts)


def test_the_period_and_kind_choose_the_rows_and_show_record_finds_an_old_year(qtbot, page, store, staff):
    repo = Services(store).trainings
    repo.create(T.TrainingInput("2025/6/3", T.KIND_QUALITY, "上期の会議", [staff["sato"]]), staff["sato"], NOW)
    repo.create(T.TrainingInput("2025/10/3", T.KIND_COMPLIANCE, "下期の会議", [staff["sato"]]), staff["sato"], NOW)
    old = repo.create(T.TrainingInput("2023/6/3", T.KIND_STUDY, "昔の勉強会", [staff["sato"]]), staff["sato"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 2)
    page.part.setCurrentIndex(2)   # 下期
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.table.item(0, 2).text() == "下期の会議"
    page.part.setCurrentIndex(0)
    page.kind.setCurrentIndex(1 + T.KINDS.index(T.KIND_QUALITY))
    qtbot.waitUntil(lambda: page.table.rowCount() == 1 and page.table.item(0, 2).text() == "上期の会議")
    assert page.show_record("training", old)
    assert page.year.currentData() == 2023 and page.table.item(0, 2).text() == "昔の勉強会"


def open_edit(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible() and page.dialog.uid is not None)
    activate(qtbot, page.dialog)
    return page.dialog


def test_a_pass_mark_changed_after_the_scores_decides_their_outcomes_and_saves(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "ロープレ", [staff["sato"], staff["suzuki"]]),
                      staff["sato"], NOW, pass_mark="70")
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "75"), staff["sato"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "90"), staff["sato"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    dialog = open_edit(qtbot, page)
    grid = dialog.results
    names = [grid.item(r, grid.NAME).text() for r in range(grid.rowCount())]
    dialog.pass_mark.setFocus()
    dialog.pass_mark.selectAll()
    qtbot.keyClicks(dialog.pass_mark, "80")   # the manager raises the pass mark after the scores are in
    assert grid.item(names.index("佐藤 一郎"), grid.OUTCOME).text() == "Re-test"   # 75 < 80
    assert grid.item(names.index("鈴木 次郎"), grid.OUTCOME).text() == "Passed"
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible() or dialog.banner.isVisible()
                    or any(b.has_error() for b in dialog.boxes.values()))
    assert not dialog.isVisible(), [b.error.text() for b in dialog.boxes.values() if b.has_error()]
    stored = repo.get(uid)
    assert stored["pass_mark"] == 80
    assert {(r["name"], r["score"], r["outcome"]) for r in stored["results"]} == {
        ("佐藤 一郎", 75, T.RETEST), ("鈴木 次郎", 90, T.PASSED)}


def test_scores_typed_before_the_pass_mark_show_their_outcome_once_it_is_typed(qtbot, page, staff):
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2025/9/10", 3, "ロープレ")
    tick(qtbot, dialog, "さとう")
    type_score(qtbot, dialog.results, 0, "60")
    assert dialog.results.item(0, dialog.results.OUTCOME).text() == ""   # no pass mark yet: entered by hand
    dialog.pass_mark.setFocus()
    qtbot.keyClicks(dialog.pass_mark, "80")
    assert dialog.results.item(0, dialog.results.OUTCOME).text() == "Re-test"


def test_history_says_whose_result_and_which_attempt_changed(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "ロープレ", [staff["sato"], staff["suzuki"]]),
                      staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "60", T.RETEST), staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "85", T.PASSED, 2), staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "70", T.PASSED), staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "75", T.RETEST), staff["manager"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    texts = history_texts(qtbot, page)
    results = [t for t in texts if "Result" in t or "Score" in t]
    assert all("佐藤 一郎" in t or "鈴木 次郎" in t for t in results), results
    assert any("佐藤 一郎" in t and "re-test 1" in t for t in results), results
    assert any("鈴木 次郎" in t and "70" in t and "75" in t for t in results), results
    assert any("鈴木 次郎" in t and "Passed" in t and "Re-test" in t for t in results), results
    assert not any("retest" in t or "passed" in t for t in results), results   # never the stored codes


def test_a_role_play_whose_results_are_cleared_can_become_a_study_session_in_one_save(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "新商品", [staff["sato"]]),
                      staff["manager"], NOW, pass_mark="80")
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "90"), staff["manager"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    dialog = open_edit(qtbot, page)
    grid = dialog.results
    grid.setFocus()
    grid.setCurrentCell(0, grid.SCORE)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)   # the result entered by mistake is cleared …
    assert grid.item(0, grid.SCORE).text() == ""
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Up)   # … and it was a 勉強会 after all
    assert dialog.kind.currentData() == T.KIND_STUDY
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible() or any(b.has_error() for b in dialog.boxes.values()))
    assert not dialog.isVisible(), [b.error.text() for b in dialog.boxes.values() if b.has_error()]
    stored = repo.get(uid)
    assert stored["kind"] == T.KIND_STUDY and stored["results"] == [] and stored["pass_mark"] is None


def test_a_meeting_saved_outside_the_period_shown_is_shown_with_its_year(qtbot, ops, staff):
    april = datetime(2026, 4, 6, 9, 0)   # the new fiscal year has begun: March's meetings are still entered
    page = TrainingsPage(ops, staff["manager"], clock=lambda: april)
    qtbot.addWidget(page)
    page.show()
    page.table.setFocus()
    assert page.year.currentData() == 2026
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2026/3/27", 1, "3月の品質向上会議")
    tick(qtbot, dialog, "さとう")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # Not an empty list (as if nothing were saved, inviting a second entry): FY2025 with the meeting selected.
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert page.year.currentData() == 2025
    assert page.table.item(page.table.currentRow(), 2).text() == "3月の品質向上会議"


def test_a_stored_retest_cleared_with_delete_is_taken_back_on_save(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "ロープレ", [staff["sato"]]),
                      staff["manager"], NOW, pass_mark="80")
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "60"), staff["manager"], NOW)
    repo.set_result(uid, T.RolePlayResultInput(staff["sato"], "90", attempt=2), staff["manager"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    dialog = open_edit(qtbot, page)
    grid = dialog.results
    assert grid.rowCount() == 2
    grid.setFocus()
    grid.setCurrentCell(1, grid.SCORE)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)   # the re-test was entered on the wrong meeting
    assert grid.rowCount() == 1
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible() or any(b.has_error() for b in dialog.boxes.values()))
    assert not dialog.isVisible()
    assert [(r["attempt"], r["score"]) for r in repo.results_of(uid)] == [(1, 60)]


def test_someone_retired_since_can_be_ticked_for_a_meeting_they_attended_but_all_leaves_them_out(
        qtbot, page, store, staff):
    from agency_app.storage.masters import MasterData
    retired = MasterData(store).save_staff(name="高橋 三郎", kana="たかはし さぶろう", team="損保",
                                           branch_code="HQ", active=False)   # left on 30 September
    dialog = open_dialog(qtbot, page)
    fill_meeting(qtbot, dialog, "2025/9/10", 3, "9月のロープレ")
    tick(qtbot, dialog, "たかはし")
    assert dialog.participants.checked() == [retired]
    dialog.participants.find.clear()
    alt(qtbot, Qt.Key.Key_A)   # 全員: everyone on the staff now — not those who have left
    qtbot.waitUntil(lambda: len(dialog.participants.checked()) == 4)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    assert retired in Services(store).trainings.get(page.current_uid())["participants"]


def test_all_does_not_tick_someone_who_has_left(qtbot, page, store, staff):
    from agency_app.storage.masters import MasterData
    MasterData(store).save_staff(name="高橋 三郎", kana="たかはし さぶろう", team="損保", branch_code="HQ", active=False)
    dialog = open_dialog(qtbot, page)
    dialog.participants.find.setFocus()
    alt(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: len(dialog.participants.checked()) == 3)
    assert set(dialog.participants.checked()) == {staff["sato"], staff["suzuki"], staff["manager"]}


def test_a_score_changed_on_another_pc_meanwhile_is_not_overwritten_by_an_older_form(qtbot, page, store, staff):
    repo = Services(store).trainings
    uid = repo.create(T.TrainingInput("2025/9/10", T.KIND_ROLEPLAY, "ロープレ", [staff["suzuki"]]),
                      staff["manager"], NOW, pass_mark="60")
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "70"), staff["manager"], NOW)
    page.refresh()
    qtbot.waitUntil(lambda: page.table.rowCount() == 1)
    dialog = open_edit(qtbot, page)
    repo.set_result(uid, T.RolePlayResultInput(staff["suzuki"], "90"), staff["sato"], NOW)   # the other PC
    dialog.theme.setFocus()
    dialog.theme.selectAll()
    ime_type(dialog.theme, "ロープレ（9月）")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.banner.isVisible() or not dialog.isVisible())
    assert dialog.isVisible() and dialog.theme.text() == "ロープレ（9月）"   # said, and nothing typed lost
    assert [r["score"] for r in repo.results_of(uid)] == [90]


def themes(page) -> list[str]:
    return [page.table.item(row, 2).text() for row in range(page.table.rowCount())]


def test_head_office_chooses_a_branch_and_sees_only_its_meetings_and_figures(qtbot, ops, staff, store):
    from agency_app.storage.masters import MasterData
    from agency_app.storage.trainings import TrainingRepository
    MasterData(store).save_branch("YOK", "横浜支店")
    repo = TrainingRepository(store)
    ours = repo.create(T.TrainingInput("2025/6/3", T.KIND_QUALITY, "本部の品質会議", [staff["sato"]]), staff["sato"], NOW)
    theirs = repo.create(T.TrainingInput("2025/6/4", T.KIND_COMPLIANCE, "横浜の勉強会", [staff["suzuki"]]),
                         staff["sato"], NOW)
    with store.write():  # held at Yokohama, imported by head office with its office
        store.conn.execute("UPDATE trainings SET branch_code = 'YOK' WHERE uid = ?", (theirs,))
    from form_fixtures import shown
    page = shown(qtbot, TrainingsPage(ops, staff["manager"], clock=lambda: NOW))
    qtbot.waitUntil(lambda: themes(page) == ["横浜の勉強会", "本部の品質会議"], timeout=2000)
    page.kind.setFocus()
    qtbot.keyClick(page.kind, Qt.Key.Key_Tab)  # 種類, then 拠点
    assert QApplication.focusWidget() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_End)  # 横浜支店
    qtbot.waitUntil(lambda: themes(page) == ["横浜の勉強会"], timeout=2000)
    assert page.figures_text(*repo.figures(None, None, "YOK")) == page.figures.text()
    assert page.show_record("training", ours)  # a link to head office's meeting clears the branch hiding it
    qtbot.waitUntil(lambda: themes(page) == ["横浜の勉強会", "本部の品質会議"], timeout=2000)


def test_a_single_office_agency_has_no_branch_choice(page):
    assert not page.branch.box.isVisible() and page.branch.code() is None
