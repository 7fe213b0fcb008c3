"""Opening a database that needs its search index built shows progress; starting the window never loads the dictionary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from agency_app.storage import word_index
from agency_app.ui.shell.index_progress import IndexProgress
from agency_app.ui.shell.open_errors import open_database
from tests.storage.test_word_index_migration import database_at_schema_8
from tests.ui.shell.test_app_open import RecordingPolicy

ROOT = Path(__file__).resolve().parents[3]


class WatchedProgress(IndexProgress):
    """The app's dialog, noting what it showed at each step."""

    def __init__(self):
        super().__init__()
        self.seen: list[tuple[bool, int, str]] = []

    def __call__(self, done, total):
        super().__call__(done, total)
        if self.dialog is None:
            self.seen.append((False, 100, ""))  # closed once done
        else:
            self.seen.append((self.dialog.isVisible(), self.dialog.value(), self.dialog.labelText()))


def test_opening_an_older_database_shows_the_indexing_with_its_percentage(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 40)
    monkeypatch.setattr(word_index, "BATCH", 10)
    monkeypatch.setattr(word_index, "REPORT_EVERY_S", 0)  # report every batch
    progress = WatchedProgress()
    opened = open_database(path, RecordingPolicy(), progress=progress)
    assert opened is not None
    shown = [(visible, value) for visible, value, _ in progress.seen]
    assert shown == [(True, 0), (True, 25), (True, 50), (True, 75), (False, 100)]  # closed when done
    assert all(f"{value}%" in label and "40" in label for _, value, label in progress.seen[:-1])
    assert word_index.pending_count(opened.store.conn) == 0
    opened.store.close()


def test_opening_an_indexed_database_shows_no_dialog(qtbot, tmp_path):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 3)
    open_database(path, RecordingPolicy()).store.close()
    progress = WatchedProgress()
    open_database(path, RecordingPolicy(), progress=progress).store.close()
    assert progress.seen == [] and progress.dialog is None


def test_starting_the_main_window_does_not_load_the_dictionary(tmp_path):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 20)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    from agency_app.storage.database import open_store
    open_store(path).close()  # migrated and indexed before: the start itself has nothing to index
    code = ("import sys; from pathlib import Path; from agency_app.app import run_gui; "
            f"code = run_gui(Path(r'{path}'), smoke_test=True); "
            "print('SUDACHI', 'sudachipy' in sys.modules); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "SUDACHI False" in result.stdout


def test_escape_or_the_close_button_does_not_hide_the_indexing_that_goes_on(qtbot):
    """No cancel button, and neither Esc nor the title bar's ✕ may make the dialog vanish: indexing goes on
    for minutes with no window at all, and the user would think the application never started."""
    from PySide6.QtCore import Qt
    progress = IndexProgress()
    progress(0, 100)
    qtbot.keyClick(progress.dialog, Qt.Key.Key_Escape)
    progress(40, 100)
    assert progress.dialog.isVisible() and progress.dialog.value() == 40
    progress.dialog.close()  # the ✕ / Alt+F4
    progress(60, 100)
    assert progress.dialog.isVisible() and progress.dialog.value() == 60
    progress(100, 100)
    assert progress.dialog is None  # closed when done, as before
