"""A database in a folder whose name holds URI characters (?, #, %, space, Japanese) opens read-only."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

from agency_app.storage.database import connect, open_store, sqlite_uri
from agency_app.storage.masters import initialise


def test_read_only_connection_opens_a_database_in_an_awkward_folder(tmp_path):
    folder = tmp_path / "a?b#c%d 日本"
    folder.mkdir()
    store = open_store(folder / "agency.db")
    initialise(store)
    store.close()
    reader = connect(folder / "agency.db", read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM branches").fetchone()[0] >= 1
    finally:
        reader.close()


def test_uri_quotes_the_path_and_keeps_drive_and_share():
    assert sqlite_uri(PurePosixPath("/tmp/a?b#c%d x/agency.db")) == "file:///tmp/a%3Fb%23c%25d%20x/agency.db"
    assert sqlite_uri(PureWindowsPath(r"C:\Users\山田\agency.db")).startswith("file:///C:/Users/%E5%B1%B1")
    assert sqlite_uri(PureWindowsPath(r"\\server\share\agency.db")) == "file:////server/share/agency.db"
