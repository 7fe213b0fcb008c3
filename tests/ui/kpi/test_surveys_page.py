"""The KPI tab's アンケート page, driven by the keyboard as a clerk types a stack of sheets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain import codes
from agency_app.domain.surveys import SurveyAnswerInput
from agency_app.storage.surveys import SurveyRepository
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kpi import surveys_page
from agency_app.ui.kpi.survey_entry import draft_key
from agency_app.ui.kpi.surveys_page import COLUMNS, SurveysPage
from form_fixtures import POPUP_NOISE, drafts, focused, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)   # 2025年度 下期
CTRL_ENTER = (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def page(qtbot, ops, staff, drafts):
    return shown(qtbot, SurveysPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))


def choose_survey(qtbot, page, name: str) -> None:
    entry = page.entry
    entry.survey.setFocus()
    entry.survey.lineEdit().selectAll()
    ime_type(entry.survey, name)
    qtbot.keyClick(entry.survey, Qt.Key.Key_Tab)


def type_sheet(qtbot, page, score: str, grade: str, comment: str = "") -> None:
    """The keyboard is in the score: type the sheet, Tab between fields, Ctrl+Enter."""
    entry = page.entry
    assert focused() is entry.score
    qtbot.keyClicks(entry.score, score)
    qtbot.keyClick(entry.score, Qt.Key.Key_Tab)
    assert focused() is entry.grade
    if grade.isascii():
        qtbot.keyClicks(entry.grade, grade)
    else:
        ime_type(entry.grade, grade)
    qtbot.keyClick(entry.grade, Qt.Key.Key_Tab)
    assert focused() is entry.comment
    if comment:
        ime_type(entry.comment, comment)
    qtbot.keyClick(focused(), *CTRL_ENTER)


def stored(store) -> list[dict]:
    return SurveyRepository(store).list(date(2025, 4, 1), date(2026, 3, 31))


@POPUP_NOISE
def test_three_sheets_one_after_another(qtbot, page, store):
    entry = page.entry
    entry.date.setFocus()
    qtbot.keyClicks(entry.date, "R7.11.4")
    qtbot.keyClick(entry.date, Qt.Key.Key_Tab)
    choose_survey(qtbot, page, "事故対応")
    assert "1 とても満足" in entry.scale.text()   # the sheet's grades beside the grade field
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)      # product left empty
    entry.score.setFocus()
    type_sheet(qtbot, page, "10", "1", "迅速でした")
    # the date and survey stay, the sheet's fields are empty, the keyboard back in the score
    assert entry.date.text() == "2025/11/04" and entry.survey.currentText() == "事故対応"
    assert (entry.score.text(), entry.grade.text(), entry.comment.toPlainText()) == ("", "", "")
    type_sheet(qtbot, page, "3", "まあ満足")     # a grade typed as its label
    type_sheet(qtbot, page, "9", "5", "担当者が親切")
    rows = stored(store)
    assert [(r["answered_on"], r["survey_type"], r["recommendation"], r["satisfaction_grade"]) for r in rows] == [
        ("2025-11-04", "claim", 9, 5), ("2025-11-04", "claim", 3, 3), ("2025-11-04", "claim", 10, 1)]
    assert page.model.rowCount() == 3
    grade_column = COLUMNS.index("satisfaction_grade")
    assert page.model.index(1, grade_column).data() == "3 まあ満足"
    # NPS: 2 promoters, 1 detractor of 3; satisfied: grades 1 and 3 are in the top 3 of 6
    assert "NPS 33.3" in page.summary.text() and "66.7%" in page.summary.text()
    assert "3 answers" in page.summary.text()


@POPUP_NOISE
def test_a_score_of_11_is_said_at_the_field_and_nothing_typed_is_lost(qtbot, page, store):
    entry = page.entry
    entry.date.setFocus()
    qtbot.keyClicks(entry.date, "4/1")   # typed in November: this April, not the next
    qtbot.keyClick(entry.date, Qt.Key.Key_Tab)
    assert entry.date.text() == "2025/04/01"
    choose_survey(qtbot, page, "満期前")
    entry.score.setFocus()
    type_sheet(qtbot, page, "11", "2", "更新の案内が分かりやすい")
    assert stored(store) == []
    assert entry.field_error("recommendation") == "The score is 0 to 10 (typed: 11)."
    assert focused() is entry.score
    assert (entry.score.text(), entry.grade.text(), entry.comment.toPlainText()) == (
        "11", "2", "更新の案内が分かりやすい")
    qtbot.keyClick(entry.score, Qt.Key.Key_Backspace)
    qtbot.keyClick(entry.score, *CTRL_ENTER)
    [row] = stored(store)
    assert (row["answered_on"], row["recommendation"], row["comment"]) == ("2025-04-01", 1, "更新の案内が分かりやすい")
    assert entry.field_error("recommendation") == ""


def test_a_grade_outside_the_scale_is_refused_in_words(qtbot, page, store):
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "contract"})
    entry.score.setFocus()
    type_sheet(qtbot, page, "8", "6")
    assert entry.field_error("satisfaction_grade") == "This survey has grades 1 to 5 (typed: 6)."
    assert entry.grade.text() == "6" and stored(store) == []


def test_the_sheet_being_typed_survives_as_a_draft(qtbot, ops, staff, drafts, page):
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "claim"})
    entry.score.setFocus()
    qtbot.keyClicks(entry.score, "7")
    ime_type(entry.comment, "電話がつながりにくい")
    entry.keep_draft(now=True)   # what the timer does half a second after typing
    assert drafts.load(draft_key(staff["sato"]))["form"]["comment"] == "電話がつながりにくい"
    again = shown(qtbot, SurveysPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
    assert (again.entry.score.text(), again.entry.comment.toPlainText()) == ("7", "電話がつながりにくい")
    assert again.entry.survey.currentText() == "事故対応"


def test_enter_edits_delete_removes_after_asking(qtbot, page, store, staff, monkeypatch):
    repo = SurveyRepository(store)
    uid = repo.create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "2", "普通"), by=staff["sato"], now=NOW)
    page.refresh()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    entry = page.entry
    assert entry.editing == (uid, 1) and focused() is entry.score and entry.score.text() == "8"
    qtbot.keyClicks(entry.score, "9")   # selected: typed over
    qtbot.keyClick(entry.score, *CTRL_ENTER)
    assert repo.get(uid)["recommendation"] == 9 and entry.editing is None and entry.score.text() == ""
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)   # the box says no (never_block): kept
    assert repo.get(uid)
    monkeypatch.setattr(surveys_page, "confirm_delete", lambda parent, text: True)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert stored(store) == [] and page.model.rowCount() == 0


def test_esc_leaves_an_edit_and_the_new_sheet_comes_back(qtbot, page, store, staff):
    uid = SurveyRepository(store).create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "2"), by=staff["sato"],
                                         now=NOW)
    page.refresh()
    entry = page.entry
    entry.apply({"answered_on": "2025/11/05", "survey_type": "renewal", "recommendation": "4"})
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert entry.editing[0] == uid
    qtbot.keyClick(entry.score, Qt.Key.Key_Escape)
    assert entry.editing is None
    assert (entry.date.text(), entry.survey.code(), entry.score.text()) == ("2025/11/05", "renewal", "4")


def test_comment_to_voice_linked_both_ways(qtbot, page, store, staff):
    repo = SurveyRepository(store)
    uid = repo.create(SurveyAnswerInput("2025-11-04", "claim", codes.PRODUCT_LINES[0], "2", "5", "連絡が遅い"),
                      by=staff["sato"], now=NOW)
    page.refresh()
    opened = []
    page.open_record.connect(lambda kind, record: opened.append((kind, record)))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    voice_uid = repo.get(uid)["voice_id"]
    voice = VoiceRepository(store).get(voice_uid)
    assert (voice["channel"], voice["kind"], voice["summary"]) == ("survey", "dissatisfaction", "連絡が遅い")
    assert page.model.index(0, COLUMNS.index("voice")).data() == "Voice: 連絡が遅い"
    # with a voice already, the same key opens it
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [("voice", voice_uid)]
    assert repo.answer_of_voice(voice_uid)["uid"] == uid


def test_history_opens_on_ctrl_shift_h(qtbot, page, store, staff):
    uid = SurveyRepository(store).create(SurveyAnswerInput("2025-11-04", "claim", "", "8", ""), by=staff["sato"],
                                         now=NOW)
    SurveyRepository(store).update(uid, SurveyAnswerInput("2025-11-04", "claim", "", "9", ""), by=staff["suzuki"],
                                   now=NOW)
    page.refresh()
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.dialog
    assert dialog.row_count() >= 2
    texts = {dialog.model.index(r, 2).data() for r in range(dialog.row_count())}
    assert "Score (0–10)" in texts


def test_show_record_finds_an_answer_of_another_year(qtbot, page, store, staff):
    uid = SurveyRepository(store).create(SurveyAnswerInput("2023-06-01", "claim", "", "", "1"), by=staff["sato"],
                                         now=NOW)
    assert page.show_record("survey_answer", uid)
    assert page.year.currentData() == 2023 and page._selected_uid() == uid
    assert not page.show_record("survey_answer", "gone")


def test_only_a_manager_sees_the_types_dialog(qtbot, ops, staff, drafts, page):
    assert page.types_button.isHidden()
    manager = shown(qtbot, SurveysPage(ops, staff["manager"], drafts=drafts, clock=lambda: NOW))
    assert not manager.types_button.isHidden()


def test_the_types_dialog_changes_a_scale(qtbot, ops, staff, drafts, store):
    manager = shown(qtbot, SurveysPage(ops, staff["manager"], drafts=drafts, clock=lambda: NOW))
    manager.types_button.click()
    dialog = manager.dialog
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)
    dialog.list.setCurrentRow(2)   # 事故対応
    assert dialog.scale_n.value() == 6
    dialog.top_k.setValue(6)       # k must stay below n
    qtbot.keyClick(dialog.name, *CTRL_ENTER)
    assert "Top k must be 1 to 5" in dialog.boxes["top_k"].error.text()
    dialog.top_k.setValue(2)
    qtbot.keyClick(dialog.name, *CTRL_ENTER)
    assert SurveyRepository(store).type_of("claim").top_k == 2
    assert "top 2 of 6" in manager.summary.text() or manager.summary.text().startswith("0 answers")


def test_in_japanese_the_refusal_and_the_link_read_as_staff_read_them(qtbot, japanese, ops, staff, drafts, store):
    page = shown(qtbot, SurveysPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "claim", "recommendation": "11"})
    entry.save()
    assert entry.field_error("recommendation") == "推奨度は 0〜10 で入力してください（入力: 11）。"
    assert page.buttons["voice"].text() == "声にする(&K) (Ctrl+Shift+V)"
    assert entry.title() == "回答の入力"


def test_ctrl_enter_while_the_ime_is_still_converting_saves_the_word_too(qtbot, page, store, staff):
    """The clerk types the comment and presses Ctrl+Enter before confirming the conversion: the word being
    converted is part of the sheet, as in the other forms — not dropped from the answer (and its voice)."""
    from PySide6.QtGui import QInputMethodEvent
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "claim"})
    entry.score.setFocus()
    qtbot.keyClicks(entry.score, "4")
    entry.comment.setFocus()
    ime_type(entry.comment, "電話が")
    QApplication.sendEvent(entry.comment, QInputMethodEvent("つながらない", []))   # still converting
    qtbot.keyClick(entry.comment, *CTRL_ENTER)
    rows = stored(store)
    assert [r["comment"] for r in rows] == ["電話がつながらない"]
    assert entry.comment.toPlainText() == ""
    entry.keep_draft(now=True)
    assert page.drafts.load(draft_key(staff["sato"])) is None   # the saved sheet left no draft behind


def test_the_count_above_the_list_is_every_answer_of_the_period_not_the_rows_listed(qtbot, page, store, staff):
    """A large agency (the 1M-voice database: one answer per 40 voices) has thousands of answers a year; the list
    shows the newest 2000, but the figures line must count them all, as the NPS and the share beside it do."""
    from agency_app.storage import records
    from agency_app.storage.ids import new_uid
    with store.write() as db:
        for i in range(2003):
            records.insert_row(db.conn, "survey_answers", dict(
                uid=new_uid(), branch_code="HQ", answered_on=f"2025-10-{1 + i % 28:02d}", survey_type="claim",
                recommendation=10, satisfaction_grade=1, **records.new_record(store, staff["sato"], NOW)))
    page.refresh()
    assert page.model.rowCount() == 2000
    first_line = page.summary.text().splitlines()[0]
    assert first_line.startswith("2003 answers"), first_line
    assert "事故対応: 2003 answers" in page.summary.text()


def test_the_types_dialog_says_why_a_scale_cannot_change_under_stored_answers(qtbot, ops, staff, drafts, store):
    SurveyRepository(store).create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "6"), by=staff["sato"], now=NOW)
    manager = shown(qtbot, SurveysPage(ops, staff["manager"], drafts=drafts, clock=lambda: NOW))
    manager.types_button.click()
    dialog = manager.dialog
    qtbot.waitExposed(dialog)
    dialog.list.setCurrentRow(2)   # 事故対応, six grades, asks the score
    dialog.scale_n.setValue(5)
    dialog.grade_labels.clear()
    dialog.asks.setChecked(False)
    dialog.save()
    assert "Answers hold grade 6" in dialog.boxes["scale_n"].error.text(), dialog.banner.text()
    assert dialog.banner.text().startswith("Asks the 0–10 score: 1 answers hold a 0–10 score"), dialog.banner.text()
    claim = SurveyRepository(store).type_of("claim")
    assert (claim.scale_n, claim.asks_recommendation) == (6, True)
    assert "NPS 0.0" in manager.summary.text()   # a passive 8: NPS still said


def test_enter_in_the_list_while_a_sheet_is_being_saved_does_not_bring_the_sheet_back(qtbot, page, store, staff,
                                                                                       monkeypatch):
    """Ctrl+Enter, then at once Enter on an old answer in the list before the write has come back (a slow shared
    disk): the saved sheet must not return as a new sheet to be saved twice, nor stay as the draft."""
    repo = SurveyRepository(store)
    old = repo.create(SurveyAnswerInput("2025-11-03", "claim", "", "5", "4"), by=staff["sato"], now=NOW)
    page.refresh()
    held = []
    start = page.ops._start
    monkeypatch.setattr(page.ops, "_start", lambda op: held.append(op) if op.writes else start(op))
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "claim", "recommendation": "9", "satisfaction_grade": "1"})
    entry.save()
    assert len(held) == 1
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(old), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    monkeypatch.setattr(page.ops, "_start", start)
    start(held.pop())
    assert len(stored(store)) == 2
    if entry.editing is None:   # the sheet just saved is not typed again
        assert (entry.score.text(), entry.grade.text()) == ("", "")
    else:                       # or the old answer is in the row to edit
        assert entry.editing[0] == old and entry.score.text() == "5"
        qtbot.keyClick(entry.score, Qt.Key.Key_Escape)
        assert (entry.score.text(), entry.grade.text()) == ("", "")
    entry.keep_draft(now=True)
    assert page.drafts.load(draft_key(staff["sato"])) is None


def test_esc_while_an_edit_is_being_saved_keeps_the_half_typed_sheet(qtbot, page, store, staff, monkeypatch):
    repo = SurveyRepository(store)
    old = repo.create(SurveyAnswerInput("2025-11-03", "claim", "", "5", "4"), by=staff["sato"], now=NOW)
    page.refresh()
    entry = page.entry
    entry.apply({"answered_on": "2025/11/04", "survey_type": "claim", "recommendation": "7", "comment": "途中"})
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert entry.editing[0] == old
    held = []
    start = page.ops._start
    monkeypatch.setattr(page.ops, "_start", lambda op: held.append(op) if op.writes else start(op))
    qtbot.keyClicks(entry.score, "6")
    qtbot.keyClick(entry.score, *CTRL_ENTER)
    qtbot.keyClick(entry.score, Qt.Key.Key_Escape)   # at once, before the write is back
    monkeypatch.setattr(page.ops, "_start", start)
    start(held.pop())
    assert repo.get(old)["recommendation"] == 6
    assert (entry.editing, entry.score.text(), entry.comment.toPlainText()) == (None, "7", "途中")


def test_enter_on_another_answer_keeps_an_edit_with_changes_and_says_how_to_end_it(qtbot, page, store, staff):
    """Enter on an answer, a new score and a comment typed, then Enter on another answer in the list (a second
    sheet to check on the phone): the typing was replaced without a word. The edit stays, the entry's banner says
    to save it (Ctrl+Enter) or leave it (Esc), and the keyboard is back in it; an edit without changes just gives
    way."""
    repo = SurveyRepository(store)
    first = repo.create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "2"), by=staff["sato"], now=NOW)
    second = repo.create(SurveyAnswerInput("2025-11-03", "claim", "", "5", "4"), by=staff["sato"], now=NOW)
    page.refresh()
    entry = page.entry
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(second), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert entry.editing[0] == second
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(first), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)   # nothing changed in the first edit: the other answer comes
    assert entry.editing[0] == first and not entry.banner.isVisible()
    qtbot.keyClicks(entry.score, "9")
    qtbot.keyClick(entry.score, Qt.Key.Key_Tab)
    qtbot.keyClick(entry.grade, Qt.Key.Key_Tab)
    ime_type(entry.comment, "電話で補足")
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(second), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert entry.editing[0] == first
    assert (entry.score.text(), entry.comment.toPlainText()) == ("9", "電話で補足")
    assert entry.banner.isVisible() and "Ctrl+Enter" in entry.banner.text() and "Esc" in entry.banner.text()
    assert entry.isAncestorOf(focused())
    qtbot.keyClick(focused(), *CTRL_ENTER)
    assert (repo.get(first)["recommendation"], repo.get(first)["comment"]) == (9, "電話で補足")
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(second), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert entry.editing[0] == second and entry.score.text() == "5"


def test_ctrl_n_keeps_an_edit_with_changes_and_says_how_to_end_it(qtbot, page, store, staff):
    """Ctrl+N (a new sheet) during an edit with a changed score dropped the change without a word."""
    repo = SurveyRepository(store)
    uid = repo.create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "2"), by=staff["sato"], now=NOW)
    page.refresh()
    entry = page.entry
    page.view.setFocus()
    page.view.setCurrentIndex(page.model.index(page.model.row_of(uid), 0))
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    entry.score.selectAll()
    qtbot.keyClicks(entry.score, "10")
    qtbot.keyClick(entry.score, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert entry.editing[0] == uid and entry.score.text() == "10"
    assert entry.banner.isVisible() and "Esc" in entry.banner.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)   # leaving it on purpose: then Ctrl+N starts a new sheet
    qtbot.keyClick(focused(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert entry.editing is None and focused() is entry.date


def test_head_office_chooses_a_branch_and_sees_only_its_answers_and_figures(qtbot, ops, store, staff, drafts):
    from agency_app.storage.masters import MasterData
    MasterData(store).save_branch("YOK", "横浜支店")
    repo = SurveyRepository(store)
    ours = repo.create(SurveyAnswerInput("2025-11-04", "claim", "", "8", "2", "本部の答え"), by=staff["sato"], now=NOW)
    theirs = repo.create(SurveyAnswerInput("2025-11-05", "claim", "", "3", "1", "横浜の答え"), by=staff["sato"],
                         now=NOW)
    with store.write():  # answered at Yokohama, imported by head office with its office
        store.conn.execute("UPDATE survey_answers SET branch_code = 'YOK' WHERE uid = ?", (theirs,))
    page = shown(qtbot, SurveysPage(ops, staff["sato"], drafts=drafts, clock=lambda: NOW))

    def comments():
        column = COLUMNS.index("comment")
        return [page.model.index(row, column).data() for row in range(page.model.rowCount())]
    qtbot.waitUntil(lambda: comments() == ["横浜の答え", "本部の答え"], timeout=2000)
    everyone = page.summary.text()
    page.type_filter.setFocus()
    qtbot.keyClick(page.type_filter, Qt.Key.Key_Tab)  # アンケート, then 拠点
    assert focused() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 本部
    qtbot.waitUntil(lambda: comments() == ["本部の答え"], timeout=2000)
    assert page.summary.text() != everyone  # the NPS and counts are the office's own
    page.show_record("survey_answer", theirs)  # a link to Yokohama's answer clears the branch hiding it
    qtbot.waitUntil(lambda: comments() == ["横浜の答え", "本部の答え"], timeout=2000)
    assert page.branch.code() is None


def test_a_single_office_agency_has_no_branch_choice(page):
    assert not page.branch.box.isVisible() and page.branch.code() is None
