"""The elderly-sale form: age on the sale date shown live, measures in the record's order, a live 'still needed' list."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.domain import elderly as X
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly import ElderlyRules, Missing
from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_rules import ElderlyRulesStore
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.ui.elderly.elderly_form import ElderlySaleDialog, draft_key
from agency_app.ui.elderly.elderly_texts import error_text, missing_text
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)


def clock():
    return NOW


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def customers(store, staff):
    repo = CustomerRepository(store)
    return {
        "old": repo.create(CustomerInput(name="髙橋 𠮷子", kana="タカハシ ヨシコ", birth_date="1950/05/01"),
                           by=staff["sato"], now=NOW),
        "very_old": repo.create(CustomerInput(name="山﨑 一", kana="ヤマザキ ハジメ", birth_date="1940/05/01"),
                                by=staff["sato"], now=NOW),
        "young": repo.create(CustomerInput(name="若井 健", kana="ワカイ ケン", birth_date="1970/01/01"),
                             by=staff["sato"], now=NOW),
    }


def open_form(qtbot, ops, staff, drafts=None, **kwargs) -> ElderlySaleDialog:
    return shown(qtbot, ElderlySaleDialog(ops, staff["sato"], drafts=drafts, clock=clock, **kwargs))


def saved(form) -> bool:
    """What the person sees after Save: the form closed, the record saved."""
    return form.saved_uid is not None and not form.isVisible()


def visible(form, name: str) -> bool:
    return form.boxes[name].isVisibleTo(form)


def offered_measures(form) -> list[str]:
    layout = form.measure_layout
    buttons = {b: c for c, b in form.measure_buttons.items()}
    return [buttons[w] for w in (layout.itemAt(i).widget() for i in range(layout.count()))
            if w in buttons and w.isVisibleTo(form)]


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM elderly_sales").fetchone()[0]


def test_age_on_the_sale_date_and_the_strict_band_are_shown_live(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    assert "75" in form.age_info.text() and "80" not in form.age_info.text()
    form.picker.set_customer(customers["very_old"])
    assert "85" in form.age_info.text() and "80" in form.age_info.text()  # the strict band is named
    form.picker.set_customer(customers["young"])
    assert form.age_info.text() == error_text(X.FieldError("customer_id", X.NOT_ELDERLY,
                                                           {"age": 55, "threshold": 70}))


def test_measures_follow_the_rules_order_and_details_show_only_for_the_chosen_one(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    assert offered_measures(form) == [X.RELATIVE_PRESENT, X.MULTIPLE_MEETINGS, X.SECOND_AGENT, X.PHONE_CHECK]
    assert not any(visible(form, n) for n in ("relative_name", "meeting_dates", "second_agent_id",
                                              "less_preferred_reason"))
    assert form.todo_items == [missing_text(Missing(X.MEASURE_MISSING, "measure"))]
    form.measure_buttons[X.SECOND_AGENT].setChecked(True)
    assert visible(form, "second_agent_id") and visible(form, "less_preferred_reason")
    assert not visible(form, "relative_name") and not visible(form, "meeting_dates")
    assert missing_text(Missing(X.REASON_MISSING, "less_preferred_reason",
                                {"preferred": X.RELATIVE_PRESENT, "chosen": X.SECOND_AGENT})) in form.todo_items
    form.measure_buttons[X.RELATIVE_PRESENT].setChecked(True)
    assert visible(form, "relative_name") and not visible(form, "less_preferred_reason")
    assert not form.phone_box.isVisibleTo(form)  # 75, face to face, a measure taken: no phone check needed


def test_a_new_order_of_preference_reaches_new_records_only(qtbot, store, ops, staff, customers):
    repo = ElderlySaleRepository(store)
    old = repo.create(SaleInput(customer_id=customers["old"], sale_date="2025/11/10", product_line="life",
                                seller_id=staff["sato"]), by=staff["sato"], now=NOW)
    ElderlyRulesStore(store).save_new_version(
        ElderlyRules(preference=(X.MULTIPLE_MEETINGS, X.SECOND_AGENT, X.RELATIVE_PRESENT)),
        by=staff["manager"], effective_from=date(2025, 11, 20), now=NOW)
    new_form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    new_form.inputs["product_line"].set_code("life")
    assert offered_measures(new_form)[:3] == [X.MULTIPLE_MEETINGS, X.SECOND_AGENT, X.RELATIVE_PRESENT]
    old_form = open_form(qtbot, ops, staff, sale_uid=old)
    assert offered_measures(old_form)[:3] == [X.RELATIVE_PRESENT, X.MULTIPLE_MEETINGS, X.SECOND_AGENT]


def test_the_seller_is_not_offered_as_checker_and_a_clash_is_cleared_and_said(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    checker = form.inputs["phone_checker_id"]
    offered = [checker.itemData(i) for i in range(checker.count())]
    assert staff["sato"] not in offered and staff["suzuki"] in offered
    checker.set_code(staff["suzuki"])
    form.inputs["seller_id"].set_code(staff["suzuki"])  # the checker becomes the seller
    assert checker.code() == ""
    assert form.boxes["phone_checker_id"].error.text().endswith(
        error_text(X.FieldError("phone_checker_id", X.CHECKER_IS_SELLER)))


def test_non_face_to_face_sale_needs_a_phone_check_and_a_no_needs_the_follow_up(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    w = form.inputs
    w["product_line"].set_code("nonlife_fire")
    form.kind_remote.setChecked(True)
    assert offered_measures(form) == [] and form.remote_note.isVisibleTo(form)
    assert form.phone_box.isVisibleTo(form) and not visible(form, "less_preferred_reason")
    assert missing_text(Missing(X.PHONE_CHECK_MISSING, "phone_checker_id",
                                {"why": X.PHONE_WHY_NON_FACE_TO_FACE})) in form.todo_items
    w["phone_checker_id"].set_code(staff["suzuki"])
    w["phone_checked_on"].setText("2025/11/19")
    w["answer_public_insurance"].setCurrentIndex(w["answer_public_insurance"].findData("yes"))
    assert not visible(form, "follow_up_note")
    w["answer_product_reason"].setCurrentIndex(w["answer_product_reason"].findData("no"))
    assert visible(form, "follow_up_note")
    assert form.todo_items == [missing_text(Missing(X.FOLLOW_UP_MISSING, "follow_up_note"))]
    w["follow_up_note"].setPlainText("後日お電話で提案理由を再説明しました 😊")
    assert form.todo_items == [] and "Complete" in form.save_note.text()
    # Only pressed: the form locks while it saves, so the keys' release would reach a locked form.
    qtbot.keyPress(w["follow_up_note"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved(form)
    row = ElderlySaleRepository(store).get(form.saved_uid)
    assert (row["measure"], row["is_complete"], row["completed_on"]) == (X.PHONE_CHECK, 1, "2025-11-20")
    assert row["follow_up_note"] == "後日お電話で提案理由を再説明しました 😊"


def test_an_incomplete_record_is_saved_and_says_it_stays_incomplete(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["very_old"])
    form.inputs["product_line"].set_code("life")
    form.measure_buttons[X.RELATIVE_PRESENT].setChecked(True)
    ime_type(form.inputs["relative_name"], "山﨑 𠮷子")
    ime_type(form.inputs["relative_relation"], "長女")
    # 85: the strict band still asks for the phone check by someone other than the seller
    assert form.todo_items[0] == missing_text(Missing(X.PHONE_CHECK_MISSING, "phone_checker_id",
                                                      {"why": X.PHONE_WHY_STRICT, "strict_age": 80}))
    assert "Incomplete" in form.save_note.text() and "2025/12/04" in form.save_note.text()
    form.save()
    assert saved(form)
    row = ElderlySaleRepository(store).get(form.saved_uid)
    assert (row["is_complete"], row["relative_name"], row["due_date"]) == (0, "山﨑 𠮷子", "2025-12-04")
    assert [m.code for m in form.saved_missing][0] == X.PHONE_CHECK_MISSING


def test_customer_not_elderly_is_refused_at_the_customer_field(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["young"])
    form.inputs["product_line"].set_code("life")
    form.save()
    assert form.boxes["customer_id"].has_error() and "55" in form.boxes["customer_id"].error.text()
    assert count(store) == 0 and form.isVisible()


def test_group_offers_phone_or_written_check_without_face_to_face_choice(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["very_old"])
    form.inputs["product_line"].set_code("group")
    assert not visible(form, "face_to_face")
    assert offered_measures(form) == [X.PHONE_CHECK, X.WRITTEN_CHECK]
    form.measure_buttons[X.WRITTEN_CHECK].setChecked(True)
    assert visible(form, "written_confirmed_on") and not form.phone_box.isVisibleTo(form)
    form.inputs["written_confirmed_on"].setText("2025/11/18")
    assert form.todo_items == []
    form.save()
    assert saved(form)
    assert ElderlySaleRepository(store).get(form.saved_uid)["is_complete"] == 1


def test_a_draft_is_kept_per_staff_member_and_restored(qtbot, store, ops, staff, customers, drafts):
    first = open_form(qtbot, ops, staff, drafts, customer_uid=customers["old"])
    assert first.key == draft_key(staff["sato"]) == f"elderly-new-{staff['sato']}"
    first.inputs["product_line"].set_code("life")
    first.measure_buttons[X.MULTIPLE_MEETINGS].setChecked(True)
    ime_type(first.inputs["meeting_dates"], "2025/11/01、2025/11/08")
    first.put_aside()
    assert drafts.load(first.key)["form"]["meeting_dates"] == "2025/11/01、2025/11/08"
    second = open_form(qtbot, ops, staff, drafts)
    assert second.picker.customer_uid() == customers["old"]
    assert second.measure_buttons[X.MULTIPLE_MEETINGS].isChecked()
    assert second.inputs["meeting_dates"].text() == "2025/11/01、2025/11/08"
    assert second.banner.isVisibleTo(second)
    other = shown(qtbot, ElderlySaleDialog(ops, staff["suzuki"], drafts=drafts, clock=clock))
    assert other.picker.customer_uid() is None  # another person never sees it


def test_esc_with_typed_text_asks_and_going_back_keeps_it(qtbot, store, ops, staff, customers, monkeypatch):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    ime_type(form.inputs["product_name"], "終身保険")
    asked = []
    monkeypatch.setattr("agency_app.ui.kit.form_drafts.confirm_discard", lambda parent: asked.append(1) or False)
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and form.isVisible() and form.inputs["product_name"].text() == "終身保険"


def test_meeting_after_the_sale_is_refused_at_its_field(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    form.inputs["sale_date"].setText("2025/11/10")
    form.measure_buttons[X.MULTIPLE_MEETINGS].setChecked(True)
    form.inputs["meeting_dates"].setText("2025/11/01 2025/11/12")
    form.save()
    assert form.isVisible() and "Nothing was saved" in form.banner.text()
    assert form.boxes["meeting_dates"].error.text().endswith(
        error_text(X.FieldError("meeting_dates", X.MEETING_AFTER_SALE)))
    assert focused() is form.inputs["meeting_dates"] and count(store) == 0


def test_the_due_date_follows_the_sale_date_until_typed(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    due = form.inputs["due_date"]
    assert due.text() == "2025/12/04"
    form.inputs["sale_date"].setText("2025/11/01")
    assert due.text() == "2025/11/15"
    due.setFocus()
    due.selectAll()
    qtbot.keyClicks(due, "2025/11/30")
    form.inputs["sale_date"].setText("2025/11/02")
    assert due.text() == "2025/11/30"


def test_keyboard_reaches_the_measures_in_the_rules_order(qtbot, store, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    form.kind_f2f.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.measure_buttons[X.RELATIVE_PRESENT]
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # the next one in the rules' order, below
    assert focused() is form.measure_buttons[X.MULTIPLE_MEETINGS]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert form.measure_buttons[X.MULTIPLE_MEETINGS].isChecked()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # on to the detail of the chosen measure
    assert focused() is form.inputs["meeting_dates"]


def test_an_unchanged_stored_record_closes_on_esc_without_asking(qtbot, store, ops, staff, customers, monkeypatch):
    uid = ElderlySaleRepository(store).create(
        SaleInput(customer_id=customers["old"], sale_date="2025/11/10", product_line="group", seller_id=staff["sato"],
                  measure=X.PHONE_CHECK), by=staff["sato"], now=NOW)
    asked = []
    monkeypatch.setattr("agency_app.ui.kit.form_drafts.confirm_discard", lambda parent: asked.append(1) or False)
    form = open_form(qtbot, ops, staff, sale_uid=uid)
    assert form.measure_buttons[X.PHONE_CHECK].isChecked() and not form.picker.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not asked and not form.isVisible()


def test_the_form_follows_the_rules_in_force_on_the_sale_date(qtbot, store, ops, staff, customers):
    from datetime import date
    from agency_app.domain.elderly import ElderlyRules
    from agency_app.storage.elderly_rules import ElderlyRulesStore
    ElderlyRulesStore(store).save_new_version(
        ElderlyRules(preference=("second_agent", "relative_present", "multiple_meetings")),
        by=staff["manager"], effective_from=date(2026, 4, 1), now=NOW)  # prepared for next fiscal year
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    assert offered_measures(form)[:3] == ["relative_present", "multiple_meetings", "second_agent"]
    form.inputs["sale_date"].setText("2026/04/02")
    assert offered_measures(form)[:3] == ["second_agent", "relative_present", "multiple_meetings"]


def test_a_49_year_old_is_said_to_need_nothing_once_customer_date_and_product_are_given(qtbot, store, ops, staff):
    young = CustomerRepository(store).create(CustomerInput(name="中川 翼", kana="ナカガワ ツバサ",
                                                           birth_date="1976/05/01"), by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff)
    first = form.todo.items.text()
    assert "first" in first  # nothing chosen yet: asks for the three
    form.picker.set_customer(young)
    form.inputs["product_line"].set_code("life")  # the application date is filled in with today
    said = form.todo.items.text()
    assert said != first and "49" in said and "70" in said and "not an elderly customer" in said
    assert form.todo_items == []


def test_a_customer_without_a_date_of_birth_is_said_so(qtbot, store, ops, staff):
    unknown = CustomerRepository(store).create(CustomerInput(name="生年 不明", kana="セイネン フメイ"),
                                               by=staff["sato"], now=NOW)
    form = open_form(qtbot, ops, staff, customer_uid=unknown)
    form.inputs["product_line"].set_code("life")
    assert "date of birth" in form.todo.items.text()


def test_a_multi_line_fields_label_sits_at_the_top_of_its_box(qtbot, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    form.inputs["product_line"].set_code("life")
    form.resize(920, 700)  # more room than the fields need: it stays under them
    qtbot.waitUntil(lambda: form.height() == 700)
    box = form.boxes["notes"]
    label = form.main.labelForField(box)
    label_top = label.mapTo(form, label.rect().topLeft()).y()
    field_top = form.inputs["notes"].mapTo(form, form.inputs["notes"].rect().topLeft()).y()
    assert abs(label_top - field_top) <= 8, (label_top, field_top)


def test_the_insurer_list_follows_the_product_line(qtbot, ops, staff, customers):
    form = open_form(qtbot, ops, staff, customer_uid=customers["old"])
    insurer = form.inputs["insurer"]
    form.inputs["product_line"].set_code("life")
    assert [insurer.itemText(i) for i in range(insurer.count()) if insurer.itemText(i)] == \
        ["日本生命", "第一生命", "明治安田生命", "住友生命"]
