"""Demo record of the workbooks the managers sent (issue 12): each ended quarter's report to every insurer, each finalised year's KPI publication, one list with personal data.

What storage/exports.record_export writes for an export made in the window, bulk-written with the '*created'
history the table's trigger would write (surveys_trainings.write_rows): the manager of head office makes the
quarterly reports on the 10th of the month after each quarter, masked; the KPI publication on 30 June after a
year; once a year a list of open voices with customers' names, for a visit — the export R31 asks to be recorded.
"""

from __future__ import annotations

from datetime import date, datetime, time
from random import Random

from agency_app.demo.surveys_trainings import stamped, write_rows
from agency_app.domain.periods import QUARTER, Period, fiscal_year_of
from agency_app.storage import exports as E


def add_exports(conn, rng: Random, today: date, staff: list[dict], home: str, first_day: date) -> dict:
    """Write the export records of every quarter ended between `first_day` (the demo's first voice) and today."""
    manager = next(s for s in staff if s["role"] == "manager" and s["branch"] == home)
    insurers = [name for (name,) in conn.execute("SELECT name FROM insurers WHERE active = 1 ORDER BY sort_order")]
    rows: list[dict] = []

    def made(at: datetime, report: str, description: str, file_name: str, count: int, personal: bool) -> None:
        rows.append(stamped(dict(uid=rng.randbytes(16).hex(), branch_code=home, report=report,
                                 description=description, with_personal_data=int(personal),
                                 file_name=file_name, row_count=count), home, at, manager["uid"]))

    period = _quarter_of(first_day)
    while period.end < today:
        sent = _tenth_after(period.end)
        if sent > today:
            break
        quarter = f"{period.fiscal_year}年度 第{period.number}四半期"
        for insurer in insurers:
            made(datetime.combine(sent, time(10, rng.randrange(60))), E.QUARTERLY, f"{quarter} {insurer}",
                 f"お客様の声報告_{period.fiscal_year}年度第{period.number}四半期_{insurer}.xlsx",
                 rng.randrange(20, 400), False)
        if period.number == 4 and date(period.fiscal_year + 1, 6, 30) <= today:
            made(datetime(period.fiscal_year + 1, 6, 30, 15, 0), E.KPI_PUBLICATION,
                 f"KPI {period.fiscal_year - 2}〜{period.fiscal_year}年度",
                 f"KPI公表資料_{period.fiscal_year}年度.xlsx", rng.randrange(15, 30), False)
            made(datetime(period.fiscal_year + 1, 4, 3, 9, 30), E.LIST_VOICES, "お客様の声の一覧 状況: 対応中",
                 "お客様の声一覧_対応中.xlsx", rng.randrange(5, 60), True)
        period = _next_quarter(period)
    write_rows(conn, "exports", rows)
    return {"exports": len(rows)}


def _quarter_of(day: date) -> Period:
    return Period(fiscal_year_of(day), QUARTER, (day.month - 4) % 12 // 3 + 1)


def _next_quarter(period: Period) -> Period:
    if period.number == 4:
        return Period(period.fiscal_year + 1, QUARTER, 1)
    return Period(period.fiscal_year, QUARTER, period.number + 1)


def _tenth_after(last_day: date) -> date:
    return date(last_day.year + (last_day.month == 12), last_day.month % 12 + 1, 10)
