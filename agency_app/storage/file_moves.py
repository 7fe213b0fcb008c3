"""Renaming a finished file into place, retried briefly where a virus scanner may hold it (Windows)."""

from __future__ import annotations

import os
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
