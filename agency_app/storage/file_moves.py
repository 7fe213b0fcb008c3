"""Copying, renaming a finished file into place and removing one, retried briefly where a virus scanner may hold it (Windows)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

ATTEMPTS = 5


def replace_retrying(source: Path, target: Path, *, windows: bool = os.name == "nt",
                     pause=time.sleep) -> None:
    """os.replace; on Windows a PermissionError (a scanner has just opened the new file) is tried again
    for about half a second before it is raised, so a backup or a draft is not lost to a scan."""
    for attempt in range(ATTEMPTS):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not windows or attempt == ATTEMPTS - 1:
                raise
            pause(0.05 * (attempt + 1))



def unlink_retrying(path: Path, *, windows: bool = os.name == "nt", pause=time.sleep) -> None:
    """Remove `path` (already gone is fine); on Windows a PermissionError (a scanner has the file open, e.g. a
    draft written a moment ago) is tried again for about half a second before it is raised, as in
    replace_retrying."""
    for attempt in range(ATTEMPTS):
        try:
            os.unlink(path)
            return
        except FileNotFoundError:
            return
        except PermissionError:
            if not windows or attempt == ATTEMPTS - 1:
                raise
            pause(0.05 * (attempt + 1))

def copy_retrying(source: Path, target: Path, *, windows: bool = os.name == "nt", pause=time.sleep) -> None:
    """Copy `source` to `target` through a '.partial' file, so `target` only ever appears complete; a scanner
    holding either file (PermissionError on Windows) is waited for briefly, as in replace_retrying. On failure
    the partial copy is removed and the OSError raised: `source` is never changed."""
    partial = target.with_name(target.name + ".partial")
    try:
        for attempt in range(ATTEMPTS):
            try:
                shutil.copyfile(source, partial)
                break
            except PermissionError:
                if not windows or attempt == ATTEMPTS - 1:
                    raise
                pause(0.05 * (attempt + 1))
        replace_retrying(partial, target, windows=windows, pause=pause)
    except BaseException:
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass  # still held: a stray .partial file is never opened
        raise
