"""UI test fixtures: settings and user data isolated per test, a file database with staff and voices, a shown main window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from agency_app.storage.database import open_store
from agency_app.storage.masters import MasterData, initialise
from agency_app.ui.kit.settings import AppSettings, use_ini_folder
from list_fixtures import MADE_OPERATIONS, OFFSCREEN_NOISE, add_voices, make_ops, make_window


def pytest_collection_modifyitems(items):
    """Every UI test ignores the offscreen platform's notes about window-manager requests."""
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def isolated_user_files(tmp_path, monkeypatch):
    """No test reads or writes the real user's settings or data folder."""
    use_ini_folder(tmp_path / "settings")
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def shut_operations_down():
    """Every Operations a test made stops after it: worker threads end, reading connections close."""
    yield
    while MADE_OPERATIONS:
        MADE_OPERATIONS.pop().shutdown()


@pytest.fixture(autouse=True)
def drain_drafts():
    """Every draft a test's forms handed to the draft writer is written before the next test starts."""
    yield
    from agency_app.ui.kit.draft_writer import draft_writer
    draft_writer().drain()


@pytest.fixture
def japanese(qapp):
    """The app's Japanese translations for this test only (as staff see it: the Japanese texts decide widths
    and mnemonics); other tests keep the English source strings. Yields the installed translators."""
    from PySide6.QtWidgets import QApplication

    from agency_app.ui.kit import i18n
    translators = i18n.install_translators(qapp, "ja_JP")
    yield translators
    for translator in translators:
        QApplication.removeTranslator(translator)


@pytest.fixture
def ops(store):
    """The operations over the in-memory `store` (tests/conftest.py): everything runs at once, in order."""
    return make_ops(store)


@pytest.fixture
def file_ops(voice_db):
    """The operations over voice_db's file, as the app runs them: writes and queries in worker threads."""
    return make_ops(voice_db[0])


@pytest.fixture
def app_settings(tmp_path):
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def voice_db(tmp_path):
    """A database file with head office, a branch, three staff (one manager) and the VOICES."""
    store = open_store(tmp_path / "agency.db")
    initialise(store)
    masters = MasterData(store)
    masters.save_branch("YK", "横浜支店")
    staff = {
        "sato": masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ"),
        "suzuki": masters.save_staff(name="鈴木 次郎", kana="すずき じろう", team="生保", branch_code="HQ"),
        "manager": masters.save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理",
                                      role="manager", branch_code="HQ"),
    }
    uids = add_voices(store, staff["sato"])
    yield store, staff, uids
    store.close()


@pytest.fixture
def window(qtbot, voice_db, app_settings, tmp_path):
    store, staff, _uids = voice_db
    w = make_window(qtbot, store, staff["sato"], app_settings, tmp_path)
    yield w
    w.search.shutdown()
