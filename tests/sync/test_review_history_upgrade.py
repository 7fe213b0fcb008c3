"""Issue 14 review passes, history upgrade: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from sqlite_utils import Database

from agency_app.storage import history_chain, history_check, hybrid_clock, masters, migrations
from agency_app.storage.database import Store, apply_migrations, connect, open_store
from agency_app.storage.masters import MasterData, initialise

from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key, head_office_and_branches  # noqa: F401

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 0)


# --- helpers -------------------------------------------------------------------------------------------------
def make_schema_16(path: Path, code: str, head_office: bool, monkeypatch) -> None:
    """A file as 0.8 (schema 16, before issue 14) made it: random ids for the seeded data, history sealed per PC."""
    store = Store(Database(connect(path)), path)
    apply_migrations(store, [s for s in migrations.load_scripts() if s.number < 17])
    with monkeypatch.context() as m:
        m.setattr(masters, "shipped_uid", lambda *key: uuid.uuid4().hex)
        initialise(store, branch_code=code, branch_name="本部" if head_office else f"{code}支店",
                   is_head_office=head_office)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 16
    store.close()


class OldOffice(Office):
    """An Office whose file was made by 0.8 (schema 16) and is now opened (upgraded) by this version."""

    def __init__(self, folder: Path, code: str, monkeypatch, head_office: bool = False, before_upgrade=None):
        self.folder, self.code, self.sent = folder, code, 0
        path = folder / f"{code}.db"
        make_schema_16(path, code, head_office, monkeypatch)
        if before_upgrade is not None:
            before_upgrade(path)
        self.store = open_store(path, daily_backup=False)


def check_problems(store: Store) -> list[str]:
    report, problems = [], []
    history_check.check_lines(store.conn, store.path, report, problems)
    return problems


def voice_count(office) -> int:
    return office.store.conn.execute("SELECT count(*) FROM voices").fetchone()[0]


# --- seeded ids (masters.py) --------------------------------------------------------------------------------
@pytest.mark.parametrize("old", ["head office", "branch", "both"])
def test_an_agency_using_the_app_before_09_can_add_a_new_branch(tmp_path, monkeypatch, old):
    """An office that has used the app since 0.8 (its presets and insurers have random ids) and one set up with
    0.9's `init` (seeded ids), or two 0.8 offices: the branch takes head office's first bundle. The user sees the
    import fail with a raw sqlite3.IntegrityError 'UNIQUE constraint failed: insurers.name' (a traceback, nothing
    Japanese) — the branch can never join, whatever it retries."""
    if old in ("head office", "both"):
        hq = OldOffice(tmp_path, "HQ", monkeypatch, head_office=True)
    else:
        hq = Office(tmp_path, "HQ", head_office=True)
    MasterData(hq.store).save_branch("YOK", "YOK支店", is_head_office=False)
    hq.voice(hq.staff("本部 花子"), "以前からの声", T1)
    first = hq.send()
    if old in ("branch", "both"):
        monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "another-pc"))  # the branch's own PC
        yok = OldOffice(tmp_path, "YOK", monkeypatch)
    else:
        yok = Office(tmp_path, "YOK")
    yok.take(first)
    conn = yok.store.conn
    assert conn.execute("SELECT count(*), count(DISTINCT name) FROM insurers").fetchone() == (8, 8)
    assert conn.execute("SELECT count(*) - count(DISTINCT preset || group_name || item_name) FROM categories"
                        ).fetchone()[0] == 0
    assert voice_count(yok) == 1


def test_a_branch_made_by_a_later_version_with_one_more_preset_category_joins(tmp_path, monkeypatch):
    """Seeded ids are numbered by position (agency-app:seed:N), not by what they are: when a later release adds
    one category to the 'agency' preset, every id after it shifts, so a branch set up with that release holds
    each later category and all 8 insurers under other ids than head office. The user sees the branch's first
    import fail (insurers.name UNIQUE) or duplicated categories."""
    hq = Office(tmp_path, "HQ", head_office=True)
    real = masters.load_preset

    def grown(path):  # the next release's preset: one category more, at the front
        taxonomy = real(path)
        if path.stem != "agency":
            return taxonomy
        extra = dataclasses.replace(taxonomy.categories[0], item="新しい項目")
        return dataclasses.replace(taxonomy, categories=(extra, *taxonomy.categories))

    monkeypatch.setattr(masters, "load_preset", grown)
    yok = Office(tmp_path, "YOK2")
    monkeypatch.setattr(masters, "load_preset", real)
    assert yok.store.conn.execute("SELECT count(*) FROM categories WHERE item_name = '新しい項目'").fetchone()[0] == 1
    MasterData(hq.store).save_branch("YOK2", "YOK2支店", is_head_office=False)
    yok.take(hq.send())
    conn = yok.store.conn
    assert conn.execute("SELECT count(*), count(DISTINCT name) FROM insurers").fetchone() == (8, 8)
    assert conn.execute("SELECT count(*) - count(DISTINCT preset || group_name || item_name) FROM categories"
                        ).fetchone()[0] == 0


def test_two_new_files_merged_hold_each_seeded_record_once(tmp_path):
    """Sound: two files made by `init` merge with no duplicate insurer or category."""
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    hq.take(yok.send())
    for office in (hq, yok):
        conn = office.store.conn
        assert conn.execute("SELECT count(*), count(DISTINCT name) FROM insurers").fetchone() == (8, 8)
        assert conn.execute("SELECT count(*) - count(DISTINCT preset || group_name || item_name) FROM categories"
                            ).fetchone()[0] == 0
        assert check_problems(office.store) == []


# --- chain owner and the upgrade (history_chain.py, migration 0017) -------------------------------------------
def _cut_last_rows(path: Path, n: int) -> None:
    conn = connect(path)
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute(f"DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT {n})")
    conn.commit()
    conn.close()


def test_a_tail_cut_off_before_the_upgrade_is_still_named_after_the_first_save(tmp_path, monkeypatch):
    """An 0.8 file whose last history rows were deleted with a SQLite tool (or replaced by an older copy of
    itself) before this version opened it. The upgrade's own transaction writes settings history rows (node_id,
    agency_id, last_app_version), sealed under the node id: note_lost_tail skips (the remembered head's pc is
    the PC id, chain_owner is now the node id) and the remembered head is overwritten with the node's. `check`
    after opening says nothing, for ever. In 0.8 the next save wrote a '*lost_tail' row and check named it."""
    office = OldOffice(tmp_path, "HQ", monkeypatch, head_office=True,
                       before_upgrade=lambda path: _cut_last_rows(path, 3))
    office.staff("本部 花子")
    assert check_problems(office.store) != [], "the lost tail is forgotten"


def test_rows_saved_just_before_the_upgrade_cannot_be_deleted_unseen(tmp_path, monkeypatch):
    """The last rows of the PC's chain from before the upgrade end that chain; after the first save the node's
    chain starts at its own genesis and the remembered head moves to it. Deleting those last pre-upgrade rows
    (the edits made just before updating the app) with a SQLite tool leaves `check` clean: the auditor cannot
    see they are gone. In 0.8 every later save extended the same chain, so such a cut was named."""
    office = OldOffice(tmp_path, "HQ", monkeypatch, head_office=True)
    office.staff("本部 花子")  # first save after the upgrade: node chain
    conn = office.store.conn
    old_pc = history_chain.pc_id()
    last_old = conn.execute("SELECT max(id) FROM audit_log WHERE pc = ?", (old_pc,)).fetchone()[0]
    assert last_old is not None
    conn.execute("DROP TRIGGER audit_log_no_delete")
    conn.execute("DELETE FROM audit_log WHERE pc = ? AND id > ?", (old_pc, last_old - 3))
    assert check_problems(office.store) != [], "three rows deleted, check is clean"


def test_upgrading_a_sealed_schema_16_file_keeps_check_clean(tmp_path, monkeypatch):
    """Sound: an 0.8 file (sealed history, a remembered head under the PC id) upgraded, saved, checked."""
    office = OldOffice(tmp_path, "HQ", monkeypatch, head_office=True)
    assert check_problems(office.store) == []
    office.voice(office.staff("本部 花子"), "声", T1)
    assert check_problems(office.store) == []
    pcs = {r[0] for r in office.store.conn.execute("SELECT DISTINCT pc FROM audit_log")}
    assert pcs == {history_chain.pc_id(), office.store.setting("node_id")}


# --- versions (hybrid_clock.py, seal_since, insert_sealed) -----------------------------------------------------
@pytest.fixture
def office(tmp_path):
    o = Office(tmp_path, "HQ", head_office=True)
    yield o
    o.close()


@pytest.mark.parametrize("how", ["null", "plus one", "minus one"])
def test_a_version_edited_with_the_triggers_dropped_is_named_by_check(office, how):
    """Sound: audit_log.hlc is in the digest's frame."""
    office.voice(office.staff("本部 花子"), "声", T1)
    conn = office.store.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    new = {"null": "NULL", "plus one": "hlc + 1", "minus one": "hlc - 1"}[how]
    conn.execute(f"UPDATE audit_log SET hlc = {new} WHERE id = (SELECT max(id) FROM audit_log)")
    assert any("書き換え" in p for p in check_problems(office.store))


def test_a_version_given_to_a_pre_version_row_is_named(tmp_path, monkeypatch):
    """Sound: a row older than versions (hlc NULL) given one with the triggers dropped is named."""
    office = OldOffice(tmp_path, "HQ", monkeypatch, head_office=True)
    conn = office.store.conn
    conn.execute("DROP TRIGGER audit_log_no_update")
    conn.execute("UPDATE audit_log SET hlc = 1 WHERE id = (SELECT min(id) FROM audit_log)")
    assert any("書き換え" in p for p in check_problems(office.store))


def test_the_triggers_refuse_a_version_edit(office):
    """Sound: with the triggers on, a sealed row's version cannot be changed, not even on an erased row."""
    office.voice(office.staff("本部 花子"), "声", T1)
    conn = office.store.conn
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE audit_log SET hlc = hlc + 1 WHERE id = (SELECT max(id) FROM audit_log)")


def test_versions_only_grow_across_restarts_and_a_clock_turned_back(tmp_path, monkeypatch):
    """Sound: newest+1 when the clock is behind what the file holds (also after a change from the future)."""
    office = Office(tmp_path, "HQ", head_office=True)
    clerk = office.staff("本部 花子")
    office.store.close()
    real = hybrid_clock.time.time_ns
    monkeypatch.setattr(hybrid_clock.time, "time_ns", lambda: real() - 3600 * 10 ** 9)  # an hour back
    office.store = open_store(tmp_path / "HQ.db", daily_backup=False)
    office.voice(clerk, "声", T1)
    versions = [r[0] for r in office.store.conn.execute("SELECT hlc FROM audit_log ORDER BY id")]
    assert versions == sorted(versions) and len(set(versions)) == len(versions)
    assert check_problems(office.store) == []
    office.close()


def test_a_bulk_insert_of_100k_rows_in_one_millisecond(office, monkeypatch):
    """Sound: the counter carries into the milliseconds; versions strictly grow and every row verifies."""
    monkeypatch.setattr(hybrid_clock.time, "time_ns", lambda: 1_800_000_000_000 * 10 ** 6)
    with office.store.write():
        n = history_chain.insert_sealed(
            office.store.conn, office.store.history_mark,
            "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 100000) "
            "SELECT lower(hex(randomblob(16))), 'HQ', 'voices', 'x' || i, 'summary', NULL, 'v' || i, "
            "'2026-11-02 09:00', NULL FROM k")
    assert n == 100_000
    versions = [r[0] for r in office.store.conn.execute("SELECT hlc FROM audit_log ORDER BY id")]
    assert all(a < b for a, b in zip(versions, versions[1:]))
    assert check_problems(office.store) == []


# --- sync_applying (audited_tables.py) -----------------------------------------------------------------------
def test_a_row_left_in_sync_applying_is_named_by_check(office):
    """A row put in sync_applying with a SQLite tool (or left there in any way) silences every audit trigger:
    every later save writes no history at all (no R11 record of who changed what) and `check` says nothing.
    It can never legitimately hold a row outside an import's transaction, so check (and opening the file)
    should say so."""
    clerk = office.staff("本部 花子")
    uid = office.voice(clerk, "声", T1)
    office.store.conn.execute("INSERT INTO sync_applying (since) VALUES ('x')")
    office.edit(uid, clerk, T2, summary="記録されない変更")
    recorded = office.store.conn.execute(
        "SELECT count(*) FROM audit_log WHERE record_uid = ? AND field = 'summary'", (uid,)).fetchone()[0]
    assert recorded == 1 or check_problems(office.store) != [], "an edit with no history, check is clean"


# --- a change from the future (hybrid_clock + the clock warning) -----------------------------------------------


# --- one database on two PCs, two databases on one PC ----------------------------------------------------------
def test_a_branch_file_copied_to_a_second_pc_loses_nothing_or_says_so(tmp_path, monkeypatch):
    """A branch copies its database to a second PC (what an office does to "add a PC"; the docstring of 0017
    says not to, no screen or command does). Both PCs save, both send. Head office takes both: the second
    PC's voice never arrives (its rows fork the node's chain and are held back in every bundle), and neither
    `sync import` says "保留 N 件: その前に作られた送信ファイルがまだ届いていません。届いたファイルを取り込むと、続けて
    取り込まれます" — untrue: no file ever brings them, not even `--since all`; `check` is clean on every file.
    The second PC's voices are lost at head office for good."""
    import shutil
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    clerk = yok.staff("横浜 一郎")
    hq.take(yok.send())
    yok.store.close()
    (tmp_path / "pc2").mkdir()
    shutil.copy(tmp_path / "YOK.db", tmp_path / "pc2" / "YOK.db")
    yok.store = open_store(tmp_path / "YOK.db", daily_backup=False)
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "pc2-data"))
    second = Office.__new__(Office)
    second.folder, second.code, second.sent = tmp_path / "pc2", "YOK", 0
    second.store = open_store(tmp_path / "pc2" / "YOK.db", daily_backup=False)
    assert check_problems(second.store) == []
    a = yok.voice(clerk, "一台目の声", T2)
    b = second.voice(clerk, "二台目の声", T3)
    hq.take(yok.send())
    other = hq.take(second.send())
    hq.take(second.send(since="all"))  # what the message suggests waiting for, and more
    assert hq.voice_row(a)
    assert hq.voice_row(b), f"held back {other.merged.held_back} rows, for ever"


def test_check_on_offices_made_on_one_pc_counts_pcs_right(tmp_path):
    """Head office and two branches made on one PC (the demo): after they exchanged, `check` at head office says
    "変更履歴の封印: … 行を確認（PC 3 台分）" — three PCs, where one PC wrote everything; the chains are per
    database (node) since 0.9, the report still says PC. An auditor is misled."""
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    yok.voice(yok.staff("横浜 一郎"), "横浜の声", T1)
    osa.voice(osa.staff("大阪 次郎"), "大阪の声", T2)
    hq.take(yok.send())
    hq.take(osa.send())
    report, problems = [], []
    history_check.check_lines(hq.store.conn, hq.store.path, report, problems)
    assert problems == []
    assert not any("PC 3 台分" in line for line in report), report
