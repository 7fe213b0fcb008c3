"""Set up a checkout and run the app or the tests: the README's Quick start. Standard library only, any OS.

    python3 tools/dev.py app    # .venv + pinned deps, translations, demo.db, then start the app on demo.db
    python3 tools/dev.py test   # .venv + pinned deps, translations, then the import contracts and the test suite

On Windows: py -3.11 tools\\dev.py app (plain `py` may pick a newer Python than requires-python allows). The venv is made with the Python that runs this script; the pins in
requirements.lock are tested on Python 3.11. Re-running is cheap: the install is skipped while
requirements.lock and pyproject.toml are unchanged, and demo.db is made only once (delete it for a new one).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
EXE = ".exe" if os.name == "nt" else ""
PYTHON = BIN / f"python{EXE}"
STAMP = VENV / "agency-install.sha256"
DEMO_DB = ROOT / "demo.db"


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(command: list[str | Path], **kwargs) -> int:
    return subprocess.call([str(part) for part in command], cwd=ROOT, **kwargs)


def check(command: list[str | Path], what: str) -> None:
    if run(command) != 0:
        sys.exit(f"[dev] failed: {what}")


def install_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def supported_pythons() -> tuple[tuple[int, int], tuple[int, int]]:
    """The lowest supported and the first unsupported (major, minor), from pyproject's requires-python."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    spec = re.search(r'^requires-python\s*=\s*"([^"]*)"', text, re.MULTILINE).group(1)
    low = re.search(r">=\s*(\d+)\.(\d+)", spec)
    high = re.search(r"<\s*(\d+)\.(\d+)", spec)
    return ((int(low[1]), int(low[2])) if low else (3, 11)), ((int(high[1]), int(high[2])) if high else (99, 0))


def python_problem(version: tuple[int, ...]) -> str | None:
    """Why this Python cannot run the app (Japanese and English, with the command to run), or None."""
    low, high = supported_pythons()
    if low <= tuple(version[:2]) < high:
        return None
    # `py` on Windows picks the newest installed Python, which pip then refuses with a bare error.
    have = ".".join(str(part) for part in version[:3])
    want = f"{low[0]}.{low[1]}"
    command = f"py -{want} tools\\dev.py app" if os.name == "nt" else f"python{want} tools/dev.py app"
    return (f"Python {have} では動きません (対応: {want} 以上 {high[0]}.{high[1]} 未満)。"
            f"次を実行してください: {command}\n"
            f"Python {have} is not supported (needs >= {want}, < {high[0]}.{high[1]}). Run: {command}")


def ensure_venv() -> None:
    problem = python_problem(tuple(sys.version_info))
    if problem:
        sys.exit(f"[dev] {problem}")
    if not PYTHON.exists():
        say(f"creating {VENV.name}/ with Python {sys.version.split()[0]}")
        check([sys.executable, "-m", "venv", VENV], "python -m venv (on Debian/Ubuntu: apt install python3-venv)")
    fingerprint = install_fingerprint()
    if STAMP.exists() and STAMP.read_text().strip() == fingerprint:
        say("dependencies up to date (requirements.lock unchanged)")
        return
    say("installing pinned dependencies from requirements.lock and the app (editable)")
    check([PYTHON, "-m", "pip", "install", "--disable-pip-version-check", "-r", "requirements.lock", "-e", "."],
          "pip install")
    STAMP.write_text(fingerprint + "\n")


def build_translations() -> None:
    say("building translations (resources/i18n/*.ts -> .qm, pyside6-lrelease)")
    check([PYTHON, "-m", "agency_app.ui.kit.i18n"], "building translations")


def ensure_demo_db() -> None:
    if DEMO_DB.exists():
        return
    say(f"creating the demo database {DEMO_DB.name} (a 3-branch agency, about two fiscal years of voices)")
    if run([PYTHON, "-m", "agency_app", "demo", "--db", DEMO_DB.name]) != 0:
        for leftover in ROOT.glob(f"{DEMO_DB.name}*"):
            leftover.unlink()
        sys.exit("[dev] failed: creating the demo database")


def command_app() -> int:
    ensure_venv()
    build_translations()
    ensure_demo_db()
    say(f"starting the app on {DEMO_DB.name}")
    try:
        return run([PYTHON, "-m", "agency_app", "--db", DEMO_DB.name])
    except KeyboardInterrupt:
        return 130


def command_test(pytest_args: list[str]) -> int:
    ensure_venv()
    build_translations()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    say("checking the import contracts (lint-imports)")
    contracts = run([BIN / f"lint-imports{EXE}"], env=env)
    say("running the test suite (pytest, offscreen)")
    tests = run([PYTHON, "-m", "pytest", *pytest_args], env=env)
    if contracts or tests:
        say(f"FAILED: import contracts exit {contracts}, tests exit {tests}")
        return 1
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["app", "test"], help="start the app on demo.db, or run the tests")
    parser.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest (test only)")
    args = parser.parse_args()
    if args.command == "app":
        if args.pytest_args:
            parser.error("app takes no further arguments")
        return command_app()
    return command_test(args.pytest_args)


if __name__ == "__main__":
    raise SystemExit(main())
