"""Issue 14 review passes, second round: defects reviewers proved with these tests (now fixed)."""

from __future__ import annotations

from agency_app import cli, logs
from agency_app.storage.database import open_store
from agency_app.storage.masters import initialise

SECRET = "Daiichi.hoken2026"  # a passphrase with a dot in it, typed where --out goes


def test_a_passphrase_with_a_dot_typed_as_out_is_not_kept_in_the_log(tmp_path, monkeypatch):
    """Staff type `agency-app sync export --db agency.db --out Daiichi.hoken2026` (the passphrase, by mistake).
    The fix of round 2 keeps the 'folder not found' line out of the log, but a name with a dot has a suffix, so its
    folder is the current one and the next refusal — '保存先は「.agencysync」で終わるファイル名にしてください（指定
    された名前: Daiichi.hoken2026）' — goes through cli._err into the log file staff are asked to send: the passphrase
    in a plain file. The kept regression test only tries a passphrase without a dot. Cause: agency_app/cli_sync.py
    _export, the SUFFIX check uses cli._err with out.name. Suggested: print it without the log, as the line above."""
    db = tmp_path / "agency.db"
    store = open_store(db, daily_backup=False, new=True)
    initialise(store)
    store.close()
    monkeypatch.chdir(tmp_path)
    code = cli.main(["sync", "export", "--db", str(db), "--out", SECRET])
    assert code != 0
    assert SECRET not in logs.current_log_file().read_text(encoding="utf-8-sig")
