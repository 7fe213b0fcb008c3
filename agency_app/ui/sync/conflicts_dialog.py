"""競合…: the pairs of changes two offices made to one field unseen by each other; a manager confirms or reverses each.

The later change was kept when the bundles merged (agency_app/sync/conflicts.py). 確認 keeps it; 元に戻す… writes the
value that lost again, as a new change of this office that travels to the others like any change. Anyone may read
the list; only a manager may resolve (as only a manager erases personal data), and the others are told so.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QDialog, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.storage.records import RecordNotFound
from agency_app.sync import conflicts as C
from agency_app.sync.node import this_node
from agency_app.ui.kit.history import HistoryModel
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import ERROR_COLOUR
from agency_app.ui.sync.sync_texts import field_name, record_kind, when_text

SHOWN_CHARS = 40  # a value longer than this is cut in its cell; the pane below the list shows it whole


class ConflictsDialog(QDialog):
    """Newest pair first; 未処理のみ (Alt+O) or すべて (Alt+A); 確認 (Alt+C) and 元に戻す… (Alt+R) for a manager."""

    resolved = Signal()  # a pair was confirmed or reversed: the window's count follows

    def __init__(self, ops: Operations, staff_uid: str, *, clock=datetime.now, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.at_head_office = this_node(ops.read.conn).is_head_office  # the file's office: read once
        self.pairs: list[C.Conflict] = []
        self.setWindowTitle(self.tr("Conflicts"))
        self._values = HistoryModel(self)  # values shown as the histories show them (names, labels, dates)

        self.open_only = QRadioButton(self.tr("&Open only"))
        self.every = QRadioButton(self.tr("&All"))
        self.open_only.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.open_only)
        group.addButton(self.every)
        self.open_only.toggled.connect(lambda _on: self.reload())
        self.count = QLabel()
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([
            self.tr("Record"), self.tr("Field"), self.tr("Value kept"), self.tr("Kept (office / by / when)"),
            self.tr("Value not kept"), self.tr("Not kept (office / by / when)"), self.tr("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list for the buttons, as elsewhere
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # Rows grow to their wrapped texts once the columns have their widths (not while the dialog is built).
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.detail = QLabel()
        self.detail.setObjectName("conflictDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.note = QLabel(self.tr("Only a manager at head office confirms or reverses a conflict, where every "
                                   "office's changes meet. Here the list is for reading."))
        self.note.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("&Confirm"))
        self.confirm_button.setToolTip(self.tr("Keep the value kept; the pair leaves the open list."))
        self.reverse_button = QPushButton(self.tr("&Reverse…"))
        self.reverse_button.setToolTip(self.tr("Write the value not kept again, as a change of this office."))
        self.close_button = QPushButton(self.tr("Close"))
        self.confirm_button.clicked.connect(self.confirm)
        self.reverse_button.clicked.connect(self.reverse)
        self.close_button.clicked.connect(self.accept)

        filters = QHBoxLayout()
        filters.addWidget(self.open_only)
        filters.addWidget(self.every)
        filters.addStretch(1)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.reverse_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.message)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        fit_to_screen(self, QSize(1180, 600))
        self.reload()
        self.table.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    # --- who may resolve ------------------------------------------------------------------
    def is_manager(self) -> bool:
        """A manager at head office: a pair is decided once, where every office's changes meet (a branch's decision
        would not travel, and could overturn head office's)."""
        me = self.ops.read.masters.staff_member(self.staff_uid)
        return bool(me and me.is_manager and me.active) and self.at_head_office

    def set_staff(self, staff_uid: str) -> None:
        self.staff_uid = staff_uid
        self._follow_selection()

    # --- the list -----------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        read = self.ops.read
        keep = select_id if select_id is not None else self.selected_id()
        self.pairs = C.conflicts(read.conn, only_open=self.open_only.isChecked())
        names = read.staff_names()
        self._values.set_entries([], names)
        self._values.branch_names = {b.code: b.name for b in read.masters.branches(include_inactive=True)}
        self.table.setRowCount(len(self.pairs))
        for row, pair in enumerate(self.pairs):
            cells = (self.record_text(pair), field_name(pair.entity, pair.field),
                     self.value_text(pair, pair.kept_value), self.change_text(pair.kept_branch, pair.kept_by,
                                                                              pair.kept_at),
                     self.value_text(pair, pair.lost_value), self.change_text(pair.lost_branch, pair.lost_by,
                                                                              pair.lost_at),
                     self.status_text(pair))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(_short(text) if column in (0, 2, 4) else text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, pair.id)
                if column == 6 and pair.status == "open":
                    item.setForeground(QColor(ERROR_COLOUR))
                self.table.setItem(row, column, item)
        self.table.setColumnHidden(6, self.open_only.isChecked())
        self.table.resizeRowsToContents()
        waiting = C.open_count(read.conn)
        self.count.setText(self.tr("Open: {count}").format(count=waiting))
        rows = [r for r, pair in enumerate(self.pairs) if pair.id == keep]
        if self.pairs:
            self.table.setCurrentCell(rows[0] if rows else 0, 0)
        self._show_selected()

    def record_text(self, pair: C.Conflict) -> str:
        """A voice by its date and summary (what staff know it by); any other record by its kind and id."""
        if pair.entity == "voices":
            try:
                voice = self.ops.read.voices.get(pair.record_uid)
            except RecordNotFound:
                voice = None
            if voice is not None:
                return self.tr("Voice {when} {summary}").format(when=when_text(voice["received_at"])[:10],
                                                                 summary=voice["summary"] or "")
        return f"{record_kind(pair.entity)} {pair.record_uid}"

    def value_text(self, pair: C.Conflict, value: str | None) -> str:
        text = self._values.value_text(pair.field, value)
        return text if text else self.tr("(empty)")

    def change_text(self, branch: str | None, by: str | None, at: str | None) -> str:
        office = self._values.branch_names.get(branch or "", branch or "")
        who = self._values.value_text("received_by", by) if by else ""
        return f"{office} / {who}\n{when_text(at)}"

    def status_text(self, pair: C.Conflict) -> str:
        if pair.status == "open":
            return self.tr("Open")
        who = self._values.value_text("received_by", pair.resolved_by) if pair.resolved_by else ""
        done = when_text(pair.resolved_at)
        if pair.status == "reversed":
            return self.tr("Reversed\n{who} {when}").format(who=who, when=done)
        return self.tr("Confirmed\n{who} {when}").format(who=who, when=done)

    def selected(self) -> C.Conflict | None:
        row = self.table.currentRow()
        return self.pairs[row] if 0 <= row < len(self.pairs) else None

    def selected_id(self) -> int | None:
        pair = self.selected()
        return pair.id if pair is not None else None

    def row_texts(self) -> list[list[str]]:
        """What the list shows, row by row (the tooltips hold the whole of a cut value)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())
                 if not self.table.isColumnHidden(c)] for r in range(self.table.rowCount())]

    def _show_selected(self) -> None:
        pair = self.selected()
        if pair is None:
            self.detail.setText(self.tr("No conflicts waiting. When two offices change the same field before "
                                        "seeing each other's change, the pair is listed here.")
                                if self.open_only.isChecked() else self.tr("No conflicts."))
        else:
            self.detail.setText(self.tr("{record} — {field}\nKept: {kept}  ({kept_by})\nNot kept: {lost}  "
                                        "({lost_by})").format(
                record=self.record_text(pair), field=field_name(pair.entity, pair.field),
                kept=self.value_text(pair, pair.kept_value),
                kept_by=self.change_text(pair.kept_branch, pair.kept_by, pair.kept_at).replace("\n", " "),
                lost=self.value_text(pair, pair.lost_value),
                lost_by=self.change_text(pair.lost_branch, pair.lost_by, pair.lost_at).replace("\n", " ")))
        self._follow_selection()

    def _follow_selection(self) -> None:
        manager = self.is_manager()
        pair = self.selected()
        can = manager and pair is not None and pair.status == "open"
        self.confirm_button.setEnabled(can)
        self.reverse_button.setEnabled(can)
        self.note.setVisible(not manager)

    # --- resolving ---------------------------------------------------------------------------
    def confirm(self) -> None:
        """確認: the kept value stays; the pair leaves the open list."""
        pair = self.selected()
        if pair is None or not self.is_manager():
            return
        self._resolve(pair, C.confirm, self.tr("Confirmed: {field} of {record} keeps {value}."))

    def reverse(self) -> None:
        """元に戻す…: after a confirmation, the value not kept is written again (a change of this office)."""
        pair = self.selected()
        if pair is None or not self.is_manager():
            return
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Reverse"), self.tr(
            "Put {field} of {record} back to\n「{lost}」?\n\nThe value now, 「{kept}」, stays in the record's "
            "history. The change goes to the other offices with the next file.").format(
            field=field_name(pair.entity, pair.field), record=self.record_text(pair),
            lost=self.value_text(pair, pair.lost_value), kept=self.value_text(pair, pair.kept_value)), parent=self)
        yes = box.addButton(self.tr("&Reverse"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)
        box.exec()
        if box.clickedButton() is not yes:
            return
        self._resolve(pair, C.reverse, self.tr("Reversed: {field} of {record} is {value} again."))

    def _resolve(self, pair: C.Conflict, action, done_text: str) -> None:
        by, now = self.staff_uid, self.clock()

        def work(data):
            try:
                action(data.store, pair.id, by=by, now=now)
            except C.ConflictGone as gone:  # changed since, deleted, or done on another screen: said calmly
                return str(gone)
            return None

        value = pair.lost_value if action is C.reverse else pair.kept_value
        said = done_text.format(field=field_name(pair.entity, pair.field), record=self.record_text(pair),
                                value=f"「{self.value_text(pair, value)}」")
        self.ops.write(self, work).success(lambda gone: self._resolved(gone or said)).run()

    def _resolved(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.reload()
        self.resolved.emit()


def _short(text: str) -> str:
    line = " ".join(text.split("\n"))
    return line if len(line) <= SHOWN_CHARS else line[:SHOWN_CHARS - 1] + "…"
