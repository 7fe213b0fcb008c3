"""The insurer list of a form follows its product line: 生保 offers life insurers, 損保 non-life ones (domain/insurers.py)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from agency_app.domain.insurers import insurers_for
from agency_app.ui.kit.widgets import ChoiceCombo


class InsurerChoice(QObject):
    """Offers in `insurer` the master's insurers for what `product_line` shows, whenever it changes; the insurer
    already chosen or typed stays (a record's insurer is never dropped by a change of line)."""

    def __init__(self, product_line: ChoiceCombo, insurer: ChoiceCombo, names: list[str]):
        super().__init__(insurer)
        self.product_line, self.insurer, self.names = product_line, insurer, list(names)
        product_line.editTextChanged.connect(self.offer)
        self.offer()

    def offer(self, *_args) -> None:
        line = self.product_line.code() or ""  # typed text matching no line: every insurer
        current = self.insurer.code_or_text()
        offered = insurers_for(self.names, line, keep=current)
        if offered != self.offered():
            self.insurer.set_choices([(name, name) for name in offered], allow_empty=True)

    def offered(self) -> list[str]:
        return [self.insurer.itemText(i) for i in range(self.insurer.count()) if self.insurer.itemText(i)]


def follow_product_line(product_line: ChoiceCombo, insurer: ChoiceCombo, names: list[str]) -> InsurerChoice:
    """Make (once per form) or refresh the insurer list that follows the product line."""
    existing = insurer.findChild(InsurerChoice)
    if existing is not None:
        existing.names = list(names)
        existing.offer()
        return existing
    return InsurerChoice(product_line, insurer, names)
