"""Issue 14 review passes, upgrade history views: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

import socket
import uuid

from agency_app.storage import history_chain
from agency_app.storage.cases import CaseRepository
from agency_app.storage.checklist_templates import ChecklistTemplates
from agency_app.storage.database import connect, open_store
from agency_app.storage.voices import VoiceRepository
from tests.storage.test_history_migration import T3, fill_schema_5


def _node(path):
    conn = connect(path)
    try:
        return conn.execute("SELECT value FROM settings WHERE key = 'node_id'").fetchone()[0]
    finally:
        conn.close()


def test_upgrade_writes_no_team_change_nobody_made(tmp_path):
    """An office upgrading to 0.9 opens a voice's 変更履歴 and sees a チーム change ('' → 生保) 'by' the staff member who
    last saved the voice, at that save's time — a change nobody made (0011 filled the team on purpose without
    history: 'Filling the team is not a change anybody made'). Migration 0017 _baseline writes it as a plain 'team'
    row, which records.numbered_history does not hide (it hides only '*baseline'/'*continues')."""
    path = tmp_path / "agency.db"
    made = fill_schema_5(path)
    store = open_store(path, now=T3)
    try:
        fields = [e.field for e in VoiceRepository(store).history(made["voice"])]
        assert "team" not in fields, fields
    finally:
        store.close()


def test_upgrade_shows_no_baseline_in_case_history(tmp_path):
    """A case made before the upgrade: its 変更履歴 (CaseRepository.history, its own query, not numbered_history)
    now lists a '*baseline' row restating every value, dated the upgrade — shown as a change."""
    path = tmp_path / "agency.db"
    made = fill_schema_5(path)
    store = open_store(path, now=T3)
    try:
        fields = [e.field for e in CaseRepository(store).history(made["case"])]
        assert "*baseline" not in fields, fields
    finally:
        store.close()


def test_upgrade_shows_no_baseline_in_checklist_template_history(tmp_path):
    """A checklist template customised before the upgrade: its history (ChecklistTemplates.history skips only
    '*created') gains an entry whose 'steps after' is the whole row as a dict, not a list of steps."""
    path = tmp_path / "agency.db"
    fill_schema_5(path)
    store = open_store(path, now=T3)
    try:
        for _at, _name, before, after in ChecklistTemplates(store).history("renewal"):
            assert before is None or isinstance(before, list), before
            assert after is None or isinstance(after, list), after
    finally:
        store.close()


def _make(path):
    store = open_store(path, daily_backup=False, new=True)
    from agency_app.storage.masters import initialise
    initialise(store)
    store.close()


def test_two_windows_users_sharing_one_database_do_not_change_node_each_start(tmp_path, monkeypatch):
    """Two staff with their own Windows log-ons open one database file (e.g. C:\\共有\\agency.db) in turn: the node
    id changes at EVERY start (pc_id lives in each user's %LOCALAPPDATA%), so every start begins a new chain, a new
    peer at head office and a new bundle name. node_seat.settle keys the seat on history_chain.pc_id(), per user."""
    db = tmp_path / "shared" / "agency.db"
    db.parent.mkdir()
    users = [tmp_path / "userA", tmp_path / "userB"]
    monkeypatch.setenv("AGENCY_APP_DATA", str(users[0]))
    _make(db)
    seen = []
    for user in users * 2:
        monkeypatch.setenv("AGENCY_APP_DATA", str(user))
        open_store(db, daily_backup=False).close()
        seen.append(_node(db))
    assert len(set(seen)) <= 2, seen  # at most one change (ideally none: the same PC and file)


def test_second_pc_cloned_with_its_data_folder_takes_a_new_node(tmp_path, monkeypatch):
    """A second PC set up as a copy of the first (a disk image, or the AgencyVoice folder copied over — the default
    database lives IN that folder beside the pc id): same pc_id file, same path, so no new node id; both PCs write
    one node's chain and head office refuses the second as a fork. The seat names no machine (host, MAC)."""
    data = tmp_path / "AgencyVoice"
    monkeypatch.setenv("AGENCY_APP_DATA", str(data))
    db = data / "agency.db"
    _make(db)
    open_store(db, daily_backup=False).close()
    first = _node(db)
    # the clone: another machine name and network address, the same files at the same place
    history_chain._pc_cache.clear()
    monkeypatch.setattr(socket, "gethostname", lambda: "PC-2")
    monkeypatch.setattr(uuid, "getnode", lambda: 0x0242AC110099)
    monkeypatch.setenv("COMPUTERNAME", "PC-2")
    open_store(db, daily_backup=False).close()
    assert _node(db) != first
