"""Where an export is saved: a Japanese default name in the user's Documents folder, with no character Windows
refuses in a file name, and the save-file dialog that asks."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

translate = QCoreApplication.translate

_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def safe_file_name(name: str) -> str:
    """`name` made acceptable to Windows: forbidden characters become 「_」, no trailing dot or space, no
    reserved device name (an insurer written 「A/B損保」 still gives a file)."""
    cleaned = _FORBIDDEN.sub("_", name).strip().rstrip(". ")
    stem = cleaned.split(".", 1)[0].upper()
    if not cleaned or stem in _RESERVED:
        cleaned = f"_{cleaned}"
    return cleaned


def documents_folder() -> Path:
    """The user's Documents folder (where Excel looks first), or the home folder if there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found else Path.home()
    return folder if folder.is_dir() else Path.home()


def default_path(stem: str, folder: Path | None = None) -> Path:
    return (folder or documents_folder()) / f"{safe_file_name(stem)}.xlsx"


def ask_save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """The save-file dialog (Windows asks itself before replacing a file); None if the user cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, translate("ExcelOut", "Save the Excel workbook"),
                                                  str(suggested), translate("ExcelOut", "Excel workbook (*.xlsx)"))
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
