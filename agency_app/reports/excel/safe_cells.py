"""Text that customers or staff typed, made safe to write into an Excel cell: never a formula, nothing Excel cannot hold, never silently cut."""

from __future__ import annotations

import re

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Excel holds at most 32,767 characters in a cell, counted as UTF-16 units (an emoji counts twice).
CELL_LIMIT = 32_767
CUT_MARKER = "…（以下省略）"
# A text starting with one of these can be taken for a formula by Excel or by a program reading the sheet as CSV
# (OWASP, CSV injection). Full-width ＝＋－＠ too: Japanese Excel turns a typed "＝1+1" into a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
# The prefix OWASP advises. It stays visible in Excel ('=SUM(A1) is shown as stored): a quotePrefix style would
# hide it, but is lost as soon as the receiver copies the values elsewhere or saves the sheet as CSV.
QUOTE = "'"
# Besides openpyxl's illegal control characters, XML 1.0 cannot hold lone surrogates or U+FFFE/U+FFFF: lxml
# refuses to write them and the whole export would fail on one pasted character.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _cut(text: str, room: int) -> str:
    """The longest start of `text` that fits in `room` UTF-16 units (a character is never split)."""
    if len(text) <= room // 2 or _utf16_units(text) <= room:
        return text
    used = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            return text[:index]
    return text


def cell_text(value: object) -> str | None:
    """`value` as text safe for a cell: control characters Excel cannot hold removed, a formula-like start
    prefixed with ' (shown in Excel), and cut with CUT_MARKER at the end when longer than a cell holds.
    None stays None (an empty cell)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():  # printable texts (most) hold none of these: the regexes are skipped for speed
        text = _NOT_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", text))  # removed first: "\x01=1+1" must not slip by
    if text.startswith(FORMULA_STARTS):
        text = QUOTE + text
    if len(text) > CELL_LIMIT // 2 and _utf16_units(text) > CELL_LIMIT:  # at most two units a character
        text = _cut(text, CELL_LIMIT - len(CUT_MARKER)) + CUT_MARKER
    return text

