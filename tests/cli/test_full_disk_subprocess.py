"""A disk really full (0 bytes free), met by the commands that read through a private copy: no temporary folder
takes even the few bytes Python's tempfile tries, so the copy cannot start. POSIX: RLIMIT_FSIZE in a subprocess."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.storage.bad_files import fingerprint, make_sound

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")


def _no_file_may_grow():
    import resource
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


@pytest.mark.parametrize("command", [["check"], ["backup"]], ids=["check", "backup"])
def test_zero_bytes_free_gets_the_full_disk_message_for_the_check_copy(command, tmp_path):
    """It said "ファイルを読み書きできませんでした （No usable temporary directory found in ['/tmp', …]）": English,
    no file named, nothing about space. It is the temporary folder's message about room, exit 2, the file as it was."""
    path = tmp_path / "agency.db"
    make_sound(tmp_path / "sound.db")
    shutil.copyfile(tmp_path / "sound.db", path)
    before = fingerprint(path)
    env = {**os.environ, "AGENCY_APP_DATA": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", "import sys; from agency_app.cli import main; "
                             "raise SystemExit(main(sys.argv[1:]))", command[0], "--db", str(path), *command[1:]],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            preexec_fn=_no_file_may_grow)
    assert result.returncode == 2, result.stderr
    assert "空き容量" in result.stderr and "No usable" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert fingerprint(path) == before
