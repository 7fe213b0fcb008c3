"""A database file dropped on the exe, or opened with it from Explorer, opens in the window (as with --db)."""

from __future__ import annotations

from agency_app import cli


def test_a_file_given_alone_opens_in_the_window(tmp_path, monkeypatch):
    db = tmp_path / "本社 顧客#1.db"
    db.write_bytes(b"")
    opened = []
    import agency_app.app
    monkeypatch.setattr(agency_app.app, "run_gui", lambda path, smoke_test=False: opened.append(path) or 0)
    assert cli.main([str(db)]) == 0
    assert opened == [db]


def test_commands_options_and_missing_files_are_left_to_the_parser(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "check").write_bytes(b"")  # a file named like a command is still the command
    assert cli.opened_from_explorer(["check"]) == ["check"]
    assert cli.opened_from_explorer(["--smoke-test"]) == ["--smoke-test"]
    assert cli.opened_from_explorer([str(tmp_path / "missing.db")]) == [str(tmp_path / "missing.db")]
    assert cli.opened_from_explorer([str(tmp_path)]) == [str(tmp_path)]  # a folder is not a database
    assert cli.opened_from_explorer(["--db", "x.db"]) == ["--db", "x.db"]
