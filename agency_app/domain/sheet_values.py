"""A cell of an agency's sheet read as agencies write it: dates, kinds, statuses, text — or why it cannot be read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.date_input import ERAS, read_date

# Excel's 1900 date system counts days from 1899-12-30 (its day 60 is the 1900-02-29 that never was, so
# every serial from 61 on lands right with this base). Serials outside this range are no dates an agency
# wrote: 1 = 1900-01-01 is a blank formatted as a date, 2958465 = 9999-12-31 is Excel's last day.
_EXCEL_EPOCH = date(1899, 12, 30)
# A workbook in the 1904 date system (made on an old Mac: workbookPr date1904) counts from 1904-01-01.
_EXCEL_EPOCH_1904 = date(1904, 1, 1)
SERIAL_FIRST, SERIAL_LAST = 61, 2958465


@dataclass(frozen=True)
class Value:
    """What a cell meant: `value` (None when blank or unreadable) and, when unreadable, a `code` and `params`."""

    value: object = None
    code: str = ""
    params: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.code


BLANK = Value()

# Problem codes of a cell (their Japanese is in sheet_rows.MESSAGES).
BAD_DATE = "bad_date"
BAD_SERIAL = "bad_serial"
UNKNOWN_KIND = "unknown_kind"
UNKNOWN_STATUS = "unknown_status"


def text_of(cell: object) -> str:
    """A cell as text: None → '', 12.0 → '12', spaces around trimmed (the value itself is never changed)."""
    if cell.__class__ is str:  # most cells: first, as this runs for every cell of a 100,000-row import
        return cell.strip()
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.strftime("%Y-%m-%d %H:%M") if (cell.hour, cell.minute) != (0, 0) else cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell).strip()


def is_blank(cell: object) -> bool:
    if cell is None:
        return True
    return not cell.strip() if isinstance(cell, str) else False


def serial_date(number: float, date1904: bool = False) -> Value:
    """An Excel serial (45748, 45748.5) → its day; a number no agency meant as a date → BAD_SERIAL."""
    if not SERIAL_FIRST <= number <= SERIAL_LAST:
        return Value(code=BAD_SERIAL, params={"value": text_of(number)})
    return Value((_EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH) + timedelta(days=int(number)))


# '2025/4/1 10:30', '2025-04-01T09:30:00', '2025/4/1 午後3時': the date part is the day; the time of receipt is
# not kept. '2025/4/1(火)', '令和7年4月1日（火曜日）': the weekday a sheet writes after the day says nothing more.
_TIME_TAIL = re.compile(r"(?:\s+|t)(?:(?:午前|午後|am|pm)\s*)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$"
                        r"|\s+(?:(?:午前|午後|am|pm)\s*)?\d{1,2}時(?:\d{1,2}分)?$")
_WEEKDAY = re.compile(r"\s*\(\s*[月火水木金土日](?:曜日?)?\s*\)")
_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")
# An era's name and year at the start of a date, for a day written in an era after the era ended.
_ERA_YEAR = re.compile("(" + "|".join(k for era in ERAS for k in (era.name, era.letter)) + r")\s*(\d{1,2}|元)(?=\s*[./\-年])")
_ERA_BASE = {k: era.base for era in ERAS for k in (era.name, era.letter)}


def sheet_date(cell: object, date1904: bool = False) -> Value:
    """A date cell, an Excel serial, or a written date (2025/4/1, 令和7年4月1日, R7.4.1, 元年, ２０２５／４／１).
    `date1904`: the workbook counts its serials from 1904 (a date-formatted cell comes read already)."""
    if is_blank(cell):
        return BLANK
    if isinstance(cell, datetime):
        return Value(cell.date())
    if isinstance(cell, date):
        return Value(cell)
    if isinstance(cell, bool):
        return Value(code=BAD_DATE, params={"value": text_of(cell)})
    if isinstance(cell, (int, float)):
        if isinstance(cell, int) or cell.is_integer():
            as_text = str(int(cell))
            if len(as_text) == 8:  # 20250401 keyed into a number cell: never a serial (that is year 57000)
                reading = read_date(as_text)
                return Value(reading.value) if reading.ok else Value(code=BAD_DATE, params={"value": as_text})
        return serial_date(float(cell), date1904)
    text = unicodedata.normalize("NFKC", str(cell)).strip()
    if _SERIAL_TEXT.fullmatch(text):  # a date column once formatted as text keeps the serial as digits
        return serial_date(float(text), date1904)
    day_part = _TIME_TAIL.sub("", _WEEKDAY.sub(" ", text.lower()).strip())
    # No `today`: a sheet's '4/1' has no year, and the year cannot be guessed from when it is imported.
    reading = read_date(day_part)
    if reading.code == E.ERA_AFTER_END:
        # 平成31年5月1日: forms printed with the old era stayed in use after the change (as 昭和64年 in 1989),
        # and the day they name is not in doubt — the era's year counted on (Excel reads them so too).
        found = _ERA_YEAR.match(day_part)
        if found:
            year = _ERA_BASE[found.group(1)] + (1 if found.group(2) == "元" else int(found.group(2)))
            reading = read_date(f"{year}" + day_part[found.end():])
    if reading.ok:
        return Value(reading.value)
    return Value(code=BAD_DATE, params={"value": str(cell).strip()})


_KEY_NOISE = re.compile(r"[\s・、。]+")


def _key(cell: object) -> str:
    return _KEY_NOISE.sub("", unicodedata.normalize("NFKC", text_of(cell))).lower()


# Kinds as agencies name them (R2). 苦情 is a 不満 judged a complaint: the row keeps the flag.
KIND_NAMES: dict[str, tuple[str, bool]] = {}
for _names, _code, _complaint in (
    (("お褒め", "褒め", "おほめ", "ほめ", "感謝", "お礼", "御礼", "賞賛", "称賛", "お褒めの言葉", "感謝・お褒め",
      "お褒め・感謝", "praise"), codes.KIND_PRAISE, False),
    (("不満", "ご不満", "御不満", "不満足", "ご指摘", "指摘", "クレーム", "dissatisfaction"), codes.KIND_DISSATISFACTION, False),
    (("苦情", "お苦情", "complaint"), codes.KIND_DISSATISFACTION, True),
    (("要望", "ご要望", "御要望", "ご意見", "意見", "提案", "ご提案", "要望・意見", "request"), codes.KIND_REQUEST, False),
    (("その他", "他", "問合せ", "問い合わせ", "お問い合わせ", "お問合せ", "照会", "other"), codes.KIND_OTHER, False),
):
    for _name in _names:
        KIND_NAMES[_key(_name)] = (_code, _complaint)

STATUS_NAMES: dict[str, str] = {}
for _names, _code in (
    (("完了", "対応済", "対応済み", "済", "済み", "完", "解決", "解決済", "解決済み", "終了", "処理済", "処理済み",
      "対応完了", "完了済", "完了済み", "対応終了", "done"), codes.STATUS_DONE),
    (("見送り", "見送", "見送る", "対応せず", "対応不要", "不要", "対応なし", "打ち切り", "dropped"), codes.STATUS_DROPPED),
    (("対応中", "処理中", "継続", "継続中", "進行中", "調査中", "検討中", "保留", "in_progress"), codes.STATUS_IN_PROGRESS),
    (("未対応", "未", "未着手", "未処理", "新規", "受付", "受付済", "new"), codes.STATUS_NEW),
):
    for _name in _names:
        STATUS_NAMES[_key(_name)] = _code


def sheet_kind(cell: object, mapping: dict[str, str] | None = None) -> Value:
    """A kind by its Japanese name → Value((kind code, is_complaint)); the user's mapping first; unknown is said."""
    key = _key(cell)
    if not key:
        return BLANK
    if mapping:
        for written, target in mapping.items():
            if _key(written) == key:
                if target == "complaint":
                    return Value((codes.KIND_DISSATISFACTION, True))
                if target in codes.KINDS:
                    return Value((target, False))
    found = KIND_NAMES.get(key) or _kind_of_parts(cell)
    if found is None:
        return Value(code=UNKNOWN_KIND, params={"value": text_of(cell)})
    return Value(found)


_PARTS = re.compile(r"[()・/、]+")


def _kind_of_parts(cell: object) -> tuple[str, bool] | None:
    """「不満（苦情）」 (as the application's own list export writes a complaint), 「苦情・不満」, 「ご要望・ご意見」:
    every name a kind, all the same kind → that kind (a complaint if one says 苦情); names that disagree → None."""
    keys = [_key(part) for part in _PARTS.split(unicodedata.normalize("NFKC", text_of(cell)))]
    found = [KIND_NAMES.get(k) for k in keys if k]
    if len(found) < 2 or None in found or len({kind for kind, _complaint in found}) != 1:
        return None
    return found[0][0], any(complaint for _kind, complaint in found)


def sheet_status(cell: object, mapping: dict[str, str] | None = None) -> Value:
    """A status by its Japanese name (完了, 対応済, 対応中, 未対応, 見送り…) → its code; unknown is said, never guessed."""
    key = _key(cell)
    if not key:
        return BLANK
    if mapping:
        for written, target in mapping.items():
            if _key(written) == key and target in codes.STATUSES:
                return Value(target)
    found = STATUS_NAMES.get(key)
    if found is None:
        return Value(code=UNKNOWN_STATUS, params={"value": text_of(cell)})
    return Value(found)


# A flag column (苦情: ○ / はい / 1 / 該当) — anything not plainly yes is no.
_YES = {"○", "〇", "◯", "●", "✓", "✔", "はい", "有", "あり", "該当", "1", "yes", "y", "true", "苦情"}


_YES_KEYS = frozenset(_key(y) for y in _YES)


def sheet_flag(cell: object) -> bool:
    return _key(cell) in _YES_KEYS
