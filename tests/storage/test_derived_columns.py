"""The search columns made from a record's values (storage/derived_columns.py), as a save makes them."""

from __future__ import annotations

from agency_app.storage.derived_columns import derived_columns


def test_a_customers_search_columns_follow_name_kana_and_phone():
    made = derived_columns("customers", {"name": "山田 太郎", "kana": "やまだ たろう", "phone": "090-1234-5678"})
    assert made["phone_digits"] == "09012345678"
    assert "山田" in made["search_key"] and made["kana_key"]


def test_an_erased_phone_leaves_no_digits():
    assert derived_columns("customers", {"name": "削除済み", "kana": "削除済み", "phone": "削除済み"})["phone_digits"] == ""


def test_cases_and_improvements_search_their_texts_in_one_width_and_other_tables_have_none():
    assert "1-1" in derived_columns("cases", {"title": "１－１の件", "body": ""})["search_text"]
    assert "abc" in derived_columns("improvements", {"title": "ＡＢＣ", "cause": "", "action": ""})["search_text"]
    assert derived_columns("voices", {"summary": "x"}) == {}
