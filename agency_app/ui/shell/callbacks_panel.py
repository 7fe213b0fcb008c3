"""Today's promised call-backs (DOMAIN R9) on voices and follow-up cases, with older ones still open; missed times are marked."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
    QStackedWidget, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from shiboken6 import isValid

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import parse_datetime
from agency_app.storage.customers import CustomerNotFound
from agency_app.storage.records import RecordNotFound
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit import labels
from agency_app.ui.kit.callback_undo import CallbackMadeFlow
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.messages import field_error_text, known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import ERROR_COLOUR, without_enter_default
from agency_app.ui.kit.date_fields import display_datetime

UID_ROLE = Qt.ItemDataRole.UserRole
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "voice" or "case"


class CallbacksDialog(FollowsChanges, QDialog):
    """The promises due on `day` or earlier and still open; Enter or double-click opens the voice or case.

    Voices emit open_voice(uid), cases open_record("case", uid). The list follows every write to voices and
    cases (one marked here, or anywhere else).
    """

    open_voice = Signal(str)
    open_record = Signal(str, str)
    watched = ("voices", "cases", "customers")
    _shown_once = False  # the list has been filled once

    def __init__(self, ops: Operations, staff_uid: str, day: date, parent: QWidget | None = None,
                 *, now: datetime | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.day = ops, staff_uid, day
        self._now = now
        reading = ops.read  # two indexed look-ups of a day's promises: quick on the UI thread
        self.repo, self.cases, self.customers = reading.voices, reading.cases, reading.customers
        self.setWindowTitle(self.tr("Call-backs due {day}").format(day=day.strftime("%Y/%m/%d")))

        self.only_mine = QCheckBox(self.tr("Only mine"), self)
        self.only_mine.setChecked(True)
        self.only_mine.toggled.connect(self.refresh)
        self.count_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.only_mine)
        top.addStretch(1)
        top.addWidget(self.count_label)

        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([
            self.tr("Time"), self.tr("Customer"), self.tr("Summary"), self.tr("Call-back by"),
            self.tr("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda index: self._open_row(index.row()))
        self.table.installEventFilter(self)

        self.empty = QLabel(self.tr("No promised call-backs are due."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        hint = QLabel(self.tr("Enter or double-click opens the voice or case."), self)
        hint.setStyleSheet("color: #555;")
        self.problem = QLabel(self)
        self.problem.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.mark_made = QPushButton(self.tr("Mark as made… (Ctrl+R)"), self)
        without_enter_default(self.mark_made)
        self.mark_made.clicked.connect(self.mark_selected_made)
        self.table.currentCellChanged.connect(lambda row, *_: self.mark_made.setEnabled(row >= 0))
        close = QPushButton(self.tr("Close"), self)
        without_enter_default(close)  # Enter belongs to the table (open the voice)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.mark_made)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        fit_to_screen(self, QSize(820, 420))
        self.dialog = None  # the call-back dialog last opened (tests look at it)
        self.callback_flow = CallbackMadeFlow(self, ops, lambda: self.staff_uid, anchor=self.stack, clock=self.now)
        undo = QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_callback_made)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        made = QShortcut(QKeySequence("Ctrl+R"), self, self.mark_selected_made)  # as on the voices and cases tabs
        made.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.refresh()
        self.follow_changes(ops)

    def set_staff(self, uid: str) -> None:
        """Another person is at the PC: their promises ("Only mine"), marked made in their name; the previous
        person's call-back made is no longer undoable here."""
        self.staff_uid = uid
        self.callback_flow.forget()
        self.refresh()

    def now(self) -> datetime:
        return self._now or now_tokyo()

    def refresh(self) -> None:
        # The promise chosen stays chosen (a save elsewhere refreshes the list while staff are on the phone);
        # once it is gone (marked made) none is: the next click of a double click must not mark another.
        current = self.table.currentRow()
        chosen = (self.kind_at(current), self.uid_at(current)) if current >= 0 else None
        staff = self.staff_uid if self.only_mine.isChecked() else None
        rows = [dict(r, kind="voice") for r in self.repo.callbacks_for(self.day, staff)]
        for case in self.cases.callbacks_for(self.day, staff):
            rows.append(dict(case, kind="case", customer_name=self._customer_name(case["customer_id"]),
                             summary=self.tr("[Case] {title}").format(title=case["title"])))
        rows.sort(key=lambda r: r["callback_at"])
        names = self.ops.read.staff_names()
        now = self.now()
        self.table.setRowCount(len(rows))
        bold = QFont(self.font())
        bold.setBold(True)
        for r, row in enumerate(rows):
            promised = parse_datetime(row["callback_at"] or "")
            missed = promised is not None and promised < now
            when = row["callback_at"][11:16] if row["callback_at"][:10] == self.day.isoformat() \
                else display_datetime(row["callback_at"])
            if missed:
                when = self.tr("{time} (missed)").format(time=when)
            cells = [when, row["customer_name"] or self.tr("(anonymous)"), row["summary"],
                     names.get(row["callback_staff_id"] or "", ""), labels.status_label(row["status"])]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(UID_ROLE, row["uid"])
                item.setData(KIND_ROLE, row["kind"])
                if c == 2:
                    item.setToolTip(text)
                if missed and c == 0:
                    item.setForeground(QBrush(QColor(ERROR_COLOUR)))
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.count_label.setText(self.tr("{count} call-backs").format(count=len(rows)))
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        keys = [(row["kind"], row["uid"]) for row in rows]
        if chosen in keys:
            self.table.setCurrentCell(keys.index(chosen), 0)
        elif rows and not self._shown_once:  # on opening: the first, so Enter and the button work at once
            self.table.setCurrentCell(0, 0)
        else:
            self.table.setCurrentCell(-1, -1)
        self.mark_made.setEnabled(self.table.currentRow() >= 0)
        self._shown_once = True

    def _customer_name(self, uid: str | None) -> str:
        try:
            return self.customers.get(uid)["name"] if uid else ""
        except CustomerNotFound:
            return ""

    def item_count(self) -> int:
        return self.table.rowCount()

    def uid_at(self, row: int) -> str | None:
        item = self.table.item(row, 0)
        return item.data(UID_ROLE) if item else None

    def kind_at(self, row: int) -> str:
        item = self.table.item(row, 0)
        return item.data(KIND_ROLE) if item else "voice"

    def mark_selected_made(self) -> None:
        """R9: the selected promise was kept: the same small dialog as on the voice or case (note, 対応中にする),
        then 元に戻す (Ctrl+Z) for a short while. The list follows the change (the record stays open)."""
        row = self.table.currentRow()
        uid = self.uid_at(row)
        if not uid:
            return
        if self.dialog is not None and isValid(self.dialog) and self.dialog.isVisible():
            return  # the second click of a double click: one dialog, for the promise chosen first (no re-read)
        self.problem.hide()
        table = "cases" if self.kind_at(row) == "case" else "voices"
        try:
            record = getattr(self.ops.read, table).get(uid)
        except RecordNotFound as gone:
            record, problem = None, known_error_text(gone)
        else:  # e.g. made on another PC meanwhile: say so at once, not after a note was typed
            problem = "" if record["callback_at"] and not record["callback_done_at"] else field_error_text(
                FieldError("callback_at", E.CALLBACK_ALREADY_DONE if record["callback_at"] else E.CALLBACK_NOT_PROMISED))
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.refresh()
            return
        self.dialog = self.callback_flow.mark(table, uid, record)

    def undo_callback_made(self) -> None:
        self.callback_flow.undo()

    def _open_row(self, row: int) -> None:
        uid = self.uid_at(row)
        if uid and self.kind_at(row) == "case":
            self.open_record.emit("case", uid)
        elif uid:
            self.open_voice.emit(uid)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.currentRow() >= 0:
                self._open_row(self.table.currentRow())
                return True
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.setFocus()
