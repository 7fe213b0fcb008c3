"""Case entry rules (R8–R10): known type, title, a due date not before opening, call-back rules, template checks."""

from datetime import datetime

import pytest

from agency_app.domain import cases as C
from agency_app.domain import errors as E
from agency_app.domain.cases import CaseInput, default_due_date, validate_case, validate_template
from agency_app.domain.errors import ValidationFailed

NOW = datetime(2025, 11, 20, 10, 0)


def entry(**changes) -> CaseInput:
    values = dict(case_type=C.ADDRESS_CHANGE, title="転居に伴う住所変更", opened_on="2025/11/20",
                  due_date="2025/11/25")
    values.update(changes)
    return CaseInput(**values)


def codes_of(caught) -> set[tuple[str, str]]:
    return {(e.field, e.code) for e in caught.value.errors}


def test_every_type_has_a_japanese_label_a_checklist_and_due_days():
    assert set(C.CASE_TYPE_LABELS_JA) == set(C.DEFAULT_CHECKLISTS) == set(C.DEFAULT_DUE_DAYS) == set(C.CASE_TYPES)
    assert C.CASE_TYPE_LABELS_JA[C.ADDRESS_CHANGE] == "住所変更"
    assert C.CASE_TYPE_LABELS_JA[C.CLAIM] == "事故（保険金請求）"
    for steps in C.DEFAULT_CHECKLISTS.values():
        assert validate_template(list(steps)) == list(steps)


def test_the_address_change_checklist_updates_the_agencys_own_record_not_only_the_insurer():
    """Seed 004: the insurer was told, the agency's own customer system was not, mail went to the old address."""
    steps = C.DEFAULT_CHECKLISTS[C.ADDRESS_CHANGE]
    assert "保険会社へ住所変更の手続き" in steps
    assert "当社の顧客管理システムの住所を更新" in steps
    assert "お客様へ変更完了を確認（電話）" in steps
    assert steps.index("保険会社へ住所変更の手続き") < steps.index("当社の顧客管理システムの住所を更新")
    assert steps[-1] == "お客様へ変更完了を確認（電話）"


def test_default_due_date_follows_the_type():
    opened = datetime(2025, 11, 20).date()
    assert default_due_date(opened, C.CLAIM).isoformat() == "2025-11-23"
    assert default_due_date(opened, C.ADDRESS_CHANGE).isoformat() == "2025-11-25"
    assert default_due_date(opened, C.RENEWAL).isoformat() == "2025-12-04"


def test_a_valid_entry_keeps_its_free_text_and_normalises_its_dates():
    values = validate_case(entry(title="ＡＢＣ　転居（𠮷田様）😀", due_date="２０２５／１１／２５",
                                 callback_at="2025/11/21 9:30", callback_staff_id="s1"),
                           now=NOW, staff_ids={"s1"})
    # Free text is kept as typed; only its search copy is in one width. Dates are read, so normalised.
    assert values["title"] == "ＡＢＣ　転居（𠮷田様）😀"
    assert values["search_text"] == "ABC　転居（𠮷田様）😀\n"
    assert (values["opened_on"], values["due_date"]) == ("2025-11-20", "2025-11-25")
    assert values["callback_at"] == "2025-11-21 09:30"
    assert values["customer_id"] is None and values["product_line"] is None


@pytest.mark.parametrize("changes, expected", [
    (dict(title="  "), ("title", E.REQUIRED)),
    (dict(title="件" * 201), ("title", E.TOO_LONG)),
    (dict(case_type="house_move"), ("case_type", E.UNKNOWN_CHOICE)),
    (dict(due_date=""), ("due_date", E.REQUIRED)),
    (dict(due_date="2025/11/19"), ("due_date", C.DUE_BEFORE_OPENED)),
    (dict(due_date="2025/13/01"), ("due_date", E.BAD_MONTH)),
    (dict(due_date="いつか"), ("due_date", E.BAD_DATE)),
    (dict(opened_on=""), ("opened_on", E.REQUIRED)),
    (dict(opened_on="2025/11/21"), ("opened_on", E.IN_FUTURE)),
    (dict(callback_at="2025/11/19 10:00", callback_staff_id="s1"), ("callback_at", C.CALLBACK_BEFORE_OPENED)),
    (dict(callback_at="2025/11/21 10:00"), ("callback_staff_id", E.CALLBACK_NEEDS_STAFF)),
    (dict(callback_at="あした"), ("callback_at", E.TIME_MISSING)),
    (dict(callback_at="あとで"), ("callback_at", E.BAD_DATETIME)),
    (dict(assignee_id="nobody"), ("assignee_id", E.UNKNOWN_CHOICE)),
    (dict(product_line="pets"), ("product_line", E.UNKNOWN_CHOICE)),
])
def test_bad_entries_name_the_field_and_the_rule(changes, expected):
    with pytest.raises(ValidationFailed) as caught:
        validate_case(entry(**changes), now=NOW, staff_ids={"s1"})
    assert expected in codes_of(caught)


def test_a_due_date_on_the_opening_day_is_allowed():
    assert validate_case(entry(due_date="2025/11/20"), now=NOW)["due_date"] == "2025-11-20"


def test_a_call_back_on_the_opening_day_is_allowed_the_day_before_is_not():
    values = validate_case(entry(callback_at="2025/11/20 09:00", callback_staff_id="s1"), now=NOW, staff_ids={"s1"})
    assert values["callback_at"] == "2025-11-20 09:00"
    with pytest.raises(ValidationFailed) as caught:
        validate_case(entry(callback_at="2025/11/19 23:59", callback_staff_id="s1"), now=NOW, staff_ids={"s1"})
    assert codes_of(caught) == {("callback_at", C.CALLBACK_BEFORE_OPENED)}


def test_texts_up_to_their_limits_are_kept_one_character_more_is_refused_with_the_limit():
    values = validate_case(entry(title="件" * C.TITLE_MAX, body="本" * C.BODY_MAX, insurer="保" * C.SHORT_TEXT_MAX),
                           now=NOW)
    assert [len(values[f]) for f in ("title", "body", "insurer")] == [200, 20_000, 200]
    with pytest.raises(ValidationFailed) as caught:
        validate_case(entry(title="件" * 201, body="本" * 20_001, insurer="保" * 201), now=NOW)
    assert [(e.field, e.code, e.params) for e in caught.value.errors] == [
        ("title", E.TOO_LONG, {"max": 200}), ("body", E.TOO_LONG, {"max": 20_000}),
        ("insurer", E.TOO_LONG, {"max": 200})]


def test_template_steps_are_tidied_and_kept_in_order():
    assert validate_template(["  保険会社へ連絡 ", "ＳＭＳで案内", "髙橋様へ　確認"]) == \
        ["保険会社へ連絡", "SMSで案内", "髙橋様へ　確認"]


@pytest.mark.parametrize("steps, code, index", [
    ([], C.TEMPLATE_EMPTY, None),
    (["確認", " "], C.STEP_EMPTY, 2),
    (["確認", "送付", "確認 "], C.STEP_DUPLICATE, 3),
    (["あ" * 101], C.STEP_TOO_LONG, 1),
    ([f"手順{i}" for i in range(31)], C.TOO_MANY_STEPS, None),
])
def test_bad_templates_are_refused(steps, code, index):
    with pytest.raises(ValidationFailed) as caught:
        validate_template(steps)
    [error] = [e for e in caught.value.errors if e.code == code]
    assert error.params.get("index") == index


def test_thirty_steps_of_a_hundred_characters_are_allowed():
    steps = [f"{i:02d}" + "あ" * 98 for i in range(30)]
    assert validate_template(steps) == steps
