"""回覧 (monthly circulation): a month's voices of every team, issued by a manager, each member's 読みました, and who
has not read it yet (everyone sees that; the manager chases them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QComboBox, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
    QListWidgetItem, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from agency_app.domain.periods import now_tokyo
from agency_app.storage.circulations import month_of
from agency_app.ui.kit import labels
from agency_app.ui.kit.date_fields import display_date, display_datetime
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import Banner, without_enter_default

MONTHS_OFFERED = 13  # this month and the twelve before it
UID_ROLE = Qt.ItemDataRole.UserRole


def previous_month(day: date) -> str:
    first = day.replace(day=1)
    return month_of(date(first.year - (first.month == 1), (first.month - 2) % 12 + 1, 1))


def months_back(day: date, count: int = MONTHS_OFFERED) -> list[str]:
    """'2025-07', '2025-06', … — this month first."""
    year, month = day.year, day.month
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return out


class CirculationVoices(QAbstractTableModel):
    """The month's voices as the sheet lists them: when, team, kind, summary, status."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = []
        self._headers = [self.tr("Received"), self.tr("Team"), self.tr("Kind"), self.tr("Summary"),
                         self.tr("Status")]

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == UID_ROLE:
            return row["uid"]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            return row["summary"] if column == 3 else None
        return (display_datetime(row["received_at"]), row["team"] or "", labels.kind_label(row["kind"]),
                row["summary"], labels.status_label(row["status"]))[column]


class CirculationDialog(FollowsChanges, QDialog):
    """One month's circulation; non-modal (the voice list stays usable). Enter on a voice opens it (open_voice)."""

    open_voice = Signal(str)
    watched = ("circulations", "circulation_reads", "voices", "staff")

    def __init__(self, ops: Operations, staff_uid: str, *, clock=now_tokyo, month: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.clock = ops, staff_uid, clock
        self.circulation: dict | None = None
        self.readers: list = []
        self._writing = False
        self.setWindowTitle(self.tr("Monthly circulation"))
        self.banner = Banner(self)

        self.month_combo = QComboBox(self)
        month_label = QLabel(self.tr("&Month"), self)
        month_label.setBuddy(self.month_combo)
        self.state_label = QLabel(self)
        self.state_label.setWordWrap(True)
        self.issue_button = QPushButton(self.tr("&Issue the circulation"), self)
        self.read_button = QPushButton(self.tr("I have &read it"), self)
        self.preview_button = QPushButton(self.tr("Print preview… (Ctrl+P)"), self)
        self.pdf_button = QPushButton(self.tr("Save as PDF… (Ctrl+Shift+P)"), self)
        self.close_button = QPushButton(self.tr("Close (Esc)"), self)
        without_enter_default(self.issue_button, self.read_button, self.preview_button, self.pdf_button,
                              self.close_button)
        for button in (self.issue_button, self.read_button):
            button.setEnabled(False)  # until the month is read: what they may do is not known before
        top = QHBoxLayout()
        top.addWidget(month_label)
        top.addWidget(self.month_combo)
        top.addWidget(self.state_label, 1)
        top.addWidget(self.issue_button)

        self.model = CirculationVoices(self)
        self.voices = QTableView(self)
        self.voices.setModel(self.model)
        self.voices.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.voices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.voices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.voices.setTabKeyNavigation(False)
        self.voices.setWordWrap(False)
        self.voices.verticalHeader().hide()
        header = self.voices.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.voices.doubleClicked.connect(lambda index: self._open_voice(index.row()))
        self.voices.installEventFilter(self)
        self.count_label = QLabel(self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.count_label)
        left_layout.addWidget(self.voices, 1)

        self.readers_label = QLabel(self)
        self.readers_list = QListWidget(self)
        self.readers_label.setBuddy(self.readers_list)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.readers_label)
        right_layout.addWidget(self.readers_list, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([600, 300])

        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.read_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.preview_button)
        self.buttons.addWidget(self.pdf_button)
        self.buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.buttons)

        today = clock().date()
        for value in months_back(today):
            self.month_combo.addItem(self.month_text(value), value)
        self.select_month(month or previous_month(today))
        self.month_combo.currentIndexChanged.connect(lambda _i: self._month_chosen())
        self.issue_button.clicked.connect(self.issue)
        self.read_button.clicked.connect(self.confirm_read)
        self.preview_button.clicked.connect(self.print_preview)
        self.pdf_button.clicked.connect(self.save_pdf)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_preview)
        QShortcut(QKeySequence("Ctrl+Shift+P"), self, self.save_pdf)
        self.preview_dialog = None  # the print preview last opened (tests look at it)
        self._loaded_month: str | None = None  # the month whose voices and readers are shown
        self.close_button.clicked.connect(self.reject)
        self.follow_changes(ops)
        fit_to_screen(self, QSize(900, 560))
        self.refresh()

    # --- what is shown ---------------------------------------------------------------------
    def month_text(self, month: str) -> str:
        return self.tr("{month}/{year}").format(year=int(month[:4]), month=int(month[5:7]))

    def month(self) -> str:
        return self.month_combo.currentData()

    def select_month(self, month: str) -> None:
        """Show `month` (one issued long ago is added to the list)."""
        index = self.month_combo.findData(month)
        if index < 0:
            self.month_combo.addItem(self.month_text(month), month)
            index = self.month_combo.count() - 1
        self.month_combo.setCurrentIndex(index)

    def is_manager(self) -> bool:
        member = self.ops.read.masters.staff_member(self.staff_uid)
        return member is not None and member.is_manager

    def set_staff(self, uid: str) -> None:
        """Another person at the PC: 読みました is now theirs."""
        self.staff_uid = uid
        self.refresh()

    def _month_chosen(self) -> None:
        """Another month: nothing can be issued or confirmed until it is read (the buttons were the last month's)."""
        for button in (self.issue_button, self.read_button):
            button.setEnabled(False)
        self.refresh()

    def refresh(self) -> None:
        """Read the month's circulation, its voices and its readers (in a worker: a month can hold thousands)."""
        month = self.month()

        def read(data):
            found = data.circulations.for_month(month)
            readers = data.circulations.readers(found["uid"]) if found else []
            return found, data.circulations.voices(month), readers
        self.ops.query(self, read, key=("circulation", id(self))).success(
            lambda result: self._show(month, *result)).failure(
            lambda error: self.banner.show_message(known_error_text(error))).run()

    def _show(self, month: str, circulation: dict | None, voices: list[dict], readers: list) -> None:
        if month != self.month():
            return  # another month was chosen meanwhile: its own reading follows
        self.circulation, self.readers = circulation, readers
        self._loaded_month = month
        self.model.set_rows(voices)
        self.count_label.setText(self.tr("Voices of {month}: {count}").format(
            month=self.month_text(month), count=len(voices)))
        names = self.ops.read.staff_names()
        manager = self.is_manager()
        if circulation is None:
            self.state_label.setText(self.tr("Not issued yet.") + " " + (
                self.tr("Issue it when the month's voices are in.") if manager
                else self.tr("A manager issues it; then everyone confirms reading it here.")))
        else:
            self.state_label.setText(self.tr("Issued on {date} by {name}.").format(
                date=display_date(circulation["issued_on"]), name=names.get(circulation["issued_by"] or "", "")))
        self.issue_button.setVisible(circulation is None)
        self.issue_button.setEnabled(manager and circulation is None)
        self.issue_button.setToolTip("" if manager else self.tr("Only a manager can issue the circulation."))
        mine = next((r for r in readers if r.staff_uid == self.staff_uid), None)
        read_at = mine.read_at if mine is not None else None
        self.read_button.setEnabled(circulation is not None and mine is not None and read_at is None)
        self.read_button.setText(self.tr("Read on {when}").format(when=display_datetime(read_at)) if read_at
                                 else self.tr("I have &read it"))
        self._show_readers(readers)

    def _show_readers(self, readers: list) -> None:
        self.readers_list.clear()
        unread = [r for r in readers if r.read_at is None]
        if self.circulation is None:
            self.readers_label.setText(self.tr("Readers: shown once issued"))
            return
        self.readers_label.setText(self.tr("Not read yet: {unread} of {total}").format(
            unread=len(unread), total=len(readers)))
        for reader in readers:
            team = f"（{reader.team}）" if reader.team else ""
            # The name first: the list is narrow, and who it is matters more than when.
            if reader.read_at is None:
                text = self.tr("{name}{team}: not read").format(name=reader.name, team=team)
            else:
                text = self.tr("{name}{team}: read {when}").format(when=display_datetime(reader.read_at)[5:],
                                                                  name=reader.name, team=team)
            item = QListWidgetItem(text, self.readers_list)
            item.setData(UID_ROLE, reader.staff_uid)

    def unread_names(self) -> list[str]:
        return [r.name for r in self.readers if r.read_at is None]

    # --- acting ----------------------------------------------------------------------------
    def issue(self) -> None:
        """回覧を発行 (a manager): the month's circulation is recorded; everyone is then asked to read it."""
        if self._writing or self.circulation is not None or self._loaded_month != self.month():
            return  # (a month chosen but not read yet: whether it is issued is not known)
        if not self.is_manager():
            self.banner.show_message(self.tr("Only a manager can issue the circulation."))
            return
        month, by, now = self.month(), self.staff_uid, self.clock()
        self._write(lambda data: data.circulations.issue(month, by=by, now=now))

    def confirm_read(self) -> None:
        """読みました: the signed-in member confirms reading the month's circulation (once; the first time stays)."""
        if self._writing or self.circulation is None or self._loaded_month != self.month():
            return  # the circulation known is another month's: the one chosen is still being read
        uid, staff, now = self.circulation["uid"], self.staff_uid, self.clock()
        self._write(lambda data: data.circulations.confirm_read(uid, staff, now=now))

    def _write(self, work) -> None:
        self._writing = True
        self.banner.clear_message()

        def ended() -> None:
            self._writing = False
        # What was written comes back through the change signal (refresh); a refusal is said in the banner.
        # Issued or confirmed already on another PC, nothing is written and no signal comes: read it anew.
        self.ops.write(self, work).always(ended).success(lambda _result: self.refresh()).failure(
            lambda error: self.banner.show_message(known_error_text(error))).run()

    # --- the printed sheet ----------------------------------------------------------------
    def _document(self):
        """The month's sheet as shown (ui/printing/circulation_sheet.py); None until the month is read. Before it
        is issued the sheet has blank rows to sign by hand (readers None)."""
        if self._loaded_month != self.month():
            return None
        from agency_app.ui.printing.circulation_sheet import circulation_document  # Qt's printing: when asked
        return circulation_document(self.month(), self.model.rows,
                                    self.readers if self.circulation is not None else None)

    def print_preview(self) -> None:
        """印刷プレビュー (Ctrl+P): the A4 sheet as it will print; its printer button prints it."""
        document = self._document()
        if document is None:
            return
        self.preview_dialog = document.preview(self)
        self.preview_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview_dialog.open()

    def save_pdf(self) -> None:
        """PDFに保存 (Ctrl+Shift+P): for those who read it away from the application; the place is asked."""
        document = self._document()
        if document is None:
            return
        from agency_app.ui.printing.printed_document import PrintFailed
        folder = Path.home() / "Documents"
        suggested = (folder if folder.is_dir() else Path.home()) / f"回覧_{self.month()}.pdf"
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the circulation as PDF"), str(suggested),
                                                      self.tr("PDF (*.pdf)"))
        if not chosen:
            return
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(chosen + ".pdf")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = document.write_pdf(path)
        except PrintFailed as failed:
            self.banner.show_message(failed.message_ja)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.banner.show_message(self.tr("Saved as PDF ({pages} pages): {path}").format(pages=pages, path=path),
                                 "info")

    def _open_voice(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.open_voice.emit(self.model.rows[row]["uid"])

    def eventFilter(self, watched, event) -> bool:
        if watched is self.voices and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self._open_voice(self.voices.currentIndex().row())
            return True
        return super().eventFilter(watched, event)
