"""Test data and helpers for the list and main-window tests (imported by conftest.py and the tests)."""

from __future__ import annotations

from datetime import datetime, timedelta

from agency_app.domain.voice import VoiceInput
from agency_app.storage.drafts import DraftStore
from agency_app.storage.voices import VoiceRepository
from agency_app.ui.kit.draft_writer import draft_writer

NOW = datetime(2025, 11, 20, 10, 0)  # a Thursday in 2025年度 下期 (as tests/conftest.py FIXED_NOW)
TODAY = NOW.date()
# What the offscreen platform says about window-manager requests it cannot pass on (not our bug).
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise)\(\)"


# (kind, is_complaint, status, customer, summary, days before NOW, due offset days, callback)
VOICES = [
    ("dissatisfaction", True, "new", "山田 太郎", "満期案内の連絡が遅い", 10, 3, None),        # overdue
    ("dissatisfaction", False, "in_progress", "佐々木 花", "更新手続きの書類が多い", 2, 3, "today"),
    ("praise", False, "done", "伊藤 誠", "事故対応が親切だった", 20, 7, None),
    ("praise", False, "new", "加藤 真理", "説明が丁寧だった", 1, 7, None),
    ("request", False, "new", "吉田 茂", "土曜日も窓口を開けてほしい", 3, 7, None),
    ("other", False, "dropped", None, "住所変更の手続きについて問合せ", 30, 7, None),
    ("praise", False, "new", "中村 由美", "保険金の支払いが早かった", 0, 7, None),
    ("dissatisfaction", False, "new", "小林 誠", "電話の折り返しがなかった", 40, 3, None),       # overdue
]


class SettledDrafts(DraftStore):
    """A DraftStore whose reads first wait for the draft writer's queue (written off the UI thread), so a
    test reads what the form handed over, without sleeping."""

    def load(self, key):
        draft_writer().drain()
        return super().load(key)

    def keys(self):
        draft_writer().drain()
        return super().keys()

    def saved_at(self, key):
        draft_writer().drain()
        return super().saved_at(key)


def add_voices(store, by: str, rows=VOICES, now: datetime = NOW) -> list[str]:
    repo = VoiceRepository(store)
    uids = []
    for kind, complaint, status, customer, summary, ago, due_days, callback in rows:
        received = now - timedelta(days=ago, hours=1)
        entry = VoiceInput(
            received_at=received.strftime("%Y-%m-%d %H:%M"), kind=kind, is_complaint=complaint,
            customer_name=customer or "", summary=summary, body=f"{summary}。詳しくは担当まで。",
            assignee_id=by, due_date=(received + timedelta(days=due_days)).strftime("%Y-%m-%d"),
            callback_at=(now.replace(hour=14, minute=0).strftime("%Y-%m-%d %H:%M")
                         if callback == "today" else ""),
            callback_staff_id=by if callback else "")
        uid = repo.create(entry, by=by, now=now)
        if status != "new":
            _move(store, uid, status)
        uids.append(uid)
    return uids


def _move(store, uid: str, status: str) -> None:
    """Put a test voice straight into a status (the workflow rules are tested elsewhere)."""
    with store.write():
        store.conn.execute("UPDATE voices SET status = ?, version = version + 1 WHERE uid = ?", (status, uid))


# Operations made by a test; conftest's autouse fixture shuts them down after it (threads, read connections).
MADE_OPERATIONS: list = []


def make_ops(store, **options):
    """The operations over `store` as app.py makes them: threaded for a file, at once for an in-memory database."""
    from agency_app.storage.services import Services
    from agency_app.ui.kit.operations import Operations
    ops = Operations(Services(store), **options)
    MADE_OPERATIONS.append(ops)
    return ops


def settle(qtbot, ops, timeout: int = 5000) -> None:
    """Until every write and query the operations run has finished and delivered (never a fixed sleep)."""
    qtbot.waitUntil(ops.is_idle, timeout=timeout)


def make_window(qtbot, store, staff_uid, app_settings, tmp_path, **kwargs):
    from agency_app.ui.shell.main_window import MainWindow
    window = MainWindow(make_ops(store), staff_uid, settings=app_settings, drafts=SettledDrafts(tmp_path / "drafts"),
                        reminders=kwargs.pop("reminders", False), clock=kwargs.pop("clock", lambda: NOW),
                        debounce_ms=kwargs.pop("debounce_ms", 0), **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot, window)
    return window


def wait_idle(qtbot, window, timeout: int = 5000) -> None:
    """Until the last search has delivered its rows, count and anchors, and every write and query is done."""
    qtbot.waitUntil(lambda: window.ops.is_idle() and window.search.is_idle() and window._count is not None,
                    timeout=timeout)
