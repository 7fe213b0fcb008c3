"""Shared by the file-mode tests (issue 13 point 9): the usual umask for a test, and a file's permission bits."""

from __future__ import annotations

import os
import stat

import pytest


@pytest.fixture
def usual_umask():
    """022, the usual default: without private_files everything would be readable by every user of the PC."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)
