"""Text as the agency keeps it: full-width letters and digits stored half-width, half-width katakana full-width.

Staff type policy and phone numbers in whichever width their IME is in; storing one width (the
usual 全角英数→半角, 半角カナ→全角 cleansing of Japanese business data) lets a search typed in
either width find them. Only letters, digits and the marks of numbers and addresses (－＠．＿＋＃)
change; Japanese punctuation such as （）「」、。！, the full-width space, kanji, kana, rare
characters (𠮷) and emoji are kept exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata

# Full-width forms sit at a fixed distance from their ASCII letters and digits.
_WIDE = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"\
        "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－＠．＿＋＃"
_FULL_WIDTH_ASCII = {ord(wide): ord(wide) - 0xFEE0 for wide in _WIDE}
# Half-width katakana with their sound marks (ｶﾞ is two characters); NFKC composes a run of them.
_HALF_WIDTH_KANA = re.compile("[\uff61-\uff9f]+")


def normalise_width(text: str) -> str:
    """'ＡＢＣ１２３' → 'ABC123', 'ﾔﾏﾀﾞ' → 'ヤマダ'; everything else unchanged."""
    text = text.translate(_FULL_WIDTH_ASCII)
    return _HALF_WIDTH_KANA.sub(lambda run: unicodedata.normalize("NFKC", run.group()), text)


# Hiragana ぁ…ゖ and the iteration marks ゝゞ sit 0x60 below their katakana.
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in (*range(0x3041, 0x3097), 0x309D, 0x309E)}


# Old or variant forms of kanji common in family names, as their everyday form: staff on the phone
# type 高橋 for 髙橋 and 山崎 for 山﨑. Only unambiguous pairs (斎藤 / 斉藤 are different names).
_NAME_VARIANTS = str.maketrans({
    "髙": "高", "﨑": "崎", "嵜": "崎", "𠮷": "吉", "邊": "辺", "邉": "辺", "齋": "斎", "齊": "斉",
    "濵": "浜", "濱": "浜", "廣": "広", "澤": "沢", "國": "国", "櫻": "桜", "眞": "真", "德": "徳",
    "槇": "槙", "桒": "桑", "冨": "富",
})


def fold_for_search(text: str) -> str:
    """Text as a search compares it: one width, hiragana as katakana, name kanji variants as their
    everyday form, no spaces, ASCII lower-case.

    'やまだ　タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ' and 'ヤマダタロウ' all fold to 'ヤマダタロウ'; '髙橋' and '高橋' to
    '高橋'. Only the folded copy kept for searching changes: the name itself is stored and shown
    exactly as typed (𠮷 stays 𠮷).
    """
    folded = normalise_width(text).translate(_HIRAGANA_TO_KATAKANA).translate(_NAME_VARIANTS)
    folded = "".join(folded.split())  # every kind of space, the full-width one included
    return "".join(c.lower() if c.isascii() else c for c in folded)
