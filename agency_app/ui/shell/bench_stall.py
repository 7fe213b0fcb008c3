"""Benchmark stall mode (AGENCY_APP_BENCH=stall): the window's longest UI-thread stalls while a user saves, counts,
searches and refreshes today's work by keyboard; prints one BENCH line."""

from __future__ import annotations

import json
import os
import random
import re
import sys
import threading
import time
import traceback

from PySide6.QtCore import QCoreApplication, QKeyCombination, QObject, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QLineEdit, QWidget


from agency_app.ui.shell.bench import _report  # one BENCH line, as the other modes print it

#
# A user works through four phases by keyboard while a 5 ms timer on the UI thread notes the gap
# between its ticks: the longest gap minus the interval is how long the window was frozen. The driver
# only presses keys (QTest on the focused widget, the window's shortcuts) and waits for what the user
# would see — a form gone, a row selected, a label's number, a table's figures — never for a fixed
# time, so it keeps working when the work moves off the UI thread or the modules move. What it reads
# of the window: widgets by Qt class and their visible texts, the translated texts of the count and
# work labels and of the summary field's placeholder, the class names VoiceFormDialog (a top-level
# window) and CountsPage (its tables by `table(key)`), and the window's `ops.services.path` and `staff_uid`.

STALL_TICK_MS = 5
STALL_SAVES = 10
STALL_PHASES = ("save", "counts", "search", "my_work")
WAIT_TIMEOUT_S = 120.0
POLL_MS = 10
SAMPLE_AFTER_S = 0.03  # the watchdog reads the UI thread's stack once a gap is this long
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
SUMMARY_PLACEHOLDER = ("VoiceFormDialog", "Required: what the voice is about, in one line")
COUNT_TEXT = ("FilterBar", "{count} voices")
WORK_TEXT = ("MyWorkPage", "Today's work: {count} items ({day})")
SEARCH_TERMS_ENV = "AGENCY_APP_BENCH_SEARCH"  # JSON list: the words the search phase types, in order


class DriverError(Exception):
    """The window did not do what a user would have seen it do (or not in time)."""


def _where(frame) -> str:
    """The UI thread's stack, innermost first: its frames in agency_app (not this module), and the frame it is in."""
    if frame is None:
        return "?"
    stack = traceback.extract_stack(frame)
    ours = [f for f in stack if "agency_app" in f.filename.replace("\\", "/")
            and not f.filename.endswith("bench.py")]

    def name(f) -> str:
        path = f.filename.replace("\\", "/")
        short = path.split("agency_app/", 1)[-1] if "agency_app/" in path else path.rsplit("/", 1)[-1]
        return f"{short}:{f.lineno} {f.name}"

    parts = [name(f) for f in reversed(ours[-3:])]
    innermost = stack[-1] if stack else None
    if innermost is not None and innermost not in ours:
        if innermost.filename.endswith("bench.py"):
            parts.insert(0, "(Qt, handling the driver's key press)")
        else:
            parts.insert(0, name(innermost))
    elif ours and ours[-1].filename.replace("\\", "/").endswith("agency_app/app.py"):
        parts.insert(0, "(Qt's event loop: layout, painting or a C++ slot)")
    return " ← ".join(parts) or "?"


class StallMeter(QObject):
    """A 5 ms precise timer on the UI thread; per phase, the longest gap between two ticks.

    While a gap lasts over SAMPLE_AFTER_S a watchdog thread samples the UI thread's Python stack,
    so the report says which call the window was busy with during the phase's longest gap.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.phase: str | None = None
        self.step = ""
        self.last_input = ""  # the driver's last key or typed text
        self.last_target = ""  # the widget it went to
        self.ticks = 0
        self.gaps: dict[str, float] = {}
        self.where: dict[str, dict] = {}
        self._last: float | None = None
        self._samples: list[str] = []
        self._lock = threading.Lock()
        self._ui_thread = threading.get_ident()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(STALL_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._stop = threading.Event()
        threading.Thread(target=self._watch, name="stall-watchdog", daemon=True).start()

    def start(self, phase: str) -> None:
        with self._lock:
            self.phase, self._last, self._samples = phase, time.perf_counter(), []
        self.gaps.setdefault(phase, 0.0)

    def stop(self) -> None:
        with self._lock:
            self.phase, self._samples = None, []

    def close(self) -> None:
        self.stop()
        self._stop.set()
        self._timer.stop()

    def stall_ms(self) -> dict[str, float]:
        """Per phase run so far (in STALL_PHASES order): the longest gap less the timer's interval, in ms."""
        return {phase: round(max(0.0, self.gaps[phase] * 1000 - STALL_TICK_MS), 1)
                for phase in STALL_PHASES if phase in self.gaps}

    def _tick(self) -> None:
        now = time.perf_counter()
        self.ticks += 1
        with self._lock:
            phase, last, samples = self.phase, self._last, self._samples
            self._last, self._samples = now, []
        if phase is None or last is None:
            return
        gap = now - last
        if gap > self.gaps[phase]:
            self.gaps[phase] = gap
            counted: dict[str, int] = {}
            for sample in samples:
                counted[sample] = counted.get(sample, 0) + 1
            self.where[phase] = {"gap_ms": round(gap * 1000, 1), "step": self.step, "last_input": self.last_input,
                                 "stack": sorted(counted.items(), key=lambda kv: -kv[1])[:3]}

    def _watch(self) -> None:
        while not self._stop.wait(0.01):
            with self._lock:
                phase, last = self.phase, self._last
            if phase is None or last is None or time.perf_counter() - last < SAMPLE_AFTER_S:
                continue
            where = _where(sys._current_frames().get(self._ui_thread))
            with self._lock:
                if self._last == last:
                    self._samples.append(where)


class _Wait:
    """What the driver waits for; `shown()` says what was on screen instead, when the wait times out."""

    def __init__(self, what: str, test, timeout: float = WAIT_TIMEOUT_S, shown=None):
        self.what, self.test, self.timeout, self.shown = what, test, timeout, shown
        self.deadline = 0.0


def _name(widget) -> str:
    if widget is None:
        return "nothing"
    text = widget.currentText() if isinstance(widget, QComboBox) else ""
    return f"{type(widget).__name__}{' ' + repr(text) if text else ''} in {type(widget.window()).__name__}"


def _search_terms() -> list[str]:
    """What the search phase types, from the runner (the demo's common term, then its rare ones): the app
    never imports the demo generators, so they come in the environment."""
    try:
        terms = json.loads(os.environ.get(SEARCH_TERMS_ENV) or "[]")
    except ValueError:
        terms = []
    if not terms or not all(isinstance(term, str) and term for term in terms):
        raise DriverError(f"{SEARCH_TERMS_ENV} names no search terms (a JSON list of words)")
    return terms


def _focus():
    return QApplication.focusWidget()


def _top_level(class_name: str):
    """A visible top-level window of this class (by name: the module it lives in may move)."""
    for widget in QApplication.topLevelWidgets():
        if type(widget).__name__ == class_name and widget.isVisible():
            return widget
    return None


def _alive(widget) -> bool:
    import shiboken6
    return shiboken6.isValid(widget)


def _translated(context_and_text: tuple[str, str]) -> str:
    return QCoreApplication.translate(*context_and_text)


def _visible(class_name: str, window):
    """A visible widget of this class inside the window (by name: the module it lives in may move)."""
    for widget in window.findChildren(QWidget):
        if type(widget).__name__ == class_name and widget.isVisible():
            return widget
    return None


def _rows(view: QAbstractItemView) -> list[tuple[str, ...]]:
    """Every row's cell texts, as shown."""
    model = view.model()
    return [tuple(str(model.index(r, c).data() or "") for c in range(model.columnCount()))
            for r in range(model.rowCount())]


class _CountsShown:
    """What the counts tab shows for one period and branch: the report title's period and branch, and the
    rows of its figures tables — read by the driver with the report's own code on a connection of its own."""

    TABLES = ("voices_by_kind", "status_by_origin", "omissions")

    def __init__(self, conn, period, branch: str | None):
        from agency_app.reports.counts_report import LIST_LIMIT, counts_report
        report = counts_report(conn, period, branch, list_limit=LIST_LIMIT)
        self.period, self.branch = report.period_text(), report.branch_text()
        self.tables = {key: [tuple(cells) for cells in report.section(key).texts()] for key in self.TABLES}


class StallDriver(QObject):
    """Runs the phases as a generator that yields what to wait for; a timer polls the condition."""

    def __init__(self, app: QApplication, window):
        super().__init__(window)
        self.app, self.window = app, window
        self.meter = StallMeter(self)
        self.token = f"{random.randrange(16 ** 4):04x}"
        self._waiting: _Wait | None = None
        self._script = self._run()
        QTimer.singleShot(0, self._advance)

    # --- the runner --------------------------------------------------------------------------------
    def _advance(self, value=None) -> None:
        try:
            wait = self._script.send(value)
        except StopIteration:
            return
        except Exception as error:  # noqa: BLE001 — any failure ends the run with its reason
            self._fail(error)
            return
        wait.deadline = time.monotonic() + wait.timeout
        self._waiting = wait
        self._poll()

    def _poll(self) -> None:
        wait = self._waiting
        try:
            result = wait.test()
        except Exception as error:  # noqa: BLE001
            self._fail(error)
            return
        if result:
            self._after_tick(self.meter.ticks, result)
        elif time.monotonic() > wait.deadline:
            shown = f"; shown instead: {wait.shown()}" if wait.shown is not None else ""
            self._fail(DriverError(f"timed out after {wait.timeout:.0f} s waiting until {wait.what} "
                                   f"(step: {self.meter.step}; last key {self.meter.last_input} went to "
                                   f"{self.meter.last_target}){shown}"))
        else:
            QTimer.singleShot(POLL_MS, self._poll)

    def _after_tick(self, ticks: int, result) -> None:
        """Go on once the meter has ticked: what the condition's last event cost is then measured on its own."""
        if self.meter.ticks > ticks:
            self._advance(result)
        else:
            QTimer.singleShot(1, lambda: self._after_tick(ticks, result))

    def _fail(self, error: Exception) -> None:
        print(f"[bench] stall driver failed: {error}", file=sys.stderr, flush=True)
        if not isinstance(error, DriverError):
            traceback.print_exception(error, file=sys.stderr)
        _report({"ui_stall_ms": self.meter.stall_ms(), "ui_stall_max_ms": None, "error": str(error)})
        self._quit(1)

    def _quit(self, code: int) -> None:
        self.meter.close()
        self.window.reminders = False
        self.app.exit(code)

    # --- what a user does -----------------------------------------------------------------------------
    def _step(self, text: str) -> None:
        self.meter.step = text

    def _turn(self) -> _Wait:
        """Let the event loop turn once (the meter ticks) before the next key: a user's keys come apart in time,
        and a stall caused by one key must not be added to the next one's."""
        ticks = self.meter.ticks
        return _Wait("the event loop has turned", lambda: self.meter.ticks > ticks)

    def _key(self, key, modifier=Qt.KeyboardModifier.NoModifier):
        """Press and release one key on the focused widget (QTest: shortcuts included, as a real key)."""
        from PySide6.QtTest import QTest  # not in the Windows bundle (left out there): only when benchmarking
        yield from self._window_back()
        target = _focus() or QApplication.activeWindow() or self.window
        self.meter.last_input = QKeySequence(QKeyCombination(modifier, key)).toString()
        self.meter.last_target = _name(target)
        QTest.keyClick(target, key, modifier)
        yield self._turn()

    def _type(self, text: str):
        """Type into the focused field: ASCII key by key, anything else as a Japanese IME sends it
        (the reading grows in the composition, then the text is committed in one go)."""
        from PySide6.QtTest import QTest
        yield from self._window_back()
        if _focus() is None:
            raise DriverError(f"no field has the keyboard to type {text!r} into")
        if text.isascii():
            for char in text:
                self.meter.last_input = f"typed {char!r}"
                QTest.keyClicks(_focus(), char)
                yield self._turn()
            return
        for end in range(1, len(text) + 1):
            self.meter.last_input = f"composing {text[:end]!r}"
            QApplication.sendEvent(_focus(), QInputMethodEvent(text[:end], []))
            yield self._turn()
        commit = QInputMethodEvent("", [])
        commit.setCommitString(text)
        self.meter.last_input = f"committed {text!r}"
        QApplication.sendEvent(_focus(), commit)
        yield self._turn()

    def _window_back(self):
        """When a window closes (e.g. the progress window of a count), the system makes the window under it
        active again and Qt gives the keyboard back to the widget that had it; the offscreen platform leaves
        no window active, so the driver does what the system would."""
        if QApplication.activeWindow() is None:
            yield from self._activate(self.window)

    def _activate(self, widget):
        """The user's click on a window: it gets the keyboard (its shortcuts work only then)."""
        if QApplication.activeWindow() is not widget:
            widget.activateWindow()
            yield _Wait(f"{type(widget).__name__} is the active window",
                        lambda: QApplication.activeWindow() is widget, timeout=10)

    # --- what a user sees -----------------------------------------------------------------------------
    def _voice_list(self) -> QAbstractItemView | None:
        """The voice list: of the visible lists, the one with by far the most rows."""
        views = [v for v in self.window.findChildren(QAbstractItemView) if v.isVisible() and v.model()]
        return max(views, key=lambda v: v.model().rowCount(), default=None)

    def _selected_voice_is(self, summary: str) -> bool:
        view = self._voice_list()
        index = view.currentIndex() if view is not None else None
        if index is None or not index.isValid():
            return False
        model = view.model()
        return any(summary in str(model.index(index.row(), c).data() or "") for c in range(model.columnCount()))

    def _labels(self) -> list[QLabel]:
        return [label for label in self.window.findChildren(QLabel) if label.isVisible()]

    def _count_shows(self, count: int) -> bool:
        text = _translated(COUNT_TEXT).format(count=f"{count:,}")
        return any(label.text() == text for label in self._labels())

    def _work_count(self) -> int | None:
        pattern = re.escape(_translated(WORK_TEXT)).replace(re.escape("{count}"), r"([\d,]+)")
        pattern = pattern.replace(re.escape("{day}"), ".*")
        for label in self._labels():
            found = re.fullmatch(pattern, label.text())
            if found:
                return int(found.group(1).replace(",", ""))
        return None

    def _counts_page(self):
        """The counts tab's page once shown (looked up once: the driver polls every 10 ms on the UI thread)."""
        page = getattr(self, "_counts", None)
        if page is None or not _alive(page) or not page.isVisible():
            page = self._counts = _visible("CountsPage", self.window)
        return page

    def _counts_wait(self, what: str, expected: "_CountsShown") -> _Wait:
        return _Wait(what, lambda: self._counts_show(expected), shown=lambda: self._counts_shown(expected))

    def _counts_shown(self, expected: "_CountsShown") -> str:
        """For a timed-out wait: the counts tab's labels and the expected tables' rows as shown, and the expected."""
        page = self._counts_page()
        if page is None:
            return "no counts tab"
        labels = [label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.text()][:4]
        tables = {}
        for key in expected.tables:
            try:
                tables[key] = _rows(page.table(key))
            except KeyError:
                tables[key] = None
        return f"labels {labels}, tables {tables}; expected {expected.period} {expected.branch} {expected.tables}"

    def _counts_show(self, expected: "_CountsShown") -> bool:
        """The counts tab shows this report: its title names the period and branch, and the figures tables
        (voices by kind, status by origin, omissions) hold its rows — not the previous choice's still on screen."""
        page = self._counts_page()
        if page is None:
            return False
        if not any(expected.period in label.text() and expected.branch in label.text()
                   for label in page.findChildren(QLabel) if label.isVisible()):
            return False
        for key, rows in expected.tables.items():
            try:
                view = page.table(key)
            except KeyError:  # the report's first tables are not built yet
                return False
            if not view.isVisible() or _rows(view) != rows:
                return False
        return True

    # --- the expected figures (read before a phase starts, on a connection of the driver's own) ------------
    def _open_store(self):
        from pathlib import Path
        from agency_app.storage.database import open_store
        path = getattr(getattr(getattr(self.window, "ops", None), "services", None), "path", None)
        if path is None and "--db" in sys.argv:
            path = Path(sys.argv[sys.argv.index("--db") + 1])
        if path is None:
            raise DriverError("no database file to read the expected figures from")
        return open_store(path, daily_backup=False, check=False)

    # --- the phases ---------------------------------------------------------------------------------
    def _run(self):
        store = self._open_store()
        try:
            yield from self._phases(store)
        finally:
            store.close()
        stalls = self.meter.stall_ms()
        for phase, where in self.meter.where.items():
            print(f"[bench] longest stall in {phase}: {json.dumps(where, ensure_ascii=False)}",
                  file=sys.stderr, flush=True)
        _report({"ui_stall_ms": stalls, "ui_stall_max_ms": max(stalls.values()),
                 "ui_stall_where": self.meter.where})
        self._quit(0)

    def _phases(self, store):
        from agency_app.domain.periods import HALF, YEAR, Period, fiscal_year_of, now_tokyo, period_of
        from agency_app.domain.voice import VoiceInput
        from agency_app.storage.services import Services
        from agency_app.storage.voice_query import VoiceFilter, VoiceQuery

        conn, meter = store.conn, self.meter
        today = now_tokyo().date()

        def count_of(text: str = "") -> int:
            return VoiceQuery(conn, VoiceFilter(text=text, today=today)).count()

        total = count_of()
        yield _Wait(f"the list counts {total:,} voices", lambda: self._count_shows(total))

        # (a) save: Ctrl+N, type a summary, Ctrl+Enter; the form closes, the list selects and counts the voice.
        placeholder = _translated(SUMMARY_PLACEHOLDER)
        meter.start("save")
        for i in range(1, STALL_SAVES + 1):
            yield from self._activate(self.window)
            self._step(f"save {i}: Ctrl+N")
            yield from self._key(Qt.Key.Key_N, CTRL)
            form = yield _Wait("the new-voice form is shown", lambda: _top_level("VoiceFormDialog"))
            yield from self._activate(form)
            self._step(f"save {i}: Tab to the summary, type it")
            for _ in range(40):
                focus = _focus()
                if isinstance(focus, QLineEdit) and focus.placeholderText() == placeholder:
                    break
                yield from self._key(Qt.Key.Key_Tab)
            else:
                raise DriverError("Tab never reached the summary field of the new-voice form")
            summary = f"ベンチ保存 {i} {self.token}"
            yield from self._type("ベンチ保存")
            yield from self._type(f" {i} {self.token}")
            self._step(f"save {i}: Ctrl+Enter")
            yield from self._key(Qt.Key.Key_Return, CTRL)
            yield _Wait("the form has closed", lambda: not (_alive(form) and form.isVisible()))
            total += 1
            yield _Wait(f"the list selects the new voice and counts {total:,}",
                        lambda: self._selected_voice_is(summary) and self._count_shows(total))
        meter.stop()

        # (b) counts: Ctrl+6, then the whole year, the first half, another branch (by the choosers' keys).
        fiscal_year = fiscal_year_of(today)
        first_half = Period(fiscal_year, HALF, 1)
        expected = {"this half-year": _CountsShown(conn, period_of(today, HALF), None),
                    "the whole year": _CountsShown(conn, Period(fiscal_year, YEAR, 0), None),
                    "the first half": _CountsShown(conn, first_half, None)}
        # The driver reads and writes on its own connection, as another program (another PC) would.
        other_program = Services(store)
        by_branch = {b.name: _CountsShown(conn, first_half, b.code) for b in other_program.masters.branches()}
        yield from self._activate(self.window)
        meter.start("counts")
        self._step("counts: Ctrl+6")
        yield from self._key(Qt.Key.Key_6, CTRL)
        yield self._counts_wait("the counts tab shows this half-year's figures", expected["this half-year"])
        self._step("counts: Alt+P, Tab, Home (whole year)")
        yield from self._key(Qt.Key.Key_P, ALT)
        yield from self._key(Qt.Key.Key_Tab)
        if not isinstance(_focus(), QComboBox):
            raise DriverError(f"Alt+P, Tab on the counts tab reached {_focus()!r}, not the part of the year")
        yield from self._key(Qt.Key.Key_Home)
        yield self._counts_wait("the counts show the whole year", expected["the whole year"])
        self._step("counts: Down (first half)")
        yield from self._key(Qt.Key.Key_Down)
        yield self._counts_wait("the counts show the first half", expected["the first half"])
        self._step("counts: Alt+B, Down (a branch)")
        yield from self._key(Qt.Key.Key_B, ALT)
        yield from self._key(Qt.Key.Key_Down)
        branch = _focus().currentText() if isinstance(_focus(), QComboBox) else None
        if branch not in by_branch:
            raise DriverError(f"Alt+B, Down on the counts tab chose {branch!r}, not a branch")
        yield self._counts_wait(f"the counts show {branch}", by_branch[branch])
        meter.stop()

        # (c) search: Ctrl+1, Ctrl+F, a common then the rare terms; each until the count shows; Esc clears.
        terms = _search_terms()
        hits = {term: count_of(term) for term in terms}
        yield from self._activate(self.window)
        meter.start("search")
        self._step("search: Ctrl+1")
        yield from self._key(Qt.Key.Key_1, CTRL)
        for term in terms:
            self._step(f"search: Ctrl+F, type {term}")
            yield from self._key(Qt.Key.Key_F, CTRL)
            if not isinstance(_focus(), QLineEdit):
                raise DriverError(f"Ctrl+F gave the keyboard to {_focus()!r}, not the search box")
            yield from self._type(term)
            yield _Wait(f"the count shows {hits[term]:,} voices for {term}",
                        lambda n=hits[term]: self._count_shows(n))
        self._step("search: Esc")
        yield from self._key(Qt.Key.Key_Escape)
        yield _Wait(f"the count shows all {total:,} voices again", lambda: self._count_shows(total))
        meter.stop()

        # (d) my work: Ctrl+2; someone else's voice for me due today arrives meanwhile; F5 shows it.
        yield from self._activate(self.window)
        meter.start("my_work")
        self._step("my work: Ctrl+2")
        yield from self._key(Qt.Key.Key_2, CTRL)
        shown = yield _Wait("today's work shows its count",
                            lambda: None if self._work_count() is None else (self._work_count(),))
        meter.stop()  # not measured: another PC saves a voice for me, due today, so that F5 has news to show
        now = now_tokyo()
        other_program.voices.create(VoiceInput(
            received_at=now.strftime("%Y-%m-%d %H:%M"), summary=f"ベンチ 本日期限 {self.token}",
            assignee_id=self.window.staff_uid, due_date=today.isoformat()), by=self.window.staff_uid, now=now)
        meter.start("my_work")
        self._step("my work: F5")
        yield from self._key(Qt.Key.Key_F5)
        yield _Wait(f"today's work shows {shown[0] + 1} items", lambda: self._work_count() == shown[0] + 1)
        meter.stop()
