"""A report as plain data — title, period, branch, sections of rows (counts, shares, totals), notes — for every renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from agency_app.domain.counting import NO_SHARE
from agency_app.domain.periods import Period

# What a column holds; renderers align and format by it (numbers right, text left).
COUNT, SHARE, TEXT, DATE = "count", "share", "text", "date"
# What a row is: an ordinary row, a total (shown bold), or a part of the row above (うち…, not summed).
BODY, TOTAL, PART = "body", "total", "part"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = COUNT


@dataclass(frozen=True)
class RecordRef:
    """The record a row stands for, so a screen can open it: kind 'voice' | 'case', and its uid."""

    kind: str
    uid: str


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple  # one per column: int for COUNT, Decimal or None for SHARE, 'YYYY-MM-DD' for DATE, str
    role: str = BODY
    record: RecordRef | None = None


@dataclass(frozen=True)
class Section:
    """One table: a heading, a header over the row labels, columns, rows, and notes under it."""

    key: str
    title: str
    label_heading: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()
    listing: bool = False  # a list of records to work through, not figures

    def header(self) -> list[str]:
        return [self.label_heading] + [c.label for c in self.columns]

    def texts(self) -> list[list[str]]:
        """Each row as the cells every renderer shows: the label, then each value formatted for its column."""
        return [[row_label(row)] + [cell_text(c, v) for c, v in zip(self.columns, row.values)] for row in self.rows]


@dataclass(frozen=True)
class Report:
    title: str
    period: Period
    branch_code: str | None
    branch_name: str | None
    sections: tuple[Section, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)

    def period_text(self) -> str:
        """'2025年度 上期（2025/04/01〜2025/09/30）'."""
        return f"{self.period.label_ja()}（{self.period.start:%Y/%m/%d}〜{self.period.end:%Y/%m/%d}）"

    def branch_text(self) -> str:
        if not self.branch_code:
            return "全拠点"
        name = self.branch_name or self.branch_code
        return name if name == self.branch_code else f"{name}（{self.branch_code}）"


def row_label(row: Row) -> str:
    """A part of the row above is indented under it (an ideographic space lines up in Japanese text)."""
    return f"\u3000{row.label}" if row.role == PART else row.label


def cell_text(column: Column, value) -> str:
    """1,071 / 33.0% (R28: '―' when there is nothing to divide by) / 2025/05/08 / text as it is."""
    if column.kind == COUNT:
        return "" if value is None else f"{value:,}"
    if column.kind == SHARE:
        return NO_SHARE if value is None else f"{Decimal(value)}%"
    if column.kind == DATE:
        return value[:10].replace("-", "/") if value else ""
    return "" if value is None else str(value)
