"""A finished file is renamed into place even while a virus scanner holds it for a moment (Windows)."""

from __future__ import annotations

import os

import pytest

from agency_app.storage import file_moves
from agency_app.storage.file_moves import ATTEMPTS, copy_retrying, replace_retrying


def scanner_holding(monkeypatch, times: int) -> list[float]:
    """os.replace refused `times` times, as Windows does while a scanner has the new file open."""
    real, refused, pauses = os.replace, [0], []

    def replace(source, target):
        if refused[0] < times:
            refused[0] += 1
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real(source, target)
    monkeypatch.setattr(file_moves.os, "replace", replace)
    return pauses


def test_on_windows_a_file_held_for_a_moment_is_moved_after_a_few_tries(tmp_path, monkeypatch):
    pauses = scanner_holding(monkeypatch, ATTEMPTS - 1)
    (tmp_path / "backup.db.partial").write_text("copy")
    replace_retrying(tmp_path / "backup.db.partial", tmp_path / "backup.db", windows=True, pause=pauses.append)
    assert (tmp_path / "backup.db").read_text() == "copy" and not (tmp_path / "backup.db.partial").exists()
    assert len(pauses) == ATTEMPTS - 1 and sum(pauses) < 1  # about half a second at most


def test_a_file_held_longer_is_reported_and_the_copy_kept(tmp_path, monkeypatch):
    pauses = scanner_holding(monkeypatch, ATTEMPTS)
    (tmp_path / "backup.db.partial").write_text("copy")
    with pytest.raises(PermissionError):
        replace_retrying(tmp_path / "backup.db.partial", tmp_path / "backup.db", windows=True, pause=pauses.append)
    assert (tmp_path / "backup.db.partial").read_text() == "copy"  # nothing lost: the caller says what happened


def test_elsewhere_a_refusal_is_not_a_scanner_and_is_raised_at_once(tmp_path, monkeypatch):
    pauses = scanner_holding(monkeypatch, 1)
    (tmp_path / "a").write_text("x")
    with pytest.raises(PermissionError):
        replace_retrying(tmp_path / "a", tmp_path / "b", windows=False, pause=pauses.append)
    assert pauses == []


def scanner_holding_copies(monkeypatch, times: int) -> None:
    """shutil.copyfile refused `times` times, as Windows does while a scanner has the backup open."""
    real, refused = file_moves.shutil.copyfile, [0]

    def copyfile(source, target):
        if refused[0] < times:
            refused[0] += 1
            raise PermissionError(13, "The process cannot access the file because it is being used")
        return real(source, target)
    monkeypatch.setattr(file_moves.shutil, "copyfile", copyfile)


def test_on_windows_a_backup_held_for_a_moment_is_copied_after_a_few_tries(tmp_path, monkeypatch):
    scanner_holding_copies(monkeypatch, ATTEMPTS - 1)
    pauses: list[float] = []
    (tmp_path / "backup.db").write_text("backup")
    copy_retrying(tmp_path / "backup.db", tmp_path / "copy.db", windows=True, pause=pauses.append)
    assert (tmp_path / "copy.db").read_text() == "backup" and not (tmp_path / "copy.db.partial").exists()
    assert len(pauses) == ATTEMPTS - 1 and sum(pauses) < 1


def test_a_copy_that_fails_leaves_the_backup_as_it_was_and_no_partial_file(tmp_path, monkeypatch):
    scanner_holding_copies(monkeypatch, ATTEMPTS)
    (tmp_path / "backup.db").write_text("backup")
    with pytest.raises(PermissionError):
        copy_retrying(tmp_path / "backup.db", tmp_path / "copy.db", windows=True, pause=lambda _: None)
    assert sorted(f.name for f in tmp_path.iterdir()) == ["backup.db"]


def scanner_holding_deletes(monkeypatch, times: int) -> None:
    """os.unlink refused `times` times, as Windows does while a scanner has the file open."""
    real, refused = os.unlink, [0]

    def unlink(path):
        if refused[0] < times:
            refused[0] += 1
            raise PermissionError(13, "The process cannot access the file because it is being used")
        real(path)
    monkeypatch.setattr(file_moves.os, "unlink", unlink)


def test_on_windows_a_file_held_for_a_moment_is_removed_after_a_few_tries(tmp_path, monkeypatch):
    from agency_app.storage.file_moves import unlink_retrying
    scanner_holding_deletes(monkeypatch, ATTEMPTS - 1)
    pauses = []
    (tmp_path / "new-a.json").write_text("{}")
    unlink_retrying(tmp_path / "new-a.json", windows=True, pause=pauses.append)
    assert not (tmp_path / "new-a.json").exists() and sum(pauses) < 1
    unlink_retrying(tmp_path / "new-a.json", windows=True, pause=pauses.append)  # already gone: nothing to do
