"""Every form, dialog and the main window fit the usable screen (1024×768, 1366×768 at 125 %), Save on screen."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QScrollArea

from agency_app.ui.kit import screen_fit
from agency_app.ui.kit.screen_fit import FRAME, centred, fitted_size, placed
from form_fixtures import drafts, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)
SMALL = QRect(0, 0, 1024, 768 - 40)   # 1024×768 at 100 % with the taskbar
SCALED = QRect(0, 0, 1093, 570)       # 1366×768 at 125 %: what Qt gets after scaling, taskbar left out


def test_a_wanted_size_shrinks_to_what_the_screen_leaves_even_below_the_layouts_minimum():
    assert fitted_size(QSize(980, 720), SMALL) == QSize(980, 728 - FRAME.height())
    assert fitted_size(QSize(880, 620), SMALL) == QSize(880, 620)  # fits: as wanted, no larger
    assert fitted_size(QSize(1200, 720), SCALED) == QSize(1093 - FRAME.width(), 570 - FRAME.height())
    assert fitted_size(QSize(880, 500), SMALL, QSize(500, 600)) == QSize(880, 600)  # the minimum, if it fits
    # Taller than the screen: the screen wins (the fields scroll), or Save would sit under the taskbar.
    assert fitted_size(QSize(880, 620), SCALED, QSize(500, 600)) == QSize(880, 570 - FRAME.height())


def test_a_window_is_moved_so_that_all_of_its_frame_is_on_the_screen():
    assert placed(QRect(600, 300, 500, 500), SMALL) == QPoint(1024 - 500, 728 - 500)
    assert placed(QRect(-20, -5, 500, 400), SCALED) == QPoint(0, 0)
    assert placed(QRect(100, 50, 500, 400), SCALED) == QPoint(100, 50)  # on screen: left where it is


def forms():
    from agency_app.ui.cases.case_form import CaseFormDialog
    from agency_app.ui.customers.customer_form import CustomerFormDialog
    from agency_app.ui.elderly.elderly_form import ElderlySaleDialog
    from agency_app.ui.voices.voice_form import VoiceFormDialog
    return {
        "voice": lambda ops, uid, drafts: VoiceFormDialog(ops, uid, drafts=drafts),
        "case": lambda ops, uid, drafts: CaseFormDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
        "customer": lambda ops, uid, drafts: CustomerFormDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
        "elderly": lambda ops, uid, drafts: ElderlySaleDialog(ops, uid, drafts=drafts, clock=lambda: NOW),
    }


@pytest.fixture
def windows_font(qapp):
    """Text as tall as Windows' Japanese UI font draws it (Yu Gothic UI at 125 %): taller than the test font."""
    before = QApplication.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * 1.4)
    QApplication.setFont(font)
    yield
    QApplication.setFont(before)


@pytest.mark.parametrize("screen", [SMALL, SCALED], ids=["1024x728", "1093x570"])
@pytest.mark.parametrize("kind", ["voice", "case", "customer", "elderly"])
def test_each_form_fits_the_usable_screen_with_its_save_button_on_it(qtbot, ops, staff, drafts, monkeypatch,
                                                                     windows_font, kind, screen):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    form = shown(qtbot, forms()[kind](ops, staff["sato"], drafts))
    assert form.windowFlags() & Qt.WindowType.WindowMaximizeButtonHint  # the user can give it the whole screen
    assert form.width() + FRAME.width() <= screen.width(), kind
    assert form.height() + FRAME.height() <= screen.height(), kind
    save = form.save_button
    assert save.isVisible()
    where = QRect(save.mapTo(form, save.rect().topLeft()), save.size())
    assert form.rect().contains(where), (kind, where, form.rect())


def test_tabbing_back_from_save_into_fields_below_the_visible_part_scrolls_them_into_view(
        qtbot, ops, staff, drafts, monkeypatch, windows_font):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: QRect(0, 0, 1093, 400))
    form = shown(qtbot, forms()["voice"](ops, staff["sato"], drafts))
    scroll = form.findChild(QScrollArea)
    assert scroll.verticalScrollBar().maximum() > 0  # the fields do not all fit: they scroll
    form.inputs["received_at"].setFocus()
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().value() == 0)
    form.save_button.setFocus()
    QTest.keyClick(form.save_button, Qt.Key.Key_Backtab)  # Shift+Tab: back to the last field, at the bottom
    last = form.inputs["callback_staff_id"]
    assert QApplication.focusWidget() is last
    where = QRect(last.mapTo(scroll.viewport(), last.rect().topLeft()), last.size())
    assert scroll.viewport().rect().contains(where), where


@pytest.mark.parametrize("screen", [SMALL, SCALED], ids=["1024x728", "1093x570"])
def test_the_main_window_and_every_tab_fit_the_usable_screen(qtbot, window, monkeypatch, windows_font, screen):
    room = QSize(screen.width() - FRAME.width(), screen.height() - FRAME.height())
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)  # a page is built when first opened
        page = window.tabs.widget(index)
        hint = page.minimumSizeHint()
        assert hint.width() <= room.width() and hint.height() <= room.height(), (index, hint)
    hint = window.minimumSizeHint()
    assert hint.width() <= room.width() and hint.height() <= room.height(), hint


def other_dialogs():
    from agency_app.ui.cases.checklist_template_dialog import ChecklistTemplateDialog
    from agency_app.ui.elderly.elderly_rules_dialog import ElderlyRulesDialog
    from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
    from agency_app.ui.shell.callbacks_panel import CallbacksDialog
    from agency_app.ui.shell.master_data_dialog import MasterDataDialog
    from test_alt_letters import dialogs  # the status, call-back and relative-contact dialogs, as built there

    def dialog(kind):
        return lambda ops, store, staff: dialogs()[kind](ops, store, staff["sato"])
    return {
        **{kind: dialog(kind) for kind in ("callback", "voice done", "voice drop", "case done", "relative")},
        "checklist templates": lambda ops, store, staff: ChecklistTemplateDialog(ops, staff["manager"]),
        "elderly rules": lambda ops, store, staff: ElderlyRulesDialog(ops, staff["manager"], clock=lambda: NOW),
        "history": lambda ops, store, staff: HistoryDialog("history", "heading", RecordHistoryModel(str, {})),
        "callbacks": lambda ops, store, staff: CallbacksDialog(ops, staff["sato"], NOW.date(), now=NOW),
        "staff and branches": lambda ops, store, staff: MasterDataDialog(ops, staff["manager"]),
    }


@pytest.mark.parametrize("screen", [SMALL, SCALED], ids=["1024x728", "1093x570"])
@pytest.mark.parametrize("kind", ["callback", "voice done", "voice drop", "case done", "relative",
                                  "checklist templates", "elderly rules", "history", "callbacks", "staff and branches"])
def test_every_other_dialog_fits_the_usable_screen_and_can_be_maximised(qtbot, ops, store, staff, monkeypatch,
                                                                       windows_font, kind, screen):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    dialog = shown(qtbot, other_dialogs()[kind](ops, store, staff))
    assert dialog.width() + FRAME.width() <= screen.width(), kind
    assert dialog.height() + FRAME.height() <= screen.height(), kind
    assert dialog.windowFlags() & Qt.WindowType.WindowMaximizeButtonHint, kind
    save = getattr(dialog, "save_button", None)
    if save is not None:
        where = QRect(save.mapTo(dialog, save.rect().topLeft()), save.size())
        assert dialog.rect().contains(where), (kind, where, dialog.rect())


def test_where_the_screen_has_room_the_case_done_dialog_shows_its_open_steps_without_scrolling(
        qtbot, ops, store, staff, monkeypatch):
    """The banner says to tick the open steps: the list is in view, not scrolled out of a dialog left at the
    height it has without them (the fields scroll only on a screen too small for them)."""
    screen = QRect(0, 0, 1366, 768 - 40)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    dialog = shown(qtbot, other_dialogs()["case done"](ops, store, staff))
    steps = dialog.open_steps
    assert steps is not None and steps.count() > 0  # the case's checklist still has open steps
    scroll = dialog.findChild(QScrollArea)
    where = QRect(steps.mapTo(scroll.viewport(), steps.rect().topLeft()), steps.size())
    assert scroll.viewport().rect().contains(where), (where, scroll.viewport().rect())
    assert dialog.height() + FRAME.height() <= screen.height()


@pytest.mark.parametrize("kind", ["voice", "case", "customer", "elderly", "voice done", "relative"])
def test_tab_from_cancel_goes_round_to_the_fields_never_to_the_invisible_scroll_area(
        qtbot, ops, store, staff, drafts, kind):
    """The frameless FieldScroll shows nothing of itself: as a Tab stop it would take the focus out of sight."""
    make = forms()[kind] if kind in forms() else None
    window = shown(qtbot, make(ops, staff["sato"], drafts) if make else other_dialogs()[kind](ops, store, staff))
    fields = window.findChild(QScrollArea).widget()
    window.cancel_button.setFocus()
    QTest.keyClick(window.cancel_button, Qt.Key.Key_Tab)
    assert fields.isAncestorOf(QApplication.focusWidget()), (kind, QApplication.focusWidget())


@pytest.mark.parametrize("screen", [SMALL, SCALED], ids=["1024x728", "1093x570"])
def test_the_case_done_dialog_of_a_long_checklist_keeps_save_on_the_screen(qtbot, ops, store, staff, monkeypatch,
                                                                             windows_font, screen):
    """A template may have 30 steps: the banner naming each open one must not push Save under the taskbar."""
    from agency_app.domain import cases as C
    from agency_app.domain.cases import CaseInput
    from agency_app.storage.cases import CaseRepository
    from agency_app.storage.checklist_templates import ChecklistTemplates
    from agency_app.ui.cases.case_status_dialog import CaseStatusDialog
    from agency_app.domain import codes
    ChecklistTemplates(store).save(C.ADDRESS_CHANGE, [f"確認事項その{n}" for n in range(1, C.TEMPLATE_MAX_STEPS + 1)],
                                   by=staff["manager"], now=NOW)
    uid = CaseRepository(store).create(CaseInput(case_type=C.ADDRESS_CHANGE, title="転居の住所変更",
                                                 opened_on="2025-11-20", due_date="2025-11-25",
                                                 assignee_id=staff["sato"]), by=staff["sato"], now=NOW)
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    dialog = shown(qtbot, CaseStatusDialog(ops, staff["sato"], uid, codes.STATUS_DONE, clock=lambda: NOW))
    assert dialog.open_steps.count() == C.TEMPLATE_MAX_STEPS
    assert dialog.height() + FRAME.height() <= screen.height(), dialog.height()
    save = dialog.save_button
    where = QRect(save.mapTo(dialog, save.rect().topLeft()), save.size())
    assert dialog.rect().contains(where), (where, dialog.rect())
    dialog.save()  # nothing ticked: refused, the open steps named again
    qtbot.waitUntil(lambda: dialog.isEnabled() and dialog.banner.isVisible())
    QApplication.processEvents()  # the layout's request to grow (a posted event), if the banner made one
    assert dialog.height() + FRAME.height() <= screen.height(), dialog.height()
    where = QRect(save.mapTo(dialog, save.rect().topLeft()), save.size())
    assert dialog.rect().contains(where), (where, dialog.rect())


def test_a_window_is_centred_in_the_usable_area_never_above_or_left_of_it():
    assert centred(QSize(1000, 500), QRect(0, 0, 1366, 728)) == QPoint(183, 114)
    assert centred(QSize(1093, 570), SCALED) == QPoint(0, 0)  # the whole area: its top-left corner
    assert centred(QSize(1200, 600), QRect(-1024, 40, 1024, 728)) == QPoint(-1024, 104)  # a left monitor, taskbar on top


@pytest.mark.parametrize("screen", [QRect(0, 0, 1093, 570), QRect(200, 60, 1024, 728)], ids=["scaled", "offset"])
def test_the_main_window_opens_whole_on_the_usable_screen_the_first_time(qtbot, voice_db, app_settings, tmp_path,
                                                                         monkeypatch, screen):
    """No saved geometry (the first start): Windows would place the window at its cascade offset, and a window as big
    as the usable area would then have its status bar under the taskbar; it is placed within the area instead.
    Read before it is shown: the offscreen platform has a screen of its own it would move the window onto."""
    from agency_app.ui.shell.main_window import MainWindow
    from list_fixtures import SettledDrafts, make_ops
    store, staff, _uids = voice_db
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    window = MainWindow(make_ops(store), staff["sato"], settings=app_settings, drafts=SettledDrafts(tmp_path / "d"),
                        reminders=False, clock=lambda: NOW, debounce_ms=0)
    qtbot.addWidget(window)
    try:
        frame = QRect(window.pos(), window.size() + FRAME)
        assert screen.contains(frame), (frame, screen)
    finally:
        window.search.shutdown()


def test_a_maximised_window_is_left_maximised_when_it_is_fitted_again(qtbot, monkeypatch):
    """A refused save fits the case done dialog again (its list of open steps grows): a user who maximised it to
    see the steps keeps it so."""
    from PySide6.QtWidgets import QDialog
    from agency_app.ui.kit.screen_fit import fit_to_screen
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: SMALL)
    dialog = QDialog()
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, QSize(400, 300))
    dialog.showMaximized()
    qtbot.waitUntil(dialog.isMaximized)
    fit_to_screen(dialog, QSize(500, 350))
    assert dialog.isMaximized()
