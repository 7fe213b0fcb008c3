"""Voices of a period by kind (with 苦情) and 不満 by the category they were recorded with (R2, R3, R23; seeds 001, 002)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from agency_app.domain import codes
from agency_app.domain.periods import Period


def _range(period: Period, branch_code: str | None, insurer: str | None = None) -> tuple[str, list]:
    """Receipt date in the period (R1), the branch and the insurer (None: all, with the voices of none); the branch
    tested on the index entry, not by its own index; the insurer on the row (no index holds it)."""
    start, after = period.bounds_text()
    sql, params = "received_at >= ? AND received_at < ?", [start, after]
    if branch_code:
        sql, params = sql + " AND +branch_code = ?", params + [branch_code]
    if insurer is not None:
        sql, params = sql + " AND +insurer = ?", params + [insurer]
    return sql, params


@dataclass(frozen=True)
class KindCounts:
    """Voices received in a period by kind, and how many 不満 were judged 苦情."""

    by_kind: dict
    complaints: int

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def voices_by_kind(conn: sqlite3.Connection, period: Period, branch_code: str | None = None, *,
                   insurer: str | None = None) -> KindCounts:
    """感謝 / 不満 / 要望 / その他 by receipt date (seed 004: 841 = 720 + 97 + 16 + 8).

    One range of voices_period_counts per kind, read from the index alone and already in kind order.
    """
    where, params = _range(period, branch_code, insurer)
    kinds = ", ".join(f"'{kind}'" for kind in codes.KINDS)
    rows = conn.execute(f"SELECT kind, count(*), sum(is_complaint) FROM voices WHERE kind IN ({kinds}) AND {where} "
                        f"GROUP BY kind", params).fetchall()
    found = {kind: n for kind, n, _ in rows}
    return KindCounts({kind: found.get(kind, 0) for kind in codes.KINDS}, sum(c or 0 for _, _, c in rows))


@dataclass(frozen=True)
class CategoryCount:
    group: str | None   # None: recorded without a category
    item: str | None    # None: one-level taxonomy, or no item chosen
    count: int
    complaints: int


@dataclass(frozen=True)
class CategoryCounts:
    """不満 of a period by (group, item) as recorded, in the order of the taxonomy (R3)."""

    rows: tuple[CategoryCount, ...]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    @property
    def two_level(self) -> bool:
        """Any voice recorded with an item (the insurer preset, seed 001)."""
        return any(r.item for r in self.rows)

    def by_group(self) -> list[CategoryCount]:
        """One row per group, items summed, in the same order."""
        groups: dict = {}
        for r in self.rows:
            n, c = groups.get(r.group, (0, 0))
            groups[r.group] = (n + r.count, c + r.complaints)
        return [CategoryCount(g, None, n, c) for g, (n, c) in groups.items()]


def dissatisfaction_by_category(conn: sqlite3.Connection, period: Period,
                                branch_code: str | None = None, *, insurer: str | None = None) -> CategoryCounts:
    """不満 (苦情 or not) received in the period by the category written on each voice.

    Seeds 001 and 002 both break their dissatisfied voices down by category (002: ご不満 349). A
    taxonomy change never rewrites old records (R3), so the categories are the ones the voices were
    recorded with, in the taxonomy's order: every category of the active preset (with 0 when none
    was recorded, as the published tables list them all), then the other preset's, then names no
    longer in either, then voices without a category. From the partial index voices_dissatisfaction
    alone (the literal kind lets SQLite use it).
    """
    where, params = _range(period, branch_code, insurer)
    rows = conn.execute(
        f"SELECT category_group, category_item, count(*), sum(is_complaint) FROM voices "
        f"WHERE kind = 'dissatisfaction' AND {where} GROUP BY 1, 2", params).fetchall()
    taxonomy = _Taxonomy(conn)
    merged: dict = {(g, i): CategoryCount(g, i, 0, 0) for g, i in taxonomy.active}
    for group, item, n, complaints in rows:
        key = (group or None, item or None)  # '' and NULL are the same: not chosen
        old = merged.get(key, CategoryCount(*key, 0, 0))
        merged[key] = CategoryCount(*key, old.count + n, old.complaints + (complaints or 0))
    return CategoryCounts(tuple(sorted(merged.values(), key=lambda r: taxonomy.order(r.group, r.item))))


class _Taxonomy:
    """The categories as configured: the active preset's (in use now), and a sort key for any recorded one."""

    UNKNOWN = (2, 0)

    def __init__(self, conn: sqlite3.Connection):
        active = (conn.execute("SELECT value FROM settings WHERE key = 'category_preset'").fetchone()
                  or ("agency",))[0]
        self.groups: dict[str, tuple] = {}
        self.items: dict[tuple[str, str], tuple] = {}
        self.active: list[tuple[str, str | None]] = []
        for preset, group, item, sort_order, in_use in conn.execute(
                "SELECT preset, group_name, item_name, sort_order, active FROM categories "
                "ORDER BY preset <> ?, sort_order", (active,)):
            rank = (0 if preset == active else 1, sort_order)
            self.groups.setdefault(group, rank)
            if item:
                self.items.setdefault((group, item), rank)
            if preset == active and in_use:
                self.active.append((group, item or None))

    def order(self, group: str | None, item: str | None) -> tuple:
        """The active preset's order, then the other preset's, then by name; no item after the items, 未分類 last."""
        if group is None:
            return (3, 0, "", 0, 0, "")
        item_rank = (3, 0) if item is None else self.items.get((group, item), self.UNKNOWN)
        return (*self.groups.get(group, self.UNKNOWN), group, *item_rank, item or "")
