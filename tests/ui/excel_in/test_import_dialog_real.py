"""The import dialog with the real importer (reports/excel/sheet_import): a messy sheet built here, mapped, tried,
imported, and imported again — driven from the keyboard as a clerk would."""

from __future__ import annotations

from datetime import datetime

import pytest
from list_fixtures import settle
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from agency_app.ui.excel_in import import_dialog as D
from agency_app.ui.excel_in.import_dialog import REVIEW_STEP, VALUES_STEP, ImportDialog

ALT = Qt.KeyboardModifier.AltModifier


def messy_sheet(path):
    book = Workbook()
    sheet = book.active
    sheet.title = "お客様の声"
    sheet["A1"] = "2025年度 お客様の声 一覧"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["受付日", "種別", "分類", "内容", "対応状況", "備考"])
    sheet.append(["令和7年4月1日", "不満", "", "電話がつながらない", "対応中", ""])
    sheet.append([datetime(2025, 4, 2), "社内連絡", "", "書類の不備が二度あった", "対応中", "至急"])
    sheet.append([])
    sheet.append(["２０２５/４/３", "感謝", "", "説明が丁寧だった", "対応中", ""])
    sheet.append(["R7.4.4", "社内連絡", "", "+81 の番号から電話", "対応中", ""])
    sheet.append(["合計", 4])
    book.save(path)
    return path


@pytest.fixture
def sheet(tmp_path):
    return messy_sheet(tmp_path / "koe.xlsx")


def voices(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM voices").fetchone()[0]


def shown(qtbot, ops, staff):
    dialog = ImportDialog(ops, staff, "voices")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def choose(qtbot, dialog, path, ops):
    dialog.path_edit.setFocus()
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    settle(qtbot, ops)


def test_a_messy_sheet_is_mapped_tried_imported_and_a_second_import_adds_nothing(qtbot, file_ops, voice_db, sheet,
                                                                                   monkeypatch):
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    before = voices(store)
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, sheet, file_ops)
    plan = dialog.plan
    assert plan is not None and not plan.message, dialog.banner
    assert [u.value for u in plan.unknown_values] == ["社内連絡"]
    assert dialog.tabs.currentIndex() == VALUES_STEP
    combo = QApplication.focusWidget()
    assert combo is dialog._value_combos[("kind", "社内連絡")]
    # the clerk picks 不満 for クレーム with the keyboard
    target = next(i for i in range(combo.count()) if combo.itemData(i) == "dissatisfaction")
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    settle(qtbot, file_ops)
    assert dialog.value_mapping == {"kind": {"社内連絡": "dissatisfaction"}}
    plan = dialog.plan
    assert plan.count("add") == 4 and plan.count("reject") == 0, [r.line for r in plan.rows]
    assert voices(store) == before  # the dry run wrote nothing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, ALT)
    assert dialog.tabs.currentIndex() == REVIEW_STEP
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert dialog.result is not None and dialog.result.added == 4
    assert voices(store) == before + 4
    row = store.conn.execute("SELECT summary FROM voices WHERE summary LIKE '+81%'").fetchone()
    assert row[0].startswith("+81")  # stored as typed; the export writes it as text
    dialog.close()

    again = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, again, sheet, file_ops)
    # The mapping is the file's own: asked again, chosen again.
    combo = again._value_combos[("kind", "社内連絡")]
    combo.setFocus()
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    settle(qtbot, file_ops)
    assert again.plan.count("already") == 4 and again.plan.count("add") == 0
    assert not again.import_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert voices(store) == before + 4


def test_the_content_column_does_not_repeat_the_row_number(qtbot, file_ops, voice_db, sheet, monkeypatch):
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, sheet, file_ops)
    model = dialog.rows_model
    lines = [model.index(r, 2).data() for r in range(model.rowCount())]
    assert lines and not any("行目" in line for line in lines), lines


def test_two_columns_with_the_same_heading_each_show_what_they_feed(qtbot, file_ops, voice_db, tmp_path,
                                                                    monkeypatch):
    """Agencies' sheets often have 備考 twice: the first feeds a field, the second is not used — each box says so."""
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    book = Workbook()
    book.active.append(["受付日", "種別", "内容", "備考", "備考"])
    book.active.append(["2025/4/1", "不満", "電話がつながらない", "折り返し済", "田中"])
    path = tmp_path / "twice.xlsx"
    book.save(path)
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, path, file_ops)
    columns = dialog.plan.columns
    assert [h for h, _f in columns] == ["受付日", "種別", "内容", "備考", "備考"]
    first, second = columns[3][1], columns[4][1]
    assert first and second is None
    boxes = [dialog.columns_grid.itemAtPosition(row, 1).widget() for row in range(1, len(columns) + 1)]
    assert [box.currentData() or None for box in boxes] == [field for _h, field in columns]


def test_imported_voices_reach_the_window_list_and_the_history(qtbot, window, voice_db, sheet, monkeypatch):
    from list_fixtures import wait_idle
    from agency_app.ui.excel_in.import_dialog import ImportDialog as Dialog
    store, staff, _uids = voice_db
    wait_idle(qtbot, window)
    before = window._count
    window.import_actions["voices"].trigger()
    dialog = window.findChildren(Dialog)[-1]
    qtbot.waitUntil(dialog.isVisible)
    choose(qtbot, dialog, sheet, window.ops)
    dialog.value_mapping = {"kind": {"社内連絡": "other"}}
    dialog._replan()
    settle(qtbot, window.ops)
    assert dialog.plan.count("add") == 4
    dialog.start_import()
    settle(qtbot, window.ops)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window._count == before + 4)
    row = store.conn.execute("SELECT created_by, rows_added FROM imports").fetchone()
    assert tuple(row) == (staff["sato"], 4)
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)


def test_a_column_of_free_text_as_values_does_not_freeze_the_window(qtbot, file_ops, voice_db, tmp_path,
                                                                    monkeypatch):
    """A 分類 column written freely (or 内容 mapped to 分類 by mistake) gives a value per row: the window made a box
    for each — 10,000 values held the window for two minutes. The most frequent are listed, and the rest said."""
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    book = Workbook()
    book.active.append(["受付日", "種別", "分類", "内容"])
    for i in range(3000):
        book.active.append(["2025/4/1", "不満", f"分類その{i}", f"内容 {i}"])
    path = tmp_path / "free.xlsx"
    book.save(path)
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, path, file_ops)
    assert len(dialog.plan.unknown_values) == 3000
    assert len(dialog._value_combos) == D.MAX_VALUE_ROWS < 3000
    assert f"{3000 - D.MAX_VALUE_ROWS:,}" in dialog.values_hint.text()


def test_after_importing_what_was_ready_the_rest_can_be_mapped_and_imported(qtbot, file_ops, voice_db, sheet):
    """Import the rows that are ready, then choose what 社内連絡 means for the rest: the new dry run says 取り込む 2件,
    and 取り込む must do it (it stayed greyed until the dialog was closed and the file chosen again)."""
    store, staff, _uids = voice_db
    before = voices(store)
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, sheet, file_ops)
    assert (dialog.plan.count("add"), dialog.plan.count("reject")) == (2, 2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert dialog.result.added == 2 and voices(store) == before + 2
    combo = dialog._value_combos[("kind", "社内連絡")]
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("other"))
    settle(qtbot, file_ops)
    assert (dialog.plan.count("add"), dialog.plan.count("already")) == (2, 2)
    assert dialog.import_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert dialog.result.added == 2 and voices(store) == before + 4
    with qtbot.waitSignal(dialog.rejected, timeout=1000):  # all done: Esc closes without asking
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)


def test_tab_never_stops_where_nothing_shows_focus(qtbot, file_ops, voice_db, sheet, monkeypatch):
    """On 列の対応 and 値の対応, Tab after the last box stopped on the scrolling area around the boxes: nothing showed
    the focus, and the next Tab seemed lost."""
    from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, sheet, file_ops)
    for letter in (Qt.Key.Key_C, Qt.Key.Key_V):
        qtbot.keyClick(QApplication.focusWidget(), letter, ALT)
        seen = []
        for _ in range(12):
            seen.append(QApplication.focusWidget())
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert not [w for w in seen if isinstance(w, QScrollArea)], [type(w).__name__ for w in seen]


def test_a_failure_half_way_writes_nothing_and_keeps_the_choices_for_a_retry(qtbot, file_ops, voice_db, sheet,
                                                                            monkeypatch):
    from agency_app.reports.excel import sheet_import
    from agency_app.storage.errors import DiskFull
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    store, staff, _uids = voice_db
    before = voices(store)
    dialog = shown(qtbot, file_ops, staff["sato"])
    choose(qtbot, dialog, sheet, file_ops)
    combo = dialog._value_combos[("kind", "社内連絡")]
    combo.setFocus()
    combo.setCurrentIndex(combo.findData("other"))
    settle(qtbot, file_ops)
    real_insert, calls = sheet_import.records.insert_row, []

    def full_on_the_third(conn, table, values):
        calls.append(table)
        if len(calls) == 3:
            raise DiskFull("disk full")
        return real_insert(conn, table, values)
    monkeypatch.setattr(sheet_import.records, "insert_row", full_on_the_third)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert voices(store) == before  # all or none
    assert dialog.result is None and dialog.banner.isVisible()
    assert dialog.value_mapping == {"kind": {"社内連絡": "other"}}
    assert dialog._value_combos[("kind", "社内連絡")].currentData() == "other"
    monkeypatch.setattr(sheet_import.records, "insert_row", real_insert)
    dialog.import_button.setFocus()
    qtbot.keyClick(dialog.import_button, Qt.Key.Key_I, ALT)
    qtbot.waitUntil(lambda: dialog.result is not None)
    settle(qtbot, file_ops)
    assert dialog.result.added == 4 and voices(store) == before + 4
