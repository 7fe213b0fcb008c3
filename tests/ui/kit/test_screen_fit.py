"""Every entry form opens within the screen's usable area, its Save button on screen (1024×768 with a taskbar)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QRect, QSize

from agency_app.ui.kit import screen_fit
from agency_app.ui.kit.screen_fit import FRAME, fitted_size
from form_fixtures import drafts, shown  # noqa: F401

NOW = datetime(2025, 11, 20, 10, 0)
SMALL = QRect(0, 0, 1024, 768 - 40)   # 1024×768 at 100 % with the taskbar
SCALED = QRect(0, 0, 1093, 570)       # 1366×768 at 125 %: what Qt gets after scaling, taskbar left out


def test_a_wanted_size_shrinks_to_what_the_screen_leaves_but_not_below_the_minimum():
    assert fitted_size(QSize(980, 720), SMALL) == QSize(980, 728 - FRAME.height())
    assert fitted_size(QSize(880, 620), SMALL) == QSize(880, 620)  # fits: as wanted, no larger
    assert fitted_size(QSize(1200, 720), SCALED) == QSize(1093 - FRAME.width(), 570 - FRAME.height())
    assert fitted_size(QSize(880, 620), SCALED, QSize(500, 600)) == QSize(880, 600)


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


@pytest.mark.parametrize("screen", [SMALL, SCALED], ids=["1024x728", "1093x570"])
@pytest.mark.parametrize("kind", ["voice", "case", "customer", "elderly"])
def test_each_form_fits_the_usable_screen_with_its_save_button_on_it(qtbot, ops, staff, drafts, monkeypatch,
                                                                     kind, screen):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda _widget: screen)
    form = shown(qtbot, forms()[kind](ops, staff["sato"], drafts))
    assert form.width() + FRAME.width() <= screen.width(), kind
    assert form.height() + FRAME.height() <= screen.height(), kind
    save = form.save_button
    assert save.isVisible()
    where = QRect(save.mapTo(form, save.rect().topLeft()), save.size())
    assert form.rect().contains(where), (kind, where, form.rect())
