"""`demo` and `init` make a new database on purpose: backups an earlier file of that name left behind (a demo opened
in the window took its daily backup) are no reason to refuse the new file as "emptied" (issue 13, point 4's seam)."""

from __future__ import annotations

from agency_app.cli import main


def test_demo_force_remakes_a_demo_that_has_backups(tmp_path, capsys):
    """`demo --force` after the window had backed the demo up: exit 2 "データベースファイルが空（0 バイト）になっています
    … ファイルには手を加えていません", and the old demo was deleted all the same — no demo at all."""
    path = tmp_path / "demo.db"
    assert main(["demo", "--db", str(path), "--voices", "20"]) == 0
    assert main(["backup", "--db", str(path)]) == 0  # as the window's daily backup
    capsys.readouterr()
    code = main(["demo", "--db", str(path), "--voices", "30", "--seed", "2", "--force"])
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
