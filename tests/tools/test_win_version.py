"""Both executables carry a Windows version resource with pyproject.toml's version, the company and the product."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import sys
import tomllib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

spec = importlib.util.spec_from_file_location("win_version", ROOT / "tools" / "win_version.py")
win_version = importlib.util.module_from_spec(spec)
spec.loader.exec_module(win_version)


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def test_the_version_files_carry_pyprojects_version_for_both_executables(tmp_path):
    version = pyproject_version()
    numbers = tuple(int(part) for part in version.split(".")) + (0,) * (4 - len(version.split(".")))
    files = win_version.write_version_files(tmp_path)
    assert set(files) == {"AgencyVoice", "agency-app"}
    for name, path in files.items():
        text = path.read_text(encoding="utf-8")
        assert f"filevers={numbers}" in text and f"prodvers={numbers}" in text  # e.g. (0, 4, 0, 0)
        for key, value in (("CompanyName", win_version.COMPANY_NAME), ("FileVersion", version),
                           ("ProductVersion", version), ("OriginalFilename", f"{name}.exe"),
                           ("InternalName", name), ("ProductName", "お客様の声・対応管理 (AgencyVoice)")):
            assert f"StringStruct({key!r}, {value!r})" in text, (name, key)
        assert "FileDescription" in text and "LegalCopyright" in text


@pytest.mark.parametrize("text, numbers", [
    ("0.4.0", (0, 4, 0, 0)), ("2", (2, 0, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)),
    ("1.0.0rc1", (1, 0, 0, 0)), ("1.1.dev2", (1, 1, 0, 0)),
])
def test_a_version_becomes_four_numbers(text, numbers):
    assert win_version.version_tuple(text) == numbers


@pytest.mark.parametrize("text", ["1.2.3.4.5", "v1", "", "65536.0"])
def test_a_version_windows_cannot_hold_stops_the_build(text):
    with pytest.raises(ValueError):
        win_version.version_tuple(text)


def test_pyinstaller_reads_the_file_and_writes_the_strings_as_windows_unicode(tmp_path, monkeypatch):
    """PyInstaller's own reader; off Windows its module wants pefile and win32api, unused for text: stand-ins will do."""
    compat = pytest.importorskip("PyInstaller.compat")
    if importlib.util.find_spec("pefile") is None:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(compat, "win32api"):
        monkeypatch.setattr(compat, "win32api", None, raising=False)
    versioninfo = importlib.import_module("PyInstaller.utils.win32.versioninfo")
    files = win_version.write_version_files(tmp_path, version="1.2.3")
    info = versioninfo.load_version_info_from_text_file(str(files["agency-app"]))
    raw = info.toRaw()
    for text in ("1.2.3", "agency-app.exe", win_version.COMPANY_NAME, "お客様の声・対応管理 (コマンドライン)"):
        assert text.encode("utf-16-le") in raw, text
    assert (info.ffi.fileVersionMS, info.ffi.fileVersionLS) == (1 << 16 | 2, 3 << 16 | 0)  # what Explorer shows
    assert (info.ffi.productVersionMS, info.ffi.productVersionLS) == (1 << 16 | 2, 3 << 16 | 0)


def test_the_spec_gives_a_version_file_to_every_executable_it_builds():
    tree = ast.parse((ROOT / "build_installer.spec").read_text(encoding="utf-8"))
    built = {node.args[0].value for node in ast.walk(tree)
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "executable"}
    assert built == set(win_version.EXECUTABLES)
