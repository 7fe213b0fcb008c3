"""Issue 14 review passes, sync log: defects reviewers proved with these tests (now fixed), and what they found sound."""

from __future__ import annotations

import pytest

from agency_app import cli, logs
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise

SECRET = "代理店の合言葉2026"


@pytest.mark.parametrize("command", [["sync", "folder", "--db", "{db}", SECRET],
                                     ["sync", "export", "--db", "{db}", "--out", SECRET]])
def test_a_passphrase_typed_as_the_folder_is_not_kept_in_the_log(tmp_path, monkeypatch, command):
    """Staff type the passphrase where the folder (or --out) goes: `agency-app sync folder --db agency.db 代理店の合言葉2026`.
    The start line hides it ((?), logs._loggable), but the refusal '交換フォルダーが見つかりません: 代理店の合言葉2026'
    ('保存先のフォルダーが見つかりません: …' for export) goes through cli._err, which writes every message into the log
    file staff are asked to send — the passphrase in a plain file. _import was changed to print its 'not found' line
    without the log; _folder (cli_sync.py, folder.is_dir() check) and _export (its folder check) were not."""
    db = tmp_path / "agency.db"
    store = open_store(db, daily_backup=False, new=True)
    initialise(store)
    store.close()
    monkeypatch.chdir(tmp_path)
    code = cli.main([w.replace("{db}", str(db)) for w in command])
    assert code != 0
    text = logs.current_log_file().read_text(encoding="utf-8-sig")
    assert SECRET not in text
