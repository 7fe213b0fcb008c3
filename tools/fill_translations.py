"""Fill unfinished entries of resources/i18n/agency_ja.ts from JSON files of {context: {English source: Japanese}}.

Run after tools/update_translations.py:  .venv/bin/python tools/fill_translations.py texts.json [more.json …]
Entries already translated are left as they are; what is still unfinished afterwards is listed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
TS_FILE = ROOT / "resources" / "i18n" / "agency_ja.ts"


def main(argv: list[str]) -> int:
    table: dict[str, dict[str, str]] = {}
    for name in argv:
        for context, texts in json.loads(Path(name).read_text(encoding="utf-8")).items():
            table.setdefault(context, {}).update(texts)
    tree = ElementTree.parse(TS_FILE)
    filled, left = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") != "unfinished":
                continue
            source = message.findtext("source")
            text = table.get(name, {}).get(source)
            if text is None:
                left.append(f"{name}: {source}")
                continue
            translation.text = text
            del translation.attrib["type"]
            filled += 1
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    TS_FILE.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    print(f"filled {filled}; {len(left)} still unfinished")
    for entry in left:
        print(f"  {entry}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
