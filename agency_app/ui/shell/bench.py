"""Benchmark hooks (env AGENCY_APP_BENCH): time to the first painted page and list jumps with memory; the stall
mode is in bench_stall.py. Each prints one BENCH line."""

from __future__ import annotations

import json
import os
import random
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication

JUMPS = 50


def resident_mb() -> float:
    """Resident memory of this process in MB (Linux /proc, Windows GetProcessMemoryInfo, else ru_maxrss)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        class Counters(ctypes.Structure):
            _fields_ = [("cb", wintypes.DWORD), ("PageFaultCount", wintypes.DWORD),
                        ("PeakWorkingSetSize", ctypes.c_size_t), ("WorkingSetSize", ctypes.c_size_t),
                        ("QuotaPeakPagedPoolUsage", ctypes.c_size_t), ("QuotaPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaPeakNonPagedPoolUsage", ctypes.c_size_t),
                        ("QuotaNonPagedPoolUsage", ctypes.c_size_t),
                        ("PagefileUsage", ctypes.c_size_t), ("PeakPagefileUsage", ctypes.c_size_t)]

        counters = Counters()
        counters.cb = ctypes.sizeof(Counters)
        process = ctypes.windll.kernel32.GetCurrentProcess()
        if ctypes.windll.psapi.GetProcessMemoryInfo(process, ctypes.byref(counters), counters.cb):
            return counters.WorkingSetSize / 1024 / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report(values: dict) -> None:
    print("BENCH " + json.dumps(values), flush=True)


class _FirstPaint(QObject):
    """Reports once the list's viewport has painted rows of the first page."""

    def __init__(self, app: QApplication, window):
        super().__init__(window)
        self.app, self.window, self.done = app, window, False
        window.table.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint and self.window.model.rowCount() > 0:
            self.done = True
            QTimer.singleShot(0, self._finish)
        return False

    def _finish(self) -> None:
        t0 = float(os.environ.get("AGENCY_APP_BENCH_T0") or time.time())
        _report({"shown_s": round(time.time() - t0, 4)})
        self.window.reminders = False
        self.app.exit(0)


def jump_times(window, jumps: int = JUMPS, seed: int = 2) -> list[float]:
    """Scroll the list to random rows; each time until every visible cell's text is ready (ms).

    This is the list's own cost (keyset page read + building cells). Painting is Qt's and comes
    after: a screenful of Japanese text takes ~15 ms on the offscreen raster of a 2-core machine.
    """
    table, model = window.table, window.model
    rows, columns = model.rowCount(), model.columnCount()
    rng = random.Random(seed)
    times = []
    for _ in range(jumps):
        target = rng.randrange(rows)
        start = time.perf_counter()
        table.scrollTo(model.index(target, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        top = max(table.rowAt(0), 0)
        bottom = table.rowAt(table.viewport().height() - 1)
        bottom = rows - 1 if bottom < 0 else bottom
        for row in range(top, bottom + 1):
            for column in range(columns):
                model.data(model.index(row, column))
        times.append(round((time.perf_counter() - start) * 1000, 3))
        QApplication.processEvents()  # let it paint, outside the measured time
    return times


def _scroll(app: QApplication, window) -> None:
    """Wait for the count and the anchors (as a user who scrolls after a moment would), then jump."""
    state = {"anchored": False}
    window.search.anchored.connect(lambda: state.update(anchored=True))

    def poll() -> None:
        if not state["anchored"]:
            QTimer.singleShot(20, poll)
            return
        times = jump_times(window)
        _report({"jump_ms": times, "rss_mb": round(resident_mb(), 1)})
        window.reminders = False
        app.exit(0)

    QTimer.singleShot(0, poll)


def install(app: QApplication, window, mode: str) -> None:
    """'1': report when the first page is painted; 'scroll': the jump test; 'stall': the user's phases."""
    if mode == "scroll":
        _scroll(app, window)
    elif mode == "stall":
        from agency_app.ui.shell.bench_stall import StallDriver  # QtTest and the driver only for this mode
        StallDriver(app, window)
    else:
        _FirstPaint(app, window)
