"""Copyable, searchable Japanese in Qt's PDFs: the text map of 日, 手, 見… names the kanji, not a radical sharing its glyph."""

from __future__ import annotations

# Qt writes each font's ToUnicode map (glyph → text) from the lowest code point that shows a glyph. In Japanese
# fonts (Noto Sans CJK, 游ゴシック) the Kangxi radical ⽇ U+2F47 shares the glyph of 日 U+65E5, so a PDF reader
# copies "⽇", and a search for 日 finds nothing. Likewise 「・」 comes out as U+2027 and the ideographic space as
# U+2003. The maps are plain text in the file: each such entry is rewritten in place, four hex digits for four,
# so no offset in the file moves. No Qt here: it is bytes in, bytes out.

import re
import unicodedata

_BLOCK = re.compile(rb"(begin(bfrange|bfchar))(.*?)(end\2)", re.S)
_RANGE = re.compile(rb"(<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*)(\[[^\]]*\]|<[0-9A-Fa-f]+>)")
_PAIR = re.compile(rb"(<[0-9A-Fa-f]+>\s*)(<[0-9A-Fa-f]{4}>)")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
# Code points that share a glyph with the character a Japanese text means, and what it means.
_MEANT = {0x2027: 0x30FB, 0x2003: 0x3000}
# CJK Radicals Supplement characters without a Unicode decomposition that Japanese fonts draw with a kanji's glyph
# (⻑ U+2ED1 is 長): found by comparing glyphs in Noto Sans CJK JP, Regular and Bold. Four hex digits, then the kanji.
_SUPPLEMENT = ("2E82乛2E83乚2E85亻2E89刂2E8B㔾2E8E兀2E8F尣2E90尢2E92巳2E93幺2E94彑2E96忄2E98扌2E99攵2E9B旡2E9E歺"
               "2EA0民2EA1氵2EA3灬2EA4爫2EA6丬2EA8犭2EAB罒2EAD礻2EAF糹2EB0纟2EB1罓2EB2罒2EB9耂2EBA肀2EBE艹2EBF艹"
               "2EC0艹2EC2衤2EC3覀2EC4西2EC5见2EC8讠2EC9贝2ECB车2ECC辶2ECD辶2ED0钅2ED1長2ED2镸2ED3长2ED6阝2ED8青"
               "2ED9韦2EDA页2EDB风2EDC飞2EDF飠2EE0饣2EE2马2EE5鱼2EE6鸟2EE7卤2EE8麦2EE9黄2EEA黾2EEB斉2EEC齐2EED歯"
               "2EEE齿2EEF竜2EF0龙2EF2亀")
_MEANT.update({int(_SUPPLEMENT[i:i + 4], 16): ord(_SUPPLEMENT[i + 4]) for i in range(0, len(_SUPPLEMENT), 5)})


def meant(code: int) -> int:
    """The character a Japanese text means by `code` as Qt maps it: a radical as its kanji (NFKC), ‧ as ・."""
    if code in _MEANT:
        return _MEANT[code]
    if 0x2E80 <= code <= 0x2FDF:  # CJK Radicals Supplement and Kangxi Radicals
        kanji = unicodedata.normalize("NFKC", chr(code))
        if len(kanji) == 1 and ord(kanji) <= 0xFFFF:
            return ord(kanji)
    return code


def _rewrite(hex_match: re.Match) -> bytes:
    code = int(hex_match.group(1), 16)
    return b"<%04X>" % meant(code)


def _fix_block(match: re.Match) -> bytes:
    kind, body = match.group(2), match.group(3)
    if kind == b"bfchar":
        body = _PAIR.sub(lambda pair: pair.group(1) + _HEX4.sub(_rewrite, pair.group(2)), body)
    else:
        def fix_range(entry: re.Match) -> bytes:
            target = entry.group(2)
            first, last = re.findall(rb"<([0-9A-Fa-f]+)>", entry.group(1))
            if target.startswith(b"[") or first == last:  # a list of targets, or a range of one glyph
                target = _HEX4.sub(_rewrite, target)
            return entry.group(1) + target
        body = _RANGE.sub(fix_range, body)
    return match.group(1) + body + match.group(4)


def readable_text(pdf: bytes) -> bytes:
    """`pdf` with its ToUnicode maps naming the characters meant; same length, same offsets."""
    fixed = _BLOCK.sub(_fix_block, pdf)
    # Every rewrite is four hex digits for four, so the file's offsets hold; should that ever fail, the PDF as Qt
    # wrote it is kept (its text copies as radicals, but it opens).
    return fixed if len(fixed) == len(pdf) else pdf
