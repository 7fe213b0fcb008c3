"""A database's node lives where it was last opened; a copy opened elsewhere is a node of its own (issue 14)."""

from __future__ import annotations

import shutil

from agency_app.storage import history_check
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise


def node_of(path) -> str:
    store = open_store(path, daily_backup=False)
    try:
        return store.setting("node_id")
    finally:
        store.close()


def made(path):
    store = open_store(path, daily_backup=False, new=True)
    initialise(store)
    store.close()
    return path


def test_the_same_file_opened_again_keeps_its_node(tmp_path):
    path = made(tmp_path / "hq.db")
    assert node_of(path) == node_of(path)


def test_a_copy_opened_in_another_place_takes_a_node_of_its_own_and_both_still_verify(tmp_path):
    """A restored backup, or a copy carried to a second PC: its new changes can never be the original's chain."""
    path = made(tmp_path / "hq.db")
    first = node_of(path)
    (tmp_path / "copy").mkdir()
    copy = tmp_path / "copy" / "hq.db"
    shutil.copyfile(path, copy)
    assert node_of(copy) != first and node_of(path) == first
    store = open_store(copy, daily_backup=False)
    try:
        store.set_setting("colour", "red")  # a save in the copy: sealed in its own chain
        assert history_check.verify(store.conn).problems == []
    finally:
        store.close()


def test_an_open_that_asks_for_no_migration_writes_no_seat(tmp_path):
    """The Excel export commands open with migrate=False: they must not write the file."""
    path = made(tmp_path / "hq.db")
    (tmp_path / "elsewhere").mkdir()
    copy = tmp_path / "elsewhere" / "hq.db"
    shutil.copyfile(path, copy)
    store = open_store(copy, daily_backup=False, migrate=False)
    try:
        before = store.setting("node_seat")
        assert store.setting("node_id") == node_of(path)
    finally:
        store.close()
    original = open_store(path, daily_backup=False)
    try:
        assert before == original.setting("node_seat")  # still the original's: nothing written in the copy
    finally:
        original.close()
