"""The windowed bundle has no console (sys.stdout and sys.stderr are None): every command still runs and keeps its work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# As the windowed exe starts: both streams None before the app is imported.
NO_CONSOLE = ("import sys; sys.stdout = sys.stderr = None; from agency_app.cli import main; "
              "raise SystemExit(main(sys.argv[1:]))")


def _run_without_console(tmp_path, *args: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "AGENCY_APP_DATA": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-c", NO_CONSOLE, *args], cwd=tmp_path, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    return done.returncode


def test_commands_without_a_console_exit_as_usual_and_the_demo_database_stays(tmp_path):
    demo, fresh = tmp_path / "demo.db", tmp_path / "fresh.db"

    assert _run_without_console(tmp_path, "check", "--db", str(fresh)) == 2  # not there yet: a known error
    assert _run_without_console(tmp_path, "init", "--db", str(fresh)) == 0
    assert _run_without_console(tmp_path, "check", "--db", str(fresh)) == 0
    assert _run_without_console(tmp_path, "demo", "--no-offices", "--db", str(demo), "--voices", "50", "--today", "2025-11-20") == 0
    assert demo.is_file() and demo.stat().st_size > 0
    assert _run_without_console(tmp_path, "counts", "--db", str(demo), "--year", "2025") == 0
    assert _run_without_console(tmp_path, "check", "--db", str(demo)) == 0
    assert _run_without_console(tmp_path, "demo", "--no-offices", "--db", str(demo), "--voices", "50") == 1  # refused, file kept
    assert demo.is_file()

    log = next((tmp_path / "data" / "logs").glob("*.log")).read_text(encoding="utf-8-sig")
    assert "program error" not in log
