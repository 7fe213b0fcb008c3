"""Migration 0009 indexes the words of existing voices on opening, with progress; a kill resumes; start-up never loads Sudachi."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlite_utils import Database

from agency_app.storage import migrations, word_index
from agency_app.storage.database import Store, apply_migrations, connect, open_store
from agency_app.storage.masters import initialise
from agency_app.storage.voice_query import VoiceFilter, VoiceQuery
from tests.storage.test_voice_query import TODAY, insert

ROOT = Path(__file__).resolve().parents[2]
TEXTS = ("保険料の振込を確認したい", "引越のため住所変更", "問合せの折り返しが遅い", "更新手続きの案内が丁寧")


def database_at_schema_8(path: Path, voices: int) -> None:
    """A file as the release before the word index left it, holding `voices` voices."""
    store = Store(Database(connect(path)), path)
    apply_migrations(store, migrations.load_scripts()[:8])
    initialise(store)
    with store.write():
        for i in range(voices):
            insert(store, uid=f"m{i:04d}", body=TEXTS[i % len(TEXTS)])
    store.close()


def found(store, text: str) -> set[str]:
    return {r.uid for r in VoiceQuery(store.conn, VoiceFilter(text=text, today=TODAY), page_size=1000).page(0)}


def test_opening_an_older_database_indexes_its_voices_with_progress(tmp_path, monkeypatch):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 50)
    monkeypatch.setattr(word_index, "BATCH", 7)
    calls = []
    store = open_store(path, progress=lambda done, total: calls.append((done, total)))
    assert migrations.schema_version(store.db) == migrations.latest_schema_version()
    assert calls[0] == (0, 50) and calls[-1] == (50, 50)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)  # only forward
    assert word_index.pending_count(store.conn) == 0
    assert store.conn.execute("SELECT count(*) FROM voices_words").fetchone()[0] == 50
    assert len(found(store, "ふりこみ")) == len(found(store, "振り込み")) == 13
    assert len(found(store, "引っ越し")) == 13
    store.close()
    calls.clear()
    open_store(path, progress=lambda done, total: calls.append((done, total))).close()
    assert calls == []  # nothing to do the second time: no dialog


KILLED_CHILD = """
import os, sys
from agency_app.storage import search_words, word_index
from agency_app.storage.database import open_store
word_index.BATCH = 10
real, calls = search_words.index_text, []
def dying(*texts):
    calls.append(1)
    if len(calls) == 35:  # in the middle of the fourth batch: three are committed
        os._exit(9)
    return real(*texts)
search_words.index_text = dying
open_store(sys.argv[1], daily_backup=False)
"""


def test_a_kill_while_indexing_loses_nothing_and_the_next_opening_resumes(tmp_path):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 60)
    result = subprocess.run([sys.executable, "-c", KILLED_CHILD, str(path)], cwd=ROOT, timeout=120,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert result.returncode == 9, result.stderr[-2000:]
    conn = connect(path)
    assert migrations.schema_version(Database(conn)) == migrations.latest_schema_version()  # the migrations were committed
    assert word_index.pending_count(conn) == 30           # the batch in flight was rolled back …
    indexed = conn.execute("SELECT count(*) FROM voices_words").fetchone()[0]
    assert indexed == 30                                  # … and no voice is marked done without its words
    conn.close()
    calls = []
    store = open_store(path, progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 30) and calls[-1] == (30, 30)
    assert word_index.pending_count(store.conn) == 0
    assert store.conn.execute("SELECT count(*) FROM voices_words").fetchone()[0] == 60
    assert len(found(store, "ふりこみ")) == 15
    store.close()


NO_SUDACHI_CHILD = """
import sys
from agency_app.storage.database import open_store
from agency_app.storage.voice_query import VoiceFilter, VoiceQuery
from agency_app.storage.voices import VoiceRepository
store = open_store(sys.argv[1], daily_backup=False)
VoiceQuery(store.conn, VoiceFilter()).page(0)
VoiceQuery(store.conn, VoiceFilter(text="ABC-123")).page(0)  # no kana or kanji: no words to analyse
store.set_setting("last_login", "x")                        # a write with no voice in it
assert not VoiceQuery(store.conn, VoiceFilter(text="振込")).quick_first_page  # what the UI thread asks
print("sudachipy" in sys.modules)
"""


def test_opening_and_listing_do_not_load_the_dictionary(tmp_path):
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 5)
    open_store(path).close()  # migrated and indexed here, in this process
    result = subprocess.run([sys.executable, "-c", NO_SUDACHI_CHILD, str(path)], cwd=ROOT, timeout=120,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr[-2000:]


def test_opening_goes_on_when_the_words_cannot_be_analysed(tmp_path, monkeypatch):
    from agency_app.storage import search_words
    path = tmp_path / "agency.db"
    database_at_schema_8(path, 10)
    monkeypatch.setattr(search_words, "index_text", lambda *texts: 1 / 0)
    store = open_store(path)
    assert word_index.pending_count(store.conn) == 10  # left for the next opening; check reports them
    assert len(found(store, "振込")) == 3              # substrings as before
    store.close()
