"""A program error never vanishes: its traceback is in the log file, typed text is kept, one calm dialog says so."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMessageBox, QPushButton

from agency_app import logs
from agency_app.ui.shell import crash_dialog
from agency_app.ui.shell.crash_dialog import CrashDialog
from agency_app.ui.shell.error_handling import install_error_handling
from agency_app.ui.voices.voice_form import VoiceFormDialog, draft_key
from form_fixtures import drafts, ime_type, shown  # noqa: F401

# pytest-qt would catch exceptions in slots itself; these tests are about the app's own hook.
pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def handling(qapp, japanese):
    installed = install_error_handling(qapp)
    yield installed
    installed.uninstall()


def crash_dialogs() -> list[CrashDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]


def shown_dialog(qtbot) -> CrashDialog:
    qtbot.waitUntil(lambda: len(crash_dialogs()) == 1, timeout=3000)
    return crash_dialogs()[0]


def text_of(dialog: CrashDialog) -> str:
    """What a person reads in the dialog: its visible labels, the log file's path and the buttons."""
    widgets = dialog.findChildren(QLabel) + dialog.findChildren(QLineEdit) + dialog.findChildren(QPushButton)
    return "\n".join(w.text() for w in widgets if w.isVisible())


def log_text() -> str:
    return logs.current_log_file().read_text(encoding="utf-8-sig")


def button_with(qtbot, *slots) -> QPushButton:
    button = QPushButton("保存")
    qtbot.addWidget(button)
    for slot in slots:
        button.clicked.connect(slot)
    button.show()
    return button


def broken_save():
    raise ZeroDivisionError("division by zero in broken_save")


def test_an_error_in_a_clicked_slot_is_logged_and_explained_calmly(qtbot, handling):
    button = button_with(qtbot, broken_save)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    dialog = shown_dialog(qtbot)
    assert "Traceback" in log_text() and "in broken_save" in log_text()
    assert "ZeroDivisionError: division by zero in broken_save" in log_text()
    text = text_of(dialog)
    assert "保存済みのデータは失われていません" in text
    assert "下書き" in text and "このまま作業を続けられます" in text
    assert str(logs.current_log_file()) in text
    assert "ZeroDivisionError" in text  # one line for support on the phone
    assert dialog.windowTitle() == "プログラムのエラー"


def test_the_copy_button_puts_the_traceback_and_versions_on_the_clipboard(qtbot, handling):
    qtbot.mouseClick(button_with(qtbot, broken_save), Qt.MouseButton.LeftButton)
    dialog = shown_dialog(qtbot)

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)

    copied = QApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied and "in broken_save" in copied
    assert f"AgencyVoice {logs.__version__}" in copied and "PySide6 6." in copied and "Qt 6." in copied
    assert str(logs.current_log_file()) in copied
    assert "コピーしました" in text_of(dialog)


def test_the_log_folder_button_opens_the_folder(qtbot, handling, monkeypatch):
    opened = []
    monkeypatch.setattr(crash_dialog, "open_folder", opened.append)
    qtbot.mouseClick(button_with(qtbot, broken_save), Qt.MouseButton.LeftButton)

    qtbot.mouseClick(shown_dialog(qtbot).open_button, Qt.MouseButton.LeftButton)

    assert opened == [logs.current_log_file().parent]


def test_the_app_keeps_running_after_the_dialog(qtbot, handling):
    saved = []
    button = button_with(qtbot, broken_save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(shown_dialog(qtbot).close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not crash_dialogs())

    button.clicked.disconnect()
    button.clicked.connect(lambda: saved.append(True))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert saved == [True]


def test_a_burst_of_errors_opens_one_dialog_that_counts_them(qtbot, handling):
    def broken_again():
        raise KeyError("another")

    def broken_third():
        raise ValueError("a third")
    qtbot.mouseClick(button_with(qtbot, broken_save, broken_again, broken_third), Qt.MouseButton.LeftButton)

    dialog = shown_dialog(qtbot)
    qtbot.waitUntil(lambda: "さらに 2 件" in text_of(dialog), timeout=3000)
    assert len(crash_dialogs()) == 1
    assert all(name in log_text() for name in ("ZeroDivisionError", "KeyError: 'another'", "ValueError: a third"))
    dialog.copy_details()
    assert all(name in QApplication.clipboard().text() for name in ("ZeroDivisionError", "KeyError", "ValueError"))


def test_an_error_repeating_by_itself_is_logged_once_and_does_not_come_straight_back(qtbot, handling):
    button = button_with(qtbot, broken_save)
    for _ in range(12):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = shown_dialog(qtbot)
    qtbot.waitUntil(lambda: "さらに 11 件" in text_of(dialog), timeout=3000)
    assert log_text().count("Traceback") == 1
    assert "the same program error again (10 times so far)" in log_text()

    dialog.close()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the same error at once: logged only
    qtbot.mouseClick(button_with(qtbot, lambda: {}["other"]), Qt.MouseButton.LeftButton)  # a new one: shown
    assert "KeyError: 'other'" in text_of(shown_dialog(qtbot))


def test_an_error_in_a_worker_thread_reaches_the_dialog_on_the_ui_thread(qtbot, handling):
    def work():
        raise OSError("the network drive went away during the export")
    worker = threading.Thread(target=work, name="export-worker")

    worker.start()
    worker.join()

    dialog = shown_dialog(qtbot)
    assert dialog.thread() is QApplication.instance().thread()
    assert "program error in thread export-worker" in log_text()
    assert "OSError: the network drive went away during the export" in log_text()
    assert "OSError" in text_of(dialog)


@pytest.fixture
def voice_form(qtbot, ops, staff, drafts, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # closing a typed-in form at teardown asks: no one answers
    return shown(qtbot, VoiceFormDialog(ops, staff["sato"], drafts=drafts))


def test_an_error_keeps_what_is_typed_in_an_open_form_as_a_draft(qtbot, handling, voice_form, staff, drafts):
    form = voice_form
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "電話中のメモ")
    assert drafts.load(draft_key(staff["sato"])) is None  # the draft timer has not fired yet

    QTimer.singleShot(0, broken_save)  # an error elsewhere, from the event loop

    shown_dialog(qtbot)
    assert drafts.load(draft_key(staff["sato"]))["form"]["summary"] == "電話中のメモ"


def test_an_error_that_ends_the_program_says_so_and_waits_to_be_read(qtbot, handling):
    code = compile("def start():\n    raise RuntimeError('the main window could not be built')\nstart()\n",
                   "launcher.py", "exec")
    try:
        exec(code, {"__name__": "__main__"})  # as the bundle's launcher script at the top of the program
    except RuntimeError as error:
        caught = error
    seen = []

    def read_and_close():
        for dialog in crash_dialogs():
            seen.append(text_of(dialog))
            dialog.close_button.click()
    QTimer.singleShot(0, read_and_close)

    handling.excepthook(RuntimeError, caught, caught.__traceback__.tb_next)  # the frames below the test's own

    assert "アプリを終了します" in seen[0] and "保存済みのデータは失われていません" in seen[0]
    assert "the main window could not be built" in log_text()


@pytest.mark.qt_log_ignore("Painter not active")
def test_qt_warnings_reach_the_log_with_their_level(qtbot, handling):
    QPainter().end()  # Qt warns: QPainter::end: Painter not active, aborted

    assert any(" WARNING " in line and " qt: QPainter::end: Painter not active" in line
               for line in log_text().splitlines())
    assert not crash_dialogs()  # a Qt warning is not a program error


def test_a_program_error_while_saving_leaves_the_form_open_to_typing_with_its_draft(qtbot, handling, voice_db,
                                                                                     file_ops, drafts, monkeypatch):
    """The dialog says nothing typed was lost: the form must not stay locked, where closing it offers only to
    discard what was typed."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # closing a typed-in form at teardown asks
    _store, staff, _uids = voice_db
    form = shown(qtbot, VoiceFormDialog(file_ops, staff["sato"], drafts=drafts))
    form.inputs["summary"].setFocus()
    ime_type(form.inputs["summary"], "保存中に不具合")

    def broken_write(_data, _entry):
        raise KeyError("a bug in the save")
    form._write = broken_write
    form.save()
    shown_dialog(qtbot).close()
    assert form.isVisible() and form.inputs["summary"].isEnabled()
    assert form.inputs["summary"].text() == "保存中に不具合"
    assert drafts.load(draft_key(staff["sato"]))["form"]["summary"] == "保存中に不具合"
