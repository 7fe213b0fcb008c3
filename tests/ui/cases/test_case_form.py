"""The case form: the type's checklist shown before saving, due date from the type, voice prefill, drafts, conflicts."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import cases as C
from agency_app.domain.customer import CustomerInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage.cases import CaseRepository
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kit import form_drafts
from agency_app.ui.cases.case_form import CaseFormDialog, draft_key
from form_fixtures import drafts, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)


def clock():
    return NOW


def count_cases(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0]


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def customer(store, staff):
    return CustomerRepository(store).create(CustomerInput(name="𠮷田 花子", kana="ヨシダ ハナコ"),
                                            by=staff["sato"], now=NOW)


def open_form(qtbot, ops, staff, drafts, **kwargs) -> CaseFormDialog:
    return shown(qtbot, CaseFormDialog(ops, staff["sato"], drafts=drafts, clock=clock, **kwargs))


def saved(form) -> bool:
    """What the person sees after Save: the form closed, the case saved."""
    return form.saved_uid is not None and not form.isVisible()


def choose_type(form, code):
    form.inputs["case_type"].set_code(code)


def test_choosing_a_type_shows_the_checklist_to_be_copied_and_sets_the_due_date(qtbot, store, ops, staff, drafts):
    form = open_form(qtbot, ops, staff, drafts)
    assert form.inputs["opened_on"].text() == "2025/11/20"
    choose_type(form, C.ADDRESS_CHANGE)
    assert "当社の顧客管理システムの住所を更新" in form.checklist.text()
    assert form.inputs["due_date"].text() == "2025/11/25"
    choose_type(form, C.CLAIM)
    assert "保険会社へ事故の受付連絡" in form.checklist.text()
    assert form.inputs["due_date"].text() == "2025/11/23"
    form.inputs["due_date"].setText("")
    qtbot.keyClicks(form.inputs["due_date"], "2025/12/01")
    choose_type(form, C.RENEWAL)
    assert form.inputs["due_date"].text() == "2025/12/01"  # typed by staff: no longer follows the type


def test_a_case_saved_by_ctrl_enter_has_the_customer_and_the_checklist(qtbot, store, ops, staff, drafts, customer):
    form = open_form(qtbot, ops, staff, drafts)
    choose_type(form, C.ADDRESS_CHANGE)
    form.inputs["title"].setFocus()
    ime_type(form.inputs["title"], "転居のため住所変更（髙橋様の紹介）😀")
    form.inputs["customer_id"].set_customer(customer)
    with qtbot.waitSignal(form.saved) as saved:
        # Only pressed: the form locks while it saves, so the keys' release would reach a locked form.
        qtbot.keyPress(form.inputs["title"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    repo = CaseRepository(store)
    case = repo.get(saved.args[0])
    assert (case["title"], case["customer_id"], case["due_date"], case["assignee_id"]) == \
        ("転居のため住所変更（髙橋様の紹介）😀", customer, "2025-11-25", staff["sato"])
    assert [s["label"] for s in repo.steps(case["uid"])] == list(C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE])


@pytest.mark.parametrize("field, text", [("title", ""), ("due_date", "2025/11/19"), ("due_date", "")])
def test_nothing_is_saved_on_bad_input_and_the_error_is_at_the_field(qtbot, store, ops, staff, drafts, field, text):
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("証券の再発行")
    form.inputs[field].setText(text)
    form.save()
    assert count_cases(store) == 0
    assert form.boxes[field].has_error()
    assert form.isVisible() and form.isEnabled()  # open, and typing can go on
    assert "Nothing was saved" in form.banner.text()


def test_a_customer_typed_but_not_chosen_is_not_dropped_silently(qtbot, store, ops, staff, drafts, customer):
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("資料送付")
    form.inputs["customer_id"].edit.setText("存在しない人")
    form.save()
    assert form.boxes["customer_id"].has_error() and count_cases(store) == 0
    assert form.isVisible() and form.inputs["customer_id"].text() == "存在しない人"


def test_a_case_from_a_voice_starts_with_its_customer_summary_and_product(qtbot, store, ops, staff, drafts, customer):
    voice = VoiceRepository(store).create(
        VoiceInput(received_at="2025/11/20 09:00", summary="引っ越したので住所を変えたい", customer_id=customer,
                   product_line="nonlife_auto", insurer="東京海上日動"), by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, drafts, voice_uid=voice)
    assert form.inputs["title"].text() == "引っ越したので住所を変えたい"
    assert form.inputs["customer_id"].customer_uid() == customer
    assert form.inputs["product_line"].code() == "nonlife_auto"
    assert form.voice_label.isVisible() and "引っ越したので" in form.voice_label.text()
    choose_type(form, C.ADDRESS_CHANGE)
    form.save()
    assert saved(form)
    [row] = store.conn.execute("SELECT voice_id, customer_id FROM cases").fetchall()
    assert row == (voice, customer)


def test_what_was_typed_comes_back_as_a_draft_after_the_form_was_put_aside(qtbot, store, ops, staff, drafts):
    form = open_form(qtbot, ops, staff, drafts)
    choose_type(form, C.CANCELLATION)
    form.inputs["title"].setText("解約の申し出（﨑山様）")
    form.inputs["due_date"].setText("2025/11/28")
    form.inputs["due_date"].textEdited.emit("2025/11/28")
    form.put_aside()
    assert drafts.load(draft_key(staff["sato"])) is not None
    again = open_form(qtbot, ops, staff, drafts)
    assert again.inputs["title"].text() == "解約の申し出（﨑山様）"
    assert again.inputs["case_type"].code() == C.CANCELLATION
    assert again.inputs["due_date"].text() == "2025/11/28"
    assert again.banner.isVisible()
    again.save()
    assert saved(again)
    assert drafts.load(draft_key(staff["sato"])) is None
    other = open_form(qtbot, ops, staff, drafts)
    assert other.inputs["title"].text() == ""  # saved: the draft is gone


def test_a_draft_begun_from_a_voice_does_not_leak_into_a_plain_new_case(qtbot, store, ops, staff, drafts):
    voice = VoiceRepository(store).create(VoiceInput(received_at="2025/11/20 09:00", summary="車を買い替えた"),
                                          by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, drafts, voice_uid=voice)
    form.inputs["body"].setPlainText("納車は来週")
    form.put_aside()
    plain = open_form(qtbot, ops, staff, drafts)
    assert plain.inputs["body"].toPlainText() == ""
    plain.close()
    from_voice = open_form(qtbot, ops, staff, drafts, voice_uid=voice)
    assert from_voice.inputs["body"].toPlainText() == "納車は来週"


def test_an_edit_conflict_saves_nothing_and_shows_both_changes(qtbot, store, ops, staff, drafts):
    repo = CaseRepository(store)
    uid = repo.create(C.CaseInput(case_type=C.CLAIM, title="追突事故", opened_on="2025-11-20",
                                  due_date="2025-11-23"), by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, drafts, case_uid=uid)
    assert not form.inputs["case_type"].isEnabled()
    form.inputs["title"].setText("追突事故（相手方あり）")
    theirs = repo.as_input(uid)
    theirs.body = "修理工場へ入庫済み"
    repo.update(uid, theirs, by=staff["suzuki"], now=NOW)
    form.save()
    assert form.isVisible() and form.saved_uid is None
    assert form.banner.isVisible() and "changed this case" in form.banner.text()
    assert repo.get(uid)["title"] == "追突事故"
    assert form.inputs["body"].toPlainText() == "修理工場へ入庫済み"
    assert form.inputs["title"].text() == "追突事故（相手方あり）"
    form.save()
    assert saved(form)
    case = repo.get(uid)
    assert (case["title"], case["body"]) == ("追突事故（相手方あり）", "修理工場へ入庫済み")


def test_esc_asks_before_typed_text_is_thrown_away(qtbot, store, ops, staff, drafts, monkeypatch):
    asked = []
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: asked.append(parent) or False)
    form = open_form(qtbot, ops, staff, drafts)
    form.inputs["title"].setText("書類の依頼")
    qtbot.keyClick(form.inputs["title"], Qt.Key.Key_Escape)
    assert asked and form.isVisible()
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: True)
    qtbot.keyClick(form.inputs["title"], Qt.Key.Key_Escape)
    assert not form.isVisible() and count_cases(store) == 0


def test_the_insurer_list_follows_the_product_line(qtbot, ops, staff, drafts):
    form = open_form(qtbot, ops, staff, drafts)
    insurer = form.inputs["insurer"]
    form.inputs["product_line"].set_code("life")
    assert [insurer.itemText(i) for i in range(insurer.count()) if insurer.itemText(i)] == \
        ["日本生命", "第一生命", "明治安田生命", "住友生命"]
    form.inputs["product_line"].set_code("nonlife_auto")
    assert "日本生命" not in [insurer.itemText(i) for i in range(insurer.count())]


def test_every_labelled_field_of_the_case_form_has_its_own_alt_letter_as_the_voice_forms(qtbot, ops, staff, drafts):
    """A case begun from a call (Ctrl+Shift+K) is typed as fast as the voice: Alt+R is the call-back there too."""
    from PySide6.QtWidgets import QApplication, QLabel
    from agency_app.ui.cases.case_form import FIELD_KEYS
    from agency_app.ui.voices.voice_form import FIELD_KEYS as VOICE_KEYS
    form = open_form(qtbot, ops, staff, drafts)
    assert len(set(FIELD_KEYS.values())) == len(FIELD_KEYS)
    assert {name: FIELD_KEYS[name] for name in FIELD_KEYS.keys() & VOICE_KEYS.keys()} == \
        {name: VOICE_KEYS[name] for name in FIELD_KEYS.keys() & VOICE_KEYS.keys()}
    assert len([label for label in form.findChildren(QLabel) if "(&" in label.text()]) == len(FIELD_KEYS)
    for name, letter in FIELD_KEYS.items():
        form.inputs["title"].setFocus()
        qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"), Qt.KeyboardModifier.AltModifier)
        field = form.inputs[name]
        target = field.focusProxy() or field
        assert QApplication.focusWidget() in (target, getattr(field, "lineEdit", lambda: None)()), name


@pytest.mark.parametrize("width", [784, 900])  # as it opens on a 1024×768 screen, and a little wider
def test_the_date_fields_say_what_they_understood_on_one_line_level_with_their_labels(qtbot, japanese, ops, staff,
                                                                                    drafts, width):
    """The case form's columns are narrow (the checklist stands beside the grid): at 900 px, as it opens on a
    1024×768 screen, the hint beside 折り返し had 25 px for 「→ 明日 11/21(金) 10:00」 (136 px), a word a line, and
    the 受付日 hint, wrapped, made its row tall with the field centred 20 px below its label. The hint now
    goes under the field."""
    from PySide6.QtWidgets import QLabel
    form = shown(qtbot, CaseFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))
    form.resize(width, 560)
    qtbot.waitUntil(lambda: form.width() == width)
    ime_type(form.inputs["callback_at"], "明日 10時")
    for name in ("opened_on", "due_date", "callback_at"):
        field = form.inputs[name]
        hint = field.hint
        assert hint.text()  # 「→ 今日 11/20(木)」, 「→ 2025/12/04(木)」, 「→ 明日 11/21(金) 10:00」
        assert hint.isVisible() and hint.contentsRect().width() >= hint.fontMetrics().horizontalAdvance(hint.text())
        label = next(lb for lb in form.findChildren(QLabel) if lb.buddy() is field)
        assert abs(field.mapTo(form, field.rect().center()).y() - label.mapTo(form, label.rect().center()).y()) <= 4
