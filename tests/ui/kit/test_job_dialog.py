"""A long export in its dialog: progress off the UI thread, 中止 (Esc) leaves no file, 保存しました opens the folder,
a failure says why and offers another name, and a file the history cannot record is taken back."""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from agency_app.reports.excel.workbook_style import WorkbookSaveError
from agency_app.storage.errors import DiskFull
from agency_app.ui.kit import job_dialog as J


def write_small_workbook(path: Path, rows: int = 3) -> int:
    book = openpyxl.Workbook()
    for n in range(rows):
        book.active.append([f"行{n + 1}"])
    book.save(path)
    return rows


class Window(QWidget):
    def __init__(self):
        super().__init__()
        self.typing = QLineEdit(self)
        QVBoxLayout(self).addWidget(self.typing)


@pytest.fixture
def window(qtbot):
    w = Window()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def slow_job(started: threading.Event):
    """Writes a partial file, then steps until stopped (paced by a wait in the worker, not in the test)."""
    def job(_data, path: Path, control) -> int:
        path.write_bytes(b"half a workbook")
        started.set()
        done = 0
        while True:
            done += 1
            control.step(min(done, 999), 1000, "声の一覧を書いています")
            threading.Event().wait(0.002)
    return job


def test_stop_with_esc_during_a_slow_job_leaves_no_file_and_the_window_keeps_responding(qtbot, file_ops, window,
                                                                                       tmp_path):
    target = tmp_path / "報告.xlsx"
    started = threading.Event()
    recorded = []
    dialog = J.JobDialog(file_ops, window, "出力", target, job=slow_job(started),
                         record=lambda *args: recorded.append(args))
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.value() > 0 and dialog.what.text() == "声の一覧を書いています")
    assert dialog.stop_button.isVisible() and not dialog.close_button.isVisible()
    # The window is not frozen: typed text reaches it while the job runs (the dialog is window-modal, so the
    # typing goes straight to the field, as a second window of the app would receive it).
    qtbot.keyClicks(window.typing, "still here")
    assert window.typing.text() == "still here" and dialog.state == "running"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: dialog.state == "stopped")
    assert not target.exists() and recorded == [] and not dialog.isVisible()
    qtbot.waitUntil(file_ops.is_idle)


def test_stop_keeps_a_file_that_was_there_before(qtbot, file_ops, window, tmp_path):
    target = tmp_path / "前回.xlsx"
    target.write_bytes(b"last quarter's")

    def job(_data, path, control):
        while True:
            control.step(1, 10, "集計しています")
            threading.Event().wait(0.002)
    dialog = J.JobDialog(file_ops, window, "出力", target, job=job)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.bar.maximum() == 10)
    qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state == "stopped")
    assert target.read_bytes() == b"last quarter's"


def test_saved_says_the_file_name_records_it_and_opens_its_folder(qtbot, file_ops, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(J, "open_folder", lambda folder: opened.append(folder))
    target = tmp_path / "KPI公表資料_2025年度.xlsx"
    recorded = []
    dialog = J.JobDialog(file_ops, window, "出力", target, job=lambda _data, path, _control: write_small_workbook(path),
                         record=lambda _data, path, rows: recorded.append((path, rows)))
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "saved")
    assert recorded == [(target, 3)] and dialog.rows == 3
    assert "KPI公表資料_2025年度.xlsx" in dialog.message.text()
    assert dialog.open_button.isVisible() and dialog.close_button.isVisible() and not dialog.stop_button.isVisible()
    dialog.open_button.setFocus()
    qtbot.keyClick(dialog.open_button, Qt.Key.Key_Space)
    assert opened == [tmp_path]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc now closes
    assert not dialog.isVisible() and target.exists()


def test_a_file_open_in_excel_is_said_and_another_name_saves_the_same_export(qtbot, file_ops, window, tmp_path):
    locked, other = tmp_path / "報告.xlsx", tmp_path / "報告_2.xlsx"
    message = "ファイルが Excel で開かれているため保存できません。Excel で閉じてから、もう一度保存してください。"

    def job(_data, path, _control):
        if path == locked:
            raise WorkbookSaveError(path, message)
        return write_small_workbook(path)
    dialog = J.JobDialog(file_ops, window, "出力", locked, job=job, choose_path=lambda old: other)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "failed")
    assert dialog.message.text() == message and dialog.message.isVisible()
    assert dialog.other_button.isVisible() and dialog.other_button.hasFocus()
    qtbot.keyClick(dialog.other_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.state == "saved")
    assert dialog.path == other and openpyxl.load_workbook(other).active["A1"].value == "行1"


def test_a_storage_error_is_said_in_japanese(qtbot, file_ops, window, tmp_path):
    def job(_data, path, _control):
        raise DiskFull("disk full")
    dialog = J.JobDialog(file_ops, window, "出力", tmp_path / "x.xlsx", job=job)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "failed")
    assert dialog.message.text() == J.failure_text(DiskFull("disk full")) != ""
    assert not dialog.other_button.isVisible() and dialog.close_button.hasFocus()


def test_an_export_the_history_cannot_record_is_taken_back(qtbot, file_ops, window, tmp_path):
    target = tmp_path / "個人情報あり.xlsx"

    def record(_data, _path, _rows):
        raise DiskFull("disk full")
    dialog = J.JobDialog(file_ops, window, "出力", target, job=lambda _d, path, _c: write_small_workbook(path),
                         record=record)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "failed")
    assert not target.exists()
    assert J.failure_text(DiskFull("disk full")) in dialog.message.text()


def test_enter_presses_the_button_the_keyboard_is_on_once_the_job_has_ended(qtbot, file_ops, window, tmp_path):
    locked, other = tmp_path / "報告.xlsx", tmp_path / "報告_2.xlsx"

    def job(_data, path, _control):
        if path == locked:
            raise WorkbookSaveError(path, "開かれています")
        return write_small_workbook(path)
    dialog = J.JobDialog(file_ops, window, "出力", locked, job=job, choose_path=lambda old: other)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.state == "failed")
    qtbot.keyClick(dialog.other_button, Qt.Key.Key_Return)  # 別の名前で保存…
    qtbot.waitUntil(lambda: dialog.state == "saved")
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)  # 閉じる
    assert not dialog.isVisible() and other.exists()
