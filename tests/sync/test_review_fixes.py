"""Issue 14 review passes, fixes: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

from agency_app.cli import _inspect
from agency_app.storage.database import open_store
from agency_app.sync.bundle_export import export_bundle
from tests.storage.test_history_migration import T3, fill_schema_5
from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key  # noqa: F401 (fixture)


def test_check_at_a_branch_is_clean_after_taking_an_upgraded_head_offices_history(tmp_path):
    """Head office's file dates from before 0.9 (upgraded: migration 0017 wrote a '*continues' row naming its old
    chain's last row by its LOCAL audit_log id). A branch takes head office's first bundle; at the branch,
    `agency-app check` (and head office's check of a branch upgraded alike) then says '更新（バージョン 0.9）の前に記録
    された最後の変更履歴の行が見つからないか、書き換えられています… 削除されたおそれがあります' — a false alarm of
    deleted history. history_check._verify checks every '*continues' row against this file's ids, whichever node
    wrote it (storage/history_check.py, the `continued` loop)."""
    hq_path = tmp_path / "HQ.db"
    fill_schema_5(hq_path)  # has branch YOK registered
    hq = open_store(hq_path, now=T3, daily_backup=False)
    first = export_bundle(hq, tmp_path / "HQ-1.agencysync", PASSPHRASE).path
    hq.close()
    _report, problems = _inspect(hq_path)
    assert not [p for p in problems if "0.9" in p], problems  # head office's own check is clean
    branch = Office(tmp_path, "YOK")
    branch.take(first)
    branch.store.close()
    _report, problems = _inspect(tmp_path / "YOK.db")
    assert not [p for p in problems if "0.9" in p], problems


NEW_PASSPHRASE = "新しい合言葉2027春"


def test_a_new_agency_passphrase_is_not_refused_because_of_old_bundles_in_the_folder(tmp_path):
    """Head office changes the agency's passphrase (a member of staff left) and tells every office. The first office
    to run 同期フォルダー with the NEW passphrase is told 'パスフレーズが違います' and nothing is written — forever, at
    every office, until someone deletes the old files by hand: with nothing new in the folder, first_refusing tries
    the last bundle already taken (sealed with the old passphrase) and refuses (sync/passphrase_check.py, taken[-1:])."""
    from agency_app.sync.exchange_folder import exchange
    from tests.sync.sync_offices import head_office_and_branches
    folder = tmp_path / "exchange"
    folder.mkdir()
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    try:
        exchange(yok.store, folder, PASSPHRASE)
        exchange(hq.store, folder, PASSPHRASE)
        exchange(yok.store, folder, PASSPHRASE)
        result = exchange(hq.store, folder, NEW_PASSPHRASE)  # raises WrongPassphrase today
        assert result.exported is not None or result.imported == []
    finally:
        hq.close()
        yok.close()




def test_an_upgraded_offices_edit_of_an_old_record_is_no_conflict(tmp_path):
    """An office upgraded from before 0.9 edits, after the upgrade, a field of a voice made before 0.9 (its summary).
    The other office that takes its history lists a 競合 for it — the office against ITSELF (its old PC chain's
    '*created' row, which carries no values, against its new node's edit). Every old record touched after an upgrade
    becomes a false pair in the 競合 view at head office. domain/merge.py concurrent_pairs: '*baseline' (which holds
    the value the edit saw) is skipped, so the edit is compared with the value-less '*created' (None)."""
    from datetime import datetime
    from dataclasses import replace
    from agency_app.storage.voices import VoiceRepository
    from agency_app.sync import conflicts
    hq_path = tmp_path / "HQ.db"
    made = fill_schema_5(hq_path)
    hq = open_store(hq_path, now=T3, daily_backup=False)
    voices = VoiceRepository(hq)
    entry = replace(voices.as_input(made["voice"]), summary="満期案内が届かない（再送済み）")
    voices.update(made["voice"], entry, by=made["boss"], now=datetime(2025, 11, 21, 10, 0))
    first = export_bundle(hq, tmp_path / "HQ-1.agencysync", PASSPHRASE).path
    hq.close()
    branch = Office(tmp_path, "YOK")
    try:
        branch.take(first)
        found = conflicts.conflicts(branch.store.conn)
        assert found == [], [(c.field, c.kept_value, c.lost_value, c.kept_branch, c.lost_branch) for c in found]
    finally:
        branch.close()


