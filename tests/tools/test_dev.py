"""tools/dev.py refuses a Python outside pyproject's requires-python, saying (in Japanese and English) what to run."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

spec = importlib.util.spec_from_file_location("dev", Path(__file__).resolve().parents[2] / "tools" / "dev.py")
dev = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dev)

COMMAND = "py -3.11 tools\\dev.py app" if os.name == "nt" else "python3.11 tools/dev.py app"


def test_bounds_come_from_pyproject():
    assert dev.supported_pythons() == ((3, 11), (3, 14))


def test_supported_versions_pass():
    assert dev.python_problem((3, 11, 9)) is None
    assert dev.python_problem((3, 13, 1)) is None


def test_too_new_and_too_old_say_what_to_run():
    for version in ((3, 14, 0), (3, 10, 12)):
        problem = dev.python_problem(version)
        assert problem is not None and COMMAND in problem
        assert "では動きません" in problem and "is not supported" in problem
