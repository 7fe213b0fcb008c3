"""`agency-app check` names each tampered history row in Japanese (row id, record, date) and exits 1, even with the
triggers dropped by a SQLite tool; a demo database, all of its history sealed, passes."""

from __future__ import annotations

import sqlite3

import pytest

from agency_app.cli import main

TODAY = ["--today", "2025-11-20"]


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    assert main(["demo", "--no-offices", "--db", str(path), "--voices", "200", *TODAY]) == 0
    return path


def _tool(path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")\
            .fetchall():
        conn.execute(f'DROP TRIGGER "{name}"')
    return conn


def _voice_row(conn, n: int = 0) -> tuple[int, str, str]:
    """The n-th history row of a closed voice: (id, voice uid, changed_at)."""
    return conn.execute("SELECT id, record_uid, changed_at FROM audit_log WHERE entity = 'voices' AND field = 'status' "
                        "ORDER BY id LIMIT 1 OFFSET ?", (n,)).fetchone()


def _check(path, capsys) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["check", "--db", str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_demo_database_has_its_whole_history_sealed_and_passes(demo_db, capsys):
    code, out, err = _check(demo_db, capsys)
    assert code == 0, err
    assert "変更履歴の封印:" in out and "記録元 1 か所" in out and "問題は見つかりませんでした。" in out


def test_an_edited_row_is_named_with_its_record_and_date(demo_db, capsys):
    conn = _tool(demo_db)
    row_id, voice, at = _voice_row(conn, 3)
    conn.execute("UPDATE audit_log SET new_value = 'done' , old_value = 'new' WHERE id = ?", (row_id,))
    conn.close()
    code, _, err = _check(demo_db, capsys)
    assert code == 1
    assert f"変更履歴の行 {row_id} が書き換えられています（voices {voice}、{at} の変更）。" in err
    assert "問題が 1 件あります。" in _check(demo_db, capsys)[1]


def test_a_deleted_row_is_named_by_the_row_after_it(demo_db, capsys):
    conn = _tool(demo_db)
    row_id, _, _ = _voice_row(conn, 5)
    following = conn.execute("SELECT id FROM audit_log WHERE id > ? ORDER BY id LIMIT 1", (row_id,)).fetchone()[0]
    conn.execute("DELETE FROM audit_log WHERE id = ?", (row_id,))
    conn.close()
    code, _, err = _check(demo_db, capsys)
    assert code == 1 and f"変更履歴の行 {following} の前で、行が削除されたか順番が入れ替えられています" in err


def test_a_row_inserted_by_a_sqlite_tool_is_named(demo_db, capsys):
    conn = _tool(demo_db)
    conn.execute("INSERT INTO audit_log (entity, record_uid, field, old_value, new_value, changed_at, changed_by) "
                 "VALUES ('voices', 'v-forged', 'status', 'new', 'done', '2025-11-19 17:00', 'someone')")
    row_id = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.close()
    code, _, err = _check(demo_db, capsys)
    assert code == 1
    assert f"変更履歴の行 {row_id} はこのアプリが書いたものではありません（封印がありません。voices v-forged、" \
           "2025-11-19 17:00 の変更）。" in err


def test_many_problems_are_counted_not_all_listed(demo_db, capsys):
    conn = _tool(demo_db)
    conn.execute("UPDATE audit_log SET changed_by = 'x' WHERE id IN (SELECT id FROM audit_log ORDER BY id LIMIT 25)")
    conn.close()
    code, out, err = _check(demo_db, capsys)
    assert code == 1 and err.count("が書き換えられています") == 20
    assert "ほかにも同じ種類の問題が 5 行あります。" in err and "問題が 21 件あります。" in out


def test_the_seal_columns_dropped_by_a_sqlite_tool_are_a_problem_not_an_old_file(demo_db, capsys):
    """Dropping the chain column (ALTER TABLE … DROP COLUMN) takes the whole seal away; on a file of schema 16 or
    later that is tampering, not a file still to be upgraded: every later edit would go unseen."""
    conn = _tool(demo_db)
    conn.execute("ALTER TABLE audit_log DROP COLUMN chain")
    row_id, _voice, _at = _voice_row(conn)
    conn.execute("UPDATE audit_log SET new_value = 'done' WHERE id = ?", (row_id,))
    conn.close()
    code, out, err = _check(demo_db, capsys)
    assert code == 1, out + err
    assert "封印" in err


def test_the_history_table_dropped_by_a_sqlite_tool_is_named_not_a_traceback(demo_db, capsys):
    """DROP TABLE audit_log (triggers cannot stop it) made check exit 3 with a traceback."""
    conn = sqlite3.connect(demo_db, isolation_level=None)
    conn.execute("DROP TABLE audit_log")
    conn.close()
    code, out, err = _check(demo_db, capsys)
    assert code == 1, out + err
    assert "Traceback" not in out + err and "変更履歴" in err
