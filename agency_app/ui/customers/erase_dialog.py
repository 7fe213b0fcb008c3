"""個人情報を消去…: a manager erases one customer's personal data on their request (R31), after saying why and typing
the customer's name to confirm; it cannot be undone."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from agency_app.domain.erasure import REASON_MAX
from agency_app.storage.drafts import DraftStore
from agency_app.storage.erasure import Erasure, erase_customer
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.widgets import Banner


def _folded(text: str) -> str:
    """A name as compared for the confirmation: spaces of either width ignored (山田太郎 = 山田 太郎)."""
    return "".join(text.split())


class EraseCustomerDialog(QDialog):
    """Names the customer, says calmly what is erased and that it cannot be undone; the reason is required and the
    customer's name is typed as the second confirmation. Nothing typed is lost on a refusal: the dialog stays."""

    erased = Signal(object)  # the Erasure, once written

    def __init__(self, ops: Operations, staff_uid: str, customer_uid: str, customer_name: str, *,
                 drafts: DraftStore | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.customer_uid, self.customer_name = ops, staff_uid, customer_uid, customer_name
        self.drafts = drafts
        self.setWindowTitle(self.tr("Erase personal data"))
        self.setModal(True)
        self.heading = heading = QLabel(self.tr("Customer: {name}").format(name=customer_name), self)
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explain = explain = QLabel(self.tr(
            "At the customer's request, these are replaced by \"erased\":\n"
            "- name, kana, date of birth, phone number, address and notes\n"
            "- their relatives' contacts\n"
            "- their name, phone number and address in voices, cases and other records\n"
            "  (in the change history too)\n"
            "The erasure itself is recorded: who, when and why. Counts do not change.\n\n"
            "This cannot be undone."), self)
        explain.setWordWrap(True)
        self.banner = Banner(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("e.g. Requested by the customer by phone on 2 March"))
        reason_label = QLabel(self.tr("&Reason (required, recorded in the history)"), self)
        reason_label.setBuddy(self.reason)
        self.name_edit = QLineEdit(self)
        name_label = QLabel(self.tr("To confirm, type the customer's &name:"), self)
        name_label.setBuddy(self.name_edit)
        buttons = QDialogButtonBox(self)
        self.erase_button = QPushButton(self.tr("&Erase"), self)
        buttons.addButton(self.erase_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Enter in the name field erases only when the name is typed: checked on press, as every field is.
        self.erase_button.setDefault(True)
        self.erase_button.clicked.connect(self.try_erase)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, explain, self.banner, reason_label, self.reason, name_label, self.name_edit, buttons):
            layout.addWidget(widget)
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.resize(560, 440)
        self.running = False

    def problem(self) -> tuple[str, QWidget] | None:
        """What stops the erasure as typed (said where the user is looking), or None."""
        reason = self.reason.toPlainText().strip()
        if not reason:
            return self.tr("Enter the reason for the erasure: it is recorded in the history."), self.reason
        if len(reason) > REASON_MAX:
            return self.tr("The reason can be at most {max} characters.").format(max=REASON_MAX), self.reason
        if _folded(self.name_edit.text()) != _folded(self.customer_name):
            return self.tr("To confirm, type the customer's name exactly as shown: {name}").format(
                name=self.customer_name), self.name_edit
        return None

    def try_erase(self) -> None:
        if self.running:
            return
        found = self.problem()
        if found:
            text, where = found
            self.banner.show_message(text)
            where.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.banner.clear_message()
        self.running = True
        self.erase_button.setEnabled(False)
        reason, uid, by, drafts = self.reason.toPlainText(), self.customer_uid, self.staff_uid, self.drafts
        self.ops.write(self, lambda data: erase_customer(data.store, uid, reason, by=by, drafts=drafts)) \
            .success(self._done).failure(self._failed).with_progress(self.tr("Erasing personal data…")).run()

    def reject(self) -> None:
        """Esc or Cancel: not while the erasure runs (it completes whatever is pressed; its end must be seen)."""
        if not self.running:
            super().reject()

    def _done(self, done: Erasure) -> None:
        self.running = False
        self.erased.emit(done)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self.erase_button.setEnabled(True)
        self.banner.show_message(known_error_text(error))
