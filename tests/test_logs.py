"""The log file: one per day in the user's data folder, 1 MB parts, a week kept, Japanese readable, hard crashes caught."""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from agency_app import logs, paths

ROOT = Path(__file__).resolve().parents[1]


def record(text: str, day: date, level=logging.INFO) -> logging.LogRecord:
    """A log record as if made at noon on `day`."""
    made = datetime(day.year, day.month, day.day, 12, 0).timestamp()
    return logging.makeLogRecord({"name": "agency_app.test", "levelno": level, "levelname": logging.getLevelName(level),
                                  "msg": text, "created": made, "msecs": 0})


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_log_goes_to_the_users_data_folder_with_the_run_facts(tmp_path):
    logging.getLogger("agency_app.storage").warning("お客様の声を保存できませんでした")

    logs.start()
    logging.getLogger("agency_app.storage").warning("お客様の声を保存できませんでした")

    file = logs.current_log_file()
    assert file == paths.user_data_dir() / "logs" / f"agency-{date.today().isoformat()}.log"
    assert file.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Notepad shows the Japanese
    text = file.read_text(encoding="utf-8-sig")
    assert text.count("お客様の声を保存できませんでした") == 1  # only what came after start()
    assert "WARNING" in text and "agency_app.storage" in text
    assert f"AgencyVoice {logs.__version__}" in text and f"python: {sys.version.split()[0]}" in text
    assert logs.run_facts()["app"].startswith("AgencyVoice")


def test_starting_twice_keeps_one_handler(tmp_path):
    first = logs.start()
    assert logs.start() is first
    logging.getLogger("agency_app").info("once")
    assert logs.current_log_file().read_text(encoding="utf-8-sig").count("once") == 1


def test_a_full_part_continues_in_the_next(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "PART_BYTES", 2_000)
    handler = logs.DailyLogFile(tmp_path)
    day = date(2025, 11, 20)
    for n in range(40):
        handler.handle(record(f"line {n:02d} " + "あ" * 100, day))
    handler.close()

    parts = [path for _day, _part, path in logs.log_files(tmp_path)]
    assert [p.name for p in parts[:3]] == ["agency-2025-11-20.log", "agency-2025-11-20-2.log", "agency-2025-11-20-3.log"]
    assert all(p.stat().st_size <= 2_000 for p in parts)
    text = "".join(p.read_text(encoding="utf-8-sig") for p in parts)
    assert [line.split("line ")[1][:2] for line in text.splitlines()] == [f"{n:02d}" for n in range(40)]


def test_a_new_day_starts_a_new_file_and_a_week_is_kept(tmp_path):
    handler = logs.DailyLogFile(tmp_path)
    first = date(2025, 11, 1)
    for offset in range(12):
        handler.handle(record("朝の記録", first + timedelta(days=offset)))
    handler.close()

    kept = [f"agency-{(first + timedelta(days=offset)).isoformat()}.log" for offset in range(5, 12)]
    assert names(tmp_path) == kept  # 11-06 … 11-12: seven days


def test_a_flood_keeps_at_most_max_files(tmp_path, monkeypatch):
    monkeypatch.setattr(logs, "PART_BYTES", 500)
    monkeypatch.setattr(logs, "MAX_FILES", 4)
    handler = logs.DailyLogFile(tmp_path)
    for n in range(30):
        handler.handle(record(f"同じ日のエラー {n} " + "x" * 300, date(2025, 11, 20)))
    handler.close()

    assert names(tmp_path) == [f"agency-2025-11-20-{part}.log" for part in (27, 28, 29, 30)]  # the newest four
    assert "同じ日のエラー 29" in (tmp_path / "agency-2025-11-20-30.log").read_text(encoding="utf-8-sig")


def test_other_files_in_the_folder_are_left_alone(tmp_path):
    (tmp_path / "agency-2020-01-01.txt").write_text("not ours")
    (tmp_path / "readme.log").write_text("not ours")
    handler = logs.DailyLogFile(tmp_path)
    handler.handle(record("x", date(2025, 11, 20)))
    handler.close()
    assert names(tmp_path) == ["agency-2020-01-01.txt", "agency-2025-11-20.log", "readme.log"]


def test_a_repeating_event_is_worth_a_line_at_1_10_100_1000():
    repeats = logs.Repeats()
    lines = [n for n in (repeats.count("same") for _ in range(2_000)) if logs.Repeats.worth_a_line(n)]
    assert lines == [1, 10, 100, 1000]


def test_a_hard_crash_leaves_its_stack_which_the_next_start_puts_into_the_log(tmp_path):
    folder = tmp_path / "logs"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    crash = ("import faulthandler; from pathlib import Path; from agency_app import logs; "
             f"logs.start(Path(r'{folder}')); faulthandler._sigsegv()")
    result = subprocess.run([sys.executable, "-c", crash], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode != 0
    assert "Segmentation fault" in (folder / logs.CRASH_FILE).read_text(encoding="utf-8")

    logs.start(folder)  # the next run (faulthandler is pytest's here: the report is still moved into the log)

    text = logs.current_log_file().read_text(encoding="utf-8-sig")
    assert "left a fatal error report" in text and "Segmentation fault" in text
    assert (folder / logs.CRASH_FILE).read_text(encoding="utf-8") == ""  # not reported twice


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_program(tmp_path, monkeypatch):
    """E.g. the user's data folder is read-only: the program starts and logs nothing, rather than failing."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(logging, "raiseExceptions", False)  # as in the bundle: no console to print to
    logs.start(blocker / "logs")
    logging.getLogger("agency_app").warning("still running")  # mkdir fails inside: must not raise
    assert logs.current_log_file() is None
    logs.stop()


POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes; on Windows the per-user "
                                "%LOCALAPPDATA% folder's ACL keeps the log the user's own")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@POSIX_ONLY
def test_the_log_file_and_its_folder_are_the_users_alone(tmp_path):
    """A log line may say what went wrong with a customer's record: other users of the PC must not read it."""
    before = os.umask(0o022)
    try:
        logs.start(tmp_path / "AgencyVoice" / "logs")
        logging.getLogger("agency_app").warning("once")
        handler = logs.start(tmp_path / "AgencyVoice" / "logs")
        handler.emit(record("next day", date.today() + timedelta(days=1)))  # a file opened later is too
    finally:
        os.umask(before)
        logs.stop()
    folder = tmp_path / "AgencyVoice" / "logs"
    assert [mode(p) for p in folder.iterdir()] == [0o600, 0o600]  # today's and tomorrow's
    assert mode(folder) == 0o700 and mode(folder.parent) == 0o700


@POSIX_ONLY
def test_the_hard_crash_file_is_the_users_alone(tmp_path):
    folder = tmp_path / "logs"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONFAULTHANDLER"}
    start = ("import os; os.umask(0o022); from pathlib import Path; from agency_app import logs; "
             f"logs.start(Path(r'{folder}'))")
    subprocess.run([sys.executable, "-c", start], env=env, cwd=ROOT, check=True, timeout=60)
    assert mode(folder / logs.CRASH_FILE) == 0o600


@POSIX_ONLY
def test_a_full_disk_prints_no_logging_traceback_on_the_console(tmp_path):
    """Issue 13: a full disk gets the Japanese message and exit code 2, never a traceback. With the disk full the log
    file cannot grow either, and every log line of `agency-app check` printed "--- Logging error --- Traceback …"
    (eight of them) around the message. A log line that cannot be written is dropped quietly."""
    import resource
    data = tmp_path / "data"
    folder = data / "logs"
    folder.mkdir(parents=True)
    today = logs.log_file_name(date.today(), 1)
    (folder / today).write_bytes(b"x" * 4096)  # the log as far as the disk let it grow

    def full_disk():  # no file may grow past 4 KB: writing more fails with EFBIG, as ENOSPC on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = {**os.environ, "AGENCY_APP_DATA": str(data), "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", "import sys; from agency_app.cli import main; "
                             "raise SystemExit(main(sys.argv[1:]))", "check", "--db", str(tmp_path / "none.db")],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=full_disk)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr
    assert "開けませんでした" in result.stderr


def test_a_word_typed_after_a_sync_command_that_is_no_file_is_not_kept_in_the_log(tmp_path):
    """The sync commands never take the passphrase as an argument; typed there by mistake, it stays out of the log
    file staff are asked to send (an existing file's name, the options and their values are kept)."""
    from agency_app.logs import _loggable
    bundle = tmp_path / "HQ.agencysync"
    bundle.write_bytes(b"")
    kept = _loggable(["sync", "import", "--db", "hq.db", str(bundle), "代理店の合言葉2026"])
    assert kept == ["sync", "import", "--db", "hq.db", str(bundle), "(?)"]
    assert _loggable(["counts", "--db", "x.db"]) == ["counts", "--db", "x.db"]
