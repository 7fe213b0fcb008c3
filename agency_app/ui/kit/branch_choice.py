"""The 拠点 choice above a list: 全拠点 first (head office's consolidated view), then each office; hidden for an agency of one office."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from agency_app.ui.kit.flow_layout import together

translate = QCoreApplication.translate


class BranchChoice:
    """A labelled combo (拠点(&B)) whose data is the branch code, None for 全拠点; `box` holds both for a filter row.

    An agency with one office never sees it (the choice would always be 全拠点, as the voices' filter bar hides its
    own); `code()` is then None, every record."""

    def __init__(self, parent: QWidget, branches: list[tuple[str, str]]):
        self.combo = QComboBox(parent)
        self.combo.addItem(translate("BranchChoice", "All branches"), None)
        for code, name in branches:
            self.combo.addItem(name, code)
        self.label = QLabel(translate("BranchChoice", "&Branch"), parent)
        self.label.setBuddy(self.combo)
        self.box = together(parent, self.label, self.combo)
        self.shown = len(branches) > 1
        self.box.setVisible(self.shown)

    def code(self) -> str | None:
        return self.combo.currentData() or None

    def clear(self) -> None:
        """Back to 全拠点 without telling anyone (a link that shows a record clears the filters hiding it)."""
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(0)
        self.combo.blockSignals(False)


def active_branches(ops) -> list[tuple[str, str]]:
    """(code, name) of the offices in use, as the voices' filter bar lists them."""
    return [(branch.code, branch.name) for branch in ops.read.masters.branches()]
