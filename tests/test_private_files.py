"""Files and folders for personal data are the owner's alone (0600 / 0700) whatever the umask; existing ones keep theirs."""

from __future__ import annotations

import os
import sys

import pytest

from agency_app.private_files import make_private, private_file, private_folder
from tests.file_modes import mode, usual_umask  # noqa: F401 — usual_umask is a fixture

pytestmark = [pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user "
                                "%LOCALAPPDATA% folder's ACL keeps the files the user's own"),
              pytest.mark.usefixtures("usual_umask")]


def test_a_new_folder_and_the_parents_it_makes_are_the_owners_only(tmp_path):
    folder = private_folder(tmp_path / "AgencyVoice" / "drafts" / "abc")
    assert folder.is_dir()
    assert [mode(p) for p in (folder, folder.parent, folder.parent.parent)] == [0o700] * 3


def test_an_existing_folder_keeps_its_mode(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o775)  # a team's shared folder, chosen on purpose
    private_folder(shared / "sub")
    assert mode(shared) == 0o775 and mode(shared / "sub") == 0o700


def test_a_new_file_is_empty_and_the_owners_only(tmp_path):
    path = private_file(tmp_path / "agency.db")
    assert path.read_bytes() == b"" and mode(path) == 0o600


def test_an_existing_file_is_left_as_it_is(tmp_path):
    path = tmp_path / "agency.db"
    path.write_bytes(b"SQLite format 3\x00 and more")
    os.chmod(path, 0o640)
    private_file(path)
    assert path.read_bytes() == b"SQLite format 3\x00 and more" and mode(path) == 0o640


def test_make_private_takes_away_what_the_umask_left_to_others(tmp_path):
    path = tmp_path / "made-by-a-library.xlsx"
    path.write_bytes(b"x")
    assert mode(path) == 0o644
    make_private(path)
    assert mode(path) == 0o600
    make_private(tmp_path / "gone")  # nothing there: no error
