"""The log file in the user's data folder (one file a day, 1 MB parts, a week kept, readable by the user only) and
what it records about this run; no Qt."""

from __future__ import annotations

import codecs
import faulthandler
import logging
import os
import platform
import re
import sys
import threading
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TextIO

from agency_app import __version__, paths
from agency_app.private_files import private_file, private_folder

# One file a day: "it happened on Tuesday" is one file to send. A part stays small enough for Notepad
# and an e-mail; a week covers "since Monday" and keeps no older text about customers' matters than that.
# MAX_FILES caps the disk a flood of messages can take (about 30 MB), dropping the oldest first.
PART_BYTES = 1_000_000
KEEP_DAYS = 7
MAX_FILES = 30
NAME = "agency"
CRASH_FILE = "hard-crash.txt"  # faulthandler's last words when the process itself dies
FORMAT = "%(asctime)s.%(msecs)03d %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_PART = re.compile(rf"^{NAME}-(\d{{4}}-\d{{2}}-\d{{2}})(?:-(\d+))?\.log$")

log = logging.getLogger(__name__)


def logs_dir() -> Path:
    return paths.user_data_dir() / "logs"


def log_file_name(day: date, part: int = 1) -> str:
    """agency-2025-11-20.log, then agency-2025-11-20-2.log … when a day needs more than one part."""
    return f"{NAME}-{day.isoformat()}{'' if part == 1 else f'-{part}'}.log"


def log_files(folder: Path) -> list[tuple[date, int, Path]]:
    """The log files in `folder`, oldest first."""
    found = []
    for path in folder.glob(f"{NAME}-*.log"):
        match = _PART.match(path.name)
        if match:
            found.append((date.fromisoformat(match[1]), int(match[2] or 1), path))
    return sorted(found)


class DailyLogFile(logging.Handler):
    """Appends UTF-8 lines to today's file; past PART_BYTES the next part, on a new day a new file.

    Files are never renamed: on Windows another copy of the app, or the command line, may hold them open.
    Opening a file deletes files older than KEEP_DAYS and the oldest beyond MAX_FILES.
    """

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.path: Path | None = None
        self._stream = None
        self._day: date | None = None

    def emit(self, record: logging.LogRecord) -> None:
        try:
            data = (self.format(record) + "\n").replace("\n", os.linesep).encode("utf-8", "backslashreplace")
            day = datetime.fromtimestamp(record.created).date()
            if self._stream is not None:
                self._stream.seek(0, os.SEEK_END)  # another process may have appended since
            if self._stream is None or day != self._day or self._full(self._stream.tell(), len(data)):
                self._open(day, len(data))
            self._stream.write(data)
            self._stream.flush()  # a hard crash right after must not lose the line
        except Exception:  # noqa: BLE001 — logging must never raise into the program
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """A line the log cannot take (a full disk, a folder that refuses it) is dropped quietly: logging's own
        handler printed a traceback on the console for every line, around the command's message about the disk.
        The file is opened again for the next line: space may have been freed meanwhile. Any other error (a log
        call's arguments not matching its format: a bug) is reported as logging does."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handleError(record)
            return
        try:
            self.close_stream()
        except OSError:  # closing flushes what the disk would not take
            self._stream = None

    @staticmethod
    def _full(size: int, incoming: int) -> bool:
        return size > len(codecs.BOM_UTF8) and size + incoming > PART_BYTES

    def _open(self, day: date, incoming: int) -> None:
        self.close_stream()
        private_folder(self.folder)  # a log line may name what went wrong with a customer's record
        parts = [part for d, part, _ in log_files(self.folder) if d == day]
        part = max(parts, default=1)
        path = self.folder / log_file_name(day, part)
        if path.exists() and self._full(path.stat().st_size, incoming):
            path = self.folder / log_file_name(day, part + 1)
        self._stream = open(private_file(path), "ab")
        if self._stream.tell() == 0:
            self._stream.write(codecs.BOM_UTF8)  # so that Notepad and Excel read the Japanese as UTF-8
        self.path, self._day = path, day
        self._prune(day)

    def _prune(self, today: date) -> None:
        files = log_files(self.folder)
        oldest_kept = today - timedelta(days=KEEP_DAYS - 1)
        old = [path for day, _, path in files if day < oldest_kept]
        young = [path for day, _, path in files if day >= oldest_kept]
        for path in old + young[:max(0, len(young) - MAX_FILES)]:
            if path != self.path:
                try:
                    path.unlink()
                except OSError:
                    pass  # still open in another process (Windows): deleted next time

    def close_stream(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def close(self) -> None:
        self.acquire()
        try:
            self.close_stream()
        finally:
            self.release()
        super().close()


class Console(logging.StreamHandler):
    """Writes to whatever sys.stderr is at the moment, and nowhere when there is none (the windowed bundle)."""

    def __init__(self):
        super().__init__()
        self.setLevel(logging.WARNING)

    @property
    def stream(self) -> TextIO | None:
        return sys.stderr

    @stream.setter
    def stream(self, _value) -> None:
        pass  # always sys.stderr as it is now: pytest and the windowed bundle swap it

    def emit(self, record: logging.LogRecord) -> None:
        if sys.stderr is not None:
            super().emit(record)


class Repeats:
    """Counts the same event (an error at the same place, the same Qt message) so a loop cannot flood the log.

    `count(key)` returns how often `key` has now been seen; callers log in full the first time and a
    short line at 10, 100, 1000 … times.
    """

    def __init__(self):
        self._seen: dict[object, int] = {}
        self._lock = threading.Lock()

    def count(self, key) -> int:
        with self._lock:
            self._seen[key] = self._seen.get(key, 0) + 1
            return self._seen[key]

    @staticmethod
    def worth_a_line(count: int) -> bool:
        """True at 1, 10, 100, 1000 …"""
        while count % 10 == 0:
            count //= 10
        return count == 1


class _Run:
    """What this process set up (so that stop() undoes exactly that) and the facts it noted."""

    file: DailyLogFile | None = None
    console: Console | None = None
    crash_stream: TextIO | None = None
    root_level: int = logging.WARNING
    facts: dict[str, str] = {}


def _loggable(argv: list[str]) -> list[str]:
    """The arguments as the log keeps them: for `sync`, a word that is neither an option nor an existing file is left
    out — it may be the agency's passphrase typed where it does not belong (the sync commands never take it so)."""
    if "sync" not in argv:
        return argv
    kept = []
    for number, word in enumerate(argv):
        after_option = number > 0 and argv[number - 1] in ("--db", "--out", "--since")
        kept.append(word if word.startswith("-") or after_option or word in ("sync", "export", "import", "folder")
                    or Path(word).exists() else "(?)")
    return kept


def start(folder: Path | None = None) -> DailyLogFile:
    """Send this process's log records to the log folder (INFO and up), warnings also to a console when there is
    one, and a hard crash's Python stack to CRASH_FILE; idempotent. Notes the app, Python and system versions."""
    folder = folder or logs_dir()
    if _Run.file is not None and _Run.file.folder == folder:
        return _Run.file
    stop()
    root = logging.getLogger()
    _Run.root_level = root.level
    _Run.file = DailyLogFile(folder)
    _Run.file.setFormatter(logging.Formatter(FORMAT, DATE_FORMAT))
    _Run.console = Console()
    _Run.console.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root.addHandler(_Run.file)
    root.addHandler(_Run.console)
    root.setLevel(logging.INFO)
    _Run.facts = {}
    log.info("---- AgencyVoice %s starts: %s", __version__, " ".join(_loggable(sys.argv[1:])) or "(no arguments)")
    note("app", f"AgencyVoice {__version__} ({'bundle' if getattr(sys, 'frozen', False) else 'source'})")
    note("python", f"{platform.python_version()} ({sys.executable})")
    # Not platform.platform(): it reads the whole executable to find the C library (7 ms of every start).
    note("system", f"{platform.system()} {platform.release()} {platform.version()} {platform.machine()}")
    _Run.crash_stream = _catch_hard_crashes(folder)
    return _Run.file


def stop() -> None:
    """Undo start(): the handlers leave the root logger, faulthandler stops writing to our file."""
    root = logging.getLogger()
    for handler in (_Run.file, _Run.console):
        if handler is not None:
            root.removeHandler(handler)
            handler.close()
    if _Run.file is not None:
        root.setLevel(_Run.root_level)
    if _Run.crash_stream is not None:
        faulthandler.disable()
        _Run.crash_stream.close()
    _Run.file = _Run.console = _Run.crash_stream = None


def note(name: str, value: object) -> None:
    """Record a fact about this run (a version, the database in use) in the log and for error reports."""
    _Run.facts[name] = str(value)
    log.info("%s: %s", name, value)


def run_facts() -> dict[str, str]:
    return dict(_Run.facts)


def current_log_file() -> Path | None:
    """The file written now (None before start(), or before the first record of a new handler)."""
    return _Run.file.path if _Run.file is not None else None


def log_folder() -> Path:
    return _Run.file.folder if _Run.file is not None else logs_dir()


def _catch_hard_crashes(folder: Path) -> TextIO | None:
    """faulthandler to CRASH_FILE, unless it already writes somewhere someone reads (python -X faulthandler, pytest).

    What a run before left there goes into the log first, with the file's time (faulthandler writes no dates).
    On Windows it also reports some exceptions that Windows then handles, so the log says "report", not "crash".
    """
    crash = folder / CRASH_FILE
    try:
        left = crash.read_text(encoding="utf-8", errors="replace").strip() if crash.exists() else ""
        if left:
            when = datetime.fromtimestamp(crash.stat().st_mtime).strftime(DATE_FORMAT)
            log.warning("a run before this one left a fatal error report (%s, %s):\n%s", crash.name, when, left)
            crash.write_text("", encoding="utf-8")  # reported once
        if faulthandler.is_enabled():
            return None
        stream = open(private_file(crash), "w", encoding="utf-8")
    except OSError as error:
        log.warning("hard crashes will not be recorded: %s", error)
        return None
    faulthandler.enable(stream, all_threads=True)
    return stream
