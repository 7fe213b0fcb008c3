"""Issue 3's counts as plain Japanese text tables (elderly sales, relative contacts, follow-up omissions) for the command line."""

from __future__ import annotations

import sqlite3
import unicodedata

from agency_app.domain import codes
from agency_app.domain.periods import Period
from agency_app.storage import counts as K

MEASURE_LABELS_JA = {"relative_present": "親族同席", "multiple_meetings": "複数回面談", "second_agent": "複数募集人",
                     "phone_check": "電話確認", "written_check": "書面確認", "none": "対応方法未選択"}
OBTAINED_LABELS_JA = {"meeting": "面談", "mail": "郵送"}
KIND_LABELS_JA = {"voice": "お客様の声", "case": "対応案件"}


def _width(text: str) -> int:
    """Columns on a terminal: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    """Left-aligned first column, right-aligned numbers, widths counted in terminal columns."""
    cells = [header] + [[str(c) for c in row] for row in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for row in cells:
        parts = [row[0] + " " * (widths[0] - _width(row[0]))]
        parts += [" " * (w - _width(c)) + c for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(parts).rstrip())
    return lines


def counts_text(conn: sqlite3.Connection, period: Period, branch_code: str | None = None) -> str:
    """The three tables of the counts tab for one period (and branch), as seed 004 reports them."""
    span = f"{period.start:%Y/%m/%d}〜{period.end:%Y/%m/%d}"
    out = [f"集計期間: {period.label_ja()}（{span}）"
           + (f"　拠点: {branch_code}" if branch_code else "　全拠点")]
    elderly = K.elderly_sales_counts(conn, period, branch_code).merged(
        {"life_nonlife": ("life", "nonlife"), "group": ("group",)})
    rows = []
    for measure in K.ELDERLY_ROWS:
        whole = elderly.row_total(measure)
        if measure == K.NO_MEASURE and not whole.total:
            continue
        rows.append([MEASURE_LABELS_JA[measure], elderly.cell(measure, "life_nonlife").total,
                     elderly.cell(measure, "group").total, whole.total, whole.complete, whole.incomplete])
    grand = elderly.grand_total()
    rows.append(["計", elderly.column_total("life_nonlife").total, elderly.column_total("group").total,
                 grand.total, grand.complete, grand.incomplete])
    out += ["", "■ 高齢者対応件数（申込日で集計）"]
    out += table(["対応方法", "生保・損保", "団体", "計", "うち完了", "うち未完了"], rows)

    relatives = K.relative_contact_counts(conn, period, branch_code)
    rows = [[codes.PRODUCT_GROUP_LABELS_JA[g]]
            + [relatives.count("registered", g, b) for b in K.OBTAINED_BY]
            + [relatives.count("registered", g), relatives.count("declined", g)] for g in K.GROUPS]
    rows.append(["計"] + [relatives.count("registered", None, b) for b in K.OBTAINED_BY]
                + [relatives.registered, relatives.declined])
    out += ["", "■ 親族連絡先登録（記録日で集計）"]
    out += table(["種目"] + [f"登録（{OBTAINED_LABELS_JA[b]}）" for b in K.OBTAINED_BY] + ["登録 計", "辞退"], rows)

    omissions = K.follow_up_omissions(conn, period, branch_code)
    rows = [["期限後の完了・見送り"] + [omissions.count(K.CLOSED_LATE, k) for k in KIND_LABELS_JA]
            + [omissions.count(K.CLOSED_LATE)],
            ["完了後の再開"] + [omissions.count(K.REOPENED, k) for k in KIND_LABELS_JA]
            + [omissions.count(K.REOPENED)]]
    out += ["", "■ 対応漏れ（お客様の声・対応案件とも受付日で集計）"]
    out += table(["理由"] + list(KIND_LABELS_JA.values()) + ["計"], rows)
    out.append(f"対象の記録 {omissions.records_affected} 件")
    return "\n".join(out) + "\n"
