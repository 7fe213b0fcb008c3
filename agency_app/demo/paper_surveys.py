"""Demo import (issue 12): the contact centre's paper survey sheets of the year before the demo's voices, imported through the importer itself.

An agency that starts with the application brings its Excel sheets; the demo does the same once, with the real
importer (reports/excel/sheet_import: plan, then apply in one transaction), so the demo holds an import record,
its imported rows and the history they write — and a second import of the same sheet would add nothing. The
answers are コンタクトセンター answers (no KPI of the demo counts that survey, so the finalised years' frozen
figures stay as they were), one a week from April to September of the paper-time year.
"""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from random import Random

from openpyxl import Workbook

from agency_app.demo.surveys_trainings import fiscal_years
from agency_app.reports.excel import sheet_import as SI
from agency_app.storage.database import Store

SHEET_NAME = "アンケート集計"
FILE_NAME = "コンタクトセンターアンケート_紙.xlsx"
GRADES = ("満足", "やや満足", "普通", "やや不満", "不満")
GRADE_WEIGHTS = (50, 35, 10, 4, 1)
COMMENTS = ("電話がすぐにつながった", "説明が丁寧だった", "", "", "待ち時間が長かった", "")


def import_paper_surveys(store: Store, rng: Random, today: date, by: str) -> dict:
    """Write the sheet to a temporary folder, import it as `by`, and say how many answers came in."""
    first = date(fiscal_years(today)[0], 4, 1)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILE_NAME
        book = Workbook()
        sheet = book.active
        sheet.title = SHEET_NAME
        sheet.append(["コンタクトセンター　お客様アンケート（紙）集計表"])
        sheet.append([])
        sheet.append(["回答日", "アンケート種類", "商品", "満足度", "コメント"])
        for week in range(26):
            sheet.append([first + timedelta(weeks=week, days=rng.randrange(5)), "コンタクトセンター",
                          rng.choice(("自動車", "火災", "生命")), rng.choices(GRADES, GRADE_WEIGHTS)[0],
                          rng.choice(COMMENTS)])
        sheet.append(["合計", None, None, None, None])
        book.save(path)
        plan = SI.plan_import(store.conn, SI.TARGET_SURVEYS, path)
        # Imported on the first day of the demo's voices, when the agency started with the application.
        result = SI.apply_import(store, plan, by=by, now=datetime.combine(date(first.year + 1, 4, 1), time(17, 0)))
    return {"imported_survey_answers": result.added}
