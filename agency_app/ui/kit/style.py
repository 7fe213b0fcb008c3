"""Look and feel: a Japanese UI font that exists on this PC, a calm style sheet, and the few colours the UI uses."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app import paths

# In order of preference; Windows ships the first three, Linux distributions Noto CJK.
WINDOWS_FONTS = ("Yu Gothic UI", "游ゴシック", "Meiryo UI", "メイリオ", "MS UI Gothic")
OTHER_FONTS = ("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoPGothic")
POINT_SIZE = 10

# Marks that never rely on colour alone: each comes with a text ("期限超過", "本日").
OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#a4161a")
TODAY_BACKGROUND = QColor("#fff3bf")
TODAY_FOREGROUND = QColor("#7a4a00")
CLOSED_FOREGROUND = QColor("#6b6b6b")


class CellLook:
    """A record list's cell look: overdue in red (its words say it too), closed rows greyed, bold, centred.

    Called with a role, it answers that role for the cell (None: Qt's default).
    """

    def __init__(self):
        self.bold = QFont()
        self.bold.setBold(True)
        self.overdue_bg, self.overdue_fg = QBrush(OVERDUE_BACKGROUND), QBrush(OVERDUE_FOREGROUND)
        self.closed_fg = QBrush(CLOSED_FOREGROUND)

    def __call__(self, role: int, *, overdue: bool, closed: bool, bold: bool, centred: bool):
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return self.overdue_bg
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return self.overdue_fg
            return self.closed_fg if closed else None
        if role == Qt.ItemDataRole.FontRole and bold:
            return self.bold
        if role == Qt.ItemDataRole.TextAlignmentRole and centred:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None


def choose_font_family(available: list[str], platform: str = sys.platform) -> str | None:
    """The first preferred Japanese family installed here, or None to keep Qt's default."""
    installed = set(available)
    preferred = WINDOWS_FONTS + OTHER_FONTS if platform == "win32" else OTHER_FONTS + WINDOWS_FONTS
    return next((family for family in preferred if family in installed), None)


def apply_style(app: QApplication) -> None:
    """Set the application font and style sheet (resources/style/app.qss when present)."""
    family = choose_font_family(QFontDatabase.families())
    font = QFont(family) if family else QFont(app.font())
    font.setPointSize(POINT_SIZE)
    app.setFont(font)
    sheet = paths.resources_dir() / "style" / "app.qss"
    if sheet.is_file():
        app.setStyleSheet(sheet.read_text(encoding="utf-8"))


def widen_message_box(box: QMessageBox, em: int = 32) -> None:
    """Message boxes wrap Japanese text very narrowly by default; give their texts room to read."""
    box.setStyleSheet(f"QLabel#qt_msgbox_label, QLabel#qt_msgbox_informativelabel {{ min-width: {em}em; }}")
