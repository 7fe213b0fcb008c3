"""The sealed history's costs (issue 13): the upgrade that seals every existing row, `check`'s walk of the seal, and a save.

On a copy of the cached 1M-voice database of schema 14 (benchmarks/cache/demo-1000000-schema14.db, never changed):
- `upgrade_1m_s`: opening it with this version (backup, migrations 0015 and 0016: the seal of every existing row);
- `verify_1m_s`: history_check.verify over every row, as `agency-app check` walks it;
- `check_1m_s`: the whole `agency-app check` (private copy, integrity_check, counts, the seal, backups);
- `save_ms`: one voice saved (validation, the write, its history rows sealed at commit), median of 200.
`python benchmarks/sealed_history.py` prints the measures as JSON.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agency_app.cli import main as cli_main  # noqa: E402
from agency_app.domain.voice import VoiceInput  # noqa: E402
from agency_app.storage import history_check# noqa: E402
from agency_app.storage.database import open_store  # noqa: E402
from agency_app.storage.services import Services  # noqa: E402

SOURCE = ROOT / "benchmarks" / "cache" / "demo-1000000-schema14.db"


def main() -> None:
    if not SOURCE.exists():
        sys.exit(f"missing {SOURCE}: run benchmarks/run.py --voices 1000000 once")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "agency.db"
        source = sqlite3.connect(SOURCE)
        target = sqlite3.connect(path)
        source.backup(target)  # a consistent copy; the cache stays as it is
        source.close()
        target.close()
        started = time.perf_counter()
        store = open_store(path, now=datetime(2026, 12, 5, 9, 0))
        upgrade = time.perf_counter() - started
        rows = store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        started = time.perf_counter()
        verdict = history_check.verify(store.conn, path)
        verify = time.perf_counter() - started
        staff = store.conn.execute("SELECT uid FROM staff WHERE active = 1 LIMIT 1").fetchone()[0]
        services = Services(store)
        times = []
        for n in range(200):
            started = time.perf_counter()
            services.voices.create(VoiceInput(received_at="2026-12-05 10:00", summary=f"満期案内が届かない {n}",
                                              kind="dissatisfaction", assignee_id=staff), by=staff)
            times.append(time.perf_counter() - started)
        store.close()
        started = time.perf_counter()
        code = cli_main(["check", "--db", str(path)])
        check = time.perf_counter() - started
        shutil.rmtree(Path(folder) / "backups", ignore_errors=True)
    print(json.dumps({"history_rows": rows, "upgrade_1m_s": round(upgrade, 2), "verify_1m_s": round(verify, 2),
                      "verify_problems": len(verdict.problems), "check_1m_s": round(check, 2),
                      "check_exit": code, "save_ms": round(statistics.median(times) * 1000, 2)}))


if __name__ == "__main__":
    main()
