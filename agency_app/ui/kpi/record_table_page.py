"""What the 会議・研修 and 資格 pages share: a table of records by uid, its keys and menu, the form, asking before a removal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHeaderView, QMenu, QMessageBox, QTableWidget, QWidget

from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.operations import show_error
from agency_app.ui.kit.page_keys import ListKeys

UID_ROLE = Qt.ItemDataRole.UserRole


class RecordTablePage(ListKeys, FollowsChanges, QWidget):
    """Ctrl+N new, Enter edit, Delete remove (on the list), the actions in the list's context menu.

    A subclass builds its `table` with record_table(), each row's uid at UID_ROLE of column 0, and its
    `actions_by_name`; it answers `_form(uid)` (the dialog, new when uid is None; LookupError when the record was
    removed meanwhile), `_saved(uid)` and delete()."""

    dialog: QDialog | None = None

    def record_table(self, columns: list[str], stretch: int) -> QTableWidget:
        """A read-only table of whole rows, one chosen at a time, the `stretch` column taking the room."""
        table = QTableWidget(0, len(columns), self)
        table.setHorizontalHeaderLabels(columns)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        table.installEventFilter(self)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)
        table.doubleClicked.connect(lambda _index: self.edit())
        return table

    # --- keys (ListKeys): Ctrl+N makes a record of this page here, not a voice ----------------------------
    def key_list(self) -> QWidget:
        return self.table

    def new_from_keys(self) -> None:
        self.new()

    def edit_from_keys(self) -> None:
        self.edit()

    def delete_from_keys(self) -> None:
        self.delete()

    def _context_menu(self, point) -> None:
        menu = QMenu(self)
        for action in self.actions_by_name.values():
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(point))

    # --- the rows ---------------------------------------------------------------------------------------
    def current_uid(self) -> str | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(UID_ROLE) if item else None

    def select(self, uid: str | None) -> bool:
        for row in range(self.table.rowCount()):
            if uid and self.table.item(row, 0).data(UID_ROLE) == uid:
                self.table.selectRow(row)
                return True
        return False

    # --- acting -----------------------------------------------------------------------------------------
    def new(self) -> None:
        self._open(None)

    def edit(self) -> None:
        uid = self.current_uid()
        if uid:
            self._open(uid)

    def _open(self, uid: str | None) -> None:
        try:
            self.dialog = self._form(uid)
        except LookupError as error:  # removed on another PC meanwhile
            show_error(self, error)
            self.refresh()
            return
        self.dialog.accepted.connect(lambda: self._saved(self.dialog.uid))
        self.dialog.open()

    def _form(self, uid: str | None) -> QDialog:
        raise NotImplementedError

    def _saved(self, uid: str | None) -> None:
        raise NotImplementedError

    def delete(self) -> None:
        raise NotImplementedError

    def confirm_removal(self, title: str, text: str) -> bool:
        """Ask before a record is removed; Enter and Esc keep it."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=self)
        remove = box.addButton(self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.confirm_box = box
        box.exec()
        self.confirm_box = None
        return box.clickedButton() is remove
