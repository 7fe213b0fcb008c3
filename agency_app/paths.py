"""Where the application's own files (db/, resources/) and the user's data live, from the source tree or a frozen bundle."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

APP_DIR_NAME = "AgencyVoice"


def bundle_root() -> Path:
    """Folder holding db/ and resources/: the PyInstaller unpack dir when frozen, else the source checkout."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def migrations_dir() -> Path:
    return bundle_root() / "db" / "migrations"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def app_icon_path() -> Path:
    """The multi-size app icon (resources/icons/app.ico, drawn by tools/make_icon.py): the window's and the exe's."""
    return resources_dir() / "icons" / "app.ico"


def user_data_dir() -> Path:
    """Per-user data folder: %LOCALAPPDATA%\\AgencyVoice on Windows, XDG data home elsewhere.

    The UI may override this with Qt's QStandardPaths; this stdlib version serves the command line.
    """
    override = os.environ.get("AGENCY_APP_DATA")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_DIR_NAME


def default_db_path() -> Path:
    return user_data_dir() / "agency.db"


def backups_dir_for(db_path: Path) -> Path:
    """Backups sit beside the database in a 'backups' folder named after it."""
    return db_path.parent / "backups" / db_path.stem


def drafts_root() -> Path:
    """Where drafts live: a folder per database inside (drafts_dir_for); drafts of versions before 0.8 lie loose."""
    return user_data_dir() / "drafts"


def database_key(db_path: Path | str) -> str:
    """A short name for one database file: the same file spelled differently (relative, `a/../a`, other case on
    Windows) gives the same key; two files never share one (16 hex digits of SHA-256 of the resolved path)."""
    resolved = os.path.normcase(str(Path(db_path).resolve()))
    return hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]


def drafts_dir_for(db_path: Path | str) -> Path:
    """The drafts typed against this database: a copy of it (same staff, same records) never offers them."""
    return drafts_root() / database_key(db_path)
