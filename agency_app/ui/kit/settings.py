"""The one place that reads and writes QSettings: typed properties for what this PC remembers."""

from __future__ import annotations

import hashlib
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


def _db_key(db_path: Path | str | None) -> str:
    """A stable settings key for a database file (QSettings keys must not contain path separators)."""
    text = str(Path(db_path).resolve()) if db_path and str(db_path) != ":memory:" else ":memory:"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


SETTINGS_DIR_ENV = "AGENCY_APP_SETTINGS_DIR"


def use_ini_folder(folder: Path | str) -> None:
    """Every QSettings() from here on is an INI file under `folder` (not the Windows registry).

    Tests and benchmarks call this (or set AGENCY_APP_SETTINGS_DIR) so a run never touches the user's settings.
    """
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))


class AppSettings:
    """Per-user settings of this PC. Tests pass their own QSettings (an INI file in a temp folder)."""

    def __init__(self, qsettings: QSettings | None = None):
        if qsettings is None and os.environ.get(SETTINGS_DIR_ENV):
            use_ini_folder(os.environ[SETTINGS_DIR_ENV])
        # QSettings() takes the default format, so use_ini_folder reaches the app's own settings too.
        self._s = qsettings if qsettings is not None else QSettings()

    # --- who used this PC last, per database (issue 2 item 1: "remembered on that PC") -----------
    def last_staff_uid(self, db_path: Path | str | None) -> str | None:
        value = self._s.value(f"databases/{_db_key(db_path)}/last_staff")
        return str(value) if value else None

    def set_last_staff_uid(self, db_path: Path | str | None, uid: str) -> None:
        self._s.setValue(f"databases/{_db_key(db_path)}/last_staff", uid)

    # --- a database the background check found damaged: check it fully at the next start ----
    def is_suspect(self, db_path: Path | str | None) -> bool:
        return bool(self._s.value(f"databases/{_db_key(db_path)}/suspect", False, type=bool))

    def set_suspect(self, db_path: Path | str | None, suspect: bool) -> None:
        key = f"databases/{_db_key(db_path)}/suspect"
        if suspect:
            self._s.setValue(key, True)
        else:
            self._s.remove(key)

    # --- the day the background integrity check last passed, per database: it runs at least once a day ----
    def integrity_passed_on(self, db_path: Path | str | None) -> date | None:
        value = self._s.value(f"databases/{_db_key(db_path)}/integrity_passed")
        try:
            return date.fromisoformat(str(value)) if value else None
        except ValueError:
            return None  # a hand-edited value: check again

    def set_integrity_passed_on(self, db_path: Path | str | None, day: date) -> None:
        self._s.setValue(f"databases/{_db_key(db_path)}/integrity_passed", day.isoformat())

    # --- a restored copy that replaces a damaged default database --------------------------
    @property
    def database_override(self) -> Path | None:
        value = self._s.value("database/override")
        return Path(str(value)) if value else None

    @database_override.setter
    def database_override(self, path: Path | None) -> None:
        if path is None:
            self._s.remove("database/override")
        else:
            self._s.setValue("database/override", str(path))

    # --- main window ----------------------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("main_window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._s.setValue("main_window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("main_window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._s.setValue("main_window/state", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("main_window/splitter")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._s.setValue("main_window/splitter", value)

    # --- each list's column widths, as the user dragged them (by column key: a column added later keeps its
    # default, one removed is forgotten; the list's sort and hidden columns are not the user's widths) ----------
    def column_widths(self, name: str) -> dict[str, int]:
        self._s.beginGroup(f"columns/{name}")
        try:
            widths = {}
            for key in self._s.childKeys():
                try:
                    widths[key] = int(self._s.value(key))
                except (TypeError, ValueError):
                    continue  # a hand-edited or damaged value: that column takes its default
            return widths
        finally:
            self._s.endGroup()

    def set_column_width(self, name: str, key: str, width: int) -> None:
        self._s.setValue(f"columns/{name}/{key}", int(width))

    def forget_column_widths(self, name: str) -> None:
        self._s.remove(f"columns/{name}")

    # --- the voice day's zoom (a meeting screen read from the back of the room) ---------------
    @property
    def voice_day_zoom(self) -> float:
        try:
            return float(self._s.value("voice_day/zoom", 1.0))
        except (TypeError, ValueError):
            return 1.0  # a hand-edited value: the normal size

    @voice_day_zoom.setter
    def voice_day_zoom(self, value: float) -> None:
        self._s.setValue("voice_day/zoom", float(value))

    # --- the folder the last imported sheet came from (agencies keep their sheets in one place) --
    @property
    def import_folder(self) -> str:
        value = self._s.value("excel_import/folder", "")
        return value if isinstance(value, str) else ""

    @import_folder.setter
    def import_folder(self, value: str) -> None:
        self._s.setValue("excel_import/folder", str(value))

    # --- branch sync (issue 14): the folder bundles were last saved to; the exchange folder of each database ----
    @property
    def sync_save_folder(self) -> str:
        value = self._s.value("sync/save_folder", "")
        return value if isinstance(value, str) else ""

    @sync_save_folder.setter
    def sync_save_folder(self, value: str) -> None:
        self._s.setValue("sync/save_folder", str(value))

    def sync_exchange_folder(self, db_path: Path | str | None) -> str:
        value = self._s.value(f"databases/{_db_key(db_path)}/sync_folder", "")
        return value if isinstance(value, str) else ""

    def set_sync_exchange_folder(self, db_path: Path | str | None, folder: str) -> None:
        self._s.setValue(f"databases/{_db_key(db_path)}/sync_folder", str(folder))

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._s.sync()
