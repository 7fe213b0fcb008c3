"""The quarterly report to an insurer (R27, R28) as data: a block for the quarter and one for the fiscal year to date."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from agency_app.domain import labels_ja as ja
from agency_app.domain.erasure import replace_name
from agency_app.domain.periods import QUARTER, YEAR_TO_DATE, Period
from agency_app.reports.counts_report import (
    BUCKET_LABELS, category_sections, elderly_section, improvement_section, kind_section, relatives_section, status_section,
)
from agency_app.reports.report import DATE, TEXT, Column, RecordRef, Report, Row, Section
from agency_app.storage import counts as K
from agency_app.storage.database import read_snapshot
from agency_app.storage.improvement_counts import improvement_counts
from agency_app.storage.status_by_origin import STATUS_AT_END_COLUMNS, status_at_end, status_by_origin
from agency_app.storage.voice_counts import dissatisfaction_by_category, voices_by_kind

TITLE = "お客様の声　保険会社へのご報告"
ALL_INSURERS = "全保険会社"
ALL_BRANCHES = "全拠点"
NO_INSURER = "（保険会社なし）"
MASK = "＊＊＊"


@dataclass(frozen=True)
class InsurerReport:
    """One insurer's (None: every insurer's, and the voices of none) quarter and fiscal year to date."""

    insurer: str | None
    fiscal_year: int
    quarter: int
    with_personal_data: bool
    blocks: tuple[Report, Report]  # the quarter, then the fiscal year to date
    branch_code: str | None = None  # one office's records (head office filtering); None: every office's
    branch: str = ALL_BRANCHES      # the office in words: 「横浜支店（YOK）」, the only one's name, or 全拠点

    def insurer_text(self) -> str:
        return self.insurer or ALL_INSURERS

    def voice_rows(self, conn: sqlite3.Connection, block: int) -> Iterator[Row]:
        """A block's voice list read one row at a time (block 0: the quarter, 1: the fiscal year to date)."""
        return detail_rows(conn, self.blocks[block].period, self.insurer, self.with_personal_data, self.branch_code)


def quarter_periods(fiscal_year: int, quarter: int) -> tuple[Period, Period]:
    """The quarter (Q1 = April–June) and the fiscal year from 1 April to that quarter's last day."""
    return Period(fiscal_year, QUARTER, quarter), Period(fiscal_year, YEAR_TO_DATE, quarter)


def insurer_report(conn: sqlite3.Connection, fiscal_year: int, quarter: int, insurer: str | None = None, *,
                   with_personal_data: bool = False, list_voices: bool = True,
                   branch_code: str | None = None) -> InsurerReport:
    """Both blocks from one state of the database (a save committed meanwhile is in both or in neither).

    `branch_code`: only that office's records — head office's consolidated database filtered to one branch gives
    the figures of the branch's own report (None: every office's, consolidated). list_voices=False leaves the voice
    lists empty, for a caller that reads them with `voice_rows` inside its own read_snapshot (the same state as the
    figures) rather than holding 100,000 rows."""
    with read_snapshot(conn):
        names = dict(conn.execute("SELECT code, name FROM branches"))
        blocks = tuple(_block(conn, period, insurer, with_personal_data, list_voices, branch_code, names)
                       for period in quarter_periods(fiscal_year, quarter))
    return InsurerReport(insurer, fiscal_year, quarter, with_personal_data, blocks, branch_code,
                         branch_text(branch_code, names))


def branch_text(branch_code: str | None, names: dict[str, str]) -> str:
    """「横浜支店（YOK）」 for one office; for all, 全拠点 — or the office's name when the database holds only one (a
    branch's own database: its report names the branch, as head office's filtered to it does)."""
    if branch_code is None and len(names) == 1:
        branch_code = next(iter(names))
    if branch_code is None:
        return ALL_BRANCHES
    name = names.get(branch_code) or branch_code
    return name if name == branch_code else f"{name}（{branch_code}）"


def _block(conn: sqlite3.Connection, period: Period, insurer: str | None, with_personal_data: bool,
           list_voices: bool = True, branch_code: str | None = None, names: dict[str, str] | None = None) -> Report:
    """The counts report's sections for the insurer's voices of the period (of one office, or all), then the voices
    one by one."""
    names = names if names is not None else dict(conn.execute("SELECT code, name FROM branches"))
    sections = [
        kind_section(voices_by_kind(conn, period, branch_code, insurer=insurer)),
        *category_sections(dissatisfaction_by_category(conn, period, branch_code, insurer=insurer)),
        status_section(status_by_origin(conn, period, branch_code, insurer=insurer), period),
        improvement_section(improvement_counts(conn, period, branch_code, insurer=insurer), period, names),
        elderly_section(K.elderly_sales_counts(conn, period, branch_code, insurer=insurer)),
        _relatives(K.relative_contact_counts(conn, period, branch_code), insurer),
        detail_section(conn, period, insurer, with_personal_data, branch_code) if list_voices else
        Section("voice_list", "お客様の声の一覧", "受付日", DETAIL_COLUMNS, (),
                (STATUS_NOTE, _privacy_note(with_personal_data)), listing=True),
    ]
    title = f"{TITLE}（{insurer or ALL_INSURERS}）"
    return Report(title, period, branch_code, names.get(branch_code) if branch_code else None, tuple(sections))


def _relatives(counts: K.RelativeCounts, insurer: str | None) -> Section:
    """Relative contacts carry no insurer: the agency's own figures, said so in an insurer's report."""
    section = relatives_section(counts)
    if insurer is None:
        return section
    return Section(section.key, section.title, section.label_heading, section.columns, section.rows,
                   (*section.notes, "親族連絡先は保険会社ごとに記録していないため、代理店全体の件数です。"))


DETAIL_COLUMNS = (Column("種別", TEXT), Column("分類", TEXT), Column("保険会社", TEXT), Column("お客様名", TEXT),
                  Column("内容", TEXT), Column("対応内容", TEXT), Column("期末の状況", TEXT), Column("現在の状況", TEXT),
                  Column("完了日", DATE))
# What the two status columns mean: an insurer sees 完了 now beside 対応中 in the table and must know why.
STATUS_NOTE = ("一覧は期間内に受け付けた声です。「期末の状況」は期間末日時点の状況で、対応状況の表の「期間内の受付」と"
               "同じ数え方です（未対応は対応中に含みます）。「現在の状況」と完了日は作成時点のものです。")


def detail_query(period: Period, insurer: str | None, branch_code: str | None = None) -> tuple[str, list]:
    """The voices of the period (of one insurer, or all) in receipt order. For one insurer the index on
    (insurer, received_at) reads only its voices, already in order (2–4× faster than the received_at index for an
    insurer with a small share of a busy quarter, as fast for one with nearly all); for all insurers the received_at
    index does."""
    start, after = period.bounds_text()
    where, params = "v.received_at >= ? AND v.received_at < ?", [start, after]
    if insurer is not None:
        where, params = where + " AND v.insurer = ?", params + [insurer]
    if branch_code:  # '+': tested on the rows the index above reads, as the counts do
        where, params = where + " AND +v.branch_code = ?", params + [branch_code]
    return (f"SELECT v.uid, v.received_at, v.kind, v.is_complaint, v.category_group, v.category_item, "
            f"v.insurer, v.customer_name, v.summary, v.response, {STATUS_AT_END_COLUMNS} FROM voices v "
            f"WHERE {where} ORDER BY v.received_at, v.rowid", params)


def detail_section(conn: sqlite3.Connection, period: Period, insurer: str | None,
                   with_personal_data: bool = False, branch_code: str | None = None) -> Section:
    """The voices of the period in receipt order, each row naming its voice; the customer's name masked unless
    asked otherwise (R31). Each voice's status at the end of the period (as the status table counts it), and now."""
    rows = tuple(detail_rows(conn, period, insurer, with_personal_data, branch_code))
    return Section("voice_list", "お客様の声の一覧", "受付日", DETAIL_COLUMNS, rows,
                   (f"{len(rows):,} 件。{_privacy_note(with_personal_data)}", STATUS_NOTE), listing=True)


def detail_rows(conn: sqlite3.Connection, period: Period, insurer: str | None,
                with_personal_data: bool = False, branch_code: str | None = None) -> Iterator[Row]:
    """detail_section's rows one at a time, for a workbook of 100,000 voices that need not hold them all."""
    for uid, received, kind, complaint, group, item, company, customer, summary, response, *at_end in \
            conn.execute(*detail_query(period, insurer, branch_code)):
        status, done_on = at_end[1], at_end[2]
        kind_text = ja.KIND[kind] + (f"（{ja.COMPLAINT}）" if complaint else "")
        category = " ／ ".join(part for part in (group, item) if part)
        name = (customer or "") if with_personal_data else mask_name(customer)
        if not with_personal_data:  # the name typed into the texts too (「山田 太郎様より…」), as the name column
            summary, response = mask_name_in(summary, customer), mask_name_in(response, customer)
        yield Row(received[:10].replace("-", "/"), (
            kind_text, category, company or NO_INSURER, name, summary, response,
            BUCKET_LABELS[status_at_end(conn, period, *at_end)], ja.label(ja.STATUS, status), done_on),
            record=RecordRef("voice", uid))


def _privacy_note(with_personal_data: bool) -> str:
    return "お客様名は伏せています。" if not with_personal_data else "お客様名を含みます（取り扱いにご注意ください）。"


def mask_name(name: str | None) -> str:
    """A customer's name hidden entirely (even a first character can identify someone in a small town)."""
    return MASK if name else ""


def mask_name_in(text: str | None, name: str | None) -> str | None:
    """A typed text with the voice's own customer's name in it masked (written with a half- or full-width space
    between the names, or none); other names typed freely cannot be recognised and stay."""
    return replace_name(text, name, MASK)
    parts = name.replace("\u3000", " ").split()
    if parts[0] not in text:  # every form holds the family name: most texts hold none (100,000 rows)
        return text
    for form in (name, " ".join(parts), "\u3000".join(parts), "".join(parts)):
        text = text.replace(form, MASK)
    return text
