"""Files and folders holding customers' personal data, made readable by their owner only (個人情報: 安全管理措置).

On POSIX a new folder is 0700 and a new file 0600 whatever the umask. On Windows the modes mean nothing:
the data lives in the per-user %LOCALAPPDATA% folder, whose ACL already admits only that user (README).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FOLDER_MODE, FILE_MODE = 0o700, 0o600
_POSIX = sys.platform != "win32"


def private_folder(path: Path) -> Path:
    """Make `path` (and missing parents) if needed; a folder this call makes is readable by its owner only.

    An existing folder keeps its mode: it may be a shared folder the user chose on purpose.
    """
    missing = []
    walk = path
    while not walk.exists() and walk != walk.parent:
        missing.append(walk)
        walk = walk.parent
    path.mkdir(parents=True, exist_ok=True)
    if _POSIX:
        for folder in missing:
            os.chmod(folder, FOLDER_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty and owner-only if it does not exist yet (an existing file is left as it is)."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return path
    os.close(descriptor)
    if _POSIX:
        os.chmod(path, FILE_MODE)  # the umask may have taken bits away, never added: this is exact
    return path


def make_private(path: Path) -> None:
    """Make an existing file owner-only (a file SQLite or another library created with the umask)."""
    if _POSIX:
        try:
            os.chmod(path, FILE_MODE)
        except FileNotFoundError:
            pass
