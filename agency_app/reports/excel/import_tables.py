"""Survey answers (R25) and KPI results (R21–R22) from a sheet: planned row by row, written through their own rules."""

from __future__ import annotations

from datetime import datetime

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from sqlite_utils import Database

from agency_app.domain import sheet_headers as H
from agency_app.domain import sheet_rows as R
from agency_app.domain import sheet_tables as T
from agency_app.domain import sheet_values as V
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.kpi_periods import period_from_key, result_periods
from agency_app.domain.periods import now_tokyo
from agency_app.domain.surveys import SurveyAnswerInput, validate_survey_answer
from agency_app.reports.excel import import_match as M
from agency_app.reports.excel import sheet_import as SI
from agency_app.storage import records
from agency_app.storage.database import Store
from agency_app.storage.ids import new_uid
from agency_app.domain.kpi_measures import HAND
from agency_app.domain.errors import FieldError
from agency_app.domain.kpi_definition import COUNT_UNITS, RESULT_FROZEN, parse_number
from agency_app.storage.kpis import KpiRepository
from agency_app.storage.surveys import SurveyRepository


def _cell(cells: Sequence[object], header: H.Header, name: str) -> object:
    col = header.columns.get(name)
    return cells[col] if col is not None and col < len(cells) else None


def _print(parts: Sequence[object], seen: Counter) -> str:
    text = "\x1f".join(" ".join(unicodedata.normalize("NFKC", V.text_of(p)).split()) for p in parts)
    found = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    seen[found] += 1  # the n-th identical row is a row of its own (two customers may answer alike)
    return found if seen[found] == 1 else f"{found}#{seen[found]}"


def _mapped(mapping, field: str, written: str) -> str | None:
    table = mapping.get(field) or {}
    return next((target for w, target in table.items() if M.key(w) == M.key(written)), None)


def plan(conn, target: str, path: Path, sheet: str, sheets: tuple[str, ...], rows: list[tuple],
         choices: SI.ImportChoices, control) -> SI.ImportPlan:
    surveys = target == SI.TARGET_SURVEYS
    table, fields, looked_for = ((T.SURVEY_TABLE, T.SURVEY_FIELDS, T.SURVEY_LOOKED_FOR) if surveys
                                 else (T.KPI_TABLE, T.KPI_FIELDS, T.KPI_LOOKED_FOR))
    base = dict(target=target, path=path, sheet=sheet, sheets=sheets, fields=fields, choices=choices)
    header = H.find_header(rows, choices.column_overrides, table=table)
    if header is None:
        return SI.ImportPlan(header_row=None, columns=(), rows=(), unknown_values=(),
                             message=SI.no_header_message(looked_for), **base)
    store = Store(Database(conn), None)  # the repositories' reads; nothing is written here
    already = SI._imported(conn, target)
    unknown: Counter = Counter()
    seen: Counter = Counter()
    planner = _SurveyPlanner(store, choices, unknown) if surveys else _KpiPlanner(store, choices, unknown)
    planner.date1904 = SI.date1904(path)
    planned: list[SI.PlannedRow] = []
    first_row: dict[tuple, int] = {}  # (KPI, period) → the sheet row that gives its result
    percents = {} if surveys else _percent_cells(path, sheet, header.columns.get(T.VALUE))
    for index in range(header.row + 1, len(rows)):
        if (index - header.row) % SI.STEP == 0:
            control.step(index, len(rows), SI.MATCHING)
        cells, number = rows[index] or (), index + 1
        head = f"{number}行目: "
        kind = R.classify(cells)
        if kind == R.ROW_DATA and all(V.is_blank(_cell(cells, header, n)) for n in header.columns):
            kind = R.ROW_BLANK
        if kind != R.ROW_DATA:
            planned.append(SI.PlannedRow(number, SI.SKIP, head + ("空行のため読み飛ばします" if kind == R.ROW_BLANK
                                                                  else "合計行のため読み飛ばします")))
            continue
        if number in percents:  # Excel keeps 85.5% as 0.855: the result is the percent the cell shows
            cells = tuple(percents[number] if col == header.columns[T.VALUE] else cell for col, cell in enumerate(cells))
        problems, notes, values, line, parts = planner.row(cells, header)
        if not surveys and not problems:
            # One result per KPI and period: a second row would silently overwrite the first one's figures.
            first = first_row.setdefault((values["kpi_uid"], values["period"]), number)
            if first != number:
                problems = [f"{first}行目と同じKPI・期間の行です（一つの期間の実績は一行にまとめてください）"]
        fingerprint = _print(parts, seen)
        if problems:
            planned.append(SI.PlannedRow(number, SI.REJECT, head + "取り込みません — " + "、".join(problems),
                                         tuple(problems), tuple(notes), values, fingerprint))
        elif fingerprint in already:
            planned.append(SI.PlannedRow(number, SI.ALREADY, head + "以前に取り込み済みのため読み飛ばします",
                                         notes=tuple(notes), values=values, fingerprint=fingerprint))
        else:
            text = head + "取込 " + line + (" 注: " + "、".join(notes) if notes else "")
            planned.append(SI.PlannedRow(number, SI.ADD, text, (), tuple(notes), values, fingerprint))
    labels = dict(fields)
    unknown_values = SI._unknowns(unknown, labels, planner.choices)
    columns = SI._columns(header.names or rows[header.row], header)
    return SI.ImportPlan(header_row=header.row + 1, columns=columns, rows=tuple(planned),
                         unknown_values=unknown_values, **base)


def _percent_cells(path: Path, sheet: str, col: int | None) -> dict[int, str]:
    """Row number → the percent shown, of the 実績 column's numbers in a percent format (0.855 in '0.0%' → '85.5').
    The sheet reader gives values only; a KPI sheet is small, so its formats are read here once more."""
    if col is None:
        return {}
    found: dict[int, str] = {}
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 — the reader has already said what is wrong with the file
        return {}
    try:
        for (cell,) in book[sheet].iter_rows(min_col=col + 1, max_col=col + 1):
            value = getattr(cell, "value", None)
            if (isinstance(value, (int, float)) and not isinstance(value, bool)
                    and "%" in re.sub(r'"[^"]*"', "", getattr(cell, "number_format", "") or "")):
                found[cell.row] = format((Decimal(repr(value)) * 100).normalize(), "f")
    except Exception:  # noqa: BLE001 — formats are a help; without them the values are read as written
        return {}
    finally:
        book.close()
    return found


class _SurveyPlanner:
    def __init__(self, store: Store, choices: SI.ImportChoices, unknown: Counter):
        self.types = SurveyRepository(store)._types_for()
        self.mapping, self.unknown = choices.value_mapping, unknown
        self.today = now_tokyo().date()
        self.date1904 = False

    def choices(self, field: str, written: str):
        return tuple((code, t.name) for code, t in self.types.items())

    def _type(self, written: str) -> str | None:
        mapped = _mapped(self.mapping, T.SURVEY_TYPE, written)
        if mapped is not None:
            return mapped
        k = M.key(written)
        return next((code for code, t in self.types.items() if k in (M.key(code), M.key(t.name))), None)

    def row(self, cells, header):
        problems: list[str] = []
        notes: list[str] = []
        answered = V.sheet_date(_cell(cells, header, T.ANSWERED_ON), self.date1904)
        if not answered.ok:
            problems.append(f"回答日「{answered.params.get('value', '')}」を日付として読めません")
        type_text = V.text_of(_cell(cells, header, T.SURVEY_TYPE))
        code = self._type(type_text) if type_text else None
        if type_text and code is None:
            self.unknown[(T.SURVEY_TYPE, type_text)] += 1
            problems.append(f"アンケート種類「{type_text}」が一覧にありません（対応表で指定してください）")
        product_text = V.text_of(_cell(cells, header, T.PRODUCT))
        product = R._PRODUCT_KEYS.get(R._norm(product_text), "")
        if product_text and not product:
            notes.append(f"商品「{product_text}」は商品区分に当てはまらないため、区分なしで取り込みます")
        score, grade = (V.text_of(_cell(cells, header, n)) for n in (T.RECOMMENDATION, T.SATISFACTION))
        comment = V.text_of(_cell(cells, header, T.COMMENT))
        values: dict = {}
        if not problems:
            entry = SurveyAnswerInput(answered.value.isoformat() if answered.value else "", code or "", product,
                                      score, grade, comment)
            try:
                values = validate_survey_answer(entry, self.types, self.today)
            except ValidationFailed as failed:
                labels = dict(T.SURVEY_FIELDS)
                problems.extend(T.message(e.code, labels.get(e.field, ""), **e.params) for e in failed.errors)
        name = self.types[code].name if code in self.types else type_text
        line = f"{values.get('answered_on', '')} {name} 推奨度 {score or '—'} 満足度 {grade or '—'}"
        parts = [answered.value.isoformat() if answered.value else "", type_text, product_text, score, grade, comment]
        return problems, notes, values, line, parts


class _KpiPlanner:
    def __init__(self, store: Store, choices: SI.ImportChoices, unknown: Counter):
        self.repo = KpiRepository(store)
        self.mapping, self.unknown = choices.value_mapping, unknown
        self.kpis: dict[int, list[dict]] = {}

    def _year(self, year: int) -> list[dict]:
        if year not in self.kpis:
            self.kpis[year] = self.repo.list(year)
        return self.kpis[year]

    def choices(self, field: str, written: str):
        return tuple((k["uid"], f"{k['fiscal_year']}年度 {k['title']}") for year in sorted(self.kpis)
                     for k in self.kpis[year])

    def row(self, cells, header):
        problems: list[str] = []
        year_cell, title = _cell(cells, header, T.FISCAL_YEAR), V.text_of(_cell(cells, header, T.TITLE))
        period_cell = _cell(cells, header, T.PERIOD)
        value_text = V.text_of(_cell(cells, header, T.VALUE))
        facts, evaluation = (V.text_of(_cell(cells, header, n)) for n in (T.FACTS, T.EVALUATION))
        parts = [year_cell, title, period_cell, value_text, facts, evaluation]
        year = T.fiscal_year(year_cell)
        period_key = T.period_of(period_cell) if not V.is_blank(period_cell) else ("year", 0)
        if year is None:
            problems.append(f"年度「{V.text_of(year_cell)}」を読めません（例 2025、令和7年度）")
        if period_key is None:
            problems.append(f"期間「{V.text_of(period_cell)}」を読めません（年度・上期・下期・第1〜第4四半期）")
        if not title:
            problems.append("KPI名がありません")
        if problems:
            return problems, [], {}, "", parts
        kpi = None
        mapped = _mapped(self.mapping, T.TITLE, title)
        kpis = self._year(year)
        if mapped:
            kpi = next((k for k in kpis if k["uid"] == mapped), None)
        if kpi is None:
            kpi = next((k for k in kpis if M.key(k["title"]) == M.key(title)), None)
        if kpi is None:
            self.unknown[(T.TITLE, title)] += 1
            return [f"{year}年度のKPI「{title}」がありません（対応表で指定してください）"], [], {}, "", parts
        period = period_from_key(year, *period_key)
        if period not in result_periods(year, kpi["period"]):
            problems.append(f"KPI「{kpi['title']}」には期間「{V.text_of(period_cell) or '年度'}」の実績がありません")
        if value_text and kpi["source"] != HAND:
            problems.append(f"KPI「{kpi['title']}」は記録から計算するKPIのため、実績は取り込めません")
        elif value_text:
            number = parse_number(value_text, kpi["unit"])
            if number is None:
                problems.append(f"実績「{value_text}」を数として読めません")
            elif kpi["unit"] == "%" and not Decimal(0) <= number <= Decimal(100):
                problems.append(f"実績 {value_text} は 0〜100% の範囲外です")
            elif number < 0 and kpi["unit"] in COUNT_UNITS:  # as the screen refuses (set_hand_value)
                problems.append(f"実績 {value_text} は 0 以上で書いてください")
        if not problems and self.repo.is_frozen(period):
            problems.append(f"{period.label_ja()}"
                            "は確定済みのため、実績と文章は変更できません（確定を解除してから取り込んでください）")
        for name, text in (("【数値・事実】", facts), ("【評価】", evaluation)):
            if len(text) > 2000:
                problems.append(f"{name}が2000文字を超えています")
        values = {"kpi_uid": kpi["uid"], "period": period_key, "fiscal_year": year, "value": value_text,
                  "facts": facts, "evaluation": evaluation}
        line = f"{year}年度 {kpi['title']} {V.text_of(period_cell) or '年度'} 実績 {value_text or '—'}"
        return problems, [], values, line, parts


def writer(store: Store, target: str, by: str | None, now: datetime | None = None):
    """A function writing one planned row (in the caller's transaction) and returning the record's uid."""
    now = now or now_tokyo()
    if target == SI.TARGET_SURVEYS:
        def write_answer(conn, row: SI.PlannedRow) -> str:
            uid = new_uid()
            records.insert_row(conn, "survey_answers", dict(row.values, uid=uid, branch_code=store.home_branch,
                                                            **records.new_record(store, by, now)))
            return uid
        return write_answer
    repo = KpiRepository(store)

    def write_result(conn, row: SI.PlannedRow) -> str:
        # Through the repository's own saves: a period finalised since the dry run is refused (ValidationFailed),
        # and the whole import is rolled back with it.
        v = row.values
        period = period_from_key(v["fiscal_year"], *v["period"])
        if repo.is_frozen(period):
            raise ValidationFailed([FieldError("value", RESULT_FROZEN)])  # set_texts alone would not refuse
        if v["value"]:
            repo.set_hand_value(v["kpi_uid"], period, v["value"], by, now)
        if v["facts"] or v["evaluation"]:
            repo.set_texts(v["kpi_uid"], period, v["facts"], v["evaluation"], by, now)
        found = conn.execute("SELECT uid FROM kpi_results WHERE kpi_id = ? AND period_kind = ? AND period_number = ?",
                             (v["kpi_uid"], *v["period"])).fetchone()
        return found[0] if found else v["kpi_uid"]
    return write_result

