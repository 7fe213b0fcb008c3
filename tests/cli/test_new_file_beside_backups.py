"""`demo` and `init` make a new database on purpose: backups an earlier file of that name left behind (a demo opened
in the window took its daily backup) are no reason to refuse the new file as "emptied" (issue 13, point 4's seam)."""

from __future__ import annotations

from agency_app.cli import main


def test_demo_force_remakes_a_demo_that_has_backups(tmp_path, capsys):
    """`demo --force` after the window had backed the demo up: exit 2 "データベースファイルが空（0 バイト）になっています
    … ファイルには手を加えていません", and the old demo was deleted all the same — no demo at all."""
    path = tmp_path / "demo.db"
    assert main(["demo", "--no-offices", "--db", str(path), "--voices", "20"]) == 0
    assert main(["backup", "--db", str(path)]) == 0  # as the window's daily backup
    capsys.readouterr()
    code = main(["demo", "--no-offices", "--db", str(path), "--voices", "30", "--seed", "2", "--force"])
    shown = "".join(capsys.readouterr())
    assert (code, "0 バイト" in shown) == (0, False), shown
    assert main(["check", "--db", str(path)]) == 0


def test_init_where_an_earlier_file_left_backups_makes_the_database(tmp_path, capsys):
    """The old file was moved away, its backups stayed: init said the (new) file was emptied and left it
    untouched — a zero-byte file it had just made itself."""
    path = tmp_path / "agency.db"
    assert main(["init", "--db", str(path)]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    path.rename(tmp_path / "moved.db")
    capsys.readouterr()
    code = main(["init", "--db", str(path)])
    shown = "".join(capsys.readouterr())
    assert (code, "0 バイト" in shown) == (0, False), shown
    assert path.stat().st_size > 0


def test_a_zero_byte_file_with_backups_is_still_refused_by_init(tmp_path, capsys):
    """An emptied file that is there (zero bytes, backups beside it) stays refused: its backups can bring it back."""
    path = tmp_path / "agency.db"
    assert main(["init", "--db", str(path)]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    path.write_bytes(b"")
    assert main(["init", "--db", str(path)]) == 2
    assert path.stat().st_size == 0


def test_an_init_the_full_disk_stopped_can_be_run_again(tmp_path, monkeypatch, capsys):
    """The disk filled up while init set the new file up: exit 2 with the disk message, but the half-made file (an
    empty SQLite database, 4 KB) stayed, and running init again once space was freed said "データベースが既にあります
    … 別のファイル名を指定してください" — the user had to find and delete it. As `demo` does, init removes what it made."""
    import sqlite3

    from agency_app import cli
    from tests.storage.bad_files import sqlite_error

    real = cli.initialise

    def disk_fills_up(store, **kwargs):
        with store.write():  # as initialise writes: the disk fills up inside its transaction
            store.conn.execute("CREATE TABLE half_made(x)")
            raise sqlite_error("SQLITE_FULL", "database or disk is full")
    path = tmp_path / "agency.db"
    monkeypatch.setattr(cli, "initialise", disk_fills_up)
    assert main(["init", "--db", str(path)]) == 2
    assert "空き容量" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == []
    monkeypatch.setattr(cli, "initialise", real)
    assert main(["init", "--db", str(path)]) == 0
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM branches").fetchone()[0] == 1
