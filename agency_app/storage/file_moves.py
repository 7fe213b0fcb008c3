"""Copying, renaming a finished file into place and removing one, retried briefly where a virus scanner may hold it (Windows)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Callable

from agency_app.private_files import make_private, private_file

ATTEMPTS = 5


def _retrying(action: Callable[[], object], windows: bool, pause: Callable[[float], object]) -> None:
    """Run `action`; on Windows a PermissionError (a scanner has just opened the file) is tried again for about
    half a second (0.05 + 0.10 + … s) before it is raised. Elsewhere it is raised at once: no scanner locks files."""
    for attempt in range(ATTEMPTS):
        try:
            action()
            return
        except PermissionError:
            if not windows or attempt == ATTEMPTS - 1:
                raise
            pause(0.05 * (attempt + 1))


def replace_retrying(source: Path, target: Path, *, windows: bool = os.name == "nt",
                     pause=time.sleep) -> None:
    """os.replace, retried briefly on Windows, so a backup or a draft is not lost to a scan."""
    _retrying(lambda: os.replace(source, target), windows, pause)


def unlink_retrying(path: Path, *, windows: bool = os.name == "nt", pause=time.sleep) -> None:
    """Remove `path` (already gone is fine), retried briefly on Windows (e.g. a draft written a moment ago)."""
    _retrying(lambda: Path(path).unlink(missing_ok=True), windows, pause)


def copy_retrying(source: Path, target: Path, *, windows: bool = os.name == "nt", pause=time.sleep) -> None:
    """Copy `source` to `target` through a '.partial' file, so `target` only ever appears complete; a scanner
    holding either file is waited for briefly, as in replace_retrying. On failure the partial copy is removed
    and the OSError raised: `source` is never changed."""
    partial = target.with_name(target.name + ".partial")
    try:
        _retrying(lambda: _private_copy(source, partial), windows, pause)
        replace_retrying(partial, target, windows=windows, pause=pause)
    except BaseException:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # still held: a stray .partial file is never opened
        raise


def _private_copy(source: Path, target: Path) -> None:
    """shutil.copyfile, the copy owner-only from its first byte (a copy of a database is personal data too)."""
    private_file(target)
    shutil.copyfile(source, target)  # an existing file keeps its mode: a stale one is made private below
    make_private(target)
