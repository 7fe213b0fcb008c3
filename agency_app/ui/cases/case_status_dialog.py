"""Closing or reopening a follow-up case (R6–R7): 完了 needs response, date, staff and a finished checklist."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from agency_app.domain import codes
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.services import Services
from agency_app.ui.cases.case_texts import (
    case_changed_elsewhere_text, case_field_label, open_steps_text, with_case_texts,
)
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.status_dialog import RecordStatusDialog


class CaseStatusDialog(RecordStatusDialog):
    """Ask what closing (or reopening) needs, then move the case through the operations; closes once written.

    `target` is codes.STATUS_DONE, STATUS_DROPPED or STATUS_IN_PROGRESS (reopen).
    """

    done_height = 380

    def __init__(self, ops: Operations, staff_uid: str, case_uid: str, target: str, *,
                 clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(ops, staff_uid, case_uid, target, clock=clock, parent=parent)
        self.case_uid = case_uid

    def _repository(self, services: Services):
        return services.cases

    def _title(self) -> str:
        titles = {codes.STATUS_DONE: self.tr("Mark the case as done"),
                  codes.STATUS_DROPPED: self.tr("Close the case without action"),
                  codes.STATUS_IN_PROGRESS: self.tr("Reopen the case")}
        return titles.get(self.target, "")

    def _heading(self, record: dict) -> str:
        return self.tr("Case: {title}").format(title=record["title"])

    def _field_label(self, name: str) -> str:
        return case_field_label(name)

    def _before_done(self) -> None:
        # Said before typing, not only after: the checklist must be finished first (R7).
        open_steps = [s["label"] for s in self.ops.read.cases.steps(self.uid) if not s["done_at"]]
        if open_steps:
            self.banner.show_message(open_steps_text(open_steps), "warning")

    def _write(self, data: Services, change: StatusChange) -> None:
        now = self.clock()
        data.cases.change_status(self.uid, change, by=self.staff_uid, now=now, today=now.date(),
                                 expected_version=self._version)

    def _errors(self, errors: list[FieldError]) -> list[FieldError]:
        return with_case_texts(errors)

    def _changed_elsewhere_text(self) -> str:
        return case_changed_elsewhere_text()
