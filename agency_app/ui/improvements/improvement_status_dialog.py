"""Closing or reopening an improvement (R7, R12): 完了 needs the action taken (対策), the done date and who."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from agency_app.domain import codes
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.services import Services
from agency_app.ui.improvements.improvement_texts import (
    improvement_changed_elsewhere_text, improvement_field_label, with_improvement_texts,
)
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.status_dialog import RecordStatusDialog


class ImprovementStatusDialog(RecordStatusDialog):
    """Ask what closing (or reopening) needs, then move the improvement through the operations.

    `target` is codes.STATUS_DONE, STATUS_DROPPED or STATUS_IN_PROGRESS (reopen).
    """

    def __init__(self, ops: Operations, staff_uid: str, improvement_uid: str, target: str, *,
                 clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(ops, staff_uid, improvement_uid, target, clock=clock, parent=parent)

    def _repository(self, services: Services):
        return services.improvements

    def _build(self, record: dict) -> None:
        # The 完了 dialog's 対応内容 is the improvement's action, offered as typed in the form so far.
        super()._build(dict(record, response=record.get("action") or ""))

    def _title(self) -> str:
        titles = {codes.STATUS_DONE: self.tr("Mark the improvement as done"),
                  codes.STATUS_DROPPED: self.tr("Drop the improvement"),
                  codes.STATUS_IN_PROGRESS: self.tr("Reopen the improvement")}
        return titles.get(self.target, "")

    def _heading(self, record: dict) -> str:
        return self.tr("Improvement: {title}").format(title=record["title"])

    def _field_label(self, name: str) -> str:
        return improvement_field_label(name)

    def _write(self, data: Services, change: StatusChange) -> None:
        now = self.clock()
        data.improvements.change_status(self.uid, change, by=self.staff_uid, now=now, today=now.date(),
                                        expected_version=self._version)

    def _errors(self, errors: list[FieldError]) -> list[FieldError]:
        return with_improvement_texts(errors)

    def _changed_elsewhere_text(self) -> str:
        return improvement_changed_elsewhere_text()
