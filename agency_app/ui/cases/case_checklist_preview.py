"""The checklist beside the case form: a stored case's steps with their ticks, or the type's steps to be copied."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from agency_app.storage.cases import CaseRepository
from agency_app.storage.checklist_templates import ChecklistTemplates


class ChecklistPreview(QWidget):
    """Read-only: steps are ticked in the case's detail panel, not here."""

    def __init__(self, repo: CaseRepository, templates: ChecklistTemplates, parent: QWidget | None = None):
        super().__init__(parent)
        self.repo, self.templates = repo, templates
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setWordWrap(True)  # the panel is narrow; the heading must never be cut off
        self.steps = QLabel(self)
        self.steps.setWordWrap(True)
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        side = QVBoxLayout(self)
        side.addWidget(self.title)
        side.addWidget(self.steps)
        side.addStretch(1)
        self.setMinimumWidth(240)
        self.setMaximumWidth(320)

    def show_for(self, case_uid: str | None, case_type: str) -> None:
        """The stored case's checklist when editing one; before the first save, the steps of `case_type`."""
        if case_uid:
            self.title.setText(self.tr("Checklist of this case"))
            steps = [("✓ " if s["done_at"] else "□ ") + s["label"] for s in self.repo.steps(case_uid)]
        else:
            self.title.setText(self.tr("Checklist (copied to the case when saved)"))
            try:
                steps = ["□ " + label for label in self.templates.steps_for(case_type)] if case_type else []
            except KeyError:
                steps = []
        self.steps.setText("\n".join(steps) if steps else self.tr("Choose a case type."))
