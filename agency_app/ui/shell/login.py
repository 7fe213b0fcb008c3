"""Staff picker at start: choose who you are from the active staff (type to filter by name or kana), or create the first manager."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QMessageBox, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.storage.errors import StorageError
from agency_app.storage.masters import MasterData, Staff
from agency_app.ui.kit.messages import storage_error_text

_UID = Qt.ItemDataRole.UserRole


def matches(staff: Staff, text: str) -> bool:
    """Type-to-filter: the typed text appears in the name or the kana (spaces ignored)."""
    needle = "".join(text.split())
    if not needle:
        return True
    return needle in "".join(staff.name.split()) or needle in "".join(staff.kana.split())


def pick_automatically(masters: MasterData, remembered: str | None) -> str:
    """For smoke tests and benchmarks: the remembered staff, else the first manager or staff, else a new manager."""
    staff = masters.staff()
    by_uid = {s.uid: s for s in staff}
    if remembered in by_uid:
        return remembered
    managers = [s for s in staff if s.is_manager]
    if managers or staff:
        return (managers or staff)[0].uid
    return masters.save_staff(name="管理者", kana="かんりしゃ", role=codes.ROLE_MANAGER,
                              branch_code=masters.store.home_branch)


class StaffPicker(QDialog):
    """Modal picker; `chosen_uid` holds the pick after accept()."""

    def __init__(self, masters: MasterData, remembered: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.masters = masters
        self.chosen_uid: str | None = None
        self.setWindowTitle(self.tr("Who are you?"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        self._staff = masters.staff()
        if self._staff:
            self._build_picker(layout, remembered)
        else:
            self._build_first_manager(layout)

    # --- picking from the list --------------------------------------------------------------
    def _build_picker(self, layout: QVBoxLayout, remembered: str | None) -> None:
        layout.addWidget(QLabel(self.tr("Choose your name. Type to narrow the list, Enter to start.")))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Name or kana"))
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(260)
        for member in self._staff:
            text = member.name + (f"（{member.kana}）" if member.kana else "")
            if member.team:
                text += f"  {member.team}"
            item = QListWidgetItem(text)
            item.setData(_UID, member.uid)
            self.list.addItem(item)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        self._select_uid(remembered)
        self.filter_edit.setFocus()

    def _select_uid(self, uid: str | None) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(_UID) == uid:
                self.list.setCurrentRow(row)
                return
        if self.list.count():
            self.list.setCurrentRow(0)

    def _apply_filter(self, text: str) -> None:
        first_visible = None
        for row, member in enumerate(self._staff):
            hidden = not matches(member, text)
            self.list.item(row).setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = row
        current = self.list.currentItem()
        if current is None or current.isHidden():
            if first_visible is None:
                self.list.setCurrentRow(-1)
            else:
                self.list.setCurrentRow(first_visible)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down in the filter box move through the list and Enter picks, so the hands stay on the keys."""
        if watched is self.filter_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self._step(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._accept_current()
                return True
        return super().eventFilter(watched, event)

    def _step(self, delta: int) -> None:
        row = self.list.currentRow()
        while True:
            row += delta
            if row < 0 or row >= self.list.count():
                return
            if not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.chosen_uid = item.data(_UID)
        self.accept()

    # --- no staff yet: create the first manager --------------------------------------------
    def _build_first_manager(self, layout: QVBoxLayout) -> None:
        intro = QLabel(self.tr("No staff are registered yet. Enter your name to start as the first manager. "
                               "You can add the other staff later under Master data."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.kana_edit = QLineEdit()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Kana"), self.kana_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Register and start"))
        buttons.accepted.connect(self._create_manager)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.name_edit.returnPressed.connect(self.kana_edit.setFocus)
        self.kana_edit.returnPressed.connect(self._create_manager)
        self.name_edit.setFocus()

    def _create_manager(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            QMessageBox.information(self, self.windowTitle(), self.tr("Please enter your name."))
            self.name_edit.setFocus()
            return
        try:
            self.chosen_uid = self.masters.save_staff(
                name=name, kana=self.kana_edit.text().strip(), role=codes.ROLE_MANAGER,
                branch_code=self.masters.store.home_branch)
        except StorageError as error:
            QMessageBox.warning(self, self.windowTitle(), storage_error_text(error))
            return
        self.accept()
