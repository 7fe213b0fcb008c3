"""Open an agency's .xlsx and yield its rows' values (cached formula results, merged cells filled) — or say why not.

The sheet's XML is read here directly, not through openpyxl: a first pass checks it is well-formed (expat, in C)
and finds the merged ranges; then the rows are cut at each </row> and their cells read by one regular expression
(about six times faster than openpyxl's read-only mode), or by lxml when the XML has what that reader does not
parse (DOCTYPE, CDATA, comments, prefixes, an encoding other than UTF-8). Both give the values openpyxl's
read-only data_only reading gives (tests/reports/excel/test_read_sheet_fast.py compares them), except that
Excel's Japanese built-in date formats (ids 27–36, 50–58: 和暦, 年月日), which openpyxl does not know, are dates.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

# The first bytes of the two containers an Excel file can be: an Office Open XML zip (.xlsx), and an OLE
# compound file — a .xls of Excel 97–2003, or an .xlsx that Excel encrypted with a password.
_ZIP = b"PK\x03\x04"
_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # the stream an encrypted package holds

MISSING, LOCKED, ENCRYPTED, OLD_XLS, CSV, CORRUPT, NO_SHEET = (
    "missing", "locked", "encrypted", "old_xls", "csv", "corrupt", "no_sheet")

# Plain data, as labels_ja: the command line and the window show the same sentence.
MESSAGES = {
    MISSING: "ファイル「{name}」が見つかりません。場所と名前を確かめてください。",
    LOCKED: "ファイル「{name}」はほかのアプリ（Excel など）で開かれているため読めません。閉じてからもう一度お試しください。",
    ENCRYPTED: "ファイル「{name}」はパスワードで保護されています。Excel でパスワードを外して保存してから選んでください。",
    OLD_XLS: "ファイル「{name}」は古い Excel 形式（.xls）です。Excel で開き、「名前を付けて保存」で"
             "「Excel ブック（.xlsx）」にしてから選んでください。",
    CSV: "ファイル「{name}」は CSV です。Excel で開き、「名前を付けて保存」で「Excel ブック（.xlsx）」にしてから選んでください。",
    CORRUPT: "ファイル「{name}」は壊れているか、Excel ブック（.xlsx）ではないため読めません。",
    NO_SHEET: "ファイル「{name}」にシート「{sheet}」がありません（あるシート: {sheets}）。",
}


class SheetFileError(Exception):
    """A workbook that cannot be read: `code` names why, `message` says it in Japanese."""

    def __init__(self, code: str, path: Path, **params):
        self.code, self.path, self.params = code, path, params
        self.message = MESSAGES[code].format(name=path.name, **params)
        super().__init__(self.message)


def _head(path: Path) -> bytes:
    """The file's first bytes; a missing or locked file is said here, before openpyxl sees it."""
    try:
        with path.open("rb") as stream:
            return stream.read(8)
    except FileNotFoundError:
        raise SheetFileError(MISSING, path) from None
    except IsADirectoryError:
        raise SheetFileError(MISSING, path) from None
    except PermissionError:  # Windows: Excel holds the file open without sharing it
        raise SheetFileError(LOCKED, path) from None
    except OSError:
        raise SheetFileError(CORRUPT, path) from None


def _is_encrypted(path: Path) -> bool:
    # The OLE directory naming the streams may sit anywhere in the file: scan it all, a chunk at a time.
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            if _ENCRYPTED in tail + chunk:
                return True
            tail = chunk[-len(_ENCRYPTED):]
    return False


def check(path: Path | str) -> Path:
    """The path, if it is a readable .xlsx; else SheetFileError with the reason (its content decides, then its name)."""
    path = Path(path)
    if not path.is_file():
        raise SheetFileError(MISSING, path)
    head = _head(path)
    suffix = path.suffix.lower()
    if head.startswith(_OLE):
        raise SheetFileError(ENCRYPTED if _is_encrypted(path) else OLD_XLS, path)
    if head.startswith(_ZIP):
        return path
    if suffix == ".xls":
        raise SheetFileError(OLD_XLS, path)
    if suffix in (".csv", ".txt", ".tsv"):
        raise SheetFileError(CSV, path)
    raise SheetFileError(CORRUPT, path)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
_REL_NS = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
           "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PKG_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
# Excel's built-in number formats that openpyxl does not list: in a Japanese Excel they are 和暦 and 年月日
# formats (27 [$-411]ge.m.d, 28 ggge"年"m"月"d"日", 31 yyyy"年"m"月"d"日", 32–33 times, 50–58 the same again).
_JAPANESE_DATE_IDS = frozenset(range(27, 37)) | frozenset(range(50, 59))
# What a damaged package raises while it is read (lxml's parse errors are SyntaxErrors; a broken deflate stream
# is a zlib.error).
_DAMAGE = (expat.ExpatError, zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, OSError, SyntaxError,
           AttributeError, EOFError, RuntimeError, NotImplementedError, zlib.error)


def _tags(ns: str) -> dict[str, str]:
    return {name: f"{{{ns}}}{name}" for name in ("sheet", "workbookPr", "si", "t", "r", "numFmt", "cellXfs", "xf",
                                                  "row", "c", "v", "is", "mergeCell")}


def _part(base: str, target: str) -> str:
    """A relationship's target as a zip member name: relative to `base`'s folder, or absolute from the root."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _rels(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, member) of each relationship of `part`; none when it has no .rels."""
    folder, _, name = part.rpartition("/")
    path = f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"
    try:
        data = archive.read(path)
    except KeyError:
        return []
    root = etree.fromstring(data)
    return [(rel.get("Id"), rel.get("Type", ""), _part(part, rel.get("Target", "")))
            for rel in root.iter(_PKG_RELS) if rel.get("TargetMode") != "External"]


class _Book:
    """An open .xlsx: its sheets (name → XML part), shared strings, date styles and date system."""

    def __init__(self, stream, archive: zipfile.ZipFile):
        self._stream, self._archive = stream, archive
        main = next((member for _, kind, member in _rels(archive, "") if kind.endswith("/officeDocument")),
                    "xl/workbook.xml")
        root = etree.fromstring(archive.read(main))
        ns = root.tag[1:].partition("}")[0] if root.tag.startswith("{") else _MAIN
        self.tags = _tags(ns if ns in (_MAIN, _STRICT) else _MAIN)
        relations = _rels(archive, main)
        by_id = {rid: member for rid, _, member in relations}
        self.parts: dict[str, str] = {}
        for sheet in root.iter(self.tags["sheet"]):
            rid = next((sheet.get(f"{{{rel_ns}}}id") for rel_ns in _REL_NS if sheet.get(f"{{{rel_ns}}}id")), None)
            self.parts[sheet.get("name", "")] = by_id.get(rid, "")
        self.sheetnames = list(self.parts)
        props = root.find(self.tags["workbookPr"])
        date1904 = props is not None and props.get("date1904", "").lower() in ("1", "true")
        self.epoch = CALENDAR_MAC_1904 if date1904 else WINDOWS_EPOCH
        kinds = {kind.rpartition("/")[2]: member for _, kind, member in relations}
        self._strings_part = kinds.get("sharedStrings", "xl/sharedStrings.xml")
        self._styles_part = kinds.get("styles", "xl/styles.xml")
        self._strings: list[str] | None = None
        self._styles: tuple[frozenset, frozenset] | None = None

    def __getitem__(self, name: str) -> str:
        return self.parts[name]

    def open(self, part: str):
        return self._archive.open(part)

    def close(self) -> None:
        try:
            self._archive.close()
        finally:
            self._stream.close()

    def strings(self) -> list[str]:
        """The shared strings, read once: each <si>'s text and its rich-text runs' text (phonetic runs left out)."""
        if self._strings is None:
            self._strings = []
            if self._strings_part in self._archive.NameToInfo:
                t_tag, r_tag = self.tags["t"], self.tags["r"]
                with self._archive.open(self._strings_part) as source:
                    for _, si in etree.iterparse(source, events=("end",), tag=self.tags["si"]):
                        plain = si.find(t_tag)
                        text = (plain.text or "") if plain is not None else ""
                        for run in si.iterfind(r_tag):
                            piece = run.find(t_tag)
                            if piece is not None and piece.text:
                                text += piece.text
                        self._strings.append(text.replace("x005F_", ""))  # as openpyxl reads them
                        si.clear()
                        while si.getprevious() is not None:
                            del si.getparent()[0]
        return self._strings

    def date_styles(self) -> tuple[frozenset, frozenset]:
        """(date styles, duration styles): the cellXfs indexes whose number format shows a serial as a date."""
        if self._styles is None:
            dates, durations = set(), set()
            if self._styles_part in self._archive.NameToInfo:
                root = etree.fromstring(self._archive.read(self._styles_part))
                custom = {_int(fmt.get("numFmtId")): fmt.get("formatCode") for fmt in root.iter(self.tags["numFmt"])}
                xfs = root.find(self.tags["cellXfs"])
                for index, xf in enumerate(xfs.iterfind(self.tags["xf"]) if xfs is not None else ()):
                    number = _int(xf.get("numFmtId"))
                    code = custom[number] if number in custom else BUILTIN_FORMATS.get(number)
                    if is_date_format(code) or (number not in custom and number in _JAPANESE_DATE_IDS):
                        dates.add(index)
                    if is_timedelta_format(code):
                        durations.add(index)
            self._styles = (frozenset(dates), frozenset(durations))
        return self._styles


def _int(text: str | None) -> int:
    return int(text) if text else 0


def _open(path: Path) -> _Book:
    try:
        stream = path.open("rb")
    except PermissionError:
        raise SheetFileError(LOCKED, path) from None
    except OSError:
        raise SheetFileError(CORRUPT, path) from None
    try:
        return _Book(stream, zipfile.ZipFile(stream))
    except PermissionError:
        stream.close()
        raise SheetFileError(LOCKED, path) from None
    except _DAMAGE:
        stream.close()
        raise SheetFileError(CORRUPT, path) from None


def sheet_names(path: Path | str) -> list[str]:
    """The workbook's sheets, in order (for the user to pick one)."""
    path = check(path)
    book = _open(path)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


_CHUNK = 1 << 20
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
# What the fast reader does not parse: a DOCTYPE (entities), CDATA, comments and processing instructions.
_UNUSUAL = re.compile(rb"<!|<\?(?!xml\s)")  # "<?xml" starts the part: no instruction
_ROW_END_SPACED = re.compile(rb"</row\s")  # "</row >": the fast reader cuts rows at b"</row>" only
_DECLARATION = re.compile(rb'^\s*(?:<\?xml[^>]*?encoding\s*=\s*["\']([^"\']*)["\'])?')


@dataclass
class _Scan:
    merges: list[tuple[int, int, int, int]]
    plain: bool   # UTF-8 elements and text only: the fast reader may read it


def _scan(book: _Book, sheet: str) -> _Scan:
    """One pass over the sheet's XML before its rows are read: the merged ranges (they follow the cells in the
    XML), whether the fast reader may read it, and whether it is XML at all — expat checks that in C, so a corrupt
    sheet is said before any of its rows is given (decompressing and checking cost a fifth of parsing the cells)."""
    found: list[tuple[int, int, int, int]] = []
    checker = expat.ParserCreate()
    plain = True
    tail = b""
    first = True
    with book.open(sheet) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            checker.Parse(chunk, not chunk)
            if not chunk:
                break
            data = tail + chunk
            if first:
                encoding = _DECLARATION.match(data).group(1)
                plain = data[:2] not in (b"\xff\xfe", b"\xfe\xff") and (
                    encoding is None or encoding.lower().replace(b"-", b"") == b"utf8")
                first = False
            if plain and (b"<!" in data or b"<?" in data[1:] and _UNUSUAL.search(data, 1) or b":row" in data
                          or b":c " in data or b":c>" in data  # a prefix (<x:row>): the fast reader wants none
                          or b"</row" in data and _ROW_END_SPACED.search(data)):
                plain = False
            # A tag cut in two is read whole with the next chunk (kept short: a long stretch without "<" is no tag).
            cut = max(data.rfind(b"<"), len(data) - 4096, 0)
            if b"mergeCell" in data:  # the regular expression only where it can find something
                for ref in _MERGE.findall(data[:cut]):
                    found.append(range_boundaries(ref.decode()))
            tail = data[cut:]
        for ref in _MERGE.findall(tail):
            found.append(range_boundaries(ref.decode()))
    return _Scan(found, plain)


def merged_ranges(book: _Book, sheet: str) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range of the sheet part `sheet`."""
    return _scan(book, sheet).merges


def _number(text: str | bytes):
    """A <v> as openpyxl casts it: int unless it has a point or an exponent."""
    if isinstance(text, bytes):
        return float(text) if b"." in text or b"E" in text or b"e" in text else int(text)
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


_MAX_ROW = 1_048_576  # Excel's last row
_LETTERS: dict[str, int] = {}


class _Columns(dict):
    """b'AB' → 28, computed once per letters."""

    def __missing__(self, letters: bytes) -> int:
        number = self[letters] = _column(letters.decode())
        return number


def _column(ref: str) -> int:
    """'AB12' → 28, remembered per letters (a sheet has few columns and many rows)."""
    letters = ref.rstrip("0123456789$").lstrip("$")
    number = _LETTERS.get(letters)
    if number is None:
        if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
            raise ValueError(f"bad cell reference {ref!r}")
        number = 0
        for letter in letters.upper():
            number = number * 26 + ord(letter) - 64
        _LETTERS[letters] = number
    return number


def _sheet_rows_lxml(book: _Book, part: str) -> Iterator[tuple]:
    """The sheet's rows parsed by lxml (the careful way, for XML the fast reader leaves alone), as openpyxl's read-only iter_rows(values_only=True) gives them: rows from
    the first, a missing row as (), each row as wide as its last cell, a missing cell None."""
    tags = book.tags
    v_tag, is_tag, t_tag, r_tag = tags["v"], tags["is"], tags["t"], tags["r"]
    strings = book.strings()
    dates, durations = book.date_styles()
    epoch = book.epoch
    day_cache: dict = {}
    expected = 1      # the row number the next yielded row has
    number = 0        # the last row number read (rows without r= count on from it)
    with book.open(part) as source:
        for _, row in etree.iterparse(source, events=("end",), tag=tags["row"]):
            number = _row_number(row.get("r"), number)
            column = 0
            cells: list[tuple[int, object]] = []
            for cell in row:
                ref = cell.get("r")
                column = _column(ref) if ref else column + 1
                kind = cell.get("t")
                value = None
                if kind == "inlineStr":
                    inline = cell.find(is_tag)
                    if inline is not None:
                        plain = inline.find(t_tag)
                        value = (plain.text or "") if plain is not None else ""
                        for run in inline.iterfind(r_tag):
                            piece = run.find(t_tag)
                            if piece is not None and piece.text:
                                value += piece.text
                else:
                    text = cell.findtext(v_tag)
                    if text:
                        if kind is None or kind == "n":
                            value = _number(text)
                            style = cell.get("s")
                            if style and int(style) in dates:
                                value = _serial_day(value, int(style) in durations, epoch, day_cache)
                        elif kind == "s":
                            value = strings[int(text)]
                        elif kind == "b":
                            value = bool(int(text))
                        elif kind == "d":
                            value = from_ISO8601(text)
                        else:  # "str" (a formula's text), "e" (#N/A …): the text as saved
                            value = text
                cells.append((column, value))
            row.clear()
            while row.getprevious() is not None:  # rows read are dropped: 100,000 rows in little memory
                del row.getparent()[0]
            while expected < number:
                expected += 1
                yield ()
            if expected == number:  # a row out of order (behind one read) is passed over, as openpyxl does
                expected += 1
                if not cells:
                    yield ()
                    continue
                width = cells[-1][0]
                values = [None] * width
                for col, value in cells:
                    if 1 <= col <= width:
                        values[col - 1] = value
                yield tuple(values)


# The fast reader: regular expressions over the sheet's UTF-8 bytes (checked well-formed by _scan first).
# A cell as Excel writes it — r, s, t in this order, an optional formula, a value or an inline string — is read
# by the first alternative; any other spelling (more attributes, a prefix, <v> with attributes …) by the second.
_EMPTY_ROW = re.compile(rb"<row\b([^>]*?)/>")
_ROW_NUMBER = re.compile(rb'(?:^|\s)r\s*=\s*["\']([^"\']*)["\']')
_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    rb'(?:/>|>(?:<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>)?'
    rb'(?:<v>([^<]*)</v>|(<is><t(?: xml:space="preserve")?>[^<]*</t></is>))?</c>)'
    rb"|<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c\s*>)", re.S)
_ATTRIBUTE = re.compile(rb'([\w:.-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?v\s*>)")
_INLINE = re.compile(rb"<(?:\w+:)?is\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?is\s*>)", re.S)
_PHONETIC = re.compile(rb"<(?:\w+:)?rPh\b.*?(?:/>|</(?:\w+:)?rPh\s*>)", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?t\s*>)")
_LINE_ENDS = re.compile(r"\r\n?")


def _text(raw: bytes) -> str:
    """Character data as an XML parser gives it: UTF-8 decoded, line ends made \\n, entities replaced."""
    text = raw.decode("utf-8")
    if "\r" in text:
        text = _LINE_ENDS.sub("\n", text)
    return _REFERENCE.sub(_referenced, text) if "&" in text else text


_REFERENCE = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _referenced(match: re.Match) -> str:
    # XML's references (html.unescape would read &#128; as "€" and drop &#127;, as HTML does).
    decimal, hexadecimal, name = match.groups()
    return _ENTITIES[name] if name else chr(int(decimal) if decimal else int(hexadecimal, 16))


def _odd_cell(attributes: bytes, content: bytes | None) -> tuple[str | None, str | None, str | None, bytes | None,
                                                                 str | None]:
    """(ref, style, type, value, inline text) of a cell the first alternative of _CELL does not read."""
    attrs = {name.rpartition(b":")[2]: (double if double is not None else single)
             for name, double, single in _ATTRIBUTE.findall(attributes)}
    kind = attrs.get(b"t")
    ref, style = attrs.get(b"r"), attrs.get(b"s")
    value = inline = None
    if content:
        if kind == b"inlineStr":
            found = _INLINE.search(content)
            if found is not None:
                inner = _PHONETIC.sub(b"", found.group(1) or b"")
                inline = "".join(_text(t or b"") for t in _TEXT.findall(inner))
        else:
            found = _VALUE.search(content)
            value = found.group(1) if found is not None else None
    return (ref.decode() if ref else None, style.decode() if style else None, kind.decode() if kind else None,
            value, inline)


def _raw_rows(source) -> Iterator[tuple[bytes, bytes | None]]:
    """(attributes, content) of each <row> of a sheet's XML (no prefixes: _scan said so); None for <row …/>.

    The text is cut at each </row> (in C, fast): a piece ends with its row, opened by the piece's last "<row" (a
    literal "<" is never text in XML), after the empty rows <row …/> before it.
    """
    tail = b""
    waiting: list[bytes] = []  # chunks read after `tail` without a </row>: joined once, when one comes
    while chunk := source.read(_CHUNK):
        edge = (waiting[-1] if waiting else tail)[-5:]
        if b"</row>" not in chunk and b"</row>" not in edge + chunk[:5]:
            waiting.append(chunk)
            if len(waiting) > 16 and b"<row" not in tail:  # a long stretch: what is before a "<row" is no row's
                joined = b"".join((tail, *waiting))
                first = joined.find(b"<row")
                tail, waiting = (joined[first:] if first >= 0 else joined[-4:]), []
            continue
        pieces = b"".join((tail, *waiting, chunk)).split(b"</row>")
        waiting = []
        tail = pieces.pop()  # after the last </row>: read with the next chunk
        for piece in pieces:
            start = piece.rfind(b"<row")
            if piece.find(b"<row", 0, start) != -1:
                for empty in _EMPTY_ROW.finditer(piece, 0, start):
                    yield empty.group(1), None
            close = piece.index(b">", start)
            yield piece[start + 4:close], piece[close + 1:]
    for empty in _EMPTY_ROW.finditer(b"".join((tail, *waiting))):
        yield empty.group(1), None


def _sheet_rows_fast(book: _Book, part: str) -> Iterator[tuple]:
    """The sheet's rows, as _sheet_rows_lxml gives them, read by regular expressions: three times faster."""
    strings = book.strings()
    dates, durations = book.date_styles()
    epoch = book.epoch
    day_cache: dict = {}
    columns = _Columns()
    styles: dict = {}   # the s= of a cell → (a date style?, a duration style?)
    expected = 1
    number = 0
    with book.open(part) as source:
        for attributes, content in _raw_rows(source):
            if attributes.startswith(b' r="'):
                ref = attributes[4:attributes.find(b'"', 4)]
            else:
                found = _ROW_NUMBER.search(attributes)
                ref = found.group(1) if found is not None else None
            number = _row_number(ref, number)
            column = last = 0
            values: list = []
            for letters, style, kind, text, inline, odd, inner in _CELL.findall(content) if content else ():
                # findall gives b"" for a group that took no part: no style, no type, no value …
                if letters:
                    column = columns[letters]
                    if inline:
                        inline = inline[inline.index(b">", 5) + 1:-9]  # the text of <is><t>…</t></is>
                    else:
                        inline = None
                else:
                    ref, style, kind, text, inline = _odd_cell(odd, inner)
                    column = _column(ref) if ref else column + 1
                    style = style.encode() if style else None
                    kind = kind.encode() if kind else None
                # The most frequent first: shared strings, then numbers and dates.
                if kind == b"s":
                    value = strings[int(text)] if text else None
                elif not kind or kind == b"n":
                    value = None
                    if text:
                        value = _number(text)
                        if style:
                            is_date = styles.get(style)
                            if is_date is None:
                                index = int(style)
                                is_date = styles[style] = (index in dates, index in durations)
                            if is_date[0]:
                                value = _serial_day(value, is_date[1], epoch, day_cache)
                elif kind == b"inlineStr":
                    value = None if inline is None else inline if isinstance(inline, str) else _text(inline)
                elif not text:
                    value = None
                elif kind == b"b":
                    value = bool(int(text))
                elif kind == b"d":
                    value = from_ISO8601(_text(text))
                else:  # "str" (a formula's text), "e" (#N/A …): the text as saved
                    value = _text(text)
                # The row is as wide as its last cell (as openpyxl makes it): cells past it are cut below.
                last = column
                have = len(values)
                if column > have:
                    if column > have + 1:
                        values.extend([None] * (column - have - 1))
                    values.append(value)
                elif column >= 1:
                    values[column - 1] = value
            while expected < number:
                expected += 1
                yield ()
            if expected == number:  # a row out of order (behind one read) is passed over, as openpyxl does
                expected += 1
                if last < len(values):
                    del values[last:]
                yield tuple(values)


def read_rows(path: Path | str, sheet: str | None = None) -> Iterator[tuple]:
    """The rows of `sheet` (the first one when None) as tuples of values, a merged range's value in each of its cells.

    The workbook is closed when the rows are exhausted or the generator is closed (Windows keeps an open file locked).
    """
    path = check(path)
    book = _open(path)
    try:
        if not book.sheetnames:
            raise SheetFileError(CORRUPT, path)
        if sheet is None:
            sheet = book.sheetnames[0]
        elif sheet not in book.sheetnames:
            raise SheetFileError(NO_SHEET, path, sheet=sheet, sheets="、".join(book.sheetnames))
        part = book[sheet]
        try:
            scan = _scan(book, part)
        except _DAMAGE:
            raise SheetFileError(CORRUPT, path) from None
        merges = scan.merges
        reader = _sheet_rows_fast if scan.plain else _sheet_rows_lxml
        # The merges over the rows below their first row: (first col, last col, last row, value) — one entry per
        # merge, not per row it covers (a whole-column merge A1:A1048576 would be a million).
        active: list[tuple[int, int, int, object]] = []
        starts: dict[int, list[tuple[int, int, int, int]]] = {}
        for bounds in merges:
            starts.setdefault(bounds[1], []).append(bounds)
        try:
            for number, values in enumerate(reader(book, part), start=1):
                if active or number in starts:
                    row = list(values)
                    if active:
                        active = [merge for merge in active if merge[2] >= number]
                        for first, last, _, value in active:
                            _fill(row, first, last, value)
                    for min_col, min_row, max_col, max_row in starts.get(number, ()):
                        value = row[min_col - 1] if min_col - 1 < len(row) else None
                        _fill(row, min_col, max_col, value)
                        if max_row > min_row:
                            active.append((min_col, max_col, max_row, value))
                    values = tuple(row)
                yield values
        except _DAMAGE:
            raise SheetFileError(CORRUPT, path) from None
    finally:
        book.close()


def _fill(row: list, first: int, last: int, value: object) -> None:
    if len(row) < last:
        row.extend([None] * (last - len(row)))
    for col in range(first - 1, last):
        row[col] = value


def _row_number(ref, last: int) -> int:
    """A row's number: its r= (an integer, or a float such as "3.0" some writers leave), else the one after `last`.
    Raises ValueError for a damaged one, and past Excel's last row (a hostile r= would give empty rows for hours)."""
    if ref is None:
        number = last + 1
    else:
        try:
            number = int(ref)
        except ValueError:
            as_float = float(ref)
            if not as_float.is_integer():
                raise
            number = int(as_float)
    if number > _MAX_ROW:
        raise ValueError(f"row {number}")
    return number


def _serial_day(value, duration: bool, epoch, cache: dict):
    """A date-formatted number as openpyxl reads it (a datetime, or a timedelta for a duration format), remembered
    per value: a sheet's dates repeat. A serial no date can be gives openpyxl's "#VALUE!"."""
    key = (value, duration)
    day = cache.get(key)
    if day is None:
        try:
            day = from_excel(value, epoch, timedelta=duration)
        except (OverflowError, ValueError):
            day = "#VALUE!"
        cache[key] = day
    return day
