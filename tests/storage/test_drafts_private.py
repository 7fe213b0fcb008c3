"""Drafts hold what a customer said: their files and folders are the user's alone, and set-aside ones do not stay forever."""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timedelta

import pytest

from agency_app.storage import drafts
from agency_app.storage.drafts import DraftStore
from tests.file_modes import mode, usual_umask  # noqa: F401 — usual_umask is a fixture

TYPED = {"summary": "満期案内が届かない", "customer_name": "山田 太郎", "phone": "090-1234-5678"}
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user "
                                "%LOCALAPPDATA% folder's ACL keeps the drafts the user's own")
NOW = datetime(2026, 3, 31, 9, 0)


@POSIX_ONLY
def test_a_draft_and_the_folders_made_for_it_are_the_users_alone(tmp_path, usual_umask):
    store = DraftStore(tmp_path / "AgencyVoice" / "drafts" / "0123abcd")
    store.save("new-staff1", TYPED)
    store.save("new-staff1", TYPED)  # replaced: the new file is as private as the first
    assert mode(store.folder / "new-staff1.json") == 0o600
    assert [mode(store.folder), mode(store.folder.parent), mode(store.folder.parent.parent)] == [0o700] * 3


@POSIX_ONLY
def test_a_damaged_draft_set_aside_stays_the_users_alone(tmp_path, usual_umask):
    store = DraftStore(tmp_path / "drafts")
    store.save("edit-v1", TYPED)
    (store.folder / "edit-v1.json").write_bytes(b"{half a draft")
    assert store.load("edit-v1") is None
    [aside] = [p for p in store.folder.iterdir() if ".corrupt-" in p.name]
    assert mode(aside) == 0o600


def set_aside(store: DraftStore, key: str, when: datetime) -> str:
    store.folder.mkdir(parents=True, exist_ok=True)
    name = f"{key}.corrupt-{when.strftime('%Y%m%d-%H%M%S')}"
    (store.folder / name).write_text("{broken", encoding="utf-8")
    return name


def test_set_aside_drafts_older_than_30_days_are_deleted_younger_ones_kept(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.save("new-staff1", TYPED)
    old = set_aside(store, "edit-v1", NOW - timedelta(days=drafts.SET_ASIDE_DAYS, seconds=1))
    second = set_aside(store, "edit-v1", NOW - timedelta(days=40))
    os.replace(store.folder / second, store.folder / f"{second}-2")  # the second one set aside in that second
    second += "-2"
    month = set_aside(store, "edit-v2", NOW - timedelta(days=drafts.SET_ASIDE_DAYS))
    young = set_aside(store, "edit-v3", NOW - timedelta(days=2))
    odd = "edit-v4.corrupt-20261399-999999"  # not a time: left alone
    (store.folder / odd).write_text("x")

    gone = store.prune(now=NOW)

    assert sorted(p.name for p in gone) == sorted([old, second])
    left = sorted(p.name for p in store.folder.iterdir())
    assert left == sorted(["new-staff1.json", month, young, odd])
    assert store.load("new-staff1") == TYPED


def test_a_temp_file_a_kill_left_is_deleted_once_stale_a_fresh_one_kept(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    store.save("new-staff1", TYPED)
    stale, fresh = store.folder / ".new-staff1.abcd.tmp", store.folder / ".new-staff1.efgh.tmp"
    stale.write_text("half")
    fresh.write_text("half")
    long_ago = time.time() - drafts.STALE_TEMP_SECONDS - 60
    os.utime(stale, (long_ago, long_ago))
    store.prune(now=NOW)
    assert not stale.exists() and fresh.exists() and store.load("new-staff1") == TYPED


def test_pruning_a_folder_not_made_yet_is_nothing(tmp_path):
    assert DraftStore(tmp_path / "none").prune(now=NOW) == []


def test_a_set_aside_draft_that_cannot_be_deleted_now_waits_for_the_next_start(tmp_path, monkeypatch):
    store = DraftStore(tmp_path / "drafts")
    name = set_aside(store, "edit-v1", NOW - timedelta(days=60))
    real = os.unlink

    def held(path, *args, **kwargs):
        raise PermissionError(13, "being used by another process")
    monkeypatch.setattr(os, "unlink", held)
    assert store.prune(now=NOW) == []
    monkeypatch.setattr(os, "unlink", real)
    assert [p.name for p in store.prune(now=NOW)] == [name]
