"""The entry forms' two-column grid: label, field, label, field — labels level with their field's first line."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QLineEdit, QWidget

from agency_app.ui.kit.widgets import FieldBox


class FieldGrid(QGridLayout):
    """Rows of one or two fields, each in its FieldBox (the error line sits under the field).

    `tall` names fields that grow with the window (a text body): they are not pinned to the top
    of their row, and their row takes the spare height. `keys` gives fields a letter: Alt+letter jumps to
    the field from anywhere in the form, shown the Japanese way, 「お客様(C)」.
    """

    def __init__(self, owner: QWidget, boxes: dict[str, FieldBox], label_text: Callable[[str], str],
                 *, tall: tuple[str, ...] = ("body",), keys: dict[str, str] | None = None):
        super().__init__()
        self.owner, self.boxes, self.label_text, self.tall = owner, boxes, label_text, tall
        self.keys = keys or {}
        self.setHorizontalSpacing(10)
        self.setVerticalSpacing(4)
        self.setColumnStretch(1, 1)
        self.setColumnStretch(3, 1)
        # As tall as one line of a field (+ the error frame's margins), so a label sits level with
        # its field's first line even when the field is taller or an error line makes the row taller.
        self.line_height = QLineEdit().sizeHint().height() + 4

    def label(self, name: str, row: int, col: int) -> QLabel:
        words = self.label_text(name).replace("&", "&&")
        text = QLabel(f"{words}(&{self.keys[name]})" if name in self.keys else words, self.owner)
        field = self.boxes[name].field
        text.setBuddy(field.focusProxy() or field)  # a label's Alt+letter skips a composite taking no focus itself
        text.setFixedHeight(self.line_height)
        text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.addWidget(text, row, col, Qt.AlignmentFlag.AlignTop)
        return text

    def pair(self, row: int, left: str, right: str | None = None) -> None:
        """One field across the row, or two side by side."""
        self.label(left, row, 0)
        tall = left in self.tall
        top = Qt.AlignmentFlag(0) if tall else Qt.AlignmentFlag.AlignTop
        self.addWidget(self.boxes[left], row, 1, 1, 1 if right else 3, top)
        if tall:
            self.setRowStretch(row, 1)
        if right:
            self.label(right, row, 2)
            self.addWidget(self.boxes[right], row, 3, Qt.AlignmentFlag.AlignTop)

    def row_of(self, row: int, name: str, layout: QLayout, span: int = 1) -> None:
        """A label and a layout of several fields (e.g. category group and item) in one row."""
        self.label(name, row, 0)
        self.addLayout(layout, row, 1, 1, span, Qt.AlignmentFlag.AlignTop)
