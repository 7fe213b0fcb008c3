"""Drafts belong to their database: a copy (same staff, same records) never offers them; old loose drafts find theirs."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta

from agency_app import paths
from agency_app.storage.drafts import DraftStore, carry_drafts, drafts_for_database

SATO, SUZUKI = "5a7d0c1e9b2f4a6c8d0e1f2a3b4c5d6e", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
TYPED = {"form": {"summary": "満期案内が届かない"}}


def test_a_draft_typed_against_one_database_is_not_offered_with_a_copy_of_it(tmp_path):
    first, copy = tmp_path / "agency.db", tmp_path / "copy" / "agency.db"
    drafts_for_database(first, [SATO]).save(f"new-{SATO}", TYPED)
    assert drafts_for_database(copy, [SATO]).load(f"new-{SATO}") is None
    assert drafts_for_database(first, [SATO]).load(f"new-{SATO}") == TYPED


def test_the_same_file_however_spelled_has_the_same_drafts(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    drafts_for_database(tmp_path / "data" / "agency.db", [SATO]).save(f"new-{SATO}", TYPED)
    assert drafts_for_database("data/../data/agency.db", [SATO]).load(f"new-{SATO}") == TYPED
    assert paths.drafts_dir_for(tmp_path / "data" / "agency.db").parent == paths.drafts_root()


def loose_draft(key: str, data=TYPED) -> None:
    """A draft as versions before 0.8 kept it: loose in the user's drafts folder, for every database."""
    DraftStore(paths.drafts_root()).save(key, data)


def test_a_draft_from_before_0_8_goes_to_the_database_whose_staff_typed_it(tmp_path):
    mine, other = tmp_path / "agency.db", tmp_path / "other.db"
    loose_draft(f"new-{SATO}")
    loose_draft(f"case-edit-{SATO}-c0ffee")
    loose_draft(f"new-{SUZUKI}")

    other_drafts = drafts_for_database(other, ["aaaa", SATO[:8]])  # a uid that only starts the same: not ours
    assert other_drafts.keys() == []
    my_drafts = drafts_for_database(mine, [SATO, "bbbb"])
    assert my_drafts.keys() == [f"case-edit-{SATO}-c0ffee", f"new-{SATO}"]
    assert my_drafts.load(f"new-{SATO}") == TYPED
    assert DraftStore(paths.drafts_root()).keys() == [f"new-{SUZUKI}"]  # waits for its own database
    assert drafts_for_database(tmp_path / "suzuki.db", [SUZUKI]).keys() == [f"new-{SUZUKI}"]
    assert DraftStore(paths.drafts_root()).keys() == []


def test_a_loose_old_draft_never_replaces_newer_typing_for_the_same_form(tmp_path):
    db = tmp_path / "agency.db"
    drafts_for_database(db, [SATO]).save(f"new-{SATO}", {"form": {"summary": "新しい入力"}})
    loose_draft(f"new-{SATO}", {"form": {"summary": "古い入力"}})
    assert drafts_for_database(db, [SATO]).load(f"new-{SATO}") == {"form": {"summary": "新しい入力"}}
    assert DraftStore(paths.drafts_root()).load(f"new-{SATO}") == {"form": {"summary": "古い入力"}}  # not lost


def test_opening_prunes_old_set_aside_drafts_of_the_database_and_the_loose_ones(tmp_path):
    db, now = tmp_path / "agency.db", datetime(2026, 3, 31, 9, 0)
    stamp = (now - timedelta(days=45)).strftime("%Y%m%d-%H%M%S")
    for folder in (paths.drafts_dir_for(db), paths.drafts_root()):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"new-{SATO}.corrupt-{stamp}").write_text("{broken")
    drafts_for_database(db, [SATO], now=now)
    assert not list(paths.drafts_dir_for(db).glob("*.corrupt-*"))
    assert not list(paths.drafts_root().glob("*.corrupt-*"))


def test_an_unusable_drafts_folder_does_not_stop_the_database_opening(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("AGENCY_APP_DATA", str(blocker))
    store = drafts_for_database(tmp_path / "agency.db", [SATO])
    assert store.load(f"new-{SATO}") is None and store.keys() == []


def test_a_restored_copy_takes_over_the_drafts_of_the_damaged_file(tmp_path):
    damaged, restored = tmp_path / "agency.db", tmp_path / "agency-restored.db"
    drafts_for_database(damaged, [SATO]).save(f"edit-{SATO}-v1", TYPED)
    drafts_for_database(restored, [SATO]).save(f"new-{SATO}", {"form": {"summary": "コピーで入力"}})
    assert carry_drafts(damaged, restored) == [f"edit-{SATO}-v1"]
    assert drafts_for_database(restored, [SATO]).load(f"edit-{SATO}-v1") == TYPED
    assert drafts_for_database(damaged, [SATO]).keys() == []
    assert carry_drafts(tmp_path / "never-had-drafts.db", restored) == []


def test_adopting_from_the_folder_itself_moves_nothing(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.save("new-a", TYPED)
    assert store.adopt(store.folder, lambda key: True) == []
    shutil.rmtree(store.folder)
    assert store.adopt(store.folder, lambda key: True) == []


def test_set_aside_drafts_of_a_damaged_file_left_behind_are_pruned_too(tmp_path):
    """The damaged file is never opened again once its restored copy carries on: the drafts set aside against it
    (a customer's words) must still go after SET_ASIDE_DAYS, not stay on disk for ever."""
    damaged, restored = tmp_path / "agency.db", tmp_path / "agency-restored.db"
    now = datetime(2026, 3, 31, 9, 0)
    stamp = (now - timedelta(days=45)).strftime("%Y%m%d-%H%M%S")
    folder = paths.drafts_dir_for(damaged)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"new-{SATO}.corrupt-{stamp}").write_text("{broken 鈴木 090-1234-5678")
    carry_drafts(damaged, restored)

    drafts_for_database(restored, [SATO], now=now)

    assert not list(folder.glob("*.corrupt-*"))
