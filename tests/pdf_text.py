"""The text of each page of a PDF the app wrote: by pdftotext when it is installed, else by a small reader of Qt's PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)


def page_texts(path: Path, *, use_pdftotext: bool | None = None) -> list[str]:
    """Each page's text with all white space removed (the two readers space words differently)."""
    if use_pdftotext is None:
        use_pdftotext = shutil.which("pdftotext") is not None
    pages = _by_pdftotext(path) if use_pdftotext else _by_reading(path)
    return ["".join(page.split()) for page in pages]


def page_count(path: Path) -> int:
    """The pages the PDF declares (/Type /Page objects)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", Path(path).read_bytes()))


def _by_pdftotext(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    pages = out.decode("utf-8").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


# --- a reader of the PDFs Qt writes (QPdfWriter): enough to find the text, not a general PDF parser -------------
def _objects(data: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in _OBJECT.findall(data)}


def _stream(body: bytes) -> bytes:
    start = body.index(b"stream") + len(b"stream")
    start += 2 if body[start:start + 2] == b"\r\n" else 1
    raw = body[start:body.rindex(b"endstream")]
    return zlib.decompress(raw) if b"/FlateDecode" in body[:body.index(b"stream")] else raw


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's bfchar and bfrange entries: glyph code → text."""
    mapping: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[.*?\])",
                                              block, re.S):
            low, high = int(first, 16), int(last, 16)
            if target.startswith(b"["):
                for offset, text in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", target)):
                    mapping[low + offset] = bytes.fromhex(text.decode()).decode("utf-16-be")
                continue
            base = bytes.fromhex(target[1:-1].decode()).decode("utf-16-be")
            for code in range(low, high + 1):
                mapping[code] = base[:-1] + chr(ord(base[-1]) + code - low)
    return mapping


def _by_reading(path: Path) -> list[str]:
    data = Path(path).read_bytes()
    objects = _objects(data)
    kids = re.search(rb"/Type\s*/Pages.*?/Kids\s*\[(.*?)\]", data, re.S).group(1)
    pages = []
    for number in (int(n) for n in re.findall(rb"(\d+) 0 R", kids)):
        page = objects[number]
        resources = objects[int(re.search(rb"/Resources (\d+) 0 R", page).group(1))]
        fonts = {}
        font_block = re.search(rb"/Font\s*<<(.*?)>>", resources, re.S)
        for name, ref in re.findall(rb"/(\w+) (\d+) 0 R", font_block.group(1) if font_block else b""):
            unicode_ref = re.search(rb"/ToUnicode (\d+) 0 R", objects[int(ref)])
            fonts[name] = _to_unicode(_stream(objects[int(unicode_ref.group(1))])) if unicode_ref else {}
        content = _stream(objects[int(re.search(rb"/Contents (\d+) 0 R", page).group(1))])
        text, font = [], {}
        for token in re.finditer(rb"/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj", content):
            if token.group(1) is not None:
                font = fonts.get(token.group(1), {})
                continue
            hexes = token.group(2)
            text += [font.get(int(hexes[i:i + 4], 16), "") for i in range(0, len(hexes), 4)]
        pages.append("".join(text))
    return pages
