"""The three sync jobs as the writer thread runs them: export a bundle, import files, exchange through a folder.

Each takes the writing Services (ops.write: the app's one writing connection), the passphrase, `cancelled` (中止)
and `say(done, total, text)` for the progress, and returns an Outcome; it never raises for a bundle the user must
hear about. A wrong passphrase stops the job before anything is written, so the dialog can ask again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.sync import bundle_file
from agency_app.sync.bundle_export import ExportResult, export_bundle
from agency_app.sync.bundle_import import ImportResult, import_bundle
from agency_app.sync.exchange_folder import FolderProblem, exchange
from agency_app.os_errors import os_error_text
from agency_app.sync.passphrase_check import first_refusing

Say = Callable[[int, int, str], None]


@dataclass
class Outcome:
    kind: str  # export, import, folder
    imported: list[ImportResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)
    exported: ExportResult | None = None
    wrong: str = ""  # WrongPassphrase's message: ask again, nothing of that file written
    stopped_at: str = ""  # the file being read when 中止 came: nothing of it written
    failed: str = ""  # the job could not run (the folder is unusable, the file cannot be written)
    remaining: list[Path] = field(default_factory=list)  # files still to import after `wrong`

    @property
    def stopped(self) -> bool:
        return bool(self.stopped_at)


def _reason(error: OSError) -> str:
    return os_error_text(error)  # in Japanese, with what to do (a pulled USB stick, a full disk)


def export_job(path: Path):
    def job(data, passphrase: str, cancelled, say: Say) -> Outcome:
        outcome = Outcome("export")
        say(0, 0, "")
        try:
            outcome.exported = export_bundle(data.store, path, passphrase, cancelled=cancelled)
        except bundle_file.BundleCancelled:
            outcome.stopped_at = path.name
        except bundle_file.BundleError as error:  # this office has not joined yet
            outcome.failed = error.message
        except OSError as error:
            outcome.failed = _reason(error)
        return outcome
    return job


def import_job(paths: list[Path]):
    def job(data, passphrase: str, cancelled, say: Say) -> Outcome:
        outcome = Outcome("import")
        for number, path in enumerate(paths, 1):
            def progress(done: int, total: int, number=number, path=path) -> None:
                say(done, total, f"{path.name}（{number}/{len(paths)}）")
            progress(0, 0)
            try:
                outcome.imported.append(import_bundle(data.store, path, passphrase, cancelled=cancelled,
                                                      progress=progress))
            except bundle_file.WrongPassphrase as error:
                outcome.wrong = error.message
                outcome.remaining = paths[number - 1:]
                return outcome
            except bundle_file.BundleCancelled:
                outcome.stopped_at = path.name
                return outcome
            except bundle_file.BundleError as error:
                outcome.skipped.append((path.name, error.message))
            except OSError as error:  # gone, or the USB stick was pulled
                outcome.skipped.append((path.name, _reason(error)))
        return outcome
    return job


def folder_job(folder: Path):
    def job(data, passphrase: str, cancelled, say: Say) -> Outcome:
        outcome = Outcome("folder")
        say(0, 0, str(folder))
        refusing = first_refusing(data.conn, folder, passphrase)
        if refusing is not None:  # before any import, and before a bundle of ours is sealed with it
            outcome.wrong = bundle_file.WrongPassphrase(refusing).message
            return outcome
        try:
            result = exchange(data.store, folder, passphrase, cancelled=cancelled,
                              stage=lambda text: say(0, 0, text))
        except bundle_file.BundleCancelled as error:
            outcome.stopped_at = error.path.name
            return outcome
        except FolderProblem as error:
            outcome.failed = str(error)
            return outcome
        except OSError as error:  # the folder went away while our file was written
            outcome.failed = _reason(error)
            return outcome
        outcome.imported, outcome.skipped, outcome.exported = result.imported, result.skipped, result.exported
        return outcome
    return job
