"""五十音 order of customers by their kana: ア, イ … カ, ガ, キ — voiced and small kana beside their plain one.

The key compares first with every kana folded to its plain, large katakana (ガ → カ, ッ → ツ, ー → the
vowel it lengthens), so カキ < ガク < カコ as in a Japanese phone book; then the kana as written
(カ before ガ, small before large), then the name. Customers without kana follow, by name.
"""

from __future__ import annotations

import unicodedata

from agency_app.domain.text import fold_for_search

_SMALL_TO_LARGE = str.maketrans("ァィゥェォッャュョヮヵヶ", "アイウエオツヤユヨワカケ")
_OLD_TO_NEW = str.maketrans("ヰヱヲ", "イエオ")
_ROWS = {
    "ア": "アカサタナハマヤラワガザダバパャヮァ", "イ": "イキシチニヒミリギジヂビピィヰ",
    "ウ": "ウクスツヌフムユルグズヅブプュゥヴ", "エ": "エケセテネヘメレゲゼデベペェヱ",
    "オ": "オコソトノホモヨロヲゴゾドボポョォ",
}
_VOWEL = {kana: vowel for vowel, row in _ROWS.items() for kana in row}
KANA_END = "\uffff"  # after every kana: customers without kana are listed last
SEPARATOR = "\u0001"  # below every character: a shorter key sorts first (カ before カキ)


def _katakana(kana: str) -> str:
    """Width, hiragana → katakana, no spaces (as a search folds it)."""
    return fold_for_search(kana)


def _plain(katakana: str) -> str:
    """ガ → カ, ッ → ツ, ヴ → ウ, ー → the vowel of the kana before it, ヽ/ヾ → the kana before it (サヽキ
    → ササキ); the ・ between the parts of a foreign name is left out, as a phone book does."""
    decomposed = unicodedata.normalize("NFD", katakana.replace("・", ""))
    text = "".join(c for c in decomposed if c not in "\u3099\u309a")
    text = unicodedata.normalize("NFC", text).translate(_SMALL_TO_LARGE).translate(_OLD_TO_NEW)
    out: list[str] = []
    for char in text:
        if char == "ー" and out:
            char = _VOWEL.get(out[-1], out[-1])
        elif char == "ヽ" and out:  # ヾ is ヽ once its voicing mark is taken off above
            char = out[-1]
        out.append(char)
    return "".join(out)


def kana_order_key(kana: str, name: str) -> str:
    """The stored key the customers list is ordered by (customers.kana_key, migration 0010)."""
    katakana = _katakana(kana)
    if not katakana:
        return KANA_END + SEPARATOR + name
    return SEPARATOR.join((_plain(katakana), katakana, name))
