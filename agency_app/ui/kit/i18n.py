"""Japanese for the whole UI: Qt's own qtbase translation plus ours (resources/i18n/*.ts, compiled to .qm)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from agency_app import paths

log = logging.getLogger(__name__)

APP_CATALOG = "agency"
_EXE = ".exe" if sys.platform == "win32" else ""


def i18n_dir() -> Path:
    return paths.resources_dir() / "i18n"


def _language(locale: str) -> str:
    return QLocale(locale).name().split("_")[0]  # "ja_JP" → "ja"


def qm_path(locale: str = "ja_JP") -> Path:
    """Where our compiled catalogue for `locale` lives (it may not exist yet)."""
    return i18n_dir() / f"{APP_CATALOG}_{_language(locale)}.qm"


def find_lrelease() -> Path | None:
    """pyside6-lrelease beside the running Python (a venv's bin/ or Scripts\\), else the PySide6 package's own."""
    candidates = [
        Path(sys.executable).parent / f"pyside6-lrelease{_EXE}",
        Path(PySide6.__file__).parent / f"lrelease{_EXE}",
    ]
    found = shutil.which("pyside6-lrelease")
    if found:
        candidates.append(Path(found))
    return next((c for c in candidates if c.is_file()), None)


def compile_translations(force: bool = False) -> list[Path]:
    """Build each resources/i18n/*.ts into the .qm beside it when missing or older; returns the .qm files built.

    Raises RuntimeError when lrelease is missing or fails.
    """
    if getattr(sys, "frozen", False):
        return []  # a bundle ships its .qm, built by build_installer.spec
    built = []
    for ts in sorted(i18n_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if not force and qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        lrelease = find_lrelease()
        if lrelease is None:
            raise RuntimeError("pyside6-lrelease not found (is PySide6 installed in this Python?)")
        result = subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, text=True)
        if result.returncode != 0 or not qm.exists():
            raise RuntimeError(f"lrelease failed on {ts.name}: {(result.stderr or result.stdout).strip()}")
        built.append(qm)
    return built


def install_translators(app: QApplication, locale: str = "ja_JP") -> list[QTranslator]:
    """Load Qt's qtbase_<lang> and our agency_<lang>.qm into `app`; whatever cannot be loaded stays English.

    From a source tree the .qm is compiled first when missing or stale. Problems are logged, never raised.
    """
    if _language(locale) == "en":
        return []
    try:
        compile_translations()
    except (OSError, RuntimeError) as error:
        log.warning("translations not compiled, the UI may show English: %s", error)
    installed = []
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(QLocale(locale), "qtbase", "_", qt_dir):
        installed.append(qt_translator)
    else:
        log.warning("Qt's own translation qtbase for %s not found in %s", locale, qt_dir)
    ours = QTranslator(app)
    if ours.load(str(qm_path(locale))):
        installed.append(ours)
    else:
        log.warning("translation %s not found or unreadable; the UI stays English", qm_path(locale))
    for translator in installed:
        app.installTranslator(translator)
    return installed


def main() -> int:
    """`python -m agency_app.ui.kit.i18n [--force]`: compile resources/i18n/*.ts to .qm (used by tools/dev.py, the spec)."""
    try:
        built = compile_translations(force="--force" in sys.argv[1:])
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"translations: {len(built)} built, all up to date in {i18n_dir()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
