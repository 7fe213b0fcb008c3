"""Stand-ins for the workbook writers (reports/excel/; the real ones have their own tests): each writes a small real .xlsx
and remembers what it was asked; and helpers that answer the dialogs an export opens, with the keyboard."""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

WRITERS = {"quarterly_workbook": "write_quarterly_workbook", "kpi_workbook": "write_kpi_workbook",
           "list_export": "write_list_workbook"}


def install_fake_writers(monkeypatch) -> list[tuple[str, tuple, dict]]:
    """Replace the three writers; returns the calls made: (function name, positional args after conn, keywords)."""
    import agency_app.reports.excel as package
    calls: list[tuple[str, tuple, dict]] = []
    for module_name, function_name in WRITERS.items():
        module = types.ModuleType(f"agency_app.reports.excel.{module_name}")
        # The rest of the real module (list_export.describe …) stays: only the writing is stood in for.
        module.__dict__.update({k: v for k, v in vars(importlib.import_module(module.__name__)).items()
                                if not k.startswith("__")})

        def write(conn, path, *args, _name=function_name, **kwargs):
            calls.append((_name, args, kwargs))
            book = openpyxl.Workbook()
            book.active.append(["見出し"])
            book.save(path)
            return 7
        setattr(module, function_name, write)
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(package, module_name, module, raising=False)
    return calls


def answer_save_dialog(monkeypatch, folder: Path) -> list[str]:
    """The save-file dialog takes the suggested name into `folder`; returns the suggestions it was given."""
    suggested: list[str] = []

    def ask(_parent, _caption, proposal, _filter):
        suggested.append(proposal)
        return str(folder / Path(proposal).name), _filter
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    return suggested


def when_modal(kind, act, *, tries: int = 500) -> None:
    """When a modal dialog of `kind` is up (opened by exec() in what follows), call act(dialog) on it."""
    def look(left=tries):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif left:
            QTimer.singleShot(10, lambda: look(left - 1))
    QTimer.singleShot(0, look)


def press(widget, key=Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifier)
