"""Fixtures of the sync screens: head office and two branches as database files (a cheap scrypt), head office's
operations as the app runs them (writes on the writer thread), a manager and a clerk at head office."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from agency_app.storage.masters import MasterData
from list_fixtures import make_ops
from tests.sync.sync_offices import cheap_key, head_office_and_branches  # noqa: F401 — autouse in this folder

@pytest.fixture
def offices(tmp_path):
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    hq.manager = MasterData(hq.store).save_staff(name="本部 花子", kana="ほんぶ はなこ", team="品質管理",
                                                 role="manager", branch_code="HQ")
    hq.clerk = hq.staff("本部 次郎")
    yield hq, yok, osa
    for office in (hq, yok, osa):
        office.close()


@pytest.fixture
def hq_ops(offices):
    return make_ops(offices[0].store)


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
