"""Width normalisation: numbers and letters typed full-width are kept half-width; Japanese text is untouched."""

import pytest

from agency_app.domain.text import normalise_width


@pytest.mark.parametrize("typed, kept", [
    ("証券番号ＡＢ１２３４５", "証券番号AB12345"),
    ("０３－１２３４－５６７８", "03-1234-5678"),
    ("ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ", "yamada@example.jp"),
    ("ﾔﾏﾀﾞ ﾀﾞｲｽｹ", "ヤマダ ダイスケ"),
    ("ｶﾞｿﾘﾝ車のﾊﾟﾝｸ", "ガソリン車のパンク"),
])
def test_numbers_letters_and_half_width_kana_are_stored_in_one_width(typed, kept):
    assert normalise_width(typed) == kept


@pytest.mark.parametrize("text", [
    "（匿名）のお客様より「ありがとう」。",
    "全角スペース　も！？そのまま",
    "𠮷野家😀 髙橋 﨑",
    "",
])
def test_japanese_punctuation_rare_kanji_and_emoji_are_kept_as_typed(text):
    assert normalise_width(text) == text


def test_name_kanji_variants_fold_to_their_everyday_form_for_search_only():
    from agency_app.domain.text import fold_for_search
    assert fold_for_search("髙橋 𠮷子") == fold_for_search("高橋吉子") == "高橋吉子"
    assert fold_for_search("山﨑") == fold_for_search("山崎")
    assert fold_for_search("齋藤") != fold_for_search("斉藤")  # different family names stay different
