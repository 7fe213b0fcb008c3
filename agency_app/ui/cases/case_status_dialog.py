"""Closing or reopening a follow-up case (R6–R7): 完了 needs response, date, staff and a finished checklist."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QWidget

from agency_app.domain import codes
from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import StatusChange
from agency_app.storage.services import Services
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.cases.case_texts import (
    case_changed_elsewhere_text, case_field_label, open_steps_text, with_case_texts,
)
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.status_dialog import RecordStatusDialog


BANNER_STEPS = 6  # the open steps the banner names at most (as many as the list shows), the last line then "…"


class CaseStatusDialog(RecordStatusDialog):
    """Ask what closing (or reopening) needs, then move the case through the operations; closes once written.

    `target` is codes.STATUS_DONE, STATUS_DROPPED or STATUS_IN_PROGRESS (reopen).
    """

    done_height = 380
    STEP_UID = Qt.ItemDataRole.UserRole
    open_steps: QListWidget | None = None  # 完了 with open steps: they are listed to be ticked here
    _ticks: tuple[str, ...] = ()

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
        # Said before typing, not only after: the checklist must be finished first (R7). The open steps
        # are listed here to be ticked (Space), and saved with the completion, so nothing typed is refused.
        self._list_open_steps()

    def _list_open_steps(self, *, say: bool = True) -> None:
        """List the case's open steps to tick, keeping the user's ticks (again after a refusal: a step
        unticked elsewhere meanwhile joins the list, so it can be ticked here instead of cancelling)."""
        steps = [s for s in self.ops.read.cases.steps(self.uid) if not s["done_at"]]
        ticked = set(self.ticked_steps())
        if not steps:
            return
        if say:
            self.banner.show_message(self._banner_text([s["label"] for s in steps if s["uid"] not in ticked]),
                                     "warning")
        if self.open_steps is None:
            self.open_steps = QListWidget(self)
            self.open_steps.setAccessibleName(self.tr("Open checklist steps"))
            self.open_steps.itemChanged.connect(lambda _item: self._ticks_changed())
            label = QLabel(self.tr("Open steps (Space ticks; saved with the completion)"), self)
            label.setWordWrap(True)
            label.setBuddy(self.open_steps)
            self.layout_form.addRow(label, self.open_steps)
        current = self.open_steps.currentRow()
        self.open_steps.blockSignals(True)
        self.open_steps.clear()
        for step in steps:
            item = QListWidgetItem(step["label"], self.open_steps)
            item.setData(self.STEP_UID, step["uid"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if step["uid"] in ticked else Qt.CheckState.Unchecked)
        self.open_steps.blockSignals(False)
        self.open_steps.setCurrentRow(min(max(current, 0), len(steps) - 1))
        rows = min(len(steps), 6)
        height = self.open_steps.sizeHintForRow(0) * rows + 2 * self.open_steps.frameWidth() + 4
        if height != self.open_steps.height():
            self.open_steps.setFixedHeight(height)
            fit_to_screen(self, QSize(self.width(), self.done_height + height + 40))

    @staticmethod
    def _banner_text(labels: list[str]) -> str:
        """The open steps the banner names: the first few (the list below has them all). A banner naming all
        of a 30-step checklist, one a line above the scrolling fields, pushed Save off a 1024×768 screen."""
        if len(labels) > BANNER_STEPS:
            labels = [*labels[:BANNER_STEPS - 1], "…"]
        return open_steps_text(labels)

    def ticked_steps(self) -> list[str]:
        """The uids of the open steps ticked in the dialog."""
        if self.open_steps is None:
            return []
        items = (self.open_steps.item(r) for r in range(self.open_steps.count()))
        return [i.data(self.STEP_UID) for i in items if i.checkState() == Qt.CheckState.Checked]

    def _ticks_changed(self) -> None:
        left = [self.open_steps.item(r).text() for r in range(self.open_steps.count())
                if self.open_steps.item(r).checkState() != Qt.CheckState.Checked]
        if left:
            self.banner.show_message(self._banner_text(left), "warning")
        else:
            self.banner.clear_message()

    def _state(self) -> dict:
        return dict(super()._state(), ticked=tuple(self.ticked_steps()))

    def save(self) -> None:
        self._ticks = tuple(self.ticked_steps())  # read here, on the UI thread; the write runs on the writer thread
        super().save()

    def _write(self, data: Services, change: StatusChange) -> None:
        now = self.clock()
        data.cases.change_status(self.uid, change, by=self.staff_uid, now=now, today=now.date(),
                                 expected_version=self._version, tick_steps=tuple(self._ticks))

    def _errors(self, errors: list[FieldError]) -> list[FieldError]:
        texted = with_case_texts(errors)
        return [FieldError(e.field, e.code, dict(e.params, text=self._banner_text(e.params["steps"])))
                if e.code == E.CHECKLIST_OPEN and e.params.get("steps") else e for e in texted]

    def _not_written(self, error: Exception) -> None:
        super()._not_written(error)
        if self.target == codes.STATUS_DONE and isinstance(error, ValidationFailed) \
                and any(e.code == E.CHECKLIST_OPEN for e in error.errors):
            self._list_open_steps(say=False)  # steps reopened elsewhere meanwhile: offered here to tick

    def _changed_elsewhere_text(self) -> str:
        return case_changed_elsewhere_text()
