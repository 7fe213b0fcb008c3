"""Count tables as the reports lay them out (R23, R28): cells of total/complete, row and column totals, shares."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable, Mapping


@dataclass(frozen=True)
class Tally:
    """How many records, and how many of them are complete (the rest are open follow-ups, R19)."""

    total: int = 0
    complete: int = 0

    @property
    def incomplete(self) -> int:
        return self.total - self.complete

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(self.total + other.total, self.complete + other.complete)


def total(tallies: Iterable[Tally]) -> Tally:
    """The sum of tallies (an empty sum is zero)."""
    out = Tally()
    for tally in tallies:
        out = out + tally
    return out


@dataclass(frozen=True)
class CountTable:
    """Rows × columns of tallies in a fixed order; missing cells count as zero.

    Rows and columns are codes (e.g. measures × product groups); labels are the reader's business.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Tally] = field(default_factory=dict)

    def cell(self, row: str, column: str) -> Tally:
        return self.cells.get((row, column), Tally())

    def row_total(self, row: str, columns: Iterable[str] | None = None) -> Tally:
        """A row summed over all columns, or over the given ones (生保 + 損保 as one column)."""
        return total(self.cell(row, c) for c in (self.columns if columns is None else columns))

    def column_total(self, column: str) -> Tally:
        return total(self.cell(r, column) for r in self.rows)

    def grand_total(self) -> Tally:
        return total(self.cells.get((r, c), Tally()) for r in self.rows for c in self.columns)

    def merged(self, groups: Mapping[str, Iterable[str]]) -> "CountTable":
        """The same rows with columns combined: {'life_nonlife': ('life', 'nonlife'), 'group': ('group',)}."""
        members = {name: tuple(cols) for name, cols in groups.items()}
        cells = {(r, name): self.row_total(r, cols) for r in self.rows for name, cols in members.items()}
        return CountTable(self.rows, tuple(members), cells)


# A share with nothing to divide by. HORIZONTAL BAR, not EM DASH: it looks the same, and Japanese Windows' code page
# (cp932, what a report saved to a file from the command line is written in) has it; EM DASH it has not.
NO_SHARE = "\u2015"


def share(part: int, whole: int, places: int = 1) -> Decimal | None:
    """R28: part / whole in percent, rounded half-up from the exact counts; None when whole is 0.

    share(1, 8) → Decimal('12.5'); share(1, 3) → Decimal('33.3'); share(2, 3) → Decimal('66.7').
    """
    if whole <= 0:
        return None
    exact = Decimal(part) * 100 / Decimal(whole)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share_text(part: int, whole: int, places: int = 1) -> str:
    """'33.0%' (R28, one decimal), or NO_SHARE ('―') when there is nothing to divide by."""
    value = share(part, whole, places)
    return NO_SHARE if value is None else f"{value}%"


def scaled(counts: Mapping[str, int], factor: float) -> dict[str, int]:
    """Counts scaled by factor, rounded so their sum is the rounded scaled sum (largest remainders).

    Demo data uses it to keep a published breakdown's proportions at a smaller size.
    """
    wanted = round(sum(counts.values()) * factor)
    exact = {k: v * factor for k, v in counts.items()}
    out = {k: int(x) for k, x in exact.items()}
    by_remainder = sorted(exact, key=lambda k: (-(exact[k] - out[k]), list(counts).index(k)))
    for key in by_remainder[:max(0, wanted - sum(out.values()))]:
        out[key] += 1
    return out
