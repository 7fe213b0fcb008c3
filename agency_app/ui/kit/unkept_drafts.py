"""What is said when a form's typing could not be kept as a draft and the form was about to close: a staff
switch stops, closing the program asks first — each on the form concerned, brought forward."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from agency_app.ui.kit.form_drafts import draft_error_reason
from agency_app.ui.kit.style import widen_message_box

# A plain alias: pyside6-lupdate finds translate("Context", "literal") calls, not wrappers.
translate = QCoreApplication.translate


def bring_forward(form: QWidget) -> None:
    form.raise_()
    form.activateWindow()


def say_switch_stopped(form: QWidget) -> None:
    """The staff switch stopped: the form stays open, to be saved or cancelled by the person who typed it."""
    bring_forward(form)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("UnkeptDrafts", "Staff not switched"),
                      translate("UnkeptDrafts", "What you typed could not be saved as a draft ({reason}).\n"
                                                "This form stays open: please save it (Ctrl+Enter) or cancel "
                                                "it (Esc) first, then switch staff.").format(
                          reason=draft_error_reason(form)),
                      QMessageBox.StandardButton.Ok, form)
    widen_message_box(box)
    box.exec()


def confirm_quit_losing(form: QWidget) -> bool:
    """Closing the program would lose the form's typing: True = quit anyway; False (the default, Esc) = stay,
    with the form brought forward."""
    bring_forward(form)
    box = QMessageBox(QMessageBox.Icon.Warning, translate("UnkeptDrafts", "Quit?"),
                      translate("UnkeptDrafts", "What you typed could not be saved as a draft ({reason}). "
                                                "If you quit now, what you typed will be lost.").format(
                          reason=draft_error_reason(form)), parent=form)
    widen_message_box(box)
    stay = box.addButton(translate("UnkeptDrafts", "Do not quit"), QMessageBox.ButtonRole.RejectRole)
    quit_anyway = box.addButton(translate("UnkeptDrafts", "Quit"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    if box.clickedButton() is quit_anyway:
        return True
    bring_forward(form)  # the box has gone: the form, not the main window, has the keyboard
    return False
