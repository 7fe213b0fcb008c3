"""Refresh resources/i18n/agency_ja.ts from the UI's source strings (pyside6-lupdate) and count what is left to translate.

Run with the project's Python:  .venv/bin/python tools/update_translations.py   (Windows: .venv\\Scripts\\python.exe)
Existing translations are kept; strings no longer in the code are dropped (-no-obsolete). Then open the .ts in
`pyside6-linguist` (or an editor) and fill every <translation type="unfinished">. The .qm is built, never committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "i18n" / "agency_ja.ts"


def sources() -> list[Path]:
    files = sorted((ROOT / "agency_app" / "ui").rglob("*.py"))
    app = ROOT / "agency_app" / "app.py"
    return files + ([app] if app.exists() else [])


def find_lupdate() -> str:
    exe = ".exe" if sys.platform == "win32" else ""
    beside = Path(sys.executable).parent / f"pyside6-lupdate{exe}"
    found = str(beside) if beside.is_file() else shutil.which("pyside6-lupdate")
    if not found:
        sys.exit("pyside6-lupdate not found: run this with the project's .venv Python")
    return found


def unfinished(ts_file: Path) -> list[str]:
    """'Context: source' of each entry still marked unfinished."""
    left = []
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.find("translation").get("type") == "unfinished":
                left.append(f"{name}: {message.findtext('source')}")
    return left


def main() -> int:
    TS_FILE.parent.mkdir(parents=True, exist_ok=True)
    files = [str(f.relative_to(ROOT)) for f in sources()]
    command = [find_lupdate(), *files, "-ts", str(TS_FILE.relative_to(ROOT)), "-no-obsolete",
               "-locations", "none", "-source-language", "en", "-target-language", "ja_JP"]
    print(f"lupdate over {len(files)} files -> {TS_FILE.relative_to(ROOT)}")
    result = subprocess.run(command, cwd=ROOT)
    if result.returncode != 0:
        return result.returncode
    left = unfinished(TS_FILE)
    print(f"{len(left)} unfinished translation(s)" + (":" if left else "."))
    for source in left:
        print(f"  {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
