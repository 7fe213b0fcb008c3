"""A private copy of a database file and its -wal/-journal, so checking or backing it up never changes the original."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from agency_app.private_files import make_private
from agency_app.storage.errors import DatabaseCorrupt, DatabaseLocked, NoRoomForCopy

# The files that hold data: a -wal's commits or a hot -journal's undo are part of what the file says.
# The -shm is only an index of the -wal that SQLite rebuilds; a stale one copied along could mislead it.
DATA_SIDE_FILES = ("-wal", "-journal")
SIDE_FILES = ("-wal", "-shm", "-journal")
COPY_ATTEMPTS = 5


def side_file(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def has_side_files(path: Path) -> bool:
    """True when a -wal, -shm or -journal sits beside `path`: opening it read-write could merge or delete them."""
    return any(side_file(path, suffix).exists() for suffix in SIDE_FILES)


def _stamps(path: Path) -> list[tuple[int, int] | None]:
    found = []
    for suffix in ("", *DATA_SIDE_FILES):
        try:
            stat = os.stat(side_file(path, suffix))
            found.append((stat.st_size, stat.st_mtime_ns))
        except FileNotFoundError:
            found.append(None)
    return found


def _size(path: Path) -> int:
    """Bytes a copy of `path` takes: the file and its -wal / -journal (each try copies them all again)."""
    total = 0
    for suffix in ("", *DATA_SIDE_FILES):
        try:
            total += os.stat(side_file(path, suffix)).st_size
        except OSError:
            pass
    return total


def _copy(source: Path, copy: Path, folder: Path, original: Path) -> None:
    try:
        shutil.copyfile(source, copy)
    except OSError as error:
        if error.errno in (errno.ENOSPC, errno.EFBIG) or getattr(error, "winerror", None) in (39, 112):
            megabytes = max(1, -(-_size(original) // 1_000_000))  # the whole copy, rounded up
            raise NoRoomForCopy(str(error), folder.parent, megabytes) from error
        raise
    make_private(copy)  # customers' data: owner-only like the original


def _temp_folder() -> Path:
    """The temporary folder the user can free space in: the one in use, or the first that Python's tempfile tries."""
    if tempfile.tempdir:
        return Path(tempfile.tempdir)
    for name in ("TMPDIR", "TEMP", "TMP"):
        if os.environ.get(name):
            return Path(os.environ[name])
    return Path("/tmp")


@contextmanager
def private_copy(path: Path) -> Iterator[Path]:
    """Yield a copy of `path` (with its -wal / -journal) in a new owner-only temporary folder, removed after.

    Only reads the original. A copy taken while another program writes could mix two moments, so the sizes
    and times of the files are compared before and after and the copy is taken again when they moved;
    still moving after a few tries, the file is busy (DatabaseLocked: try again later).
    """
    try:
        folder = Path(tempfile.mkdtemp(prefix="agency-check-"))  # 0700, made for this call only
    except OSError as error:
        # 0 bytes free: no temporary folder takes even the few bytes tempfile tries ("No usable temporary
        # directory found", ENOENT), or the folder itself cannot be made (ENOSPC): no room for the copy.
        if error.errno not in (errno.ENOENT, errno.ENOSPC, errno.EFBIG) and getattr(error, "winerror", None) != 112:
            raise
        megabytes = max(1, -(-_size(path) // 1_000_000))
        raise NoRoomForCopy(str(error), _temp_folder(), megabytes) from error
    try:
        target = folder / path.name
        for _ in range(COPY_ATTEMPTS):
            before = _stamps(path)
            for suffix in ("", *DATA_SIDE_FILES):
                source, copy = side_file(path, suffix), side_file(target, suffix)
                copy.unlink(missing_ok=True)
                if source.exists():
                    _copy(source, copy, folder, path)
            for suffix in ("-shm",):
                side_file(target, suffix).unlink(missing_ok=True)
            if _stamps(path) == before:
                break
        else:
            raise DatabaseLocked(f"{path}: changed while it was being copied")
        try:
            yield target
        except DatabaseCorrupt as error:
            if error.path != target:
                raise
            # The user knows their file, not this temporary copy: the message names the original.
            raise DatabaseCorrupt(path, error.detail) from error
    finally:
        shutil.rmtree(folder, ignore_errors=True)
