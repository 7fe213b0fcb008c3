"""Erasure on request (利用停止・消去, R31): the mark that replaces personal values, finding a person's name and phone in typed text, and the reason check."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from agency_app.domain.errors import REQUIRED, TOO_LONG, FieldError

ERASED = "削除済み"  # what every erased personal value reads as afterwards, in records and in their history
REASON_MAX = 500  # characters: a sentence or two (the customer's request, its date, how it came in)
_PHONE_GAPS = r"[\s\-‐－ー―()（）]*"  # how staff group a phone number's digits: 090-1234-5678, 090 (1234) 5678…


def replace_name(text: str | None, name: str | None, mark: str) -> str | None:
    """`text` with a person's name replaced by `mark`, written with a half- or full-width space between family and
    given name, or none; other names typed freely cannot be recognised and stay."""
    if not text or not name or not name.strip():
        return text
    parts = name.replace("\u3000", " ").split()
    if parts[0] not in text:  # every form holds the family name: most texts hold none (100,000 rows)
        return text
    for form in dict.fromkeys((name, " ".join(parts), "\u3000".join(parts), "".join(parts))):
        text = text.replace(form, mark)
    return text


def replace_phone(text: str | None, phone: str | None, mark: str) -> str | None:
    """`text` with a phone number replaced by `mark` however its digits are grouped (090-1234-5678, 090 1234 5678,
    090(1234)5678, 09012345678); a number of fewer than 6 digits is not recognisable and stays."""
    digits = re.sub(r"\D", "", phone or "")
    if not text or len(digits) < 6:
        return text
    return re.sub(r"(?<!\d)" + _PHONE_GAPS.join(digits) + r"(?!\d)", mark, text)


def kana_forms(kana: str) -> tuple[str, str]:
    """A kana name in hiragana and in katakana (やまだ たろう, ヤマダ タロウ): staff type either in a note."""
    hiragana = "".join(chr(ord(c) - 0x60) if "\u30a1" <= c <= "\u30f6" else c for c in kana)
    katakana = "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in kana)
    return hiragana, katakana


def person_replacer(names: Iterable[str], phones: Iterable[str], texts: Iterable[str] = ()) -> Callable[[str | None], str | None]:
    """One function that puts ERASED over every given name (any spacing), phone number (any grouping) and other
    text (an address, as typed) in a text. Empty values and the mark itself are left out."""
    names = [n for n in dict.fromkeys(names) if n and n.strip() and n != ERASED]
    phones = [p for p in dict.fromkeys(phones) if p and p != ERASED]
    # Longest first: an address holding a shorter one is replaced whole.
    texts = sorted((t for t in dict.fromkeys(texts) if t and t.strip() and t != ERASED), key=len, reverse=True)

    def replace(text: str | None) -> str | None:
        for value in texts:
            if text:
                text = text.replace(value, ERASED)
        for name in names:
            text = replace_name(text, name, ERASED)
        for phone in phones:
            text = replace_phone(text, phone, ERASED)
        return text
    return replace


def erase_json(text: str | None, blank: Iterable[str], replace: Callable[[str | None], str | None]) -> str | None:
    """A history row's JSON object of values (a '*created' or '*deleted' row) with the `blank` keys' values set
    to ERASED and every other text value passed through `replace`; still valid JSON. Text that is not a JSON
    object is passed through `replace` as text."""
    if not text:
        return text
    try:
        values = json.loads(text)
    except ValueError:
        return replace(text)
    if not isinstance(values, dict):
        return replace(text)
    blank = set(blank)
    out = {}
    for key, value in values.items():
        if key in blank and value not in (None, ""):
            out[key] = ERASED
        elif isinstance(value, str):
            out[key] = replace(value)
        else:
            out[key] = value
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def reason_problem(reason: str) -> FieldError | None:
    """Why an erasure's reason cannot be recorded as typed (it is required: the history says why), or None."""
    if not reason.strip():
        return FieldError("reason", REQUIRED)
    if len(reason.strip()) > REASON_MAX:
        return FieldError("reason", TOO_LONG, {"max": REASON_MAX})
    return None
