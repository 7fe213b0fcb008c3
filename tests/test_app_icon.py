"""The running app shows its own icon: make_application gives every window the multi-size app.ico."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# In a process of its own: make_application installs the Japanese translators, which the shared test
# QApplication must not get.
CHECK = """
import json
from PySide6.QtWidgets import QDialog
from agency_app.app import make_application
app = make_application()
icon = app.windowIcon()
sizes = sorted({s.width() for s in icon.availableSizes()})
print("ICON " + json.dumps({"null": icon.isNull(), "sizes": sizes, "dialog": not QDialog().windowIcon().isNull()}))
"""


def test_every_window_gets_the_app_icon_in_all_its_sizes(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, "-c", CHECK], env=env, capture_output=True, text=True,
                            timeout=120, cwd=ROOT)
    lines = [line for line in result.stdout.splitlines() if line.startswith("ICON ")]
    assert result.returncode == 0 and len(lines) == 1, (result.stdout[-1000:], result.stderr[-3000:])
    found = json.loads(lines[0][len("ICON "):])
    assert not found["null"]
    assert {16, 24, 32, 48, 256} <= set(found["sizes"])  # the hand-drawn small sizes, not one scaled image
    assert found["dialog"]  # a dialog, like the staff picker, inherits it
