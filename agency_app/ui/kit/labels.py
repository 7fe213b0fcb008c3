"""Japanese labels of the domain's codes (kinds, channels, product lines, statuses), translated through Qt Linguist."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import codes

# English source strings; resources/i18n/agency_ja.ts carries the Japanese.
_KIND = {
    "praise": lambda: QCoreApplication.translate("Labels", "Praise"),
    "dissatisfaction": lambda: QCoreApplication.translate("Labels", "Dissatisfaction"),
    "request": lambda: QCoreApplication.translate("Labels", "Request"),
    "other": lambda: QCoreApplication.translate("Labels", "Other"),
}
_CHANNEL = {
    "phone": lambda: QCoreApplication.translate("Labels", "Phone"),
    "counter": lambda: QCoreApplication.translate("Labels", "Counter"),
    "visit": lambda: QCoreApplication.translate("Labels", "Visit"),
    "mail": lambda: QCoreApplication.translate("Labels", "Post"),
    "email": lambda: QCoreApplication.translate("Labels", "E-mail"),
    "web": lambda: QCoreApplication.translate("Labels", "Web form"),
    "survey": lambda: QCoreApplication.translate("Labels", "Survey"),
    "other": lambda: QCoreApplication.translate("Labels", "Other channel"),
}
_PRODUCT_LINE = {
    "life": lambda: QCoreApplication.translate("Labels", "Life"),
    "nonlife_auto": lambda: QCoreApplication.translate("Labels", "Non-life (auto)"),
    "nonlife_fire": lambda: QCoreApplication.translate("Labels", "Non-life (fire)"),
    "nonlife_accident": lambda: QCoreApplication.translate("Labels", "Non-life (accident)"),
    "nonlife_other": lambda: QCoreApplication.translate("Labels", "Non-life (other)"),
    "group": lambda: QCoreApplication.translate("Labels", "Group"),
}
_STATUS = {
    "new": lambda: QCoreApplication.translate("Labels", "New"),
    "in_progress": lambda: QCoreApplication.translate("Labels", "In progress"),
    "done": lambda: QCoreApplication.translate("Labels", "Done"),
    "dropped": lambda: QCoreApplication.translate("Labels", "Closed without action"),
}


def kind_label(code: str) -> str:
    return _KIND[code]() if code in _KIND else code


def channel_label(code: str) -> str:
    return _CHANNEL[code]() if code in _CHANNEL else code


def product_line_label(code: str | None) -> str:
    return _PRODUCT_LINE[code]() if code in _PRODUCT_LINE else (code or "")


def status_label(code: str) -> str:
    return _STATUS[code]() if code in _STATUS else code


def complaint_label() -> str:
    return QCoreApplication.translate("Labels", "Complaint")


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) pairs in the domain's order, for combo boxes: kind, channel, product_line, status."""
    table = {"kind": (codes.KINDS, kind_label), "channel": (codes.CHANNELS, channel_label),
             "product_line": (codes.PRODUCT_LINES, product_line_label),
             "status": (codes.STATUSES, status_label)}[kind]
    return [(code, table[1](code)) for code in table[0]]
