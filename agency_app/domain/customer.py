"""A customer record as entered: name, kana, date of birth, phone, address, the lines held — and the rules it must meet."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from datetime import date

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.age import MAX_AGE, age_on
from agency_app.domain.date_input import read_date
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kana_order import kana_order_key
from agency_app.domain.text import fold_for_search, normalise_width

NAME_MAX = 100
KANA_MAX = 100
ADDRESS_MAX = 300
NOTES_MAX = 20_000

# Message codes of customer rules (the UI's customer_texts.py turns them into Japanese).
NOT_KANA = "not_kana"
BIRTH_IN_FUTURE = "birth_in_future"
BIRTH_TOO_OLD = "birth_too_old"
BAD_PHONE = "bad_phone"
BAD_POSTAL_CODE = "bad_postal_code"
BIRTH_AFTER_SALE = "birth_after_sale"          # an elderly-sale record of this customer predates the new date
BIRTH_NEEDED_BY_SALES = "birth_needed_by_sales"  # elderly-sale records are judged by it: it cannot be removed
BIRTH_MAKES_SALE_NOT_ELDERLY = "birth_makes_sale_not_elderly"  # a recorded sale would not have needed a record

# Hiragana, katakana (with ・ of foreign names), the long mark ー, iteration marks, spaces.
_KANA = re.compile("^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fb\u30fc\u30fd\u30fe \u3000]*$")
# What people put between the digits of a phone number: hyphens and dashes of every width,
# brackets, dots and spaces. The long mark ー is what an IME gives for '-' in kana mode.
_PHONE_MARKS = re.compile("[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d()（）\\[\\]. \u3000]")
# Mobile, IP and 0800 numbers have 11 digits; landlines, 0120 and 0570 have 10. Checking the
# length by prefix catches the digit dropped while typing a mobile number.
_ELEVEN_DIGIT_PREFIXES = {"020", "050", "060", "070", "080", "090"}
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\uff0d]")


@dataclass
class CustomerInput:
    """What staff type for a customer; strings as typed, product lines as codes of codes.PRODUCT_LINES."""

    name: str = ""
    kana: str = ""
    birth_date: str = ""
    phone: str = ""
    postal_code: str = ""
    address: str = ""
    product_lines: list[str] = field(default_factory=list)
    notes: str = ""
    branch_code: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "CustomerInput":
        """Build from a dict (e.g. a saved draft), ignoring keys this version does not know."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if isinstance(values.get("product_lines"), str):
            values["product_lines"] = parse_product_lines(values["product_lines"])
        return cls(**values)


def normalise_phone(text: str) -> tuple[str, str] | None:
    """'０９０ー１２３４ー５６７８' → ('090-1234-5678', '09012345678'); None when not a Japanese number.

    A Japanese number has 10 or 11 digits and starts with 0: 11 for 090/080/070/050/020/060
    (and 0800), 10 for everything else (03-…, 0120-…). The first part is what is shown (as typed, in half width); the second is what a search
    compares. +81 (Japan's country code) stands for the leading 0.
    """
    shown = _DASHES.sub("-", unicodedata.normalize("NFKC", text)).strip()
    digits = _PHONE_MARKS.sub("", shown)
    if digits.startswith("+81"):
        digits = digits[3:]
        digits = digits if digits.startswith("0") else "0" + digits  # '+81 (0)3-…' keeps one 0
    if not digits.isascii() or not digits.isdigit() or not digits.startswith("0"):
        return None
    if len(digits) != (11 if digits[:3] in _ELEVEN_DIGIT_PREFIXES else 10):
        return None
    return shown, digits


def phone_search_digits(text: str) -> str | None:
    """The digits of a search text that is mostly a phone number ('5678', '090-12'); None for a name."""
    cleaned = _PHONE_MARKS.sub("", unicodedata.normalize("NFKC", text))
    if cleaned.startswith("+81"):
        cleaned = "0" + cleaned[3:].lstrip("0")
    digits = "".join(c for c in cleaned if c.isascii() and c.isdigit())
    if len(digits) < 2 or len(digits) < 0.7 * len(cleaned):
        return None
    return digits


def normalise_postal_code(text: str) -> str | None:
    """'〒１２３ー４５６７' or '1234567' → '123-4567'; None when not seven digits."""
    digits = _PHONE_MARKS.sub("", unicodedata.normalize("NFKC", text).replace("〒", ""))
    if len(digits) != 7 or not digits.isascii() or not digits.isdigit():
        return None
    return f"{digits[:3]}-{digits[3:]}"


def parse_product_lines(stored: str | None) -> list[str]:
    """Stored 'life,nonlife_auto' → ['life', 'nonlife_auto']."""
    return [code for code in (stored or "").split(",") if code]


def format_product_lines(lines: list[str]) -> str:
    """Codes → stored text, each once, in the order of codes.PRODUCT_LINES (so equal sets store equal)."""
    return ",".join(code for code in codes.PRODUCT_LINES if code in set(lines))


def search_key(name: str, kana: str) -> str:
    """What a customer search matches: name and kana folded (width, hiragana→katakana, no spaces).

    The two are joined by a space; a folded query never holds one, so no match runs across them.
    """
    return f"{fold_for_search(name)} {fold_for_search(kana)}".strip()


def is_kana(text: str) -> bool:
    return bool(_KANA.match(normalise_width(text)))


def birth_date_problem(text: str, *, today: date) -> FieldError | None:
    """What is wrong with a typed date of birth (S15.3.2, 昭和15年3月2日… are fine), or None when usable or empty."""
    if not text.strip():
        return None
    reading = read_date(text, today)
    if not reading.ok:
        return FieldError("birth_date", reading.code, reading.params)
    if reading.value > today:
        return FieldError("birth_date", BIRTH_IN_FUTURE)
    if age_on(reading.value, today) > MAX_AGE:
        return FieldError("birth_date", BIRTH_TOO_OLD, {"max": MAX_AGE})
    return None


def validate_customer(entry: CustomerInput, *, today: date) -> dict:
    """Check an entry; return the column values to store (search_key and phone_digits included) or raise."""
    problems: list[FieldError] = []
    out: dict = {}

    name = normalise_width(entry.name).strip()
    if not name:
        problems.append(FieldError("name", E.REQUIRED))
    elif len(name) > NAME_MAX:
        problems.append(FieldError("name", E.TOO_LONG, {"max": NAME_MAX}))
    out["name"] = name

    kana = normalise_width(entry.kana).strip()
    if len(kana) > KANA_MAX:
        problems.append(FieldError("kana", E.TOO_LONG, {"max": KANA_MAX}))
    elif not is_kana(kana):
        problems.append(FieldError("kana", NOT_KANA))
    out["kana"] = kana

    problem = birth_date_problem(entry.birth_date, today=today)
    if problem:
        problems.append(problem)
    born = read_date(entry.birth_date, today).value if entry.birth_date.strip() else None
    out["birth_date"] = born.isoformat() if born else None

    out["phone"], out["phone_digits"] = "", ""
    if entry.phone.strip():
        phone = normalise_phone(entry.phone)
        if phone is None:
            problems.append(FieldError("phone", BAD_PHONE))
        else:
            out["phone"], out["phone_digits"] = phone

    out["postal_code"] = ""
    if entry.postal_code.strip():
        postal = normalise_postal_code(entry.postal_code)
        if postal is None:
            problems.append(FieldError("postal_code", BAD_POSTAL_CODE))
        else:
            out["postal_code"] = postal

    address = normalise_width(entry.address).strip()
    if len(address) > ADDRESS_MAX:
        problems.append(FieldError("address", E.TOO_LONG, {"max": ADDRESS_MAX}))
    out["address"] = address

    unknown = [code for code in entry.product_lines if code not in codes.PRODUCT_LINES]
    if unknown:
        problems.append(FieldError("product_lines", E.UNKNOWN_CHOICE))
    out["product_lines"] = format_product_lines(entry.product_lines)

    notes = entry.notes.strip()  # free text: kept as typed (the address, like phone and postal code, is folded)
    if len(notes) > NOTES_MAX:
        problems.append(FieldError("notes", E.TOO_LONG, {"max": NOTES_MAX}))
    out["notes"] = notes

    if entry.branch_code.strip():
        out["branch_code"] = entry.branch_code.strip()
    out["search_key"] = search_key(name, kana)
    out["kana_key"] = kana_order_key(kana, name)

    if problems:
        raise ValidationFailed(problems)
    return out
