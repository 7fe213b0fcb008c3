"""Importing an agency's sheet (voices, survey answers, KPI results): a dry run that writes nothing, then all rows or none
(beside the Excel reader, above storage).

The dataclasses below are what the window's import dialog shows and sends back (and the command line prints).
plan_import reads and matches, writing nothing; apply_import writes a plan's ADD rows in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.domain.progress import UNATTENDED, JobControl

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


def plan_import(conn, target: str, path: Path | str, choices: ImportChoices = ImportChoices(), *,
                control: JobControl = UNATTENDED) -> ImportPlan:
    """Read the sheet and say, row by row, what an import would do; writes nothing. Raises SheetFileError."""
    raise NotImplementedError("being built (issue 12)")


def apply_import(store, plan: ImportPlan, *, by: str | None, control: JobControl = UNATTENDED) -> ImportResult:
    """Write the plan's ADD rows in one transaction (all or none); rows imported meanwhile are skipped."""
    raise NotImplementedError("being built (issue 12)")


def write_template(path: Path | str, target: str) -> None:
    """Save a blank workbook with the headers the importer expects for `target`."""
    raise NotImplementedError("being built (issue 12)")
