"""The town of a Japanese address (市区町村 + 町名), so namesakes can be told apart without showing the whole address.

'神奈川県横浜市港北区日吉本町1-2-3' → '横浜市港北区日吉本町'; '東京都港区芝公園4-2-8' → '港区芝公園';
'北海道札幌市中央区北1条西2丁目' → '札幌市中央区北1条西'; '長野県北佐久郡軽井沢町大字軽井沢1323' →
'軽井沢町軽井沢'. The prefecture, the 郡, 大字/字, block and house numbers and the building are left out:
enough to say "the 高橋 誠 in 日吉", not where he lives.
"""

from __future__ import annotations

import re
import unicodedata

# The twenty designated cities (政令指定都市): their wards (区) belong to the town; elsewhere 区 does not follow 市.
_DESIGNATED = ("札幌市", "仙台市", "さいたま市", "千葉市", "横浜市", "川崎市", "相模原市", "新潟市", "静岡市",
               "浜松市", "名古屋市", "京都市", "大阪市", "堺市", "神戸市", "岡山市", "広島市", "北九州市", "福岡市",
               "熊本市")
# Cities whose name itself ends in 市 (四日市 + 市): a shortest match would stop one character early.
_CITIES_ENDING_IN_SHI = ("四日市市", "廿日市市", "野々市市")
# Cities whose name holds 郡: '大和郡山市九条町' is not the 郡 '大和郡' and its town '山市九条町'.
_CITIES_NAMED_GUN = ("大和郡山市", "小郡市")

_POSTAL = re.compile(r"^〒?\s*\d{3}-?\d{4}\s*")
_PREFECTURE = re.compile(r"^(東京都|北海道|京都府|大阪府|[^\s\d]{2,3}県)")
_DISTRICT_TOWN = re.compile(r"^([^\s\d]+?郡)([^\s\d]+?[町村])")
_CITY = re.compile("^(" + "|".join(_CITIES_ENDING_IN_SHI) + r"|[^\s\d]+?市)")
_WARD = re.compile(r"^([^\s\d]+?区)")
# Kyoto's street directions: the 町名 is what follows the last of them (寺町通御池上る上本能寺前町).
_KYOTO_DIRECTION = re.compile(r".*(?:上る|下る|入る|上ル|下ル|入ル|東入|西入)")
_AZA = re.compile(r"^(大字|字)")
_KANJI_DIGITS = "〇一二三四五六七八九十"
# Where the 町名 ends: a block number (1-2-3, 4丁目, 四丁目, 123番地) or the start of a building name.
# Hokkaido's 北1条西 and 東2線 keep their numbers: 条 and 線 are part of the town's name, and so is
# 番 in 一番町 (千代田区一番町 … 六番町, 仙台市青葉区一番町).
_BLOCK = re.compile(rf"(\d+(?![\d条線])|[{_KANJI_DIGITS}]+(?:丁目|番地?(?!町)|号)|\s|　)")
TOWN_MAX = 16


def _normalised(address: str) -> str:
    """One width (NFKC: '１－１' → '1-1') and one kind of dash, as addresses are typed in every form."""
    text = unicodedata.normalize("NFKC", address or "").strip()
    return re.sub("[‐‑‒–—―−ー－](?=\\d)", "-", text)


def town_of(address: str) -> str:
    """市区町村 + 町名 of an address, or '' when none can be read; at most TOWN_MAX characters."""
    text = _POSTAL.sub("", _normalised(address))
    prefecture = _PREFECTURE.match(text)
    if prefecture:
        text = text[prefecture.end():]
    municipality = ""
    district = None if text.startswith(_CITIES_NAMED_GUN) else _DISTRICT_TOWN.match(text)
    city = _CITY.match(text)
    if district:
        municipality, text = district.group(2), text[district.end():]  # the 郡 is left out
    elif city:
        municipality, text = city.group(1), text[city.end():]
        ward = _WARD.match(text)
        if municipality in _DESIGNATED and ward:
            municipality += ward.group(1)
            text = text[ward.end():]
    elif _WARD.match(text):  # 東京23区
        ward = _WARD.match(text)
        municipality, text = ward.group(1), text[ward.end():]
    direction = _KYOTO_DIRECTION.match(text)
    if direction:
        text = text[direction.end():]
    text = _AZA.sub("", text)
    block = _BLOCK.search(text)
    town = text[:block.start()] if block else text
    town = town.rstrip("-")
    if not municipality and not town:
        return ""
    return (municipality + town)[:TOWN_MAX]
