"""Migration 0009: the voices' word index (表記ゆれ search): normalised forms and readings beside the trigram index.

`voices_words` holds, per voice (rowid = voices.rowid), the space-separated keys of the words of its
customer_name, summary, body and response: each word's normalised form (振込 → 振り込み) and katakana
reading (フリコミ), made by SudachiPy in storage/search_words.py. Triggers cannot call Sudachi, so
they only note which voices need (re)indexing in `voices_words_pending`; storage/word_index.py does the
indexing (see there).

This step itself is quick even at 1M voices (tables, triggers, every voice noted as pending): the
indexing of existing voices runs right after it while the database is opened, in committed batches
with a progress dialog, and resumes where it stopped if the program is killed meanwhile.
Append-only once landed: never edit this file; add 0010_… instead.
"""

SCHEMA_VERSION = 9
MIN_APP_VERSION = "0.4.0"  # an older app would edit voices without noting them for the word index

STATEMENTS = (
    # One token per key (keys hold letters and digits only); no positions: a key is there or not.
    "CREATE VIRTUAL TABLE IF NOT EXISTS voices_words USING fts5("
    "words, tokenize = 'unicode61 remove_diacritics 0', detail = none)",
    "CREATE TABLE IF NOT EXISTS voices_words_pending (voice_rowid INTEGER PRIMARY KEY)",
    """CREATE TRIGGER IF NOT EXISTS voices_words_insert AFTER INSERT ON voices BEGIN
    INSERT OR IGNORE INTO voices_words_pending(voice_rowid) VALUES (new.rowid);
END""",
    # The old words go at once: a changed voice must not be found by words it no longer has.
    """CREATE TRIGGER IF NOT EXISTS voices_words_update
AFTER UPDATE OF customer_name, summary, body, response ON voices BEGIN
    DELETE FROM voices_words WHERE rowid = old.rowid;
    INSERT OR IGNORE INTO voices_words_pending(voice_rowid) VALUES (new.rowid);
END""",
    """CREATE TRIGGER IF NOT EXISTS voices_words_delete AFTER DELETE ON voices BEGIN
    DELETE FROM voices_words WHERE rowid = old.rowid;
    DELETE FROM voices_words_pending WHERE voice_rowid = old.rowid;
END""",
    "INSERT OR IGNORE INTO voices_words_pending(voice_rowid) SELECT rowid FROM voices",
)


def migrate(db) -> None:
    """Make the word index and note every existing voice for indexing. `db` is inside the migration's transaction."""
    for statement in STATEMENTS:
        db.conn.execute(statement)
    row = db.conn.execute("SELECT value FROM settings WHERE key = 'min_app_version'").fetchone()
    if row is None or _version(row[0]) < _version(MIN_APP_VERSION):
        db.conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('min_app_version', ?)",
                        (MIN_APP_VERSION,))
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())
