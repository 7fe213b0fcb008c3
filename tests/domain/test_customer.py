"""Customer entry rules: name, kana, date of birth (not future, not over 120 years), phone and postal code; search folding."""

from __future__ import annotations

from datetime import date

import pytest

from agency_app.domain import errors as E
from agency_app.domain.customer import (
    ADDRESS_MAX, BAD_PHONE, BAD_POSTAL_CODE, BIRTH_IN_FUTURE, BIRTH_TOO_OLD, KANA_MAX, NAME_MAX, NOT_KANA, NOTES_MAX,
    CustomerInput,
    normalise_phone, phone_search_digits, search_key, validate_customer,
)
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.text import fold_for_search

TODAY = date(2026, 2, 28)


def codes_of(entry: CustomerInput) -> dict:
    with pytest.raises(ValidationFailed) as failed:
        validate_customer(entry, today=TODAY)
    return {e.field: e.code for e in failed.value.errors}


def test_a_name_alone_is_enough():
    values = validate_customer(CustomerInput(name="山田 太郎"), today=TODAY)
    assert values["name"] == "山田 太郎"
    assert values["birth_date"] is None and values["phone"] == values["phone_digits"] == ""
    assert values["search_key"] == "山田太郎"


def test_name_is_required():
    assert codes_of(CustomerInput(name="　 ")) == {"name": E.REQUIRED}


@pytest.mark.parametrize("kana, stored", [
    ("やまだ たろう", "やまだ たろう"),
    ("ヤマダ　タロウ", "ヤマダ　タロウ"),
    ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダ タロウ"),      # half-width kana become full-width
    ("スミス・ジョーンズ", "スミス・ジョーンズ"),
])
def test_kana_in_any_script_of_kana(kana, stored):
    assert validate_customer(CustomerInput(name="x", kana=kana), today=TODAY)["kana"] == stored


@pytest.mark.parametrize("kana", ["山田", "yamada", "やまだ1"])
def test_kana_with_other_characters_is_refused(kana):
    assert codes_of(CustomerInput(name="山田", kana=kana)) == {"kana": NOT_KANA}


@pytest.mark.parametrize("typed, stored", [
    ("1956/02/29", "1956-02-29"), ("１９５６／０２／２９", "1956-02-29"), ("1956-2-29", "1956-02-29"),
])
def test_birth_date_as_typed_is_stored_as_a_date(typed, stored):
    assert validate_customer(CustomerInput(name="x", birth_date=typed), today=TODAY)["birth_date"] == stored


@pytest.mark.parametrize("typed, code", [
    ("1957/02/29", E.BAD_DAY),             # no 29 February in 1957
    ("S32.2.29", E.BAD_DAY),               # the same day as an era date
    ("昭和31年", E.BAD_DATE),
    ("2026/03/01", BIRTH_IN_FUTURE),       # tomorrow
    ("1905/02/27", BIRTH_TOO_OLD),         # 121 years ago
])
def test_impossible_birth_dates_each_have_their_own_message(typed, code):
    assert codes_of(CustomerInput(name="x", birth_date=typed)) == {"birth_date": code}


def test_birth_today_and_exactly_120_years_ago_are_accepted():
    for typed in ("2026/02/28", "1906/02/28"):
        assert validate_customer(CustomerInput(name="x", birth_date=typed), today=TODAY)["birth_date"]


@pytest.mark.parametrize("typed, shown, digits", [
    ("03-1234-5678", "03-1234-5678", "0312345678"),
    ("090-1234-5678", "090-1234-5678", "09012345678"),
    ("0120-123-456", "0120-123-456", "0120123456"),
    ("０９０ー１２３４ー５６７８", "090-1234-5678", "09012345678"),   # full width, IME long mark
    ("(03) 1234 5678", "(03) 1234 5678", "0312345678"),
    ("（０３）１２３４－５６７８", "(03)1234-5678", "0312345678"),
    ("+81 90-1234-5678", "+81 90-1234-5678", "09012345678"),
    ("+81(0)3-1234-5678", "+81(0)3-1234-5678", "0312345678"),
    ("0800-123-4567", "0800-123-4567", "08001234567"),
])
def test_phone_numbers_as_people_write_them(typed, shown, digits):
    values = validate_customer(CustomerInput(name="x", phone=typed), today=TODAY)
    assert (values["phone"], values["phone_digits"]) == (shown, digits)


@pytest.mark.parametrize("typed", ["090-1234-567", "090-1234-56789", "O90-1234-5678", "tel 0312345678",
                                   "90-1234-5678", "03-1234-5678 内線12",
                                   "03-1234-56789", "0120-123-4567"])
def test_phone_with_letters_or_wrong_length_is_refused(typed):
    assert codes_of(CustomerInput(name="x", phone=typed)) == {"phone": BAD_PHONE}


def test_normalise_phone_returns_none_for_nonsense():
    assert normalise_phone("") is None
    assert normalise_phone("----------") is None


@pytest.mark.parametrize("typed, stored", [("123-4567", "123-4567"), ("〒１２３ー４５６７", "123-4567"),
                                           ("1234567", "123-4567")])
def test_postal_code(typed, stored):
    assert validate_customer(CustomerInput(name="x", postal_code=typed), today=TODAY)["postal_code"] == stored


def test_bad_postal_code():
    assert codes_of(CustomerInput(name="x", postal_code="123-456")) == {"postal_code": BAD_POSTAL_CODE}


def test_product_lines_are_stored_once_in_a_fixed_order():
    values = validate_customer(CustomerInput(name="x", product_lines=["group", "life", "group"]), today=TODAY)
    assert values["product_lines"] == "life,group"
    assert codes_of(CustomerInput(name="x", product_lines=["pet"])) == {"product_lines": E.UNKNOWN_CHOICE}


def test_rare_kanji_emoji_and_long_notes_stay_intact():
    notes = "😀𠮷" + "あ" * 4_998
    values = validate_customer(CustomerInput(name="𠮷田 髙﨑", address="東京都葛飾区１－２－３", notes=notes),
                               today=TODAY)
    assert values["name"] == "𠮷田 髙﨑"
    assert values["notes"] == notes and len(values["notes"]) == 5_000
    assert values["address"] == "東京都葛飾区1-2-3"   # full-width digits and hyphens stored half-width


def test_texts_up_to_their_limits_are_kept_one_character_more_is_refused_with_the_limit():
    at_limit = CustomerInput(name="山" * NAME_MAX, kana="ヤ" * KANA_MAX, address="東" * ADDRESS_MAX,
                             notes="メ" * NOTES_MAX)
    values = validate_customer(at_limit, today=TODAY)
    assert [len(values[f]) for f in ("name", "kana", "address", "notes")] == [NAME_MAX, KANA_MAX, ADDRESS_MAX,
                                                                              NOTES_MAX]
    with pytest.raises(ValidationFailed) as failed:
        validate_customer(CustomerInput(name="山" * (NAME_MAX + 1), kana="ヤ" * (KANA_MAX + 1),
                                        address="東" * (ADDRESS_MAX + 1), notes="メ" * (NOTES_MAX + 1)), today=TODAY)
    assert [(e.field, e.code, e.params) for e in failed.value.errors] == [
        ("name", E.TOO_LONG, {"max": 100}), ("kana", E.TOO_LONG, {"max": 100}),
        ("address", E.TOO_LONG, {"max": 300}), ("notes", E.TOO_LONG, {"max": 20_000})]


def test_every_problem_is_reported_at_once():
    assert codes_of(CustomerInput(name="", kana="abc", birth_date="2030/01/01", phone="123")) == {
        "name": E.REQUIRED, "kana": NOT_KANA, "birth_date": BIRTH_IN_FUTURE, "phone": BAD_PHONE}


@pytest.mark.parametrize("text", ["やまだ たろう", "ヤマダ　タロウ", "ﾔﾏﾀﾞﾀﾛｳ", "ヤマダタロウ"])
def test_fold_for_search_makes_kana_spellings_equal(text):
    assert fold_for_search(text) == "ヤマダタロウ"


def test_fold_for_search_keeps_kanji_and_lowercases_latin():
    assert fold_for_search("𠮷田 ＡＢＣ Def") == "吉田abcdef"  # 𠮷 is searched as its everyday form 吉
    assert search_key("山田 太郎", "やまだ たろう") == "山田太郎 ヤマダタロウ"


@pytest.mark.parametrize("text, digits", [("5678", "5678"), ("090-12", "09012"), ("０３ー１２", "0312"),
                                          ("山田", None), ("やまだ1", None), ("1", None),
                                          ("03", "03"),  # two digits are already a phone search
                                          ("tel 0312345", "0312345"),  # 7 of 10 characters digits: a phone
                                          ("tel 031234", None)])  # 6 of 9: a name with digits
def test_a_search_text_of_digits_is_a_phone_search(text, digits):
    assert phone_search_digits(text) == digits
