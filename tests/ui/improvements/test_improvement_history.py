"""An improvement's history as a manager reads it (R11): Japanese field names, names and titles, no codes."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from agency_app.domain import codes
from agency_app.domain.workflow import StatusChange
from agency_app.ui.improvements.improvements_page import ImprovementsPage
from form_fixtures import drafts, shown  # noqa: F401
from test_improvements_page import LATER, improvements, never_block  # noqa: F401

UID = re.compile(r"[0-9a-f]{32}")


def test_every_row_reads_in_words(qtbot, ops, store, staff, drafts, improvements, japanese):
    repo, uids, voices = improvements
    repo.change_status(uids["notice"], StatusChange(codes.STATUS_DROPPED, close_reason="仕組みを変えた"),
                       by=staff["sato"], now=LATER)
    repo.unlink_voice(uids["notice"], voices["other_team"], by=staff["sato"], now=LATER)
    page = shown(qtbot, ImprovementsPage(ops, staff["sato"], drafts=drafts, clock=lambda: LATER))
    page.show_record(uids["notice"])
    qtbot.waitUntil(lambda: page.detail.uid == uids["notice"])
    model = page.detail.history_model
    cells = [model.data(model.index(r, c), Qt.ItemDataRole.ToolTipRole) or model.data(model.index(r, c)) or ""
             for r in range(model.rowCount()) for c in range(5)]
    assert not [cell for cell in cells if UID.search(cell)]
    assert not [cell for cell in cells if re.search(r"\b(new|dropped|HQ)\b", cell)]  # 本部, 見送り
    assert not [model.data(model.index(r, 2)) for r in range(model.rowCount())
                if re.search("[A-Za-z]", model.data(model.index(r, 2)))]
