"""The UI's labels of the domain's codes (kinds, channels, product lines, statuses), from domain/labels_ja.py."""

from __future__ import annotations

from agency_app.domain import codes
from agency_app.domain import labels_ja as ja


def kind_label(code: str) -> str:
    return ja.label(ja.KIND, code)


def channel_label(code: str) -> str:
    return ja.label(ja.CHANNEL, code)


def product_line_label(code: str | None) -> str:
    return ja.label(ja.PRODUCT_LINE, code)


def status_label(code: str) -> str:
    return ja.label(ja.STATUS, code)


def complaint_label() -> str:
    return ja.COMPLAINT


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) pairs in the domain's order, for combo boxes: kind, channel, product_line, status."""
    table = {"kind": (codes.KINDS, kind_label), "channel": (codes.CHANNELS, channel_label),
             "product_line": (codes.PRODUCT_LINES, product_line_label),
             "status": (codes.STATUSES, status_label)}[kind]
    return [(code, table[1](code)) for code in table[0]]
