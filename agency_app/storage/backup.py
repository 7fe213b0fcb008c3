"""Backups with SQLite's online backup API (safe in WAL mode), and the 7 daily / 4 weekly / 12 monthly rotation."""

from __future__ import annotations

import glob
import os
import sqlite3
import time
from datetime import date, datetime
from pathlib import Path

from agency_app import paths
from agency_app.private_files import make_private, private_file, private_folder
from agency_app.storage.file_moves import replace_retrying

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"
# A .partial file untouched this long belongs to a backup that died (kill, power cut): a running backup writes
# its partial file continuously, and `agency-app backup` may run beside the window's daily one.
STALE_PARTIAL_SECONDS = 10 * 60
_HEADER = b"SQLite format 3\x00"


def backup_to(source: sqlite3.Connection, target: Path) -> Path:
    """Copy a live database to `target` page by page; the copy is consistent even while others write.

    The copy and its folder are owner-only (personal data); after the rename the folder is synced, so the
    finished name survives a power cut.
    """
    private_folder(target.parent)
    partial = target.with_suffix(target.suffix + ".partial")
    journal = partial.with_name(partial.name + "-journal")  # SQLite's, for the copy; a kill leaves it too
    for leftover in (partial, journal):
        leftover.unlink(missing_ok=True)
    try:
        private_file(partial)  # SQLite would create it with the umask (0644): readable by everyone
        dest = sqlite3.connect(str(partial))
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            dest.close()
        make_private(partial)
        replace_retrying(partial, target)  # only a complete copy gets the real name
        sync_folder(target.parent)
    except BaseException:  # the disk filled up, a scanner held it…: the half copy must not keep the space
        for leftover in (partial, journal):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass
        raise
    return target


def make_backup(source: sqlite3.Connection, db_path: Path, reason: str, now: datetime | None = None) -> Path:
    """A named backup in the database's backups folder, e.g. agency-20250401-090000-daily.db."""
    now = now or datetime.now()
    folder = paths.backups_dir_for(db_path)
    remove_stale_partials(db_path)
    name = f"{db_path.stem}-{now.strftime(_STAMP)}-{reason}.db"
    return backup_to(source, folder / name)


def sync_folder(folder: Path) -> None:
    """Flush the folder's entry list, so a file just renamed into it is still there after a power cut.

    Windows cannot open a folder with os.open (and NTFS journals the rename itself): nothing to do there.
    """
    if os.name == "nt":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # the backup is in place all the same; only its survival of a power cut is less sure
        return
    try:
        os.fsync(descriptor)
    except OSError:  # some network file systems refuse fsync on a folder: as above
        pass
    finally:
        os.close(descriptor)


def remove_stale_partials(db_path: Path, now: float | None = None) -> list[Path]:
    """Delete the half copies (and SQLite's journals of them) that dead backups of this database left behind."""
    folder = paths.backups_dir_for(db_path)
    now = time.time() if now is None else now
    removed = []
    try:
        found = list(folder.glob(f"{glob.escape(db_path.stem)}-*.db.partial*")) if folder.is_dir() else []
    except OSError:
        return []
    for file in found:
        try:
            if now - file.stat().st_mtime >= STALE_PARTIAL_SECONDS:
                file.unlink()
                removed.append(file)
        except OSError:  # gone meanwhile, or held open (Windows): a later run removes it
            continue
    return removed


def is_complete(file: Path) -> bool:
    """A backup that can be offered: an SQLite header, and as long as the header says (not cut short, not empty).

    Only the header and the size are looked at (a few bytes), not every page: the full check is done when
    a backup is opened as a copy.
    """
    try:
        with open(file, "rb") as handle:
            header = handle.read(100)
        size = file.stat().st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid only when written by SQLite 3.7+ (change counter == valid-for).
    if header[24:28] == header[92:96] and pages > 0:
        return size >= page_size * pages
    return size >= page_size and size % page_size == 0


def list_backups(db_path: Path) -> list[tuple[datetime, Path]]:
    """Complete backups of this database, newest first.

    A cut-short or empty file (the disk failed, a sync tool stopped half-way) is left out: it is never offered
    as the latest backup, never counted as today's, and never pushes a good one out of the rotation.
    """
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
            when = datetime.strptime(stamp, _STAMP)
        except ValueError:
            continue
        if is_complete(file):
            found.append((when, file))
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


def latest_backup(db_path: Path) -> tuple[datetime, Path] | None:
    """The newest complete backup of this database, or None."""
    found = list_backups(db_path)
    return found[0] if found else None


def prune_backups(db_path: Path) -> list[Path]:
    """Delete backups the rotation no longer keeps and stale half copies; return what was deleted."""
    stale = remove_stale_partials(db_path)
    found = list_backups(db_path)
    keep = backups_to_keep([when for when, _ in found])
    removed = []
    for when, file in found:
        if when not in keep:
            file.unlink(missing_ok=True)
            removed.append(file)
    return stale + removed
