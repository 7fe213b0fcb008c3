"""Migration 0009 on branch i8-picker only: a stand-in, so 0010 runs here; drop this file when merging.

Number 0009 is another branch's (0009_voice_words.py); the loader wants numbers without gaps, so this
branch carries an empty step in its place. It changes nothing but the schema version.
"""

SCHEMA_VERSION = 9


def migrate(db) -> None:
    db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
