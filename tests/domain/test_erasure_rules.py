"""The erasure's text rules: a person's name and phone found however they were typed, JSON kept valid, the reason."""

from __future__ import annotations

import json

from agency_app.domain.erasure import ERASED, erase_json, person_replacer, reason_problem, replace_name, replace_phone


def test_a_name_is_found_with_a_half_width_full_width_or_no_space():
    for typed in ("山田 太郎様", "山田　太郎様", "山田太郎様"):
        assert replace_name(typed, "山田 太郎", "X") == "X様"
    assert replace_name("山田 次郎様", "山田 太郎", "X") == "山田 次郎様"
    assert replace_name("山田様", "  ", "X") == "山田様"


def test_a_phone_is_found_however_its_digits_are_grouped_and_not_inside_a_longer_number():
    for typed in ("090-1234-5678", "090 1234 5678", "090(1234)5678", "09012345678"):
        assert replace_phone(f"TEL {typed}。", "090-1234-5678", "X") == "TEL X。"
    assert replace_phone("190123456789", "090-1234-5678", "X") == "190123456789"
    assert replace_phone("123", "1-2-3", "X") == "123"  # too short to be recognised


def test_the_replacer_takes_the_longest_text_first_and_ignores_empty_values_and_the_mark():
    replace = person_replacer(["山田 太郎", "", ERASED], ["090-1234-5678"], ["東京都千代田区", "東京都千代田区千代田1-1"])
    assert replace("東京都千代田区千代田1-1の山田太郎（09012345678）") == f"{ERASED}の{ERASED}（{ERASED}）"
    assert replace(None) is None


def test_json_values_are_marked_inside_and_stay_valid_json():
    replace = person_replacer(["山田 太郎"], [], [])
    text = json.dumps({"name": "山田 太郎", "birth_date": "1956-02-29", "notes": "山田太郎様", "active": 1, "x": None},
                      ensure_ascii=False)
    out = json.loads(erase_json(text, ("name", "birth_date"), replace))
    assert out == {"name": ERASED, "birth_date": ERASED, "notes": f"{ERASED}様", "active": 1, "x": None}
    assert erase_json("山田 太郎", (), replace) == ERASED  # not JSON: treated as text
    assert erase_json(None, (), replace) is None


def test_a_reason_is_required_and_at_most_500_characters():
    assert reason_problem(" ").code == "required"
    assert reason_problem("あ" * 501).params == {"max": 500}
    assert reason_problem("あ" * 500) is None
