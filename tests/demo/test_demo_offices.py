"""`agency-app demo` makes head office and two branch databases that have exchanged bundles, with one open conflict:
what a newcomer opening 競合 and 同期状況 sees, each file passing `check`, and a branch's folder run taking the answer."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime

import pytest

from agency_app.cli import main
from agency_app.demo import offices
from agency_app.sync import bundle_file, conflicts, passphrase, sync_status
from agency_app.sync.node import this_node

TODAY = ["--today", "2025-11-20"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """(folder, what the command printed): built once; the scrypt cost made small (the header carries it)."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:
        # Module scope runs before conftest's per-test folders: this PC's files go to a temp folder here too.
        patch.setenv("AGENCY_APP_DATA", str(tmp_path_factory.mktemp("user-data")))
        patch.setenv("AGENCY_APP_SETTINGS_DIR", str(tmp_path_factory.mktemp("settings")))
        patch.setattr(bundle_file, "SCRYPT_N", 2 ** 10)
        capture = _Capture(patch)
        assert main(["demo", "--db", str(folder / "demo.db"), "--voices", "200", *TODAY]) == 0
    return folder, capture.text


class _Capture:
    """stdout of the module's one demo run (capsys is per test)."""

    def __init__(self, patch):
        import io
        import sys
        self.buffer = io.StringIO()
        patch.setattr(sys, "stdout", self.buffer)

    @property
    def text(self) -> str:
        return self.buffer.getvalue()


def read(path):
    conn = sqlite3.connect(path)
    return conn


def test_the_three_databases_and_the_exchange_folder_are_made_and_named(demo):
    folder, printed = demo
    assert sorted(p.name for p in folder.iterdir()) == ["demo-OMY.db", "demo-YOK.db", "demo-exchange", "demo.db"]
    bundles = sorted(p.name[:3] for p in (folder / "demo-exchange").iterdir())
    assert bundles == ["HQ_", "OMY", "YOK"]  # head office's answer (it replaced its first), one from each branch
    assert "拠点: demo-YOK.db（YOK）、demo-OMY.db（OMY） / 交換フォルダー demo-exchange（送受信ファイル 3 件）" in printed
    assert f"本部の競合 1 件 / パスフレーズ {offices.PASSPHRASE}" in printed


def test_each_branch_is_a_branch_of_the_same_agency_with_its_own_node(demo):
    folder, _ = demo
    nodes = {}
    for name in ("demo.db", "demo-YOK.db", "demo-OMY.db"):
        conn = read(folder / name)
        try:
            nodes[name] = this_node(conn)
        finally:
            conn.close()
    assert [n.branch for n in nodes.values()] == ["HQ", "YOK", "OMY"]
    assert [n.is_head_office for n in nodes.values()] == [True, False, False]
    assert all(n.joined for n in nodes.values())
    assert len({n.agency_id for n in nodes.values()}) == 1 and len({n.node_id for n in nodes.values()}) == 3


def test_head_office_has_exactly_one_open_conflict_on_a_voice_summary_from_yokohama(demo):
    folder, _ = demo
    conn = read(folder / "demo.db")
    try:
        [pair] = conflicts.conflicts(conn)
        summary_now = conn.execute("SELECT summary FROM voices WHERE uid = ?", (pair.record_uid,)).fetchone()[0]
    finally:
        conn.close()
    assert (pair.entity, pair.field, pair.status) == ("voices", "summary", "open")
    assert {pair.kept_branch, pair.lost_branch} == {"HQ", "YOK"}
    notes = {offices.HEAD_OFFICE_NOTE.strip("（）"), offices.BRANCH_NOTE.strip("（）")}
    assert {v.split("（")[-1].strip("）") for v in (pair.kept_value, pair.lost_value)} == notes
    assert summary_now == pair.kept_value


def test_both_branches_show_in_the_sync_status_with_a_bundle_and_their_voice(demo):
    folder, _ = demo
    conn = read(folder / "demo.db")
    try:
        rows = {row.code: row for row in sync_status.branch_sync(conn, datetime.now())}
        summaries = {s for (s,) in conn.execute("SELECT summary FROM voices")}
    finally:
        conn.close()
    assert rows["HQ"].is_self
    for code in ("YOK", "OMY"):
        assert rows[code].bundles == 1 and rows[code].last_made_at and rows[code].last_records >= 1
        assert not rows[code].quiet  # made just now: a week's silence cannot be shown without faking the clock
        assert offices.BRANCH_VOICES[code][1] in summaries


@pytest.mark.parametrize("name", ["demo.db", "demo-YOK.db", "demo-OMY.db"])
def test_check_passes_on_each_office(demo, name, capsys):
    folder, _ = demo
    assert main(["check", "--db", str(folder / name)]) == 0
    assert "問題は見つかりませんでした" in capsys.readouterr().out


def test_a_branch_takes_head_offices_answer_from_the_folder_with_the_demo_passphrase(demo, tmp_path, monkeypatch,
                                                                                   capsys):
    """What a newcomer's 交換フォルダーで送受信 in Yokohama's window does (on copies: the demo stays as made)."""
    folder, _ = demo
    shutil.copy(folder / "demo-YOK.db", tmp_path / "demo-YOK.db")
    shutil.copytree(folder / "demo-exchange", tmp_path / "demo-exchange")
    monkeypatch.setenv(passphrase.ENV, offices.PASSPHRASE)
    assert main(["sync", "folder", "--db", str(tmp_path / "demo-YOK.db"), str(tmp_path / "demo-exchange")]) == 0
    said = capsys.readouterr().out
    assert "取り込んだファイル 2 件 / 取り込まなかったファイル 0 件" in said  # head office's answer and Omiya's bundle
    conn = read(tmp_path / "demo-YOK.db")
    try:
        assert conflicts.open_count(conn) == 1  # Yokohama now sees the pair too
        assert offices.BRANCH_VOICES["OMY"][1] in {s for (s,) in conn.execute("SELECT summary FROM voices")}
    finally:
        conn.close()


def test_old_office_files_block_a_new_demo_and_force_removes_them_but_nothing_else(tmp_path, capsys):
    (tmp_path / "demo-YOK.db").write_bytes(b"old")
    (tmp_path / "demo-exchange").mkdir()
    (tmp_path / "demo-exchange" / "HQ_old.agencysync").write_bytes(b"old")
    (tmp_path / "demo-exchange" / "memo.txt").write_text("not ours")
    assert main(["demo", "--db", str(tmp_path / "demo.db"), "--voices", "5", "--no-offices", *TODAY]) == 1
    assert "ファイルが既にあります" in capsys.readouterr().err and not (tmp_path / "demo.db").exists()
    assert main(["demo", "--db", str(tmp_path / "demo.db"), "--voices", "5", "--no-offices", "--force", *TODAY]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-exchange", "demo.db"]
    assert [p.name for p in (tmp_path / "demo-exchange").iterdir()] == ["memo.txt"]


def test_a_failure_while_making_the_offices_leaves_no_file(tmp_path, monkeypatch, capsys):
    from agency_app.storage.errors import DiskFull
    monkeypatch.setattr(bundle_file, "SCRYPT_N", 2 ** 10)

    def full(*args, **kwargs):
        raise DiskFull("database or disk is full")
    monkeypatch.setattr(offices, "import_bundle", full)
    assert main(["demo", "--db", str(tmp_path / "demo.db"), "--voices", "5", *TODAY]) == 2
    assert "ディスクの空き容量" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_demo_too_big_for_the_offices_says_it_left_them_out(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(offices, "OFFICES_UP_TO", 4)
    assert main(["demo", "--db", str(tmp_path / "demo.db"), "--voices", "5", *TODAY]) == 0
    assert "拠点のデータベースは作りませんでした（お客様の声が 4 件を超える" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == ["demo.db"]
