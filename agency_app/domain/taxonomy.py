"""Category taxonomy (DOMAIN R3): a two-level group → item list; presets ship as JSON in resources/taxonomy/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Category:
    group: str
    item: str = ""  # empty for a one-level taxonomy

    def label(self) -> str:
        return f"{self.group} ／ {self.item}" if self.item else self.group


@dataclass(frozen=True)
class Taxonomy:
    name: str
    label: str
    categories: tuple[Category, ...]

    def groups(self) -> list[str]:
        return list(dict.fromkeys(c.group for c in self.categories))

    def items(self, group: str) -> list[str]:
        return [c.item for c in self.categories if c.group == group and c.item]


def load_preset(file: Path) -> Taxonomy:
    data = json.loads(file.read_text(encoding="utf-8"))
    categories = []
    for entry in data["groups"]:
        if entry["items"]:
            categories.extend(Category(entry["group"], item) for item in entry["items"])
        else:
            categories.append(Category(entry["group"]))
    return Taxonomy(data["name"], data["label"], tuple(categories))
