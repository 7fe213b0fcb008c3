"""Tests and benchmarks keep settings in an INI file in a temp folder, never the user's (on Windows: the registry)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from agency_app.ui.kit.settings import SETTINGS_DIR_ENV, AppSettings


def written_file(settings: AppSettings) -> Path:
    settings.set_last_staff_uid(None, "S001")
    settings._s.sync()
    assert settings._s.format() == QSettings.Format.IniFormat
    return Path(settings._s.fileName()).resolve()


def test_the_apps_own_settings_are_written_in_the_tests_temp_folder(qapp, tmp_path):
    path = written_file(AppSettings())
    assert path.is_relative_to((tmp_path / "settings").resolve()) and path.exists()


def test_the_settings_folder_variable_moves_them(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(SETTINGS_DIR_ENV, str(tmp_path / "bench"))
    path = written_file(AppSettings())
    assert path.is_relative_to((tmp_path / "bench").resolve()) and path.exists()
