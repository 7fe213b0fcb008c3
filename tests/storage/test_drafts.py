"""Drafts of the entry form survive a crash: atomic saves, damaged files set aside (never lost), errors reported."""

import json
import os
from datetime import datetime, timedelta, timezone

import pytest

from agency_app.storage import drafts
from agency_app.storage.drafts import DraftStore

TYPED = {"summary": "満期案内が届かない", "body": "お客様より「案内が来ない」とのお電話。", "is_complaint": True}


@pytest.fixture
def store(tmp_path):
    return DraftStore(tmp_path / "drafts")


def files(store) -> list[str]:
    return sorted(p.name for p in store.folder.iterdir())


def test_a_saved_draft_loads_back_as_typed(store):
    store.save("new-abc123", TYPED)
    assert store.load("new-abc123") == TYPED


def test_the_draft_file_is_readable_utf8_json_with_version_and_time(store):
    moment = datetime(2025, 11, 20, 10, 0, tzinfo=timezone(timedelta(hours=9)))
    store.save("edit-v1", TYPED, now=moment)
    text = (store.folder / "edit-v1.json").read_text(encoding="utf-8")
    assert "満期案内が届かない" in text  # not \\u escapes
    payload = json.loads(text)
    assert payload["format"] == drafts.FORMAT_VERSION
    assert payload["saved_at"] == "2025-11-20T10:00:00+09:00"
    assert store.saved_at("edit-v1") == "2025-11-20T10:00:00+09:00"


def test_saving_again_replaces_the_draft_and_leaves_no_temp_files(store):
    store.save("new-abc123", {"summary": "一回目"})
    store.save("new-abc123", {"summary": "二回目"})
    assert store.load("new-abc123") == {"summary": "二回目"}
    assert files(store) == ["new-abc123.json"]


def test_no_draft_loads_as_none(store):
    assert store.load("new-abc123") is None
    assert store.keys() == []
    assert store.saved_at("new-abc123") is None


@pytest.mark.parametrize("damage", [
    lambda raw: raw[: len(raw) // 2],          # power cut mid-write on a file system without rename safety
    lambda raw: b"",                           # an empty file
    lambda raw: b"\xff\xfe\x00garbage",        # not UTF-8
    lambda raw: b'["a list, not a draft"]',
], ids=["truncated", "empty", "not-utf8", "wrong-shape"])
def test_a_damaged_draft_loads_as_none_and_is_set_aside_not_deleted(store, damage):
    store.save("edit-v1", TYPED)
    path = store.folder / "edit-v1.json"
    broken = damage(path.read_bytes())
    path.write_bytes(broken)

    assert store.load("edit-v1") is None

    [aside] = [p for p in store.folder.iterdir() if p.name.startswith("edit-v1.corrupt-")]
    assert aside.read_bytes() == broken
    assert not path.exists()
    assert store.keys() == []
    assert store.load("edit-v1") is None  # a second look finds nothing, and loses nothing
    store.save("edit-v1", TYPED)
    assert store.load("edit-v1") == TYPED



def test_a_damaged_draft_that_cannot_be_set_aside_yet_reads_as_no_draft(store, monkeypatch):
    # On Windows a virus scanner holding the file refuses the move aside (PermissionError): the read raised
    # it, so the start of the day (has_draft) ended in a program error, at every start while it lasted.
    store.folder.mkdir(parents=True)
    path = store.folder / "new-abc123.json"
    path.write_bytes(b"")
    real_replace = os.replace

    def held(source, target):
        raise PermissionError(13, "The process cannot access the file because it is being used by another process")
    monkeypatch.setattr(os, "replace", held)
    assert store.load("new-abc123") is None
    assert path.read_bytes() == b""  # nothing lost: set aside at a later look
    monkeypatch.setattr(os, "replace", real_replace)
    assert store.load("new-abc123") is None
    assert [p.name.startswith("new-abc123.corrupt-") for p in store.folder.iterdir()] == [True]


def test_on_windows_a_saved_records_draft_held_by_a_scanner_is_still_removed(store, monkeypatch):
    # Saving writes the draft (a new file a scanner opens at once) and removes it a few milliseconds later,
    # once the record is stored. The removal was not retried like the rename: refused while the scanner held
    # the file, the saved voice's draft stayed and the next new voice offered its text again as a draft.
    from functools import partial
    from agency_app.storage import file_moves
    store.save("new-abc123", TYPED)
    real, refused = os.unlink, [0]

    def held(path):
        if refused[0] < 2:
            refused[0] += 1
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real(path)
    monkeypatch.setattr(file_moves.os, "unlink", held)
    monkeypatch.setattr(drafts, "unlink_retrying", partial(file_moves.unlink_retrying, windows=True,
                                                           pause=lambda _s: None), raising=False)
    store.discard("new-abc123")
    assert store.load("new-abc123") is None and store.keys() == []

def test_two_damaged_drafts_set_aside_in_the_same_second_are_both_kept(store):
    for _ in range(2):
        (store.folder).mkdir(exist_ok=True)
        (store.folder / "edit-v1.json").write_text("{broken", encoding="utf-8")
        assert store.load("edit-v1") is None
    assert len([p for p in store.folder.iterdir() if ".corrupt-" in p.name]) == 2


def test_a_draft_from_a_newer_version_is_left_alone(store):
    store.folder.mkdir()
    path = store.folder / "edit-v1.json"
    path.write_text(json.dumps({"format": drafts.FORMAT_VERSION + 1, "saved_at": "x", "data": {"a": 1}}),
                    encoding="utf-8")
    assert store.load("edit-v1") is None
    assert path.exists()


def test_keys_list_the_drafts_present(store):
    store.save("new-staff1", {"summary": "a"})
    store.save("edit-voice9", {"summary": "b"})
    (store.folder / "new-staff2.corrupt-20251120-100000").write_text("x")
    (store.folder / ".new-staff3.abcd.tmp").write_text("x")  # left by a crash mid-save
    assert store.keys() == ["edit-voice9", "new-staff1"]


def test_discard_removes_the_draft(store):
    store.save("new-staff1", TYPED)
    store.discard("new-staff1")
    store.discard("new-staff1")  # already gone: no error
    assert store.load("new-staff1") is None
    assert store.keys() == []


def test_saving_into_a_folder_that_cannot_exist_raises_oserror(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the drafts folder's parent should be")
    store = DraftStore(blocker / "drafts")
    with pytest.raises(OSError):
        store.save("new-staff1", TYPED)
    assert store.load("new-staff1") is None
    assert store.keys() == []
    assert blocker.read_text() == "a file where the drafts folder's parent should be"


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_keeps_the_previous_draft_and_no_temp_file(store, monkeypatch, failing):
    store.save("edit-v1", {"summary": "保存済み"})

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(OSError):
        store.save("edit-v1", {"summary": "新しい入力"})
    monkeypatch.undo()
    assert store.load("edit-v1") == {"summary": "保存済み"}
    assert files(store) == ["edit-v1.json"]


def test_data_that_is_not_json_is_a_bug_and_writes_nothing(store):
    with pytest.raises(TypeError):
        store.save("new-staff1", {"when": datetime(2025, 11, 20)})
    assert store.keys() == []


@pytest.mark.parametrize("key", ["../outside", "a/b", "", ".hidden", "new staff"])
def test_keys_cannot_point_outside_the_drafts_folder(store, key):
    with pytest.raises(ValueError):
        store.save(key, TYPED)
