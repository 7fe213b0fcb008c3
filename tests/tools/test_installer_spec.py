"""The installer keeps only Qt's Japanese translations, in the Linux and the Windows wheel layouts."""

from __future__ import annotations

import ast
from pathlib import Path

SPEC = Path(__file__).resolve().parents[2] / "build_installer.spec"


def spec_filter(function="wanted", constants=("QT_TRANSLATIONS",)):
    """One of the spec's filter functions and its constants, run alone (the spec itself needs PyInstaller)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    keep = [node for node in tree.body
            if (isinstance(node, ast.FunctionDef) and node.name == function)
            or (isinstance(node, ast.Assign) and any(getattr(t, "id", "") in constants for t in node.targets))]
    namespace: dict = {}
    exec(compile(ast.Module(body=keep, type_ignores=[]), str(SPEC), "exec"), namespace)
    return namespace[function]


def test_only_japanese_qt_translations_are_kept_in_both_layouts():
    wanted = spec_filter()
    for folder in ("PySide6/Qt/translations/", "PySide6\\translations\\", "PySide6\\Qt\\translations\\"):
        assert not wanted(folder + "qtbase_de.qm"), folder
        assert wanted(folder + "qtbase_ja.qm"), folder
    assert wanted("PySide6\\plugins\\platforms\\qwindows.dll")
    assert wanted("resources/i18n/agency_ja.qm")


def test_qtnetwork_is_bundled_for_one_copy_per_database_without_its_tls_plugins():
    """ui/shell/single_instance.py needs QLocalServer; OpenSSL's TLS plugin and the others would only add weight."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    excludes = next(node.value for node in tree.body
                    if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "excludes" for t in node.targets))
    assert "PySide6.QtNetwork" not in ast.literal_eval(excludes)
    needed = spec_filter("needed_binary", ("UNUSED_NETWORK_PLUGINS",))
    for left_out in ("PySide6\\plugins\\tls\\qschannelbackend.dll", "PySide6\\plugins\\tls\\qopensslbackend.dll",
                     "PySide6/Qt/plugins/tls/libqopensslbackend.so",
                     "PySide6\\plugins\\networkinformation\\qnetworklistmanager.dll",
                     "PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so"):
        assert not needed(left_out), left_out
    for kept in ("PySide6\\Qt6Network.dll", "PySide6/Qt/lib/libQt6Network.so.6", "PySide6\\plugins\\platforms\\qwindows.dll",
                 "PySide6/Qt/plugins/platforms/libqoffscreen.so"):
        assert needed(kept), kept
