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


def test_qt_charts_is_bundled_and_the_rest_of_pyside6_addons_is_not():
    """The voice day's charts need Qt Charts (ui/kit/charts.py, imported lazily: named as a hidden import); the
    other Addons modules, and the two Addons plugins that would drag in Qt Quick, QML and Qt PDF, stay out."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    excludes = ast.literal_eval(next(
        node.value for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "excludes" for t in node.targets)))
    hidden = [ast.literal_eval(node.value) for node in tree.body
              if isinstance(node, ast.AugAssign) and getattr(node.target, "id", "") == "hiddenimports"
              and isinstance(node.value, ast.List)]
    assert "PySide6.QtCharts" not in excludes and any("PySide6.QtCharts" in names for names in hidden)
    for left_out in ("PySide6.QtGraphs", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "PySide6.QtMultimedia",
                     "PySide6.QtPdf", "PySide6.QtDataVisualization", "PySide6.Qt3DCore", "PySide6.QtOpenGL"):
        assert left_out in excludes, left_out
    unused = spec_filter("unused_addon", ("UNUSED_ADDON_PLUGINS", "UNUSED_ADDON_PLUGIN_NAMES",
                                          "UNUSED_ADDON_LIBRARIES"))
    for left_out in ("PySide6/Qt/plugins/imageformats/libqpdf.so", "PySide6\\plugins\\imageformats\\qpdf.dll",
                     "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
                     "PySide6\\plugins\\platforminputcontexts\\qtvirtualkeyboardplugin.dll",
                     "PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6\\Qt6Pdf.dll", "PySide6/Qt/lib/libQt6Qml.so.6",
                     "PySide6\\Qt6QmlModels.dll", "PySide6/Qt/lib/libQt6Quick.so.6", "PySide6\\Qt6VirtualKeyboard.dll"):
        assert unused(left_out), left_out
    for kept in ("PySide6/Qt/lib/libQt6Charts.so.6", "PySide6\\Qt6Charts.dll", "PySide6/Qt/lib/libQt6OpenGL.so.6",
                 "PySide6\\Qt6OpenGLWidgets.dll", "PySide6/Qt/plugins/imageformats/libqjpeg.so",
                 "PySide6\\plugins\\imageformats\\qsvg.dll", "PySide6\\plugins\\platforms\\qwindows.dll",
                 "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",
                 "PySide6\\Qt6Widgets.dll", "PySide6/Qt/lib/libQt6Gui.so.6"):
        assert not unused(kept), kept
