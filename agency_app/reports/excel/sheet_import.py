"""Importing an agency's sheet (voices, survey answers, KPI results): a dry run that writes nothing, then all rows or none
(beside the Excel reader, above storage).

The dataclasses below are what the window's import dialog shows and sends back (and the command line prints).
plan_import reads and matches, writing nothing; apply_import writes a plan's ADD rows in one transaction.
"""

from __future__ import annotations

import gc
import re
import threading
import zipfile
from datetime import datetime

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.domain import sheet_headers as H
from agency_app.domain import sheet_rows as R
from agency_app.domain.periods import now_tokyo
from agency_app.domain.progress import UNATTENDED, JobControl
from agency_app.domain.voice import format_datetime
from agency_app.reports.excel import import_voices as IV
from agency_app.reports.excel import read_sheet
from agency_app.storage import records
from agency_app.storage.ids import new_uid

TARGET_VOICES, TARGET_SURVEYS, TARGET_KPI_RESULTS = "voices", "survey_answers", "kpi_results"
TARGETS = (TARGET_VOICES, TARGET_SURVEYS, TARGET_KPI_RESULTS)

# PlannedRow.action
ADD = "add"            # will be imported (possibly with notes of what the sheet lacked)
ALREADY = "already"    # this row was imported before (same content fingerprint): nothing added
SKIP = "skip"          # a blank or total (合計) row
REJECT = "reject"      # cannot be imported: `problems` says why


@dataclass(frozen=True)
class ImportChoices:
    """What the user chose in the dialog (or on the command line); the defaults are what the importer found."""

    sheet: str | None = None                             # None: the first sheet
    column_overrides: Mapping[str, str] = field(default_factory=dict)   # header as written → field code ('' ignores)
    # field code → {value as written → app value}: e.g. {"kind": {"クレーム": "dissatisfaction"},
    # "category": {"手続き": "手続・事務"}, "assignee": {"田中": "<staff uid>"}}
    value_mapping: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    default_kind: str | None = None                      # voices: the kind of a sheet with no kind column


@dataclass(frozen=True)
class PlannedRow:
    """One sheet row in the dry run."""

    number: int                       # the row number Excel shows
    action: str                       # ADD / ALREADY / SKIP / REJECT
    line: str                         # Japanese: what will happen to this row, in one line
    problems: tuple[str, ...] = ()    # Japanese: why it is rejected
    notes: tuple[str, ...] = ()       # Japanese: what the sheet lacked (imported all the same, with this note)
    values: Mapping[str, object] = field(default_factory=dict, compare=False, repr=False)  # what will be written
    fingerprint: str = ""


@dataclass(frozen=True)
class UnknownValue:
    """A value the importer could not match (a kind, status, category, staff name …), for the mapping table."""

    field: str                                  # field code
    field_label: str                            # Japanese, e.g. 種別
    value: str                                  # as written in the sheet
    rows: int                                   # how many rows carry it
    choices: tuple[tuple[str, str], ...]        # (app value, Japanese label) the user may map it to


@dataclass(frozen=True)
class ImportPlan:
    """The dry run: everything the dialog shows before anything is written."""

    target: str
    path: Path
    sheet: str
    sheets: tuple[str, ...]
    header_row: int | None                        # the row number Excel shows; None: no header row found
    columns: tuple[tuple[str, str | None], ...]   # each header cell as written, with the field it feeds (None: unused)
    fields: tuple[tuple[str, str], ...]           # (field code, Japanese label) a column may be mapped to
    rows: tuple[PlannedRow, ...]
    unknown_values: tuple[UnknownValue, ...]
    message: str = ""                             # Japanese: why nothing can be imported (e.g. no header row)
    choices: ImportChoices = ImportChoices()

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def importable(self) -> bool:
        return not self.message and self.count(ADD) > 0


@dataclass(frozen=True)
class ImportResult:
    import_uid: str
    added: int
    already: int
    skipped: int
    rejected: int


STEP = 1000  # rows between progress reports (and chances to stop)
READING, MATCHING, WRITING = "シートを読んでいます", "行を確かめています", "取り込んでいます"


def _stepping(rows: Iterable[Sequence[object]], control: JobControl, what: str, total: int = 0) -> Iterator:
    for index, cells in enumerate(rows):
        if index % STEP == 0:
            control.step(index, total, what)
        yield cells


def date1904(path: Path) -> bool:
    """Whether the workbook counts its serials from 1904 (workbookPr date1904): the reader turns date-formatted
    cells into dates, but a serial left as a number (a column pasted as values) is the sheet's own count."""
    try:
        with zipfile.ZipFile(path) as book:
            head = book.read("xl/workbook.xml").decode("utf-8", "replace")  # small: the sheets list
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return re.search(r"<(?:\w+:)?workbookPr\b[^>]*\bdate1904=\"(?:1|true)\"", head) is not None


def _read_all(path: Path, sheet: str, control: JobControl) -> list[tuple]:
    return list(_stepping(read_sheet.read_rows(path, sheet), control, READING))


def _columns(cells: Sequence[object], header: H.Header | None) -> tuple[tuple[str, str | None], ...]:
    if header is None:
        return ()
    field_at = {col: name for name, col in header.columns.items()}
    return tuple((str(cell).strip(), field_at.get(col)) for col, cell in enumerate(cells)
                 if cell is not None and str(cell).strip())


def _imported(conn, target: str) -> set[str]:
    return {r[0] for r in conn.execute("SELECT fingerprint FROM imported_rows WHERE target = ?", (target,))}


def _unknowns(counter: Counter, labels: Mapping[str, str], choices) -> tuple[UnknownValue, ...]:
    return tuple(UnknownValue(name, labels.get(name, name), value, n, choices(name, value))
                 for (name, value), n in sorted(counter.items(), key=lambda item: (item[0][0], -item[1], item[0][1])))


_collector_lock = threading.Lock()
_collector_pauses = 0           # plans running now (the dialog's worker and the command line may overlap)
_collector_was_enabled = True   # as the first of them found it


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading a sheet makes millions of small objects (cells, rows, planned rows) that hold no reference cycles
    and all live until the plan is returned: the cycle collector would walk them again and again as they pile
    up, for nothing. It is paused meanwhile and put back as it was, whatever ends the plan."""
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_pauses -= 1
            if _collector_pauses == 0 and _collector_was_enabled:
                gc.enable()


def plan_import(conn, target: str, path: Path | str, choices: ImportChoices = ImportChoices(), *,
                control: JobControl = UNATTENDED) -> ImportPlan:
    """Read the sheet and say, row by row, what an import would do; writes nothing. Raises SheetFileError."""
    if target not in TARGETS:
        raise ValueError(f"unknown import target: {target}")
    with _collector_paused():
        return _plan(conn, target, path, choices, control)


def _plan(conn, target: str, path: Path | str, choices: ImportChoices, control: JobControl) -> ImportPlan:
    path = Path(path)
    sheets = tuple(read_sheet.sheet_names(path))
    sheet = choices.sheet if choices.sheet is not None else (sheets[0] if sheets else "")
    rows = _read_all(path, sheet, control)
    if target == TARGET_VOICES:
        return _plan_voices(conn, path, sheet, sheets, rows, choices, control)
    from agency_app.reports.excel import import_tables  # survey answers and KPI results
    return import_tables.plan(conn, target, path, sheet, sheets, rows, choices, control)


def no_header_message(looked_for: str) -> str:
    return (f"見出しの行が見つかりません。先頭{H.SEARCH_ROWS}行の中で、{looked_for} のような見出しが"
            f"{H.MIN_HEADERS}つ以上並んだ行を探しました。見出しの名前を確かめるか、列の割り当てを指定してください。")


def _plan_voices(conn, path: Path, sheet: str, sheets: tuple[str, ...], rows: list[tuple],
                 choices: ImportChoices, control: JobControl) -> ImportPlan:
    header = H.find_header(rows, choices.column_overrides)
    base = dict(target=TARGET_VOICES, path=path, sheet=sheet, sheets=sheets, fields=IV.FIELDS, choices=choices)
    if header is None:
        return ImportPlan(header_row=None, columns=(), rows=(), unknown_values=(),
                          message=no_header_message(IV.LOOKED_FOR), **base)
    names = header.names or rows[header.row]
    mac = date1904(path)
    settings = IV.settings_of(choices.default_kind, choices.value_mapping, mac)
    matcher = IV.VoiceMatcher(conn, choices.value_mapping)
    already = _imported(conn, TARGET_VOICES)
    today = now_tokyo().date()
    read = R.read_rows(_stepping(rows, control, MATCHING, len(rows)), header, settings)
    planned: list[PlannedRow] = []
    for row in read:
        cells = rows[row.number - 1]
        if row.kind != R.ROW_DATA:
            planned.append(PlannedRow(row.number, SKIP, row.line()))
            continue
        if row.problems:
            IV.unknown_from_problems(row, matcher.unknown)
            problems = tuple(p.message for p in row.problems)
            planned.append(PlannedRow(row.number, REJECT, row.line(), problems))
            continue
        problems, notes, values = IV.plan_row(row, cells, header, matcher, today, mac)
        head = f"{row.number}行目: "
        if problems:
            planned.append(PlannedRow(row.number, REJECT, head + "取り込みません — " + "、".join(problems),
                                      tuple(problems), tuple(notes), values, row.fingerprint))
        elif row.fingerprint in already:
            planned.append(PlannedRow(row.number, ALREADY, head + "以前に取り込み済みのため読み飛ばします",
                                      notes=tuple(notes), values=values, fingerprint=row.fingerprint))
        else:
            line = row.line().split(" 注: ")[0] + (" 注: " + "、".join(notes) if notes else "")
            planned.append(PlannedRow(row.number, ADD, line, (), tuple(notes), values, row.fingerprint))
    unknown = _unknowns(matcher.unknown, {**IV.LABELS, IV.CATEGORY: "分類"}, matcher.choices)
    return ImportPlan(header_row=header.row + 1, columns=_columns(names, header), rows=tuple(planned),
                      unknown_values=unknown, **base)


def apply_import(store, plan: ImportPlan, *, by: str | None, control: JobControl = UNATTENDED,
                 now: datetime | None = None) -> ImportResult:
    """Write the plan's ADD rows in one transaction (all or none); rows imported meanwhile are skipped.
    `now`: the records' stamps (the demo's own calendar); the clock when None."""
    adds = [row for row in plan.rows if row.action == ADD]
    skipped = plan.count(SKIP)
    rejected = plan.count(REJECT)
    already = plan.count(ALREADY)
    if plan.message or not adds:
        return ImportResult("", 0, already, skipped, rejected)
    now = now or now_tokyo()
    stamp = format_datetime(now)
    import_uid = new_uid()
    written: list[tuple[str, str]] = []  # (fingerprint, record uid)
    with store.write() as db:
        conn = db.conn
        if plan.target == TARGET_VOICES:
            writer = _voice_writer(store, by, stamp)
        else:
            from agency_app.reports.excel import import_tables
            writer = import_tables.writer(store, plan.target, by, now)
        for index, row in enumerate(adds):
            if index % STEP == 0:
                control.step(index, len(adds), WRITING)
            # Checked again inside the transaction: another import of the same rows may have committed since
            # the dry run (BEGIN IMMEDIATE makes two imports take turns, so the second sees the first's rows).
            if conn.execute("SELECT 1 FROM imported_rows WHERE target = ? AND fingerprint = ?",
                            (plan.target, row.fingerprint)).fetchone():
                already += 1
                continue
            written.append((row.fingerprint, writer(conn, row)))
        control.step(len(adds), len(adds), WRITING)
        if not written:
            return ImportResult("", 0, already, skipped, rejected)
        records.insert_row(conn, "imports", dict(
            uid=import_uid, branch_code=store.home_branch, target=plan.target, file_name=plan.path.name,
            sheet=plan.sheet, rows_added=len(written), rows_skipped=len(plan.rows) - len(written),
            origin_branch=store.home_branch, created_at=stamp, created_by=by, updated_at=stamp, updated_by=by))
        conn.executemany("INSERT INTO imported_rows (target, fingerprint, import_id, record_uid) VALUES (?, ?, ?, ?)",
                         [(plan.target, fingerprint, import_uid, uid) for fingerprint, uid in written])
    return ImportResult(import_uid, len(written), already, skipped, rejected)


def _voice_writer(store, by: str | None, stamp: str):
    team_row = store.conn.execute("SELECT team FROM staff WHERE uid = ?", (by,)).fetchone() if by else None
    branch = store.home_branch

    def write(conn, row: PlannedRow) -> str:
        uid = new_uid()
        records.insert_row(conn, "voices", IV.insert_values(conn, row.values, uid=uid, by=by, branch=branch,
                                                            team=team_row[0] if team_row else "", stamp=stamp))
        return uid
    return write


def write_template(path: Path | str, target: str) -> None:
    """Save a blank workbook with the headers the importer expects for `target`."""
    from agency_app.reports.excel import import_template
    import_template.write(Path(path), target)
