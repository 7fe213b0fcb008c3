"""Open an agency's .xlsx and yield its rows' values (cached formula results, merged cells filled) — or say why not."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

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


def _open(path: Path):
    try:
        # read_only: rows stream without the whole sheet in memory; data_only: a formula's last computed value.
        return load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        raise SheetFileError(LOCKED, path) from None
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError, OSError,
            SyntaxError, AttributeError):
        # openpyxl meets a damaged package as any of these (lxml's parse errors are SyntaxErrors).
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


def merged_ranges(book, sheet) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range: read-only sheets do not keep them, so the
    sheet's XML is scanned for them (decompressing is far cheaper than parsing the cells again)."""
    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with book._archive.open(sheet._worksheet_path) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            cut = max(data.rfind(b"<"), 0)  # a tag cut in two is read whole with the next chunk
            for ref in _MERGE.findall(data[:cut]):
                found.append(range_boundaries(ref.decode()))
            tail = data[cut:]
        for ref in _MERGE.findall(tail):
            found.append(range_boundaries(ref.decode()))
    return found


def read_rows(path: Path | str, sheet: str | None = None) -> Iterator[tuple]:
    """The rows of `sheet` (the first one when None) as tuples of values, a merged range's value in each of its cells.

    The workbook is closed when the rows are exhausted or the generator is closed (Windows keeps an open file locked).
    """
    path = check(path)
    book = _open(path)
    try:
        if sheet is None:
            sheet = book.sheetnames[0]
        elif sheet not in book.sheetnames:
            raise SheetFileError(NO_SHEET, path, sheet=sheet, sheets="、".join(book.sheetnames))
        worksheet = book[sheet]
        try:
            merges = merged_ranges(book, worksheet)
        except (KeyError, OSError, zipfile.BadZipFile):
            raise SheetFileError(CORRUPT, path) from None
        # Rows a merge covers below its first row: row number → [(first col, last col, value)].
        pending: dict[int, list[tuple[int, int, object]]] = {}
        starts: dict[int, list[tuple[int, int, int, int]]] = {}
        for bounds in merges:
            starts.setdefault(bounds[1], []).append(bounds)
        worksheet.reset_dimensions()  # some writers leave a wrong <dimension>: read every row there is
        try:
            for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
                row = list(values)
                for first, last, value in pending.pop(number, ()):
                    _fill(row, first, last, value)
                for min_col, min_row, max_col, max_row in starts.get(number, ()):
                    value = row[min_col - 1] if min_col - 1 < len(row) else None
                    _fill(row, min_col, max_col, value)
                    for below in range(min_row + 1, max_row + 1):
                        pending.setdefault(below, []).append((min_col, max_col, value))
                yield tuple(row)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, SyntaxError):
            raise SheetFileError(CORRUPT, path) from None
    finally:
        book.close()


def _fill(row: list, first: int, last: int, value: object) -> None:
    if len(row) < last:
        row.extend([None] * (last - len(row)))
    for col in range(first - 1, last):
        row[col] = value
