"""五十音 order by kana: plain kana first, voiced and small kana beside their plain one, hiragana = katakana."""

from __future__ import annotations

from agency_app.domain.kana_order import kana_order_key


def ordered(*kanas: str) -> list[str]:
    return sorted(kanas, key=lambda k: kana_order_key(k, ""))


def test_gojuon_rows_in_order():
    assert ordered("サトウ", "アベ", "カトウ", "イトウ", "ワタナベ", "ナカムラ", "ハヤシ", "マツモト", "ヤマダ", "ラン", "タナカ") \
        == ["アベ", "イトウ", "カトウ", "サトウ", "タナカ", "ナカムラ", "ハヤシ", "マツモト", "ヤマダ", "ラン", "ワタナベ"]


def test_voiced_kana_sort_with_their_plain_kana_and_after_them_when_otherwise_equal():
    assert ordered("ガクシュウ", "カコ", "カキ") == ["カキ", "ガクシュウ", "カコ"]
    assert ordered("ゴトウ", "コトウ") == ["コトウ", "ゴトウ"]
    assert ordered("バンドウ", "ハンダ", "パク") == ["パク", "ハンダ", "バンドウ"]  # ハク < ハンダ < ハンドウ


def test_small_kana_and_the_long_mark():
    assert ordered("ハットリ", "ハツダ", "ハトリ") == ["ハツダ", "ハットリ", "ハトリ"]
    assert ordered("ヨーコ", "ヨウコ", "ヨコ") == ["ヨウコ", "ヨーコ", "ヨコ"]  # ヨーコ reads ヨオコ
    assert kana_order_key("ヨーコ", "")[:3] == "ヨオコ"


def test_hiragana_katakana_and_half_width_are_one_order():
    assert ordered("やまだ たろう", "ヤマモト ハナコ", "ｱｵｷ") == ["ｱｵｷ", "やまだ たろう", "ヤマモト ハナコ"]


def test_no_kana_goes_last_and_a_shorter_kana_first():
    assert ordered("", "ワ", "カ", "カキ") == ["カ", "カキ", "ワ", ""]


def test_the_middle_dot_of_a_foreign_name_and_the_iteration_marks_are_read_as_a_phone_book_does():
    # 「マイケル・ジョンソン」: the ・ is not a kana (it sorted after every kana, so after マイケルソン); ignored,
    # マイケルジョンソン comes before マイケルス.
    assert ordered("マイケルソン", "マイケル・ジョンソン", "マイケルス") == ["マイケル・ジョンソン", "マイケルス", "マイケルソン"]
    # サヽキ is ササキ, スヾキ is スズキ (old-style kana): the mark repeats the kana before it.
    assert ordered("サトウ", "サヽキ", "サカイ") == ["サカイ", "サヽキ", "サトウ"]
    assert ordered("スミス", "スヾキ", "スガ") == ["スガ", "スヾキ", "スミス"]
