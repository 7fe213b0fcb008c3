"""Rows of an agency's voice sheet: blank, total or data; each data row → a voice dict, its problems and notes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from agency_app.domain import codes
from agency_app.domain import sheet_headers as H
from agency_app.domain import sheet_values as V
from agency_app.domain.voice import SHORT_TEXT_MAX, SUMMARY_MAX

ROW_DATA, ROW_BLANK, ROW_TOTAL = "data", "blank", "total"

# Words of a total line: 合計, 小計, 計, 総計, 累計 — alone in a cell, possibly after a period or a count's
# name (「4月計」「上期合計」「令和7年度合計」「4～6月計」「年間合計」「件数合計」「総合計」), in brackets or after a
# mark (【合計】（小計）■合計), with a colon or the count itself (「合計 15件」); never inside a word (会計, 計画).
_TOTAL = re.compile(r"(?:(?:令和|平成|r|h)?\d{1,4}年度?|\d{1,2}(?:[~〜～\-]\d{1,2})?月分?|第?\d四半期|q\d|[上下]半?期|年度|年間"
                    r"|月|年|件数|総|grand)*"
                    r"(?:合計|小計|総計|累計|計|総件数|件数計|total|subtotal|sum)(?:件数|件)?[:：]?(?:\d+件?)?")
_MARKS = re.compile(r"[()\[\]【】〔〕《》〈〉<>「」『』■□●○◆◇★☆※*]")

# Problem (rejects the row) and note (the row is imported, the note says what the sheet lacked) codes.
NO_RECEIVED = "no_received"
NO_CONTENT = "no_content"
NO_KIND = "no_kind"
CLOSED_BEFORE_RECEIVED = "closed_before_received"
LACKS_RESPONSE = "lacks_response"
LACKS_CLOSER = "lacks_closer"
LACKS_CLOSED_AT = "lacks_closed_at"
LACKS_REASON = "lacks_reason"
STATUS_FROM_CLOSED_AT = "status_from_closed_at"
STATUS_BLANK = "status_blank"
SUMMARY_CUT = "summary_cut"
TEXT_CUT = "text_cut"
UNKNOWN_PRODUCT = "unknown_product"

# The Japanese of each code: the dry run is read on the command line and in the window alike (plain data,
# as labels_ja). {column} is the sheet's own header, so the user finds the cell.
MESSAGES = {
    V.BAD_DATE: "{column}「{value}」は日付として読めません（年月日を書いてください）",
    V.BAD_SERIAL: "{column}の数値 {value} は日付ではありません",
    V.UNKNOWN_KIND: "{column}「{value}」はどの種別か分かりません（対応表で指定してください）",
    V.UNKNOWN_STATUS: "{column}「{value}」はどの対応状況か分かりません（対応表で指定してください）",
    NO_RECEIVED: "受付日がありません",
    NO_CONTENT: "内容がありません",
    NO_KIND: "種別がありません",
    CLOSED_BEFORE_RECEIVED: "完了日 {closed} が受付日 {received} より前です",
    LACKS_RESPONSE: "対応内容が記録されていません",
    LACKS_CLOSER: "完了した担当者が記録されていません",
    LACKS_CLOSED_AT: "完了日が記録されていません",
    LACKS_REASON: "見送りの理由が記録されていません",
    STATUS_FROM_CLOSED_AT: "対応状況が空欄のため、完了日があるので完了として取り込みます",
    STATUS_BLANK: "対応状況が空欄のため、未対応として取り込みます",
    SUMMARY_CUT: "内容が{max}文字を超えるため、全文を詳細に入れ、内容は先頭{max}文字にします",
    TEXT_CUT: "{column}が{max}文字を超えるため、{max}文字で切ります",
    UNKNOWN_PRODUCT: "商品「{value}」は商品区分に当てはまらないため、区分なしで取り込みます",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or, as a note, lacking) in a row: the field, a code and its params."""

    field: str
    code: str
    params: dict = field(default_factory=dict)

    @property
    def message(self) -> str:
        params = {"column": "", "value": "", **self.params}
        try:
            return MESSAGES[self.code].format(**params)
        except (KeyError, IndexError, ValueError):
            return self.code


@dataclass
class SheetRow:
    """A dry-run line: the sheet's row `number` (1-based, as Excel shows it), what it is and what it will become.

    `voice`: a VoiceInput-like dict plus status, closed_at, response, assignee, closer, reason (names as
    written: the storage step matches staff). `problems` reject the row; `notes` go with the imported voice.
    """

    number: int
    kind: str
    voice: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    fingerprint: str = ""

    @property
    def importable(self) -> bool:
        return self.kind == ROW_DATA and not self.problems

    def line(self) -> str:
        """「12行目: 取込 2025-04-01 不満 …」 — what will happen to this row, in one line."""
        head = f"{self.number}行目: "
        if self.kind == ROW_BLANK:
            return head + "空行のため読み飛ばします"
        if self.kind == ROW_TOTAL:
            return head + "合計行のため読み飛ばします"
        if self.problems:
            return head + "取り込みません — " + "、".join(p.message for p in self.problems)
        v = self.voice
        kind = {"praise": "感謝", "dissatisfaction": "不満", "request": "要望", "other": "その他"}[v["kind"]]
        kind += "（苦情）" if v.get("is_complaint") else ""
        status = {"new": "未対応", "in_progress": "対応中", "done": "完了", "dropped": "見送り"}[v["status"]]
        text = f"{head}取込 {v['received_at']} {kind} {status} 「{v['summary'][:30]}」"
        if self.notes:
            text += " 注: " + "、".join(n.message for n in self.notes)
        return text


_SPACES = re.compile(r"\s+")
_SPACES_BUT_SEPARATOR = re.compile(r"[^\S\x1f]+")
# Full-width ASCII (！ to ～) and the ideographic space: each becomes what NFKC makes of it.
_WIDE_ASCII = re.compile("[\uff01-\uff5e\u3000]")


def _narrow(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


def _norm(cell: object) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", V.text_of(cell))).lower()


# A cheap first look, case-insensitive (ＴＯＴＡＬ too): only a cell holding one of these can be a total word.
_TOTAL_HINT = re.compile(r"計|total|sum|ｔｏｔａｌ|ｓｕｍ", re.IGNORECASE)


def _total_word(cell: object) -> bool:
    # Only a short text can be a total word: the other cells of 100,000 rows are passed over at once.
    if not isinstance(cell, str) or len(cell) > 12 or _TOTAL_HINT.search(cell) is None:
        return False
    return bool(_TOTAL.fullmatch(_MARKS.sub("", _norm(cell))))


def classify(cells: Sequence[object]) -> str:
    """ROW_BLANK when every cell is empty; ROW_TOTAL when a cell says 合計 / 小計 / 計 (alone); else ROW_DATA."""
    blank = True
    for cell in cells:  # one pass: this runs for every row of the sheet
        if cell is None:
            continue
        if isinstance(cell, str):
            if len(cell) <= 12 and _TOTAL_HINT.search(cell) is not None and _total_word(cell):
                return ROW_TOTAL
            if blank and cell.strip():
                blank = False
        else:
            blank = False
    return ROW_BLANK if blank else ROW_DATA


# Product lines by the names agencies write (R5); the labels of labels_ja and their short forms.
_PRODUCTS = {
    "生保": "life", "生命保険": "life", "生命": "life",
    "自動車": "nonlife_auto", "自動車保険": "nonlife_auto", "損保(自動車)": "nonlife_auto", "自賠責": "nonlife_auto",
    "火災": "nonlife_fire", "火災保険": "nonlife_fire", "損保(火災)": "nonlife_fire", "地震": "nonlife_fire",
    "傷害": "nonlife_accident", "傷害保険": "nonlife_accident", "損保(傷害)": "nonlife_accident",
    "新種": "nonlife_other", "損保(新種・その他)": "nonlife_other", "損保": "nonlife_other", "賠償": "nonlife_other",
    "団体": "group", "団体保険": "group",
}
_PRODUCT_KEYS = {_norm(k): v for k, v in _PRODUCTS.items()}


@dataclass(frozen=True)
class Settings:
    """What the user told the importer: a kind for a sheet without a kind column, and mapping tables."""

    default_kind: str | None = None           # e.g. a sheet of complaints only: codes.KIND_DISSATISFACTION
    kind_mapping: Mapping[str, str] | None = None     # 'クレーム(重)' → 'complaint' / a kind code
    status_mapping: Mapping[str, str] | None = None   # '済(仮)' → a status code
    date1904: bool = False                            # the workbook's serials count from 1904-01-01


class _Readers:
    """The cell readers with a memory for one sheet: a sheet repeats its dates, kinds and statuses thousands of
    times, and each reading is a pure function of the cell (and the settings, fixed for the sheet)."""

    def __init__(self):
        self._memo: dict = {}

    def __call__(self, reader, cell: object, *extra) -> V.Value:
        key = (reader, cell.__class__, cell)  # the class too: True, 1 and 1.0 are equal keys
        try:
            found = self._memo.get(key)
        except TypeError:  # an unhashable cell (a caller's own list): read it afresh
            return reader(cell, *extra)
        if found is None:
            found = self._memo[key] = reader(cell, *extra)
        return found


def _read_afresh(reader, cell: object, *extra) -> V.Value:
    return reader(cell, *extra)


def _cell(cells: Sequence[object], header: H.Header, name: str) -> object:
    col = header.columns.get(name)
    return cells[col] if col is not None and col < len(cells) else None


def _fingerprint(voice: dict) -> str:
    """The row's content, not its place: re-sorting the sheet or adding rows keeps every row's print."""
    parts = [voice["received_at"], voice["kind"], str(voice["is_complaint"]), voice["category_group"],
             voice["category_item"], voice["summary"], voice["body"], voice["customer_name"], voice["insurer"]]
    joined = "\x1f".join(parts)
    if "\x1f" in joined.replace("\x1f", "", len(parts) - 1):  # a part holds the separator: the part by part way
        text = "\x1f".join(_SPACES.sub(" ", unicodedata.normalize("NFKC", p)).strip() for p in parts)
    else:
        # The same text in one go (this runs for every row): NFKC does not reach across the separator (a
        # starter); full-width ASCII made ASCII first is what NFKC makes of it, and spares NFKC its slow path.
        text = joined
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", _WIDE_ASCII.sub(_narrow, text))
        # Whitespace runs → one space, the separator aside: only when there is more than a lone " " (the only
        # printable whitespace).
        if "  " in text or not text.replace("\x1f", "").isprintable():
            text = _SPACES_BUT_SEPARATOR.sub(" ", text)
        # strip() of each part: the single space left beside a separator or at either end.
        text = text.replace(" \x1f", "\x1f").replace("\x1f ", "\x1f").strip(" ")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def read_row(number: int, cells: Sequence[object], header: H.Header, settings: Settings = Settings(),
             names: Sequence[object] = (), readers=_read_afresh) -> SheetRow:
    """One sheet row → a SheetRow. `names`: the header row's cells, so a problem names the user's column.
    `readers`: how a cell reader is called (read_rows passes one that remembers the readings of the sheet)."""
    kind_of_row = classify(cells)
    if kind_of_row != ROW_DATA:
        return SheetRow(number, kind_of_row)
    width = len(cells)
    if all(col >= width or V.is_blank(cells[col]) for col in header.columns.values()):
        # Only a column no field reads is filled (a pre-numbered No. column, a formula): an unused row.
        return SheetRow(number, ROW_BLANK)
    # Each field's cell, looked up once: this runs for every row of the sheet.
    cell = {name: cells[col] if col < width else None for name, col in header.columns.items()}.get
    problems: list[Problem] = []
    notes: list[Problem] = []

    def column(name: str, fallback: str) -> str:
        return header.header_of(name, names) or fallback

    def text(name: str, limit: int = SHORT_TEXT_MAX) -> str:
        value = V.text_of(cell(name))
        if len(value) > limit:
            notes.append(Problem(name, TEXT_CUT, {"column": column(name, name), "max": limit}))
            value = value[:limit]
        return value

    def read(name: str, reader, fallback: str, *extra):
        found = readers(reader, cell(name), *extra)
        if not found.ok:
            problems.append(Problem(name, found.code, {"column": column(name, fallback), **found.params}))
        return found.value

    received = read(H.RECEIVED_AT, V.sheet_date, "受付日", settings.date1904)
    closed = read(H.CLOSED_AT, V.sheet_date, "完了日", settings.date1904)
    kind_value = read(H.KIND, V.sheet_kind, "種別", settings.kind_mapping)
    status = read(H.STATUS, V.sheet_status, "対応状況", settings.status_mapping)
    status_ok = not any(p.field == H.STATUS for p in problems)

    if received is None and not any(p.field == H.RECEIVED_AT for p in problems):
        problems.append(Problem(H.RECEIVED_AT, NO_RECEIVED))
    if kind_value is None and not any(p.field == H.KIND for p in problems):
        if settings.default_kind in codes.KINDS:
            kind_value = (settings.default_kind, False)
        else:
            problems.append(Problem(H.KIND, NO_KIND))
    kind, complaint = kind_value or (codes.KIND_OTHER, False)
    if H.COMPLAINT in header.columns and V.sheet_flag(cell(H.COMPLAINT)):
        complaint = kind == codes.KIND_DISSATISFACTION or complaint
    if received and closed and closed < received:
        problems.append(Problem(H.CLOSED_AT, CLOSED_BEFORE_RECEIVED,
                                {"closed": closed.isoformat(), "received": received.isoformat()}))

    summary = V.text_of(cell(H.SUMMARY))
    body = V.text_of(cell(H.BODY))
    if not summary and body:  # a sheet with only a 詳細 column: its first line is the summary
        summary = body.splitlines()[0].strip()
    if len(summary) > SUMMARY_MAX:  # nothing written is lost: the whole text goes to the body
        notes.append(Problem(H.SUMMARY, SUMMARY_CUT, {"max": SUMMARY_MAX}))
        body = summary + ("\n\n" + body if body else "")
        summary = summary[:SUMMARY_MAX]
    if not summary:
        problems.append(Problem(H.SUMMARY, NO_CONTENT))

    response = V.text_of(cell(H.RESPONSE))
    assignee, closer, reason = text(H.ASSIGNEE), text(H.CLOSER), V.text_of(cell(H.REASON))
    if status is None and status_ok:
        # Never a silent guess: the note says which way a blank status was read.
        status = codes.STATUS_DONE if closed else codes.STATUS_NEW
        notes.append(Problem(H.STATUS, STATUS_FROM_CLOSED_AT if closed else STATUS_BLANK))
    # R7 asks a closed voice for these today; an old sheet may lack them: imported as closed, with a note.
    if status == codes.STATUS_DONE:
        if not response:
            notes.append(Problem(H.RESPONSE, LACKS_RESPONSE))
        if not closed:
            notes.append(Problem(H.CLOSED_AT, LACKS_CLOSED_AT))
        if not (closer or assignee):
            notes.append(Problem(H.CLOSER, LACKS_CLOSER))
    elif status == codes.STATUS_DROPPED and not (reason or response):
        notes.append(Problem(H.REASON, LACKS_REASON))

    product_text = text(H.PRODUCT_LINE)
    product = _PRODUCT_KEYS.get(_norm(product_text), "") if product_text else ""
    if product_text and not product:
        notes.append(Problem(H.PRODUCT_LINE, UNKNOWN_PRODUCT, {"value": product_text}))

    voice = {
        "received_at": received.isoformat() if received else "",
        "kind": kind, "is_complaint": bool(complaint),
        "category_group": text(H.CATEGORY_GROUP), "category_item": text(H.CATEGORY_ITEM),
        "product_line": product, "insurer": text(H.INSURER), "customer_name": text(H.CUSTOMER_NAME),
        "channel": "other", "summary": summary, "body": body,
        "due_date": "", "status": status or codes.STATUS_NEW,
        "closed_at": closed.isoformat() if closed else "", "response": response,
        "assignee": assignee, "closer": closer or (assignee if status == codes.STATUS_DONE else ""),
        "reason": reason,
    }
    return SheetRow(number, ROW_DATA, voice, problems, notes, _fingerprint(voice) if not problems else "")


def read_rows(rows: Iterable[Sequence[object]], header: H.Header, settings: Settings = Settings(),
              first_number: int = 1) -> list[SheetRow]:
    """Every row after the header → SheetRows. Row numbers count from `first_number` for the sheet's first row.

    Two identical rows in one sheet are two voices (two customers may say the same thing on one day): the
    n-th copy's fingerprint carries its n, so importing the same file again still matches each one.
    """
    out: list[SheetRow] = []
    seen: Counter[str] = Counter()
    names: Sequence[object] = ()
    readers = _Readers()
    for index, cells in enumerate(rows):
        cells = tuple(cells or ())
        if index < header.row:
            continue
        if index == header.row:
            names = header.names or cells
            continue
        row = read_row(first_number + index, cells, header, settings, names, readers)
        if row.fingerprint:
            seen[row.fingerprint] += 1
            if seen[row.fingerprint] > 1:
                row.fingerprint = f"{row.fingerprint}#{seen[row.fingerprint]}"
        out.append(row)
    return out
