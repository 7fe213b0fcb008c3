"""An agency's own voice sheet: find its header row and map its Japanese column headers to voice fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# The voice fields a sheet column can feed. Plain names, the importer's own: the storage step maps them.
RECEIVED_AT = "received_at"
KIND = "kind"
CATEGORY_GROUP = "category_group"   # 大分類, or the one-level 分類
CATEGORY_ITEM = "category_item"     # 小分類
SUMMARY = "summary"                 # 内容
BODY = "body"                       # 詳細
RESPONSE = "response"               # 対応内容
STATUS = "status"
CLOSED_AT = "closed_at"             # 完了日
ASSIGNEE = "assignee"               # 担当
CLOSER = "closer"                   # 完了者
REASON = "reason"                   # 見送り理由
CUSTOMER_NAME = "customer_name"
PRODUCT_LINE = "product_line"
INSURER = "insurer"
CHANNEL = "channel"
DUE_DATE = "due_date"
COMPLAINT = "is_complaint"          # a 苦情 flag column (○, はい, 1)
IGNORE = ""                         # an override that drops a column

# Each field and the headers agencies write for it, compared after normalise() (NFKC, no spaces, no
# brackets' notes): 「受付 日」「受付日（必須）」「ｳｹﾂｹ日」 all read 受付日. Order matters only in ties.
VARIANTS: dict[str, tuple[str, ...]] = {
    RECEIVED_AT: ("受付日", "受付日時", "受付年月日", "受付", "受付月日", "日付", "受信日", "受付日付", "発生日",
                  "申出日", "年月日"),
    KIND: ("種別", "種類", "区分", "声の種別", "声の種類", "お客様の声区分", "声区分"),
    CATEGORY_GROUP: ("分類", "大分類", "カテゴリ", "カテゴリー", "大カテゴリ", "苦情分類", "項目", "分類1"),
    CATEGORY_ITEM: ("小分類", "中分類", "小カテゴリ", "細分類", "分類2", "小項目"),
    SUMMARY: ("内容", "お客様の声", "声の内容", "申出内容", "件名", "概要", "要旨", "ご意見", "内容要旨",
              "お申出内容", "ご意見内容", "苦情内容"),
    BODY: ("詳細", "内容詳細", "詳細内容", "経緯", "備考"),
    RESPONSE: ("対応内容", "対応", "処理内容", "回答内容", "対応結果", "対応状況詳細", "処理結果", "対応策"),
    STATUS: ("状況", "対応状況", "ステータス", "進捗", "進捗状況", "処理状況", "完了区分", "状態"),
    CLOSED_AT: ("完了日", "対応完了日", "完了年月日", "処理完了日", "終了日", "解決日", "完了日時"),
    ASSIGNEE: ("担当", "担当者", "対応者", "受付者", "受付担当", "担当者名", "対応担当", "担当社員", "記入者"),
    CLOSER: ("完了者", "完了担当", "処理者", "完了確認者"),
    REASON: ("見送り理由", "理由", "見送理由", "見送りの理由"),
    CUSTOMER_NAME: ("お客様名", "顧客名", "氏名", "お客様氏名", "契約者名", "お名前", "契約者", "お客様"),
    PRODUCT_LINE: ("商品", "商品名", "保険種類", "保険種目", "種目", "商品種別", "契約種別"),
    INSURER: ("保険会社", "保険会社名", "引受会社", "引受保険会社", "会社名", "保険者"),
    CHANNEL: ("受付経路", "経路", "受付方法", "チャネル", "受付手段"),
    DUE_DATE: ("期限", "対応期限", "期日", "回答期限"),
    COMPLAINT: ("苦情", "苦情該当", "苦情区分", "苦情か"),
}

# A row is the header row when at least this many of its cells name distinct fields: one or two may be a
# title's words (「お客様の声 一覧」), three are a table.
MIN_HEADERS = 3
# The header is looked for only near the top: a title block is a few rows, not a page.
SEARCH_ROWS = 30

_BRACKETS = re.compile(r"[(\[【<].*?[)\]】>]|※.*$")
_NOISE = re.compile(r"[\s:：・/／_\-ー－*＊]+")


def normalise(header: object) -> str:
    """A header as written → its comparable form: 「受付 年月日\\n(必須)」 → 受付年月日."""
    if header is None:
        return ""
    text = unicodedata.normalize("NFKC", str(header))
    # A note in brackets goes (「受付日（必須）」); a header that is all bracket (【受付日】) keeps its words.
    text = _BRACKETS.sub("", text) or re.sub(r"[()\[\]【】<>]", "", text)
    return _NOISE.sub("", text).lower()


_FIELD_OF: dict[str, str] = {}
for _field, _names in VARIANTS.items():
    for _name in _names:
        _FIELD_OF.setdefault(normalise(_name), _field)


def field_table(variants: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """{normalised header: field} of a target's variants (the voices' is VARIANTS; survey answers' and KPI
    results' are in domain/sheet_tables.py)."""
    table: dict[str, str] = {}
    for name, headers in variants.items():
        for header in headers:
            table.setdefault(normalise(header), name)
    return table


def field_of(header: object, overrides: Mapping[str, str] | None = None,
             table: Mapping[str, str] | None = None) -> str | None:
    """The field a header names; the user's override first (IGNORE drops the column); None if unknown.
    `table`: another target's field_table (None: the voices')."""
    key = normalise(header)
    if not key:
        return None
    if overrides:
        for written, target in overrides.items():
            if normalise(written) == key:
                return target
    return (_FIELD_OF if table is None else table).get(key)


@dataclass(frozen=True)
class Header:
    """Where the table starts and which column feeds which field.

    `row`: 0-based index of the header row in the rows given. `columns`: field → 0-based column.
    `unknown`: (column, header as written) of headers no field claims (the user may map them).
    `repeated`: (column, field) of a second column claiming a field already taken (the first wins).
    """

    row: int
    columns: dict[str, int] = field(default_factory=dict)
    unknown: list[tuple[int, str]] = field(default_factory=list)
    repeated: list[tuple[int, str]] = field(default_factory=list)
    # A header of two rows (分類 merged over 大分類 / 小分類): each column's name from either row; () for one row
    names: tuple[object, ...] = ()

    def header_of(self, name: str, cells: Sequence[object]) -> str:
        col = self.columns.get(name)
        return "" if col is None or col >= len(cells) or cells[col] is None else str(cells[col])


def map_columns(cells: Sequence[object], overrides: Mapping[str, str] | None = None, row: int = 0,
                table: Mapping[str, str] | None = None) -> Header:
    """Map one header row's cells to fields (the first column claiming a field wins)."""
    columns: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    repeated: list[tuple[int, str]] = []
    for col, cell in enumerate(cells):
        if cell is None or not str(cell).strip():
            continue
        target = field_of(cell, overrides, table)
        if target is None:
            unknown.append((col, str(cell).strip()))
        elif target == IGNORE:
            continue
        elif target in columns:
            repeated.append((col, target))
        else:
            columns[target] = col
    _gist_and_detail(cells, columns, repeated)
    return Header(row, columns, unknown, repeated)


# A sheet with a short gist column (要旨, 件名, 概要) and a 内容 column — as the application's own voice list
# export writes — keeps the gist as the summary and the 内容 as the body, wherever the two stand.
_GIST = frozenset(normalise(name) for name in ("要旨", "件名", "概要", "内容要旨"))


def _gist_and_detail(cells: Sequence[object], columns: dict[str, int], repeated: list[tuple[int, str]]) -> None:
    if SUMMARY not in columns or BODY in columns:
        return
    claimed = [columns[SUMMARY]] + [col for col, name in repeated if name == SUMMARY]
    gists = [col for col in claimed if normalise(cells[col]) in _GIST]
    details = [col for col in claimed if col not in gists]
    if len(gists) == 1 and details:
        columns[SUMMARY], columns[BODY] = gists[0], details[0]
        repeated[:] = [(col, name) for col, name in repeated if not (name == SUMMARY and col in (gists[0], details[0]))]


def find_header(rows: Sequence[Sequence[object]], overrides: Mapping[str, str] | None = None,
                minimum: int = MIN_HEADERS, table: Mapping[str, str] | None = None) -> Header | None:
    """The first row (of the first SEARCH_ROWS) where `minimum` cells name distinct fields; None if none does."""
    for index, cells in enumerate(rows[:SEARCH_ROWS]):
        header = map_columns(cells or (), overrides, index, table)
        if len(header.columns) >= minimum:
            return _with_second_row(rows, header, tuple(cells or ()), overrides, table)
    return None


def _filled(cell: object) -> bool:
    return cell is not None and bool(str(cell).strip())


def _with_second_row(rows: Sequence[Sequence[object]], header: Header, upper: tuple,
                     overrides: Mapping[str, str] | None, table: Mapping[str, str] | None) -> Header:
    """A header of two rows: 「分類」 merged over 「大分類」「小分類」, the other names merged downwards (the
    reader repeats a merged cell's text). The row below is a header row too when each of its cells is the name
    above it, or a header's name under a blank or a merged (spanning) name; then each column takes the lower name
    where it names a field."""
    below = header.row + 1
    lower = tuple(rows[below] or ()) if below < len(rows) else ()
    filled = [(col, cell) for col, cell in enumerate(lower) if _filled(cell)]
    if not filled:
        return header

    def above(col: int) -> object:
        return upper[col] if col < len(upper) else None

    def spans(col: int) -> bool:
        # the name above is blank, or merged over this column and its neighbour (the reader repeats its text)
        name = normalise(above(col))
        return not name or any(normalise(above(other)) == name for other in (col - 1, col + 1) if other >= 0)

    if not all(normalise(cell) == normalise(above(col))
               or (field_of(cell, overrides, table) is not None and spans(col)) for col, cell in filled):
        return header
    names = tuple(lower[col] if col < len(lower) and _filled(lower[col])
                  and field_of(lower[col], overrides, table) is not None else above(col)
                  for col in range(max(len(upper), len(lower))))
    merged = map_columns(names, overrides, below, table)
    return Header(merged.row, merged.columns, merged.unknown, merged.repeated, names)
