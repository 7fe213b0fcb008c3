"""`agency-app sync export|import|folder` between a head office and branches: what each says and writes, and every
bundle that must not be taken refused with a Japanese message, its exit code and the database left as it was."""

from __future__ import annotations

import errno
import hashlib
import io
import sys
from datetime import datetime
from pathlib import Path

import pytest

from agency_app import cli_sync
from agency_app.cli import main
from agency_app.sync import bundle_file, passphrase

from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key, head_office_and_branches  # noqa: F401

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 0)


@pytest.fixture
def offices(tmp_path, monkeypatch):
    """Head office and branches YOK and OSA, joined; the passphrase in the environment, as a scheduled run has it."""
    monkeypatch.setenv(passphrase.ENV, PASSPHRASE)
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    yield hq, yok, osa
    for office in (hq, yok, osa):
        office.close()  # again after a test closed it: harmless


def db(office: Office) -> Path:
    return office.folder / f"{office.code}.db"


def shut(*offices: Office) -> None:
    """Close the tests' own connections: the command opens the file as a separate program would."""
    for office in offices:
        office.close()


def state(path: Path) -> tuple[str, int]:
    """The file's bytes (sha256) and its history rows: the same before and after means nothing was written."""
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    finally:
        conn.close()
    return hashlib.sha256(path.read_bytes()).hexdigest(), rows


def voices(path: Path) -> list[str]:
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        return [summary for (summary,) in conn.execute("SELECT summary FROM voices ORDER BY summary")]
    finally:
        conn.close()


def open_conflicts(path: Path) -> int:
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM sync_conflicts WHERE status = 'open'").fetchone()[0]
    finally:
        conn.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((bundle_file.SUFFIX, bundle_file.PARTIAL_SUFFIX)))


# --- export and import ----------------------------------------------------------------------------------------
def test_a_branch_exports_and_head_office_imports_its_voice(offices, tmp_path, capsys):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    shut(hq, yok)
    out = tmp_path / "from-yok.agencysync"
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"送信ファイルを作成しました: {out}" in said
    assert "変更 " in said and " KB" in said and out.is_file()
    assert main(["sync", "import", "--db", str(db(hq)), str(out)]) == 0
    said = capsys.readouterr().out
    assert "取り込みました: from-yok.agencysync（拠点 YOK" in said
    assert "記録 2 件" in said and "新しい競合 0 件" in said  # the staff member and the voice
    assert "満期案内が届かない" in voices(db(hq))


def test_export_into_a_folder_names_the_file_for_the_branch_and_since_all_carries_everything(offices, tmp_path,
                                                                                            capsys):
    hq, yok, _ = offices
    shut(hq, yok)
    folder = tmp_path / "outbox"
    folder.mkdir()
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(folder), "--since", "all"]) == 0
    [made] = folder.iterdir()
    assert made.name.startswith("YOK_") and made.name.endswith(bundle_file.SUFFIX)
    meta = bundle_file.read_header(made)
    assert meta["since"] == "all" and meta["changes"] > 0
    assert f"変更 {meta['changes']:,} 件" in capsys.readouterr().out


def test_export_since_a_date_typed_in_full_width_and_a_bad_since_is_refused_before_the_passphrase(offices, tmp_path,
                                                                                                capsys, monkeypatch):
    hq, yok, _ = offices
    shut(hq, yok)
    out = tmp_path / "x.agencysync"
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(out), "--since", "２０２６／１１／０１"]) == 0
    assert bundle_file.read_header(out)["since"] == "2026-11-01"
    out.unlink()
    monkeypatch.delenv(passphrase.ENV)  # not asked for: the refusal comes first
    before = state(db(yok))
    for bad in ("yesterday", "2026-13-01", "2026-1-5"):
        assert main(["sync", "export", "--db", str(db(yok)), "--out", str(out), "--since", bad]) == 1
        assert cli_sync.SINCE_TEXT in capsys.readouterr().err
    assert not out.exists() and state(db(yok)) == before


def test_an_out_file_not_named_as_a_bundle_is_refused(offices, tmp_path, capsys):
    hq, yok, _ = offices
    shut(hq, yok)
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(tmp_path / "yok.zip")]) == 1
    assert "「.agencysync」で終わるファイル名" in capsys.readouterr().err
    assert not (tmp_path / "yok.zip").exists()


def test_the_same_bundle_twice_changes_nothing_the_second_time(offices, capsys):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    shut(hq, yok)
    assert main(["sync", "import", "--db", str(db(hq)), str(bundle)]) == 0
    before = state(db(hq))
    capsys.readouterr()
    assert main(["sync", "import", "--db", str(db(hq)), str(bundle)]) == 0
    assert f"取り込み済みのファイルです（何も変わりません）: {bundle.name}" in capsys.readouterr().out
    assert state(db(hq)) == before


def test_a_conflict_is_counted_and_the_user_is_sent_to_the_conflicts_view(offices, capsys):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    manager = hq.staff("本部 花子")
    yok.edit(uid, clerk, T2, summary="満期の案内が来ない（支店）")
    hq.edit(uid, manager, T3, summary="満期案内の不達（本部）")
    bundle = yok.send()
    shut(hq, yok)
    assert main(["sync", "import", "--db", str(db(hq)), str(bundle)]) == 0
    said = capsys.readouterr().out
    assert "新しい競合 1 件" in said
    assert said.rstrip().endswith("競合があります: アプリの 競合 画面で確認してください。")
    assert open_conflicts(db(hq)) == 1


def test_a_bundle_after_a_missing_one_is_held_back_and_said(offices, tmp_path, capsys):
    """A branch that heard from head office sends only what head office lacks; a head office file that never got
    the earlier bundle (here: another file of the same agency) keeps the rest waiting and says so."""
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    yok.voice(clerk, "一通目", T1)
    hq.take(yok.send())
    yok.take(hq.send())
    yok.voice(clerk, "二通目", T2)
    later = yok.send()
    (tmp_path / "restored").mkdir()
    restored = Office(tmp_path / "restored", "HQ", head_office=True)
    restored.store.set_setting("agency_id", yok.store.setting("agency_id"))
    from agency_app.storage.masters import MasterData
    MasterData(restored.store).save_branch("YOK", "YOK支店", is_head_office=False)
    shut(hq, yok, restored)
    assert main(["sync", "import", "--db", str(db(restored)), str(later)]) == 0
    said = capsys.readouterr().out
    assert "保留 " in said and "それより前に作られたファイルがまだ届いていません" in said


# --- the exchange folder --------------------------------------------------------------------------------------
def test_the_folder_carries_both_branches_to_head_office_and_head_office_answers(offices, tmp_path, capsys):
    hq, yok, osa = offices
    yok.voice(yok.staff("横浜 一郎"), "横浜の声", T1)
    osa.voice(osa.staff("大阪 次郎"), "大阪の声", T2)
    shut(hq, yok, osa)
    folder = tmp_path / "exchange"
    folder.mkdir()
    for branch in (yok, osa):
        assert main(["sync", "folder", "--db", str(db(branch)), str(folder)]) == 0
        assert "送信ファイルを作成しました: " + branch.code in capsys.readouterr().out
    assert main(["sync", "folder", "--db", str(db(hq)), str(folder)]) == 0
    said = capsys.readouterr().out
    assert "取り込んだファイル 2 件 / 取り込まなかったファイル 0 件" in said
    assert "送信ファイルを作成しました: HQ_" in said
    assert {"横浜の声", "大阪の声"} <= set(voices(db(hq)))
    assert main(["sync", "folder", "--db", str(db(yok)), str(folder)]) == 0  # Yokohama gets Osaka's voice back
    assert "大阪の声" in voices(db(yok))
    before = state(db(hq))
    capsys.readouterr()
    assert main(["sync", "folder", "--db", str(db(hq)), str(folder)]) == 0  # the branches' files were taken before
    assert "取り込んだファイル 1 件" in capsys.readouterr().out  # only Yokohama's answer is new


def test_a_file_still_being_copied_into_the_folder_is_skipped_and_taken_at_the_next_run(offices, tmp_path, capsys):
    """Windows' copy gives the new file its full length first; the part not yet copied reads as zeros."""
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    shut(hq, yok)
    folder = tmp_path / "exchange"
    folder.mkdir()
    done = tmp_path / "done.agencysync"
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(done)]) == 0
    whole = done.read_bytes()
    copying = folder / done.name
    copying.write_bytes(whole[:len(whole) // 2] + bytes(len(whole) - len(whole) // 2))
    capsys.readouterr()
    before = state(db(hq))
    assert main(["sync", "folder", "--db", str(db(hq)), str(folder)]) == 0  # not a problem: it is on its way
    said = capsys.readouterr().out
    assert f"取り込みませんでした: {done.name}\n  コピー中か、途中で切れています" in said
    assert "取り込んだファイル 0 件" in said and "満期案内が届かない" not in voices(db(hq))
    assert state(db(hq))[1] == before[1]  # no history row: only head office's own bundle was noted
    copying.write_bytes(whole)  # the copy finished
    assert main(["sync", "folder", "--db", str(db(hq)), str(folder)]) == 0
    assert "取り込んだファイル 1 件" in capsys.readouterr().out
    assert "満期案内が届かない" in voices(db(hq))


def test_a_file_in_the_folder_that_cannot_be_taken_is_named_with_its_reason_and_exit_code_1(offices, tmp_path,
                                                                                           capsys):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    shut(hq, yok)
    folder = tmp_path / "exchange"
    folder.mkdir()
    bad = folder / "YOK_bad.agencysync"
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(bad)]) == 0
    data = bytearray(bad.read_bytes())
    data[-60] ^= 0x41
    bad.write_bytes(bytes(data))
    capsys.readouterr()
    assert main(["sync", "folder", "--db", str(db(hq)), str(folder)]) == 1
    captured = capsys.readouterr()
    assert "取り込みませんでした: YOK_bad.agencysync" in captured.out and "書き換えられています" in captured.out
    assert "取り込めなかったファイルが 1 件あります" in captured.err
    assert "満期案内が届かない" not in voices(db(hq))


def test_a_missing_exchange_folder_is_said(offices, tmp_path, capsys):
    hq, *_ = offices
    shut(hq)
    before = state(db(hq))
    assert main(["sync", "folder", "--db", str(db(hq)), str(tmp_path / "nowhere")]) == 2
    assert "交換フォルダーが見つかりません" in capsys.readouterr().err
    assert state(db(hq)) == before


# --- bundles that must not be taken ---------------------------------------------------------------------------
def _other_agency(tmp_path: Path, hq: Office, yok: Office) -> Path:
    (tmp_path / "other").mkdir()
    stranger = Office(tmp_path / "other", "HQ", head_office=True)
    try:
        stranger.voice(stranger.staff("他社 太郎"), "他社の声", T1)
        return stranger.send()
    finally:
        stranger.close()


def _unknown_branch(tmp_path: Path, hq: Office, yok: Office) -> Path:
    """A branch that joined the agency by head office's first bundle, but that head office never registered."""
    kobe = Office(tmp_path, "KOB")
    try:
        kobe.take(tmp_path / f"HQ-1{bundle_file.SUFFIX}")
        kobe.voice(kobe.staff("神戸 三郎"), "神戸の声", T1)
        return kobe.send()
    finally:
        kobe.close()


def _cut(bundle: Path) -> Path:
    data = bundle.read_bytes()
    bundle.write_bytes(data[:len(data) // 2])
    return bundle


def _tampered(bundle: Path) -> Path:
    data = bytearray(bundle.read_bytes())
    data[len(data) - len(bundle_file.END) - 30] ^= 0x41  # in the last sealed record: authenticated, so found
    bundle.write_bytes(bytes(data))
    return bundle


@pytest.mark.parametrize("case, message", [
    ("wrong passphrase", "パスフレーズが違います"),
    ("truncated", "本来の大きさより短いファイルです"),
    ("tampered", "壊れているか、書き換えられています"),
    ("newer schema", "新しいバージョンのアプリ"),
    ("another agency", "別の代理店のファイル"),
    ("unknown branch", "拠点 KOB はこのデータベースに登録されていません"),
    ("still being copied", "コピーの途中か、途中で切れています"),
])
def test_a_bundle_that_must_not_be_taken_is_refused_with_exit_code_1_and_nothing_written(
        offices, tmp_path, capsys, monkeypatch, case, message):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = {"another agency": _other_agency, "unknown branch": _unknown_branch}.get(
        case, lambda *_: yok.send())(tmp_path, hq, yok)
    if case == "truncated":
        _cut(bundle)
    elif case == "tampered":
        _tampered(bundle)
    elif case == "still being copied":
        whole = bundle.read_bytes()
        bundle.write_bytes(whole[:len(whole) // 2] + bytes(len(whole) - len(whole) // 2))
    elif case == "newer schema":
        monkeypatch.setattr("agency_app.sync.bundle_import.latest_schema_version", lambda: 16)
    elif case == "wrong passphrase":
        monkeypatch.setenv(passphrase.ENV, "違う合言葉ですよ")
    shut(hq, yok)
    before = state(db(hq))
    assert main(["sync", "import", "--db", str(db(hq)), str(bundle)]) == 1
    captured = capsys.readouterr()
    assert message in captured.err, captured.err
    assert bundle.name in captured.err and captured.out == ""
    assert state(db(hq)) == before


def test_one_refused_file_does_not_stop_the_others(offices, tmp_path, capsys):
    hq, yok, osa = offices
    yok.voice(yok.staff("横浜 一郎"), "横浜の声", T1)
    osa.voice(osa.staff("大阪 次郎"), "大阪の声", T2)
    bad, good = _cut(yok.send()), osa.send()
    shut(hq, yok, osa)
    assert main(["sync", "import", "--db", str(db(hq)), str(bad), str(tmp_path / "none.agencysync"),
                 str(good)]) == 1
    captured = capsys.readouterr()
    assert "本来の大きさより短い" in captured.err and "ファイルが見つかりません" in captured.err
    assert f"取り込みました: {good.name}" in captured.out
    assert "大阪の声" in voices(db(hq)) and "横浜の声" not in voices(db(hq))


# --- the passphrase -------------------------------------------------------------------------------------------
def test_the_passphrase_is_never_an_argument(offices, tmp_path, capsys):
    hq, *_ = offices
    shut(hq)
    for step in (["export", "--out", str(tmp_path / "x.agencysync")], ["import", str(tmp_path / "x.agencysync")],
                 ["folder", str(tmp_path)]):
        with pytest.raises(SystemExit) as stopped:
            main(["sync", *step, "--db", str(db(hq)), "--passphrase", PASSPHRASE])
        assert stopped.value.code == 2
        assert "--passphrase" in capsys.readouterr().err


@pytest.mark.parametrize("step", ["export", "import", "folder"])
def test_without_the_variable_and_without_a_terminal_it_says_how_and_exits_2(offices, tmp_path, capsys, monkeypatch,
                                                                             step):
    hq, yok, _ = offices
    bundle = yok.send()
    shut(hq, yok)
    monkeypatch.delenv(passphrase.ENV)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))  # a scheduled task: no one to type
    before = state(db(hq))
    target = {"export": ["--out", str(tmp_path / "hq.agencysync")], "import": [str(bundle)],
              "folder": [str(tmp_path)]}[step]
    assert main(["sync", step, "--db", str(db(hq)), *target]) == 2
    assert cli_sync.NO_TERMINAL in capsys.readouterr().err
    assert state(db(hq)) == before and not (tmp_path / "hq.agencysync").exists()


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_at_a_terminal_it_asks_twice_for_an_export_and_once_for_an_import(offices, tmp_path, monkeypatch, capsys):
    hq, yok, _ = offices
    shut(hq, yok)
    monkeypatch.delenv(passphrase.ENV)
    monkeypatch.setattr(sys, "stdin", _Terminal())
    asked = []

    def prompt(confirm, **kwargs):
        asked.append(confirm)
        return PASSPHRASE
    monkeypatch.setattr(passphrase, "prompt", prompt)
    out = tmp_path / "yok.agencysync"
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(out)]) == 0
    assert main(["sync", "import", "--db", str(db(hq)), str(out)]) == 0
    assert main(["sync", "folder", "--db", str(db(hq)), str(tmp_path)]) == 0
    assert asked == [True, False, True]  # the folder writes a bundle too: a typo there would lock the others out


def test_an_export_refuses_a_weak_passphrase_from_the_environment(offices, tmp_path, capsys, monkeypatch):
    hq, yok, _ = offices
    shut(hq, yok)
    monkeypatch.setenv(passphrase.ENV, "abc")
    before = state(db(yok))
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(tmp_path / "x.agencysync")]) == 1
    assert "パスフレーズが短すぎます" in capsys.readouterr().err
    assert leftovers(tmp_path) == ["HQ-1.agencysync"] and state(db(yok)) == before  # the fixture's bundle only


# --- stopped, disk full, the database -------------------------------------------------------------------------
def test_ctrl_c_during_an_import_leaves_the_database_as_it_was(offices, capsys, monkeypatch):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    for n in range(5):
        yok.voice(clerk, f"声 {n}", T1)
    bundle = yok.send()
    shut(hq, yok)
    from agency_app.sync import bundle_import
    merge = bundle_import.merge_rows

    def interrupted(conn, rows, **kwargs):
        def some():
            for n, row in enumerate(rows):
                if n == 5:
                    raise KeyboardInterrupt
                yield row
        return merge(conn, some(), **kwargs)
    monkeypatch.setattr(bundle_import, "merge_rows", interrupted)
    before = state(db(hq))
    assert main(["sync", "import", "--db", str(db(hq)), str(bundle)]) == 130
    assert "中断しました" in capsys.readouterr().err
    assert state(db(hq)) == before


@pytest.mark.parametrize("failure, code, message", [
    (KeyboardInterrupt, 130, "中断しました"),
    (OSError(errno.ENOSPC, "No space left on device"), 2, "ディスクの空き容量が足りないため"),
])
def test_an_export_stopped_or_out_of_disk_leaves_no_file_and_notes_nothing(offices, tmp_path, capsys, monkeypatch,
                                                                          failure, code, message):
    hq, yok, _ = offices
    shut(hq, yok)
    from agency_app.sync import change_rows
    line = change_rows.row_line
    written = []

    def failing(row):
        written.append(row)
        if len(written) == 3:
            raise failure
        return line(row)
    monkeypatch.setattr(change_rows, "row_line", failing)
    before = state(db(yok))
    (tmp_path / "out").mkdir()
    assert main(["sync", "export", "--db", str(db(yok)), "--out", str(tmp_path / "out" / "yok.agencysync")]) == code
    assert message in capsys.readouterr().err
    assert leftovers(tmp_path / "out") == [] and state(db(yok)) == before


def test_a_missing_or_damaged_database_is_said(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv(passphrase.ENV, PASSPHRASE)
    assert main(["sync", "import", "--db", str(tmp_path / "none.db"), str(tmp_path / "x.agencysync")]) == 1
    assert "データベースが見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64)
    before = damaged.read_bytes()
    assert main(["sync", "folder", "--db", str(damaged), str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip()
    assert damaged.read_bytes() == before
