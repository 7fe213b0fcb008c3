"""The slow tier's kill -9 loop: a writer saving voices is killed at random moments, 200 times; every save it
acknowledged is still there, the file passes its integrity check, and the history is whole and its seal unbroken."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agency_app.storage import history_check
from agency_app.storage.database import check_integrity, open_store
from agency_app.storage.masters import MasterData, initialise

ROUNDS = int(os.environ.get("AGENCY_KILL_ROUNDS", "200"))
WRITER = Path(__file__).with_name("kill_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _writer(path: Path, staff: str, seed: int) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, str(WRITER), str(path), staff, str(seed)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _kill_after(writer: subprocess.Popen, acknowledged: int, rng: random.Random) -> list[str]:
    """Read `acknowledged` saves, then kill -9 a random moment later (mid-save, most often); the lines read."""
    lines = []
    while len(lines) < acknowledged:
        line = writer.stdout.readline()
        if not line:  # the writer died by itself: a bug, shown with its error
            raise AssertionError(f"writer stopped: {writer.stderr.read()}")
        lines.append(line.split())
    # Not a wait for something: the random instant of the power cut, within one or two saves.
    time.sleep(rng.uniform(0, 0.03))
    writer.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
    rest, _ = writer.communicate()  # saves acknowledged between reading and the kill count too
    lines += [line.split() for line in rest.splitlines() if line.strip()]
    return lines


@pytest.mark.slow
def test_kill_9_during_saves_loses_no_acknowledged_write(tmp_path):
    path = tmp_path / "agency.db"
    store = open_store(path)
    initialise(store)
    staff = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
    store.close()
    rng = random.Random(20261205)
    created: set[str] = set()
    in_progress: set[str] = set()
    for round_ in range(ROUNDS):
        writer = _writer(path, staff, round_)
        for kind, uid in _kill_after(writer, rng.randint(1, 12), rng):
            (created if kind == "C" else in_progress).add(uid)
        store = open_store(path, daily_backup=False)
        try:
            check_integrity(store.conn, path, quick=False)
            found = dict(store.conn.execute("SELECT uid, status FROM voices").fetchall())
            lost = created - found.keys()
            assert not lost, f"round {round_}: {len(lost)} acknowledged voices lost"
            reverted = {uid for uid in in_progress if found.get(uid) != "in_progress"}
            assert not reverted, f"round {round_}: {len(reverted)} acknowledged status changes lost"
            history = {row[0] for row in store.conn.execute(
                "SELECT record_uid FROM audit_log WHERE entity = 'voices' AND field = '*created'")}
            assert created <= history, f"round {round_}: a saved voice without its history"
            verdict = history_check.verify(store.conn, path)
            assert not verdict.problems, f"round {round_}: {history_check.problem_lines(verdict)}"
        finally:
            store.close()
    assert len(created) >= ROUNDS  # every round acknowledged at least one new voice
