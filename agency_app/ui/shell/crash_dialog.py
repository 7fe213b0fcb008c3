"""The calm dialog after a program error: what happened in plain words, that the work is safe, where the log is, copy the details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QApplication, QDialog, QHBoxLayout, QLabel, QLayout, QLineEdit, QPushButton, QStyle, QVBoxLayout, QWidget,
)

MAX_DETAILS = 5  # errors whose details are copied; any after them are counted (all are in the log)
TEXT_WIDTH_EM = 34  # full-width characters a line: reads calmly, and a usual log file path fits


def open_folder(folder: Path) -> bool:
    """Show the folder in the file manager (Explorer on Windows)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class CrashDialog(QDialog):
    """One program error (and any that follow while it is open): staff read that nothing saved was lost and
    can keep working; support gets the details (traceback, versions) through the copy button or the log."""

    def __init__(self, summary: str, details: str, *, log_file: Path | None, log_folder: Path,
                 ends_program: bool = False, parent=None):
        super().__init__(parent)
        self.log_folder = log_folder
        self.details = [details]
        self.more = 0  # errors after the first, while the dialog was open
        self.setWindowTitle(self.tr("Program error"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)  # usable even above another modal dialog

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(40, 40))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.headline = QLabel(self.tr("An error in the program stopped what you were doing."))
        bold = QFont(self.headline.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.headline.setFont(bold)
        self.safe = QLabel(self.tr(
            "Everything already saved is safe. What you were typing in open forms has been kept as a draft; "
            "it comes back when you open the form again."))
        self.next_step = QLabel(self.tr("The app has to close. Please start it again.") if ends_program else self.tr(
            "You can go on working. If the same error keeps coming back, close the app and start it again."))
        self.where = QLabel(self.tr("The details were written to the log file:"))
        # A path has no spaces to wrap at: a read-only line scrolls instead, and its text can be copied.
        self.path = QLineEdit(str(log_file or log_folder))
        self.path.setReadOnly(True)
        self.path.setFrame(False)
        self.path.setCursorPosition(0)
        self.path.setToolTip(self.path.text())
        self.support = QLabel(self.tr(
            "If you contact support, press \"Copy details\" and paste them into your e-mail."))
        self.summary = QLabel(self.tr("Error: {summary}").format(summary=summary))
        self.summary.setStyleSheet("color: #6b6b6b;")
        self.more_label = QLabel()
        self.more_label.hide()
        for label in (self.headline, self.safe, self.next_step, self.where, self.support, self.summary,
                      self.more_label):
            label.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.open_button = QPushButton(self.tr("Open log folder"))
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.close_button = QPushButton(self.tr("Close"))
        self.copied = QLabel(self.tr("Copied."))
        self.copied.hide()
        for button in (self.open_button, self.copy_button):
            button.setAutoDefault(False)
        self.close_button.setDefault(True)
        self.open_button.clicked.connect(lambda: open_folder(self.log_folder))
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button.clicked.connect(self.accept)

        # A fixed text width: the wrapped Japanese lines then have one height, and the dialog grows when a
        # line appears (more errors) instead of squeezing the lines together.
        column = QWidget()
        column.setFixedWidth(self.fontMetrics().horizontalAdvance("あ") * TEXT_WIDTH_EM)
        text = QVBoxLayout(column)
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(8)
        for widget in (self.headline, self.safe, self.next_step):
            text.addWidget(widget)
        text.addSpacing(4)
        where = QVBoxLayout()
        where.setSpacing(2)
        where.addWidget(self.where)
        where.addWidget(self.path)
        text.addLayout(where)
        for widget in (self.support, self.summary, self.more_label):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(icon)
        top.addWidget(column)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.copied)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.setSpacing(16)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.close_button.setFocus()

    def add(self, details: str) -> None:
        """Another error while the dialog is open: counted here, its details kept for copying (the first few)."""
        self.more += 1
        if len(self.details) < MAX_DETAILS:
            self.details.append(details)
        self.more_label.setText(self.tr("Errors since this one: {count}. All are in the log.").format(count=self.more))
        self.more_label.show()

    def details_text(self) -> str:
        text = "\n\n".join(self.details)
        left_out = 1 + self.more - len(self.details)
        return text + (f"\n\n… and {left_out} more error(s): see the log." if left_out else "")

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details_text())
        self.copied.show()
