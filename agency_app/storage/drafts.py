"""Crash-safe drafts of the entry form: one JSON file per draft, replaced atomically, a damaged one set aside,
kept per database in a folder only the user can read."""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Callable, Iterable

from agency_app import paths
from agency_app.domain.periods import TOKYO
from agency_app.private_files import private_folder
from agency_app.storage.file_moves import replace_retrying, unlink_retrying

FORMAT_VERSION = 1
_SUFFIX = ".json"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")  # 'new-<staffuid>', 'edit-<voiceuid>'
_STAMP = "%Y%m%d-%H%M%S"
_SET_ASIDE = re.compile(r"\.corrupt-(\d{8}-\d{6})(?:-\d+)?$")
# A set-aside draft is kept a month for someone to look into it, then goes: it holds a customer's words too.
SET_ASIDE_DAYS = 30
# A temp file is a save a kill interrupted (the draft before it is intact); an hour is far beyond any save.
STALE_TEMP_SECONDS = 3600

log = logging.getLogger(__name__)


class DraftStore:
    """Drafts in one folder (the application's: drafts_for_database()), by key.

    A save either leaves the previous draft or the new one, never a mix, even if the
    power fails mid-write. Errors writing (disk full, read-only folder) reach the caller
    as OSError so the UI can say so; a draft that cannot be read is moved aside, never
    deleted, and reads as "no draft".
    """

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"bad draft key: {key!r}")
        return self.folder / f"{key}{_SUFFIX}"

    def save(self, key: str, data: dict, *, now: datetime | None = None) -> None:
        """Write the draft atomically: temp file in the same folder, fsync, rename, fsync the folder."""
        target = self._path(key)
        stamp = (now or datetime.now(TOKYO)).isoformat(timespec="seconds")
        # Serialise first: a value JSON cannot hold is a bug and must not leave a temp file behind.
        text = json.dumps({"format": FORMAT_VERSION, "key": key, "saved_at": stamp, "data": data},
                          ensure_ascii=False, indent=1)
        private_folder(self.folder)  # mkstemp makes the file itself 0600, and the rename keeps that
        handle, temp_name = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
        temp = Path(temp_name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as file:
                file.write(text)
                file.flush()
                os.fsync(file.fileno())
            replace_retrying(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        _fsync_folder(self.folder)

    def load(self, key: str) -> dict | None:
        """The saved data, or None when there is no draft or it is damaged (then it is set aside)."""
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # no draft (or no drafts folder) there
            return None
        try:
            payload = json.loads(raw.decode("utf-8"))
            if not isinstance(payload, dict) or not isinstance(payload.get("data"), dict) \
                    or not isinstance(payload.get("format"), int):
                raise ValueError("not a draft")
        except ValueError:  # includes UnicodeDecodeError and json.JSONDecodeError
            try:
                self._set_aside(path, key)
            except OSError:
                pass  # held by a virus scanner (Windows) or a read-only folder: set aside at a later look
            return None
        if payload["format"] > FORMAT_VERSION:
            return None  # written by a newer version: leave it for that version
        return payload["data"]

    def saved_at(self, key: str) -> str | None:
        """When the draft was saved (ISO 8601, Tokyo time), or None when there is no readable draft."""
        try:
            payload = json.loads(self._path(key).read_text(encoding="utf-8"))
            return str(payload["saved_at"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def discard(self, key: str) -> None:
        """Remove the draft (the record is saved, or the typing discarded); retried briefly while a scanner
        holds the file (Windows): a saved record's draft must not be offered again."""
        unlink_retrying(self._path(key))

    def keys(self) -> list[str]:
        """Keys of the drafts present, sorted; temp files and set-aside files are not drafts."""
        if not self.folder.is_dir():
            return []
        return sorted(file.stem for file in self.folder.glob(f"*{_SUFFIX}") if _KEY.match(file.stem))

    def prune(self, *, now: datetime | None = None) -> list[Path]:
        """Delete set-aside drafts older than SET_ASIDE_DAYS (by the time in their name) and temp files a kill
        left behind; returns what went. A file that cannot be deleted now is tried at the next start."""
        if not self.folder.is_dir():
            return []
        now = now or datetime.now()
        oldest_kept = now - timedelta(days=SET_ASIDE_DAYS)
        gone = []
        for file in self.folder.iterdir():
            match = _SET_ASIDE.search(file.name)
            try:
                if match:
                    old = datetime.strptime(match[1], _STAMP) < oldest_kept
                else:
                    old = (file.name.startswith(".") and file.name.endswith(".tmp")
                           and time.time() - file.stat().st_mtime > STALE_TEMP_SECONDS)
                if old and file.is_file():
                    file.unlink()
                    gone.append(file)
            except (OSError, ValueError):  # held by a scanner, or a name that only looks like a stamp
                continue
        return gone

    def adopt(self, folder: Path, belongs: Callable[[str], bool]) -> list[str]:
        """Move the drafts in `folder` whose key `belongs` here into this store; returns their keys.

        A draft already here is newer typing for the same form: it stays, and the other stays where it was.
        """
        folder = Path(folder)
        if not folder.is_dir() or folder.resolve() == self.folder.resolve():
            return []
        moved = []
        for file in sorted(folder.glob(f"*{_SUFFIX}")):
            key = file.stem
            if not _KEY.match(key) or not belongs(key) or self._path(key).exists():
                continue
            private_folder(self.folder)
            try:
                os.replace(file, self._path(key))
            except OSError:
                continue  # held by a scanner (Windows): adopted at the next start
            moved.append(key)
        if moved:
            _fsync_folder(self.folder)
        return moved

    def _set_aside(self, path: Path, key: str) -> Path:
        base = self.folder / f"{key}.corrupt-{datetime.now().strftime(_STAMP)}"
        aside, n = base, 1
        while aside.exists():
            n += 1
            aside = base.with_name(f"{base.name}-{n}")
        os.replace(path, aside)
        return aside


def drafts_for_database(db_path: Path | str, staff_uids: Iterable[str], *,
                        now: datetime | None = None) -> DraftStore:
    """The drafts of one database, as the application opens it: set-aside files past SET_ASIDE_DAYS pruned, and
    drafts from before 0.8 adopted. Those lie loose in paths.drafts_root() without a database; the ones naming
    one of this database's staff (every draft key holds its typist's uid, random per database) were typed here
    or in a copy of it, the others wait for their own database."""
    store = DraftStore(paths.drafts_dir_for(db_path))
    marks = [f"-{uid}-" for uid in staff_uids]
    legacy = DraftStore(paths.drafts_root())
    try:
        store.adopt(legacy.folder, lambda key: any(mark in f"-{key}-" for mark in marks))
        # Every database's folder: one never opened again (a damaged file its restored copy replaced, a copy
        # deleted) would otherwise keep its set-aside drafts for ever. Only set-aside and temp files are pruned.
        others = [DraftStore(folder) for folder in legacy.folder.iterdir() if folder.is_dir()] \
            if legacy.folder.is_dir() else []
        for place in (store, legacy, *others):
            place.prune(now=now)
    except OSError as error:  # an unreadable data folder: saving a draft will say so where the user types
        log.warning("drafts could not be tidied: %s", error)
    return store


def carry_drafts(damaged: Path | str, restored_copy: Path | str) -> list[str]:
    """A restored copy continues a damaged file (the same records): the drafts typed against it follow."""
    try:
        return DraftStore(paths.drafts_dir_for(restored_copy)).adopt(paths.drafts_dir_for(damaged),
                                                                     lambda key: True)
    except OSError as error:  # they stay with the damaged file, where they were
        log.warning("drafts could not follow the restored copy: %s", error)
        return []


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; Windows cannot open a folder for fsync (NTFS journals it)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder; the data itself is already synced
    finally:
        os.close(fd)
