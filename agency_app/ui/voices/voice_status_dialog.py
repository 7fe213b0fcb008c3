"""Closing, reopening or starting a voice (R6–R7): the voice's words on the shared status dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from agency_app.domain import codes
from agency_app.storage.services import Services
from agency_app.ui.kit import labels
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.status_dialog import RecordStatusDialog


class StatusDialog(RecordStatusDialog):
    """Closing, reopening or starting a voice."""

    def __init__(self, ops: Operations, staff_uid: str, voice_uid: str, target: str,
                 parent: QWidget | None = None):
        super().__init__(ops, staff_uid, voice_uid, target, parent=parent)
        self.voice_uid = voice_uid

    def _repository(self, services: Services):
        return services.voices

    def _title(self) -> str:
        titles = {codes.STATUS_DONE: self.tr("Mark as done"),
                  codes.STATUS_DROPPED: self.tr("Close without action"),
                  codes.STATUS_IN_PROGRESS: self.tr("Reopen") if self._reopening else self.tr("Start work")}
        return titles.get(self.target, labels.status_label(self.target))

    def _heading(self, record: dict) -> str:
        return self.tr("Voice: {summary}").format(summary=record["summary"])
