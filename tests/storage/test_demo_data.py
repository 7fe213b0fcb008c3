"""Demo data: realistic proportions, a working full-text index and audit trail after the bulk build, determinism."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agency_app.domain import codes
from agency_app.demo import texts as T
from agency_app.domain.voice import VoiceInput
from agency_app.storage.database import open_store
from agency_app.demo.voices import generate
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voices import VoiceRepository

TODAY = date(2025, 11, 20)
N = 2000


def _trigger_and_index_sql(store) -> list[tuple]:
    return store.conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'voices' AND sql IS NOT NULL "
        "ORDER BY type, name").fetchall()


@pytest.fixture(scope="module")
def demo():
    """One 2,000-voice demo shared by the read-only tests of this module, with the schema SQL from before."""
    store = open_store(":memory:")
    initialise(store)
    schema_before = _trigger_and_index_sql(store)
    made = generate(store, voices=N, seed=7, today=TODAY)
    yield store, made, schema_before
    store.close()


def _share(store, where: str, *params) -> float:
    return store.conn.execute(f"SELECT count(*) FROM voices WHERE {where}", params).fetchone()[0] / N


def test_kinds_follow_seed_004_proportions(demo):
    store, made, _ = demo
    assert made["voices"] == N == store.conn.execute("SELECT count(*) FROM voices").fetchone()[0]
    expected = {"praise": 720 / 841, "dissatisfaction": 97 / 841, "request": 16 / 841, "other": 8 / 841}
    for kind, share in expected.items():
        assert _share(store, "kind = ?", kind) == pytest.approx(share, abs=0.03), kind
    complaints = _share(store, "is_complaint = 1")
    assert 0 < complaints < _share(store, "kind = 'dissatisfaction'")
    assert _share(store, "is_complaint = 1 AND kind <> 'dissatisfaction'") == 0


def test_categories_follow_the_active_preset_like_seed_002(demo):
    store, _, _ = demo
    expected = {T.RENEWAL: 0.33, T.CHANGE: 0.295, T.PREMIUM: 0.034, T.CLAIM: 0.097, T.PRIVACY: 0.011,
                T.OTHER: 0.232}
    for group, share in expected.items():
        assert _share(store, "category_group = ?", group) == pytest.approx(share, abs=0.03), group
    assert _share(store, "category_item IS NOT NULL") == 0


def test_masters_three_offices_26_staff_in_three_teams(demo):
    store, made, _ = demo
    masters = MasterData(store)
    branches = {b.code: b for b in masters.branches()}
    assert set(branches) == {"HQ", "YOK", "OMY"} and branches["HQ"].is_head_office
    staff = masters.staff()
    assert len(staff) == 26 == made["staff"]
    assert {s.team for s in staff} == {"生保", "損保", "団体"}
    assert 2 <= sum(s.is_manager for s in staff) <= 3
    assert all(s.kana and s.branch_code in branches for s in staff)
    assert len({s.name for s in staff}) == 26


def test_channels_mostly_phone_and_counter_and_some_anonymous(demo):
    store, _, _ = demo
    assert _share(store, "channel IN ('phone', 'counter')") > 0.6
    assert 0.05 < _share(store, "customer_name IS NULL") < 0.25


def test_rows_are_valid_although_checks_were_off_during_the_build(demo):
    store, _, _ = demo
    conn = store.conn
    assert conn.execute("PRAGMA foreign_key_check(voices)").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _share(store, "kind NOT IN (%s)" % ",".join("?" * 4), *codes.KINDS) == 0
    assert _share(store, "status NOT IN (%s)" % ",".join("?" * 4), *codes.STATUSES) == 0
    assert _share(store, "status = 'done' AND (response = '' OR completed_on IS NULL OR completed_by IS NULL)") == 0
    assert _share(store, "status = 'dropped' AND close_reason IS NULL") == 0
    assert _share(store, "due_date IS NULL OR due_date < substr(received_at, 1, 10)") == 0
    assert _share(store, "completed_on > ?", TODAY.isoformat()) == 0
    assert _share(store, "callback_at IS NOT NULL AND callback_at < received_at") == 0
    assert conn.execute("PRAGMA ignore_check_constraints").fetchone()[0] == 0
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_receipts_span_about_two_fiscal_years_up_to_today(demo):
    store, _, _ = demo
    first, last = store.conn.execute("SELECT min(received_at), max(received_at) FROM voices").fetchone()
    assert first[:10] >= "2024-04-01" and first[:7] <= "2024-04"
    assert last[:10] < TODAY.isoformat() and last[:7] == "2025-11"
    ordered = [r[0] for r in store.conn.execute("SELECT received_at FROM voices ORDER BY rowid")]
    assert ordered == sorted(ordered)


def test_old_voices_are_closed_and_recent_ones_open_some_overdue(demo):
    store, made, _ = demo
    assert _share(store, "received_at < '2025-09-01' AND status IN ('new', 'in_progress')") == 0
    assert _share(store, "received_at < '2025-09-01' AND status = 'dropped'") > 0
    open_count = store.conn.execute(
        "SELECT count(*) FROM voices WHERE status IN ('new', 'in_progress')").fetchone()[0]
    overdue = store.conn.execute(
        "SELECT count(*) FROM voices WHERE status IN ('new', 'in_progress') AND due_date < ?",
        (TODAY.isoformat(),)).fetchone()[0]
    assert open_count == made["open"] > 0
    assert overdue == made["overdue"] > 0
    assert _share(store, "reopen_count > 0") > 0


def test_callbacks_promised_for_today_and_tomorrow(demo):
    store, made, _ = demo
    repo = VoiceRepository(store)
    today = repo.callbacks_for(TODAY)
    due_today = [v for v in today if v["callback_at"].startswith(TODAY.isoformat())]
    assert len(due_today) == made["callbacks_today"] >= 4
    assert all(v["callback_staff_id"] for v in today)
    tomorrow = store.conn.execute("SELECT count(*) FROM voices WHERE callback_at LIKE '2025-11-21%'").fetchone()[0]
    assert tomorrow == made["callbacks_tomorrow"] > 0


def test_full_text_index_finds_demo_text_and_rare_words(demo):
    store, _, _ = demo
    conn = store.conn

    def matches(term: str) -> int:
        return conn.execute("SELECT count(*) FROM voices_fts WHERE voices_fts MATCH ?",
                            (f'"{term}"',)).fetchone()[0]

    def like(term: str) -> int:
        return conn.execute("SELECT count(*) FROM voices WHERE summary LIKE ?1 OR body LIKE ?1 "
                            "OR response LIKE ?1 OR customer_name LIKE ?1", (f"%{term}%",)).fetchone()[0]

    for term in (*T.RARE_TERMS, T.COMMON_TERM, "折り返し", "保険金"):
        assert matches(term) == like(term) > 0, term
    assert matches("EV充電") == N // 200
    assert matches(T.COMMON_TERM) >= 0.3 * N
    conn.execute("INSERT INTO voices_fts(voices_fts) VALUES ('integrity-check')")


def test_one_created_audit_row_per_voice(demo):
    store, _, _ = demo
    missing = store.conn.execute(
        "SELECT count(*) FROM voices v WHERE (SELECT count(*) FROM audit_log a WHERE a.entity = 'voices' "
        "AND a.record_uid = v.uid AND a.field = '*created') <> 1").fetchone()[0]
    assert missing == 0
    created = store.conn.execute(
        "SELECT count(*) FROM audit_log WHERE entity = 'voices' AND field = '*created'").fetchone()[0]
    assert created == N


def test_triggers_and_indexes_come_back_exactly_and_still_fire(demo):
    store, _, schema_before = demo
    assert _trigger_and_index_sql(store) == schema_before
    assert store.conn.execute("SELECT k, v FROM voices_fts_config WHERE k IN ('automerge', 'crisismerge') "
                              "ORDER BY k").fetchall() in ([], [("automerge", 4), ("crisismerge", 16)])
    repo = VoiceRepository(store)
    staff = MasterData(store).staff()[0].uid
    uid = repo.create(VoiceInput(received_at="2025-11-20 09:00", kind="request", summary="ハイブリッド蓄電池の相談",
                                 body="蓄電池の補償について"), by=staff, now=datetime(2025, 11, 20, 9, 5))
    rowid = store.conn.execute("SELECT rowid FROM voices WHERE uid = ?", (uid,)).fetchone()[0]
    found = store.conn.execute("SELECT rowid FROM voices_fts WHERE voices_fts MATCH '\"蓄電池の\"'").fetchall()
    assert found == [(rowid,)]
    assert [h.field for h in repo.history(uid)] == ["*created"]


def test_same_seed_and_day_give_the_same_demo_another_seed_another():
    def build(seed: int) -> list[tuple]:
        store = open_store(":memory:")
        initialise(store)
        generate(store, voices=300, seed=seed, today=TODAY)
        rows = store.conn.execute("SELECT * FROM voices ORDER BY rowid").fetchall()
        staff = store.conn.execute("SELECT uid, name FROM staff ORDER BY uid").fetchall()
        store.close()
        return rows + staff

    first = build(3)
    assert build(3) == first
    assert build(4) != first


def test_refuses_a_database_that_already_has_voices(demo):
    store, _, _ = demo
    with pytest.raises(ValueError):
        generate(store, voices=10, today=TODAY)


def test_two_level_insurer_preset_gets_items_small_demo_still_has_open_work():
    store = open_store(":memory:")
    initialise(store, preset="insurer")
    made = generate(store, voices=40, seed=2, today=TODAY)
    groups = {r[0] for r in store.conn.execute("SELECT DISTINCT category_group FROM voices")}
    assert groups <= {"募集業務", "契約管理業務", "保険金支払い業務", "顧客情報", "その他"}
    assert store.conn.execute("SELECT count(*) FROM voices WHERE category_item IS NULL").fetchone()[0] == 0
    assert made["callbacks_today"] >= 4 and made["open"] >= 8
    store.close()


def test_file_demo_builds_its_full_text_index_in_a_second_process_identically(tmp_path, monkeypatch):
    """A file-backed demo indexes in a spawned child and copies the index in: same rows, same search results,
    a sound index and no temporary file left; a demo built in memory (one process) is the reference."""
    from agency_app.demo import voices as demo_data

    monkeypatch.setattr(demo_data, "PARALLEL_FULL_TEXT_FROM", 100)
    path = tmp_path / "demo.db"
    store = open_store(path, daily_backup=False)
    initialise(store)
    made = generate(store, voices=600, seed=5, today=TODAY)
    reference = open_store(":memory:")
    initialise(reference)
    generate(reference, voices=600, seed=5, today=TODAY)
    conn, ref = store.conn, reference.conn
    assert "fts_copy" in made["phases"] and "fts_rebuild" not in made["phases"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]
    voices = "SELECT * FROM voices ORDER BY rowid"
    assert conn.execute(voices).fetchall() == ref.execute(voices).fetchall()
    conn.execute("INSERT INTO voices_fts(voices_fts) VALUES ('integrity-check')")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for term in (*T.RARE_TERMS, T.COMMON_TERM, "折り返し", "保険金", "株式会社"):
        query = "SELECT rowid FROM voices_fts WHERE voices_fts MATCH ? ORDER BY rowid"
        found = conn.execute(query, (f'"{term}"',)).fetchall()
        assert found == ref.execute(query, (f'"{term}"',)).fetchall(), term
        like = conn.execute("SELECT rowid FROM voices WHERE summary LIKE ?1 OR body LIKE ?1 OR response LIKE ?1 "
                            "OR customer_name LIKE ?1 ORDER BY rowid", (f"%{term}%",)).fetchall()
        assert found == like, term
    # The same totals and document sizes (segment numbers and page layout may differ: no matter to a search).
    for shadow in ("SELECT block FROM voices_fts_data WHERE id = 1", "SELECT * FROM voices_fts_docsize"):
        assert conn.execute(shadow).fetchall() == ref.execute(shadow).fetchall(), shadow
    assert conn.execute("SELECT k, v FROM voices_fts_config").fetchall() == \
        ref.execute("SELECT k, v FROM voices_fts_config").fetchall()
    assert conn.execute("SELECT count(*) FROM audit_log WHERE field = '*created' AND entity = 'voices'"
                        ).fetchone()[0] == 600
    store.close()
    reference.close()


def test_a_reopened_demo_voice_has_its_reopening_in_its_history(demo):
    store, _, _ = demo
    reopened = store.conn.execute("SELECT uid FROM voices WHERE reopen_count > 0 AND status = 'done'").fetchall()
    assert reopened
    for (uid,) in reopened:
        moves = store.conn.execute("SELECT old_value, new_value FROM audit_log WHERE record_uid = ? "
                                   "AND field = 'status' ORDER BY changed_at, id", (uid,)).fetchall()
        # Taken up and closed on the spot, then reopened and closed again.
        assert moves == [("new", "in_progress"), ("in_progress", "done"), ("done", "in_progress"), ("in_progress", "done")]
