"""Opening the database when things go wrong: the decisions (plain functions, testable) and their Japanese dialogs."""

from __future__ import annotations

import errno
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Callable, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from agency_app import logs
from agency_app.storage import backup
from agency_app.storage.database import Store, open_store
from agency_app.storage.errors import (
    CannotOpen, DatabaseCorrupt, DatabaseEmptied, DatabaseLocked, DatabaseTooNew, DiskFull, StorageError,
)
from agency_app.storage.file_moves import copy_retrying
from agency_app.storage.masters import initialise
from agency_app.ui.kit.messages import storage_error_text
from agency_app.ui.kit.style import widen_message_box


translate = QCoreApplication.translate  # lupdate finds translate("OpenErrors", "literal")
log = logging.getLogger(__name__)


@dataclass
class Opened:
    """A database ready to use: the store, the file actually opened, and whether it was just created."""

    store: Store
    path: Path
    is_new: bool
    restored_from: Path | None = None  # the backup a restored copy was made from


class OpenPolicy(Protocol):
    """What to do when opening fails; the app answers with dialogs, tests with plain objects."""

    def corrupt(self, error: DatabaseCorrupt, latest_backup: Path | None) -> bool:
        """Explain the damage; True = open `latest_backup` as a copy, False = quit."""

    def too_new(self, error: DatabaseTooNew) -> None:
        """Explain that a newer version of the application is needed."""

    def locked(self, error: DatabaseLocked) -> bool:
        """Explain that another copy is using the file; True = try again, False = quit."""

    def failed(self, error: StorageError) -> None:
        """Explain any other storage error (cannot open, read-only, disk full)."""

    def copy_failed(self, error: OSError, backup_file: Path) -> bool:
        """Explain that the backup could not be copied (nothing changed); True = try again, False = quit."""


def restored_copy_path(damaged: Path, now: datetime | None = None) -> Path:
    """Where a backup is copied to: beside the damaged file, e.g. agency-restored-20250401-093000.db."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = damaged.with_name(f"{damaged.stem}-restored-{stamp}{damaged.suffix or '.db'}")
    counter = 2
    while candidate.exists():
        candidate = damaged.with_name(f"{damaged.stem}-restored-{stamp}-{counter}{damaged.suffix or '.db'}")
        counter += 1
    return candidate


def copy_backup(backup_file: Path, damaged: Path, now: datetime | None = None) -> Path:
    """Copy a backup next to the damaged database; the damaged file itself is never touched."""
    target = restored_copy_path(damaged, now)
    copy_retrying(backup_file, target)  # an OSError leaves no partial copy behind
    return target


def copy_backup_asking(backup_file: Path, damaged: Path, policy: OpenPolicy) -> Path | None:
    """copy_backup, and when the copy fails (disk full, access refused, the backup folder gone) the policy
    says so and offers to try again; None when the user gives up."""
    while True:
        try:
            return copy_backup(backup_file, damaged)
        except OSError as error:
            log.warning("backup %s not copied beside %s: %s", backup_file, damaged, error)
            if not policy.copy_failed(error, backup_file):
                return None


def open_database(path: Path, policy: OpenPolicy, *,
                  opener: Callable[..., Store] = open_store,
                  daily_backup: bool = True, check: bool = True,
                  progress: Callable[[int, int], None] | None = None) -> Opened | None:
    """Open `path` (creating and initialising a new file), asking `policy` on each known failure.

    Returns None when the user chose to quit or nothing can be opened. A damaged file is left
    byte-identical: a backup is copied beside it and the copy is opened instead. `progress` is told
    how building the search index goes when opening has to (after an update that adds it).
    """
    path = Path(path)
    current, restored_from = path, None
    tried: set[Path] = set()
    while True:
        try:
            is_new = str(current) != ":memory:" and (not current.exists() or current.stat().st_size == 0)
            more = {"progress": progress} if progress is not None else {}
            store = opener(current, daily_backup=daily_backup, check=check, **more)
            if is_new:
                initialise(store)
            logs.note("database", f"{current}{' (new)' if is_new else ''}"
                                  f"{f' (restored from {restored_from})' if restored_from else ''}")
            return Opened(store, current, is_new, restored_from)
        except DatabaseCorrupt as error:
            log.warning("database not opened: %s: %s", type(error).__name__, error)
            candidates = [f for _, f in backup.list_backups(path) if f not in tried]
            latest = candidates[0] if candidates else None
            if not policy.corrupt(error, latest) or latest is None:
                return None
            tried.add(latest)
            copy = copy_backup_asking(latest, path, policy)
            if copy is None:
                return None
            current, restored_from = copy, latest
        except DatabaseTooNew as error:
            log.warning("database not opened: %s: %s", type(error).__name__, error)
            policy.too_new(error)
            return None
        except DatabaseLocked as error:
            log.warning("database not opened: %s: %s", type(error).__name__, error)
            if not policy.locked(error):
                return None
        except StorageError as error:
            log.warning("database not opened: %s: %s", type(error).__name__, error)
            policy.failed(error)
            return None
        except OSError as error:  # the folder refused, the backup before an update could not be written…
            log.warning("database not opened: %s: %s", type(error).__name__, error)
            full = error.errno in (errno.ENOSPC, errno.EFBIG) \
                or getattr(error, "winerror", None) in _DISK_FULL_WINERRORS
            policy.failed(DiskFull(str(error)) if full else CannotOpen(current, str(error)))
            return None


def offer_restored_copy(parent: QWidget | None, damaged: Path) -> Path | None:
    """Damage found while running: explain it; on yes, copy the latest backup beside the file and return the copy."""
    found = backup.list_backups(damaged)
    latest = found[0][1] if found else None
    policy = DialogPolicy(parent)
    if policy.corrupt(DatabaseCorrupt(damaged), latest) and latest is not None:
        return copy_backup_asking(latest, damaged, policy)
    return None


def corrupt_text(error: DatabaseCorrupt, latest_backup: Path | None) -> str:
    if isinstance(error, DatabaseEmptied):  # not "not a database": it was one, and its backups say so
        text = translate("OpenErrors", "The database file is empty (0 bytes), although backups of it exist:\n"
                                       "{path}\n\nThe file is left as it is.")
    else:
        text = translate("OpenErrors", "The database file is damaged or is not a database:\n{path}\n\n"
                                       "The file is left as it is.")
    text = text.format(path=error.path)
    if latest_backup is None:
        return text + "\n\n" + translate("OpenErrors", "No backup of this database was found. "
                                                       "Please contact your manager.")
    more = translate("OpenErrors", "You can continue with a copy of the latest backup ({when}). "
                                   "Entries made after that backup are not in it.")
    return text + "\n\n" + more.format(when=backup_time_text(latest_backup))


def backup_time_text(file: Path) -> str:
    """When a backup was taken, as '2025/04/01 09:30' (from its name)."""
    stem = file.parent.name  # backups/<database stem>/<stem>-YYYYmmdd-HHMMSS-reason.db
    stamp = file.stem[len(stem) + 1:][:15]
    try:
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").strftime("%Y/%m/%d %H:%M")
    except ValueError:
        return file.name


def too_new_text(error: DatabaseTooNew) -> str:
    """Names the file's schema, the newest this application knows, and the version that knows the file's."""
    text = translate("OpenErrors", "This database was written by a newer version of the application: its "
                                   "schema is version {schema}, and this application ({app}) knows schemas up "
                                   "to version {known}.\n")
    if error.required_app_version:
        text += translate("OpenErrors", "Please open it with version {version} or later, which knows "
                                        "schema {schema}.")
    else:  # the file names no version newer than this one: which one knows it is not known
        text += translate("OpenErrors", "Please open it with a version newer than {app}.")
    return (text + "\n\n{path}").format(schema=error.schema_version, app=error.app_version,
                                        known=error.known_schema_version if error.known_schema_version
                                        is not None else "?",
                                        version=error.required_app_version, path=error.path)


def locked_text(error: DatabaseLocked) -> str:
    return translate("OpenErrors", "The database is being used by another copy of the application "
                                   "and stayed busy for several seconds.\n"
                                   "If the application is already open on this PC, please use that window.\n\n"
                                   "Try again?")


def failed_text(error: StorageError) -> str:
    return storage_error_text(error, typed=False)  # at open nothing has been typed yet


# Windows error codes (OSError.winerror) that mean the same as the errno below; Python maps most, not all.
_DISK_FULL_WINERRORS = {39, 112}          # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_REFUSED_WINERRORS = {5, 32, 33}          # ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def file_error_reason(error: OSError) -> str:
    """Why a file could not be copied, in words a user can act on."""
    winerror = getattr(error, "winerror", None)
    if error.errno == errno.ENOSPC or winerror in _DISK_FULL_WINERRORS:
        return translate("OpenErrors", "There is not enough free disk space.")
    if error.errno in (errno.EACCES, errno.EPERM) or winerror in _REFUSED_WINERRORS:
        return translate("OpenErrors", "Access was refused, or another program (for example a virus scanner) "
                                       "is using the file.")
    if isinstance(error, FileNotFoundError):
        return translate("OpenErrors", "The backup file or its folder cannot be found (a network drive may "
                                       "be disconnected).")
    return translate("OpenErrors", "The system reported: {reason}").format(reason=error.strerror or str(error))


def copy_failed_text(error: OSError, backup_file: Path) -> str:
    text = translate("OpenErrors", "The copy of the backup could not be made.\n{reason}\n\n"
                                   "Nothing was changed: the damaged file and the backup are as they were.\n"
                                   "Try again in a moment; if it fails again, ask your manager. The backup "
                                   "can also be copied by hand:\n{path}")
    return text.format(reason=file_error_reason(error), path=backup_file)


class DialogPolicy:
    """The OpenPolicy of the running application: Japanese message boxes."""

    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def corrupt(self, error: DatabaseCorrupt, latest_backup: Path | None) -> bool:
        box = QMessageBox(QMessageBox.Icon.Critical, translate("OpenErrors", "The database is damaged"),
                          corrupt_text(error, latest_backup), parent=self.parent)
        widen_message_box(box)
        if latest_backup is None:
            box.addButton(translate("OpenErrors", "Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            return False
        use = box.addButton(translate("OpenErrors", "Open a copy of the backup"),
                            QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("OpenErrors", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(use)
        box.exec()
        return box.clickedButton() is use

    def too_new(self, error: DatabaseTooNew) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, translate("OpenErrors", "A newer version is needed"),
                          too_new_text(error), parent=self.parent)
        widen_message_box(box)
        box.exec()

    def locked(self, error: DatabaseLocked) -> bool:
        return self._try_again(translate("OpenErrors", "The database is in use"), locked_text(error),
                               translate("OpenErrors", "Quit"))

    def copy_failed(self, error: OSError, backup_file: Path) -> bool:
        return self._try_again(translate("OpenErrors", "The backup could not be copied"),
                               copy_failed_text(error, backup_file), translate("OpenErrors", "Close"))

    def _try_again(self, title: str, text: str, give_up: str) -> bool:
        """A warning with Try again (the default) and `give_up`; True when the user chose to try again."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.parent)
        widen_message_box(box)
        retry = box.addButton(translate("OpenErrors", "Try again"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(give_up, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        return box.clickedButton() is retry

    def failed(self, error: StorageError) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, translate("OpenErrors", "The database cannot be opened"),
                          failed_text(error), parent=self.parent)
        widen_message_box(box)
        box.exec()
