"""Matching a sheet's written names to the database: staff (by name or kana), insurers, categories of both presets."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from agency_app.domain.taxonomy import Category
from agency_app.domain.text import fold_for_search

_SPACES = re.compile(r"[\s\u3000・･]+")


@lru_cache(maxsize=8192)  # a sheet repeats its few names on every row
def _key(text: str) -> str:
    # fold_for_search as the screens' name searches: 高橋 written for a staff member registered as 髙橋
    folded = fold_for_search(_SPACES.sub("", unicodedata.normalize("NFKC", text))).lower()
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in folded)


def key(text: object) -> str:
    """A written name in comparable form: NFKC (full-width, half-width kana), no spaces, katakana as hiragana,
    the old forms of name kanji (髙, 﨑, 邊 …) as their everyday ones."""
    return _key("" if text is None else str(text))


def _unique(found: set[str]) -> str | None:
    return next(iter(found)) if len(found) == 1 else None


@dataclass
class StaffNames:
    """Staff by name or kana, whole or surname alone (「佐藤」 when one 佐藤 works here)."""

    staff: list[tuple[str, str]]                 # (uid, name), for the mapping table's choices
    _whole: dict[str, set[str]]
    _first: dict[str, set[str]]

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "StaffNames":
        whole: dict[str, set[str]] = {}
        first: dict[str, set[str]] = {}
        staff = []
        for uid, name, kana, active in conn.execute("SELECT uid, name, kana, active FROM staff ORDER BY kana, name"):
            if active:
                staff.append((uid, name))
            for written in (name, kana):
                if not written or not written.strip():
                    continue
                whole.setdefault(key(written), set()).add(uid)
                parts = unicodedata.normalize("NFKC", written).split()
                if len(parts) > 1:  # 「佐藤 一郎」: its surname alone names it too
                    first.setdefault(key(parts[0]), set()).add(uid)
        return cls(staff, whole, first)

    def find(self, written: str) -> str | None:
        k = key(written)
        if not k:
            return None
        return _unique(self._whole.get(k, set())) or _unique(self._first.get(k, set()))


@dataclass
class Insurers:
    names: list[str]

    def __post_init__(self):
        self._found: dict[str, str | None] = {}

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> "Insurers":
        return cls([r[0] for r in conn.execute("SELECT name FROM insurers ORDER BY sort_order, name")])

    def find(self, written: str) -> str | None:
        """The listed name: equal when folded, or the one listed name that starts with what was written (東京海上)."""
        k = key(written)
        if k not in self._found:  # a sheet repeats its few insurers on every row: each compared with the list once
            self._found[k] = self._find(k)
        return self._found[k]

    def _find(self, k: str) -> str | None:
        if not k:
            return None
        exact = {n for n in self.names if key(n) == k}
        if exact:
            return _unique(exact)
        return _unique({n for n in self.names if key(n).startswith(k)}) if len(k) >= 2 else None


CATEGORY_SEPARATOR = "\t"  # a category's app value in the mapping table: 'group' or 'group<TAB>item'


def category_value(category: Category) -> str:
    return category.group + (CATEGORY_SEPARATOR + category.item if category.item else "")


def category_of(value: str) -> Category:
    group, _, item = value.partition(CATEGORY_SEPARATOR)
    return Category(group, item)


@dataclass
class Categories:
    """Every category of both presets (a sheet may follow either): one-level groups, and group → item pairs."""

    all: list[Category]

    def __post_init__(self):
        self._found: dict[tuple[str, str], Category | None] = {}

    @classmethod
    def load(cls, conn: sqlite3.Connection, active_preset: str) -> "Categories":
        rows = conn.execute("SELECT preset, group_name, item_name FROM categories WHERE active = 1 "
                            "ORDER BY preset <> ?, sort_order", (active_preset,))
        return cls(list(dict.fromkeys(Category(g, i or "") for _p, g, i in rows)))

    def find(self, group: str, item: str) -> Category | None:
        written = (group, item)
        if written not in self._found:  # a sheet repeats its few categories on every row
            self._found[written] = self._find(group, item)
        return self._found[written]

    def _find(self, group: str, item: str) -> Category | None:
        g, i = key(group), key(item)
        if g and i:
            return next((c for c in self.all if key(c.group) == g and key(c.item) == i), None)
        written = g or i
        if not written:
            return None
        groups = {c.group for c in self.all if key(c.group) == written}
        if groups:
            return Category(_unique(groups) or sorted(groups)[0])
        # An item written alone (or in the one 分類 column): its group, when only one group has it
        items = [c for c in self.all if c.item and key(c.item) == written]
        return items[0] if len({c.group for c in items}) == 1 else None
