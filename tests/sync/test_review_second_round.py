"""Issue 14 review passes, second round: defects reviewers proved with these tests (now fixed)."""

from __future__ import annotations

from dataclasses import replace

from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key, head_office_and_branches  # noqa: F401 (fixture)


def test_head_offices_change_of_a_survey_type_reaches_the_branch_and_joining_raises_no_duplicate_note(tmp_path):
    """The reviewers' survey-type test (rfix 8f998e1), DROPPED from the regression tests kept in e76300b although the
    commit says 'shipped survey types by code' is fixed. Head office changes how many grades of a survey type count
    as satisfied; the branch must count the same (the KPI figures differ otherwise), and a branch joining must not
    tell head office '…重複を確かめてください' about the four shipped types."""
    from agency_app.storage.surveys import SurveyRepository
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        joined = hq.take(yok.send())
        assert joined.notes == [], joined.notes
        surveys = SurveyRepository(hq.store)
        first = surveys.types()[0]
        boss = hq.staff("本部 管理者")
        hq.store.conn.execute("UPDATE staff SET role = 'manager' WHERE uid = ?", (boss,))
        surveys.save_type(replace(first, top_k=first.top_k + 1), by=boss)
        yok.take(hq.send())
        assert SurveyRepository(yok.store).type_of(first.code).top_k == first.top_k + 1
    finally:
        hq.close()
        yok.close()


def _node_of(store) -> str:
    return store.conn.execute("SELECT value FROM settings WHERE key = 'node_id'").fetchone()[0]


def test_a_copy_used_beside_the_original_does_not_make_head_office_forget_the_original(tmp_path):
    """横浜 sets up its second PC by copying the first PC's database onto it (the case node_seat exists for: the copy
    takes a new node id). The copy's bundles now say 'replaces' the FIRST PC's node — which is alive and still
    sending. Each time head office takes a bundle of the second PC it deletes the first PC's sync_peers row
    (bundle_import._note_peer), so head office's next bundle leaves out what the first PC lacks: the first PC
    never gets head office's voice 本部の声 A (and what follows it is held back 「保留」) — or does, depending on the
    order head office took the two PCs' files. Cause: node_seat.settle sets node_replaces on the COPY whenever
    the seat differs; a copy is not a move (the original goes on). Suggested: only forget a replaced node when it
    has sent nothing since the replacing node's first bundle, or let the 60-day rule alone do it."""
    from datetime import datetime
    from agency_app.storage.database import open_store
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    pc2 = None
    try:
        clerk = hq.staff("本部 一郎")
        hq.take(yok.send())
        yok.take(hq.send())
        (tmp_path / "pc2").mkdir()
        yok.store.conn.execute(f"VACUUM INTO '{tmp_path / 'pc2' / 'YOK.db'}'")
        pc2 = Office.__new__(Office)
        pc2.folder, pc2.code, pc2.sent = tmp_path / "pc2", "YOK", 0
        pc2.store = open_store(tmp_path / "pc2" / "YOK.db", daily_backup=False)
        assert _node_of(pc2.store) != _node_of(yok.store)  # the copy is a node of its own: as designed
        a = hq.voice(clerk, "本部の声 A", datetime(2026, 11, 2, 9, 0))
        hq.take(yok.send())   # the first PC: still working, says what it holds (not A)
        pc2.take(hq.send())   # the second PC takes A …
        hq.take(pc2.send())   # … and says so, 'replacing' the first PC
        b = hq.voice(clerk, "本部の声 B", datetime(2026, 11, 2, 10, 0))
        yok.take(hq.send())
        assert yok.voice_row(a).get("summary") == "本部の声 A"
        assert yok.voice_row(b).get("summary") == "本部の声 B"
    finally:
        for office in (hq, yok, pc2):
            if office is not None:
                office.close()


def test_a_laptop_docked_and_undocked_keeps_its_node_id(tmp_path, monkeypatch):
    """A branch laptop is used on its docking station (wired LAN adapter) some days and on Wi-Fi others, or has no
    usable adapter at all (Python then gives a RANDOM address per process). node_seat.machine_id hashes
    uuid.getnode() — the first network adapter's address — so the node id changes at such a start: a new chain,
    a new peer at head office, a new 'replaces'. Cause: storage/node_seat.py machine_id includes uuid.getnode().
    Suggested: the MachineGuid (or /etc/machine-id) and the computer name only."""
    import uuid
    from agency_app.storage.database import open_store
    from agency_app.storage.masters import initialise
    db = tmp_path / "agency.db"
    store = open_store(db, daily_backup=False, new=True)
    initialise(store)
    store.close()
    seen = []
    for mac in (0x0050B6AA0001, 0x3C2AF4BB0002, 0x0050B6AA0001):  # dock's LAN, Wi-Fi, dock again
        monkeypatch.setattr(uuid, "getnode", lambda mac=mac: mac)
        store = open_store(db, daily_backup=False)
        seen.append(_node_of(store))
        store.close()
    assert len(set(seen)) == 1, seen


def _pre_09_office(folder, code: str, head_office: bool, steps: list[str], monkeypatch):
    """An office's file from before 0.9 (migrations up to 0016) on a PC of its own, its 'renewal' checklist
    customised there."""
    from agency_app.storage import history_chain
    monkeypatch.setenv("AGENCY_APP_DATA", str(folder / f"pc-{code}"))
    history_chain._pc_cache.clear()
    from datetime import datetime
    from sqlite_utils import Database
    from agency_app.storage import migrations
    from agency_app.storage.checklist_templates import ChecklistTemplates
    from agency_app.storage.database import Store, apply_migrations, connect, open_store
    from agency_app.storage.masters import MasterData, initialise
    from tests.storage.test_history_migration import _as_schema_5_wrote
    path = folder / f"{code}.db"
    store = Store(Database(connect(path)), path)
    apply_migrations(store, [s for s in migrations.load_scripts() if s.number < 17])
    with _as_schema_5_wrote(store.conn):
        initialise(store, branch_code=code, branch_name="本部" if head_office else f"{code}支店",
                   is_head_office=head_office)
        boss = MasterData(store).save_staff(name=f"{code} 課長", role="manager", branch_code=code)
        ChecklistTemplates(store).save("renewal", steps, by=boss, now=datetime(2025, 10, 1, 9, 0))
    store.close()
    office = Office.__new__(Office)
    office.folder, office.code, office.sent = folder, code, 0
    office.store = open_store(path, daily_backup=False)
    return office


def test_two_offices_that_customised_a_checklist_before_09_see_the_pair_in_the_conflict_view(tmp_path, monkeypatch):
    """Head office and 横浜 both used the app before 0.9, each with its own 'renewal' checklist steps. After their
    first exchange both hold ONE office's steps (which one: whichever random node id sorts last) and the 競合 view
    is empty — the other office's customised checklist is silently gone. The round-1 test for the same case after
    0.9 (test_a_checklist_template_saved_at_two_offices_is_listed_as_a_conflict) lists it. Cause: domain/merge.py
    concurrent_pairs, 'change.version is None or current.version is None' → never a pair (and record_state orders
    version-less rows by node id): 'no office had another's records before 0.9' is not true of records keyed by
    a code (checklist_templates, branches)."""
    from agency_app.sync import conflicts
    from agency_app.storage.checklist_templates import ChecklistTemplates
    from agency_app.storage.masters import MasterData
    hq = _pre_09_office(tmp_path, "HQ", True, ["満期日を確認する", "本部の手順"], monkeypatch)
    yok = _pre_09_office(tmp_path, "YOK", False, ["満期日を確認する", "横浜の手順"], monkeypatch)
    try:
        MasterData(hq.store).save_branch("YOK", "横浜支店", is_head_office=False)
        yok.take(hq.send())
        hq.take(yok.send())
        yok.take(hq.send())
        steps = {o.code: ChecklistTemplates(o.store).steps_for("renewal") for o in (hq, yok)}
        listed = [(c.entity, c.record_uid, c.field) for c in conflicts.conflicts(hq.store.conn)]
        assert steps["HQ"] == steps["YOK"], steps
        assert ("checklist_templates", "renewal", "steps") in listed, (steps, listed)
    finally:
        hq.close()
        yok.close()


def test_check_still_sees_deleted_pre_09_history_after_the_file_moved(tmp_path):
    """Auditor: an office upgraded to 0.9 later moves its database (a new PC, another folder): node_seat gives it a
    new node id — as designed. Someone then deletes the last rows saved before the upgrade. `agency-app check`
    says nothing: the '*continues' row naming them was sealed under the FIRST node id, and history_check now
    checks a '*continues' row only when its pc is chain_owner(conn) — today's node id (storage/history_check.py
    `pc == own`). Before the move the same deletion is reported (CUT). Suggested: check every '*continues' row
    whose node is one this file ever was (node_replaces, or: a '*continues' row that is not in a merged chain)."""
    import shutil
    from agency_app.storage import history_check
    from agency_app.storage.database import open_store
    from tests.storage.test_history_migration import T3, fill_schema_5
    first = tmp_path / "before" / "agency.db"
    first.parent.mkdir()
    fill_schema_5(first)
    open_store(first, now=T3, daily_backup=False).close()  # the upgrade to 0.9
    moved = tmp_path / "after" / "agency.db"
    moved.parent.mkdir()
    shutil.copy(first, moved)
    store = open_store(moved, now=T3, daily_backup=False)  # opened at its new place: a new node id
    try:
        named = store.conn.execute("SELECT json_extract(new_value, '$.last_id') FROM audit_log "
                                   "WHERE field = '*continues'").fetchone()[0]
        for (name,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                          "AND tbl_name = 'audit_log'").fetchall():
            store.conn.execute(f'DROP TRIGGER "{name}"')  # what someone deleting history would do
        store.conn.execute("DELETE FROM audit_log WHERE id = ?", (named,))
        problems = history_check.verify(store.conn).problems
        assert any(p.kind == history_check.CUT for p in problems), problems
    finally:
        store.close()
