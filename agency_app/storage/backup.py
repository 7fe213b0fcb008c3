"""Backups with SQLite's online backup API (safe in WAL mode), and the 7 daily / 4 weekly / 12 monthly rotation."""

from __future__ import annotations

import glob
import sqlite3
from datetime import date, datetime
from pathlib import Path

from agency_app import paths
from agency_app.storage.file_moves import replace_retrying

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"


def backup_to(source: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to `target` page by page; the copy is consistent even while others write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".partial")
    if partial.exists():
        partial.unlink()
    try:
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dest.close()
        replace_retrying(partial, target)  # only a complete copy gets the real name
    except BaseException:  # the disk filled up, a scanner held it…: the half copy must not keep the space
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        raise
    return target


def make_backup(source: sqlite3.Connection, db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """A named backup in the database's backups folder, e.g. agency-20250401-090000-daily.db."""
    now = now or datetime.now()
    folder = paths.backups_dir_for(db_path)
    name = f"{db_path.stem}-{now.strftime(_STAMP)}-{reason}.db"
    return backup_to(source, folder / name)


def list_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """Backups of this database, newest first."""
    folder = paths.backups_dir_for(db_path)
    found = []
    try:
        # escaped: "[本社]顧客.db" is a name, not a pattern
        files = list(folder.glob(f"{glob.escape(db_path.stem)}-*.db")) if folder.is_dir() else []
    except OSError:  # the folder cannot be read (access refused, a network drive gone): no usable backup
        files = []
    for file in files:
        stamp = file.stem[len(db_path.stem) + 1:][:15]
        try:
            found.append((datetime.strptime(stamp, _STAMP), file))
        except ValueError:
            continue
    return sorted(found, reverse=True)


def has_backup_on(db_path: Path, day: date) -> bool:
    return any(when.date() == day for when, _ in list_backups(db_path))


def backups_to_keep(stamps: list[datetime]) -> set[datetime]:
    """Rotation: the newest backup of each of the last 7 days, 4 ISO weeks and 12 months that have one."""
    keep: set[datetime] = set()
    for key, count in ((lambda d: d.date(), KEEP_DAILY),
                       (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                       (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen = []
        for stamp in sorted(stamps, reverse=True):
            bucket = key(stamp)
            if bucket not in seen:
                seen.append(bucket)
                keep.add(stamp)
            if len(seen) >= count:
                break
    return keep


def prune_backups(db_path: Path) -> list[Path]:
    """Delete backups the rotation no longer keeps; return what was deleted."""
    found = list_backups(db_path)
    keep = backups_to_keep([when for when, _ in found])
    removed = []
    for when, file in found:
        if when not in keep:
            file.unlink(missing_ok=True)
            removed.append(file)
    return removed
