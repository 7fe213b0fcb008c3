"""The Excel import dialog, driven from the keyboard: file, columns, values, dry run, 取り込む, 中止 and failures."""

from __future__ import annotations

import pytest
from import_fakes import NO_HEADER, FakeImporter, locked, make_workbook
from list_fixtures import settle
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from agency_app.reports.excel.sheet_import import REJECT, ImportChoices
from agency_app.storage.errors import DiskFull
from agency_app.ui.excel_in import import_dialog as D
from agency_app.ui.excel_in.import_dialog import (
    COLUMNS_STEP, FILE_STEP, REVIEW_STEP, VALUES_STEP, ImportDialog, open_import_dialog, save_template_dialog,
)

ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def fake(monkeypatch):
    # A dialog still open at a test's end is closed by qtbot: it would ask (a modal box) before throwing a plan away.
    monkeypatch.setattr(D, "confirm_close", lambda parent: True)
    return FakeImporter(monkeypatch)


@pytest.fixture
def book(tmp_path):
    return make_workbook(tmp_path / "voices.xlsx")


def shown(qtbot, ops, target="voices", staff="staff-1", settings=None):
    dialog = ImportDialog(ops, staff, target, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # the keyboard is the dialog's, as when it opens over the window
    return dialog


def choose_file(qtbot, dialog, path, ops=None):
    """Typed as a person would (QTest types ASCII only: the tests' file names are ASCII)."""
    dialog.path_edit.setFocus()
    qtbot.keyClicks(dialog.path_edit, str(path))
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)
    if ops is not None:
        settle(qtbot, ops)


def key(qtbot, dialog, letter, modifier=ALT):
    """Alt+letter where the keyboard is (a button's letter clicks it a moment later, as Qt animates the press)."""
    target = QApplication.focusWidget() or dialog
    qtbot.keyClick(target, letter, modifier)


def test_a_chosen_file_is_planned_and_its_dry_run_shown(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    assert fake.plans == [ImportChoices()]  # the first sheet, as the importer finds it
    assert [dialog.sheet_combo.itemText(i) for i in range(dialog.sheet_combo.count())] == ["声", "表紙"]
    # Unknown values come first: the dialog opens the step that needs the user, its first box under the keyboard.
    assert dialog.tabs.currentIndex() == VALUES_STEP
    assert QApplication.focusWidget() is next(iter(dialog._value_combos.values()))
    assert dialog.counts_label.text() == "To import: 2   Already imported: 1   Skipped: 2   Cannot import: 3"
    key(qtbot, dialog, Qt.Key.Key_R)
    assert dialog.tabs.currentIndex() == REVIEW_STEP
    model = dialog.rows_view.model()
    assert model.rowCount() == 8
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [5, 6, 7, 8, 9, 10, 11, 12]
    assert model.index(5, 1).data() == "Cannot import"
    assert model.index(5, 3).data() == "種別「クレーム」がわかりません"
    key(qtbot, dialog, Qt.Key.Key_P)  # only rows with problems or notes
    qtbot.waitUntil(dialog.only_problems.isChecked)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [6, 10, 11, 12]
    assert fake.applied == []  # nothing written by the dry run


def test_changing_a_column_plans_again_with_the_override(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    key(qtbot, dialog, Qt.Key.Key_C)
    assert dialog.tabs.currentIndex() == COLUMNS_STEP
    first = dialog._column_combos["受付日"]
    assert QApplication.focusWidget() is first and first.currentText() == "受付日"
    qtbot.keyClick(first, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # back up: the step tabs above
    assert QApplication.focusWidget() is dialog.tabs.tabBar()
    qtbot.keyClick(dialog.tabs.tabBar(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Up)  # 受付日 → 使わない
    settle(qtbot, ops)
    assert fake.plans[-1].column_overrides == {"受付日": ""}
    assert dialog._column_combos["受付日"].currentData() == ""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # Tab goes down the columns, in screen order
    kind = dialog._column_combos["種別"]
    assert QApplication.focusWidget() is kind
    qtbot.keyClick(kind, Qt.Key.Key_Down)
    settle(qtbot, ops)
    assert fake.plans[-1].column_overrides == {"受付日": "", "種別": "category"}
    assert len(fake.plans) == 3


def test_mapping_an_unknown_value_plans_again_and_the_rows_become_importable(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    combo = dialog._value_combos[("kind", "クレーム")]
    assert QApplication.focusWidget() is combo
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # (選んでください) → お褒め
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # → ご不満
    settle(qtbot, ops)
    assert fake.plans[-1].value_mapping == {"kind": {"クレーム": "dissatisfaction"}}
    assert dialog.counts_label.text() == "To import: 5   Already imported: 1   Skipped: 2   Cannot import: 0"
    # The mapped value left the plan's unknowns but stays on screen, chosen, with the keyboard still on it.
    assert dialog._value_combos[("kind", "クレーム")].currentText() == "ご不満"
    assert QApplication.focusWidget() is dialog._value_combos[("kind", "クレーム")]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    category = dialog._value_combos[("category", "手続き")]
    assert QApplication.focusWidget() is category
    qtbot.keyClick(category, Qt.Key.Key_Down)
    settle(qtbot, ops)
    assert fake.plans[-1].value_mapping == {"kind": {"クレーム": "dissatisfaction"}, "category": {"手続き": "手続・事務"}}
    assert not [row for row in dialog.plan.rows if row.action == REJECT]
    qtbot.keyClick(category, Qt.Key.Key_Up)  # back to (選んでください): the value is unmapped again
    settle(qtbot, ops)
    assert fake.plans[-1].value_mapping == {"kind": {"クレーム": "dissatisfaction"}}


def test_a_sheet_without_a_header_row_says_so_on_the_columns_step(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    key(qtbot, dialog, Qt.Key.Key_F)
    key(qtbot, dialog, Qt.Key.Key_S)
    assert QApplication.focusWidget() is dialog.sheet_combo
    qtbot.keyClick(dialog.sheet_combo, Qt.Key.Key_Down)
    settle(qtbot, ops)
    assert fake.plans[-1] == ImportChoices(sheet="表紙")
    key(qtbot, dialog, Qt.Key.Key_C)
    assert dialog.plan_message.isVisible() and dialog.plan_message.text() == NO_HEADER
    assert dialog.counts_label.text() == NO_HEADER
    assert not dialog.import_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert fake.applied == []


def test_a_new_file_with_no_header_opens_on_the_columns_step(qtbot, ops, fake, tmp_path):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, make_workbook(tmp_path / "cover_only.xlsx", sheets=("表紙",)), ops)
    assert dialog.tabs.currentIndex() == COLUMNS_STEP
    assert dialog.plan_message.text() == NO_HEADER


@pytest.mark.parametrize("name, content, words", [
    ("old.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600, "古い Excel 形式（.xls）"),
    ("list.csv", "受付日,内容\n".encode(), "CSV です"),
    ("broken.xlsx", b"not a workbook", "壊れている"),
    ("absent.xlsx", None, "見つかりません"),
])
def test_a_file_that_cannot_be_read_is_said_in_the_dialog(qtbot, ops, fake, tmp_path, name, content, words):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, path, ops)
    assert dialog.banner.isVisible() and words in dialog.banner.text() and name in dialog.banner.text()
    assert dialog.tabs.currentIndex() == FILE_STEP and QApplication.focusWidget() is dialog.path_edit
    assert dialog.path_edit.text() == str(path)  # kept, to fix
    assert fake.plans == [] and not dialog.import_button.isEnabled()


def test_a_workbook_open_in_excel_is_said_in_the_dialog(qtbot, ops, fake, book):
    fake.plan_error = locked(book)
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    assert "ほかのアプリ（Excel など）で開かれている" in dialog.banner.text()
    fake.plan_error = None
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Return)  # closed in Excel: Enter reads it again
    settle(qtbot, ops)
    assert not dialog.banner.isVisible() and dialog.plan is not None


def test_import_writes_the_plan_as_the_logged_in_staff_and_says_what_it_did(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops, staff="sato-uid")
    choose_file(qtbot, dialog, book, ops)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # クレーム → お褒め
    settle(qtbot, ops)
    key(qtbot, dialog, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert len(fake.applied) == 1
    plan, by = fake.applied[0]
    assert by == "sato-uid" and plan is dialog.plan
    assert plan.choices.value_mapping == {"kind": {"クレーム": "praise"}}
    assert dialog.banner.text() == "Imported: 5 added, 1 already imported, 2 skipped, 0 not imported."
    assert not dialog.import_button.isEnabled()  # once: a second press adds nothing
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(fake.applied) == 1
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # imported: closes without asking
    assert not dialog.isVisible()


def test_a_failed_import_keeps_every_choice_and_can_be_tried_again(qtbot, ops, fake, book):
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    settle(qtbot, ops)
    key(qtbot, dialog, Qt.Key.Key_C)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    settle(qtbot, ops)
    chosen = fake.plans[-1]
    fake.fail_with = DiskFull("disk full")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, ops)
    assert len(fake.applied) == 1
    assert "Nothing was imported; your choices are kept." in dialog.banner.text()
    assert "not enough free disk space" in dialog.banner.text()
    assert dialog.choices() == chosen
    assert dialog._column_combos["受付日"].currentData() == ""
    assert dialog._value_combos[("kind", "クレーム")].currentData() == "praise"
    assert dialog.import_button.isEnabled() and dialog.result is None
    fake.fail_with = None
    key(qtbot, dialog, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: dialog.result is not None)
    assert len(fake.applied) == 2 and dialog.result is not None
    assert fake.applied[1][0].choices == chosen


def test_stop_ends_the_import_with_nothing_written_and_the_dialog_kept(qtbot, file_ops, fake, book):
    fake.hold_apply = True
    dialog = shown(qtbot, file_ops)
    choose_file(qtbot, dialog, book, file_ops)
    assert dialog.plan is not None
    key(qtbot, dialog, Qt.Key.Key_I)
    qtbot.waitUntil(lambda: dialog.stop_button.isVisible() and fake.apply_started.is_set())
    assert not dialog.import_button.isEnabled() and not dialog.tabs.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.maximum() == 1000)  # the importer's own progress
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Esc does not stop or close a running import
    assert dialog.isVisible() and not fake.stopped
    key(qtbot, dialog, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: fake.stopped and file_ops.is_idle())
    assert dialog.banner.text() == "Stopped. Nothing was imported; your choices are kept."
    assert dialog.result is None and dialog.import_button.isEnabled() and not dialog.stop_button.isVisible()
    assert dialog.tabs.isEnabled()


def test_plans_run_off_the_window_thread(qtbot, file_ops, fake, book):
    dialog = shown(qtbot, file_ops)
    choose_file(qtbot, dialog, book)
    assert not dialog.import_button.isEnabled()  # a plan on its way is never imported half-known
    assert dialog.counts_label.text() == "Reading the sheet…"
    settle(qtbot, file_ops)
    assert dialog.import_button.isEnabled()


def test_a_plan_on_its_way_is_never_imported(qtbot, file_ops, fake, book):
    dialog = shown(qtbot, file_ops)
    choose_file(qtbot, dialog, book, file_ops)
    assert dialog.import_button.isEnabled()
    key(qtbot, dialog, Qt.Key.Key_C)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # a re-plan starts in a worker
    assert not dialog.import_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, file_ops)
    assert fake.applied == [] and dialog.import_button.isEnabled()
    assert dialog.plan.choices.column_overrides == {"受付日": ""}


def test_esc_asks_before_a_plan_is_thrown_away(qtbot, ops, fake, book, monkeypatch):
    asked = []
    monkeypatch.setattr(D, "confirm_close", lambda parent: asked.append(parent) or answer[0])
    answer = [False]
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert asked == [dialog] and dialog.isVisible()
    answer[0] = True
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_esc_closes_at_once_when_nothing_was_planned(qtbot, ops, fake, monkeypatch):
    monkeypatch.setattr(D, "confirm_close", lambda parent: pytest.fail("asked for nothing"))
    dialog = shown(qtbot, ops)
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_browse_remembers_the_folder(qtbot, ops, fake, book, app_settings, monkeypatch):
    offered = []

    def pick(parent, title, folder, filters):
        offered.append(folder)
        return str(book), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(pick))
    dialog = shown(qtbot, ops, settings=app_settings)
    key(qtbot, dialog, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: dialog.plan is not None)
    assert dialog.path_edit.text() == str(book)
    again = shown(qtbot, ops, settings=app_settings)
    key(qtbot, again, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: len(offered) == 2)
    assert offered[1] == str(book.parent)


def test_the_window_opens_it_for_its_logged_in_staff(qtbot, window, fake):
    open_import_dialog(window, window.ops, "survey_answers")
    dialog = window.findChild(ImportDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.staff_uid == window.staff_uid and dialog.target == "survey_answers"
    assert dialog.windowTitle() == "Import from Excel: Survey answers"
    qtbot.keyClick(dialog.path_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(ImportDialog) is None)  # deleted once closed


def test_the_blank_template_asks_which_and_where(qtbot, ops, fake, tmp_path, monkeypatch, app_settings):
    class Window:
        settings = app_settings

    infos = []
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("KPI results", True)))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "ひな形"), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: infos.append(a[2])))
    save_template_dialog(None)
    assert fake.templates == [(tmp_path / "ひな形.xlsx", "kpi_results")]
    assert infos and str(tmp_path / "ひな形.xlsx") in infos[0]
    save_template_dialog(None, "voices")  # a target given: no question
    assert fake.templates[-1][1] == "voices"


def test_in_japanese_every_step_has_its_own_alt_letters(qtbot, ops, fake, book, japanese):
    import re
    from PySide6.QtWidgets import QAbstractButton, QLabel
    dialog = shown(qtbot, ops)
    choose_file(qtbot, dialog, book, ops)
    assert dialog.counts_label.text() == "取り込む 2件 / 取り込み済み 1件 / 読み飛ばす 2件 / 取り込めない 3件"
    for step in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(step)
        letters = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
        letters += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)]
        letters += [w.text() for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog) and w.buddy()]
        found = [m.group(1).upper() for text in letters for m in [re.search(r"&([^&\s])", text)] if m]
        assert len(found) == len(set(found)), (step, found)
