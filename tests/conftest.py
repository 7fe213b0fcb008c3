"""Shared fixtures: a fresh initialised database per test (in memory or in a temp folder), staff to act as; the hypothesis profile."""

from __future__ import annotations

import os
from datetime import datetime

import pytest
from hypothesis import settings

# Every Qt test runs without a screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property-based tests (hypothesis): the same generated cases on every run and every PC (derandomize: a
# failure in CI is a failure here too), no example database written into the checkout, and few enough
# examples that they add seconds, not minutes. A test that drives the database sets deadline=None itself.
# HYPOTHESIS_PROFILE=thorough looks further (random, ten times the examples) when a rule changes;
# `pytest --hypothesis-profile=long` (or HYPOTHESIS_PROFILE=long) runs 5,000 random cases per property, for a
# long run by hand (the parsers' "any text gives a value or a message" tests: tests/domain/test_parsers_properties.py).
settings.register_profile("agency", derandomize=True, database=None, max_examples=150, print_blob=True)
settings.register_profile("thorough", derandomize=False, database=None, max_examples=1500, print_blob=True)
settings.register_profile("long", derandomize=False, database=None, max_examples=5000, print_blob=True,
                          deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "agency"))


def pytest_addoption(parser):
    parser.addoption("--slow", action="store_true", default=False,
                     help="also run the slow tier (tests marked slow: the kill -9 loop and other long loops)")


def pytest_collection_modifyitems(config, items):
    """The slow tier runs only when asked (`--slow`, or AGENCY_SLOW=1): deselected, never counted as passed or
    skipped, so pytest's summary says how many were left out."""
    if config.getoption("--slow") or os.environ.get("AGENCY_SLOW") == "1":
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


from agency_app import logs  # noqa: E402
from agency_app.storage.database import open_store  # noqa: E402
from agency_app.storage.masters import MasterData, initialise  # noqa: E402

FIXED_NOW = datetime(2025, 11, 20, 10, 0)  # a Thursday in 2025年度 下期 Q3


@pytest.fixture(autouse=True)
def log_in_tmp(tmp_path_factory, monkeypatch):
    """A test that starts the log (the command line does) writes it to a temporary user data folder (beside
    tmp_path, whose contents tests check), and leaves no handler behind."""
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path_factory.mktemp("user-data")))
    yield
    logs.stop()


@pytest.fixture(autouse=True)
def settings_in_tmp(tmp_path, monkeypatch):
    """Every process a test starts (the app in a subprocess, the bundle's commands) keeps its settings in an INI
    file in the test's temp folder: on Windows QSettings would otherwise write the user's registry, whatever
    HOME and XDG_CONFIG_HOME say. The same folder tests/ui/conftest.py gives the test's own process."""
    monkeypatch.setenv("AGENCY_APP_SETTINGS_DIR", str(tmp_path / "settings"))


@pytest.fixture
def store():
    """A new in-memory database with head office HQ, the presets, and no voices."""
    s = open_store(":memory:")
    initialise(s)
    yield s
    s.close()


@pytest.fixture
def file_store(tmp_path):
    """A new database file in a temp folder (WAL, backups beside it)."""
    s = open_store(tmp_path / "agency.db")
    initialise(s)
    yield s
    s.close()


@pytest.fixture
def staff(store):
    """Two staff members and a manager in `store`: returns a dict name → uid."""
    masters = MasterData(store)
    return {
        "sato": masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ"),
        "suzuki": masters.save_staff(name="鈴木 次郎", kana="すずき じろう", team="生保", branch_code="HQ"),
        "manager": masters.save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理",
                                      role="manager", branch_code="HQ"),
    }
