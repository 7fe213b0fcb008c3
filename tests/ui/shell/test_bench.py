"""The benchmark's stall mode (AGENCY_APP_BENCH=stall) drives the window through all its phases by keyboard."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from agency_app.demo import texts as demo_texts
from agency_app.demo.voices import generate
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise
from agency_app.ui.shell.bench_stall import STALL_PHASES

ROOT = Path(__file__).resolve().parents[3]  # the checkout whose code the subprocess must run


def test_the_stall_driver_gets_through_every_phase_on_a_small_demo(tmp_path):
    """Guards the driver while the window's code moves: it must still find the form, the labels and the tables."""
    path = tmp_path / "demo.db"
    store = open_store(path, daily_backup=False)
    initialise(store)
    generate(store, voices=2000, seed=1)
    store.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_BENCH="stall", PYTHONPATH=str(ROOT),
               AGENCY_APP_DATA=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "share"), HOME=str(tmp_path),
               AGENCY_APP_BENCH_SEARCH=json.dumps([demo_texts.COMMON_TERM, *demo_texts.RARE_TERMS]))
    result = subprocess.run([sys.executable, "-m", "agency_app", "--db", str(path)], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    lines = [line for line in result.stdout.splitlines() if line.startswith("BENCH ")]
    assert result.returncode == 0 and len(lines) == 1, (result.returncode, result.stdout[-1000:],
                                                        result.stderr[-3000:])
    answer = json.loads(lines[0][len("BENCH "):])
    assert list(answer["ui_stall_ms"]) == list(STALL_PHASES)
    assert all(ms >= 0 for ms in answer["ui_stall_ms"].values())
    assert answer["ui_stall_max_ms"] == max(answer["ui_stall_ms"].values())
