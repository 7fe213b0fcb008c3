"""The dialog shown while opening a database builds the voices' word index (after migration 0009): 「検索用の索引を作っています… 12%」."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

translate = QCoreApplication.translate  # lupdate finds translate("IndexProgress", "literal")


class _Dialog(QProgressDialog):
    """Esc and the title bar's ✕ would cancel (hide) a QProgressDialog for good while the indexing goes on."""

    def reject(self) -> None:
        pass

    def closeEvent(self, event) -> None:
        event.ignore()


class IndexProgress:
    """progress(done, total) for open_store: a dialog from the first call on, updated as voices are indexed.

    Opening runs on the UI thread before any window exists, so each call lets Qt paint the dialog.
    No cancel button: a stop (even a kill) loses nothing, the next opening continues where it stopped.
    """

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent
        self.dialog: QProgressDialog | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.dialog is None:
            dialog = self.dialog = _Dialog(self.parent)
            dialog.setWindowTitle(translate("IndexProgress", "Preparing the search"))
            dialog.setCancelButton(None)
            dialog.setRange(0, 100)
            dialog.setMinimumDuration(0)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
            dialog.setMinimumWidth(420)
            dialog.show()
        percent = done * 100 // total if total else 100
        self.dialog.setValue(percent)
        self.dialog.setLabelText(
            translate("IndexProgress", "Building the search index… {percent}%\n"
                                       "({total} voices, once after an update. If the application is closed,\n"
                                       "it continues from here next time.)").format(percent=percent,
                                                                                     total=f"{total:,}"))
        QApplication.processEvents()
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()  # not close(): the dialog refuses that (see _Dialog)
            self.dialog.deleteLater()
            self.dialog = None
