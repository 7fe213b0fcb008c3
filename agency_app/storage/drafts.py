"""Crash-safe drafts of the entry form: one JSON file per draft, replaced atomically, a damaged one set aside."""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from agency_app.domain.periods import TOKYO
from agency_app.storage.file_moves import replace_retrying, unlink_retrying

FORMAT_VERSION = 1
_SUFFIX = ".json"
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$")  # 'new-<staffuid>', 'edit-<voiceuid>'
_STAMP = "%Y%m%d-%H%M%S"


class DraftStore:
    """Drafts in one folder (e.g. paths.user_data_dir()/"drafts"), by key.

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
        self.folder.mkdir(parents=True, exist_ok=True)
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

    def _set_aside(self, path: Path, key: str) -> Path:
        base = self.folder / f"{key}.corrupt-{datetime.now().strftime(_STAMP)}"
        aside, n = base, 1
        while aside.exists():
            n += 1
            aside = base.with_name(f"{base.name}-{n}")
        os.replace(path, aside)
        return aside


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
