"""PySide6 6.12.0 on Python 3.11 aborts ("Fatal Python error: none_dealloc") after thousands of calls of Qt
methods that return None; this pins that the installed PySide6 survives them (requirements.lock says why)."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 30_000

# Run in a child process: the bug aborts the interpreter, which would take pytest down with it.
SNIPPET = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv)
widget = QWidget()
for _ in range({CALLS}):
    widget.update()
for i in range({CALLS}):
    widget.setToolTip("tip")
print("OK", flush=True)
"""


def test_many_calls_of_void_qt_methods_do_not_abort_the_interpreter():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "OK" in result.stdout
