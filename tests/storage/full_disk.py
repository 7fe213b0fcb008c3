"""A disk that fills up while SQLite writes a backup copy: a real SQLITE_FULL, not a faked OSError."""

from __future__ import annotations

import sqlite3


class DiskFillsUp:
    """sqlite3 for storage/backup.py (monkeypatch backup.sqlite3), each copy's file allowed two pages."""

    def __getattr__(self, name):
        return getattr(sqlite3, name)

    @staticmethod
    def connect(target, *args, **kwargs):
        conn = sqlite3.connect(target, *args, **kwargs)
        conn.execute("PRAGMA max_page_count = 2")
        return conn
