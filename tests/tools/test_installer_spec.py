"""The installer keeps only Qt's Japanese translations, in the Linux and the Windows wheel layouts."""

from __future__ import annotations

import ast
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "build_installer.spec"


def spec_filter():
    """The spec's `wanted` and its QT_TRANSLATIONS, run alone (the spec itself needs PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    keep = [node for node in tree.body
            if (isinstance(node, ast.FunctionDef) and node.name == "wanted")
            or (isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "QT_TRANSLATIONS" for t in node.targets))]
    namespace: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace["wanted"]


def test_only_japanese_qt_translations_are_kept_in_both_layouts():
    wanted = spec_filter()
    for folder in ("PySide6/Qt/translations/", "PySide6\\translations\\", "PySide6\\Qt\\translations\\"):
        assert not wanted(folder + "qtbase_de.qm"), folder
        assert wanted(folder + "qtbase_ja.qm"), folder
    assert wanted("PySide6\\plugins\\platforms\\qwindows.dll")
    assert wanted("resources/i18n/agency_ja.qm")
