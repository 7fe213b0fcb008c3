"""Survey answers' and KPI results' sheets: their columns' header variants, the 期間 column, and their messages."""

from __future__ import annotations

import re
import unicodedata

from agency_app.domain import errors as E
from agency_app.domain import kpi
from agency_app.domain import surveys as S
from agency_app.domain.periods import HALF, QUARTER, YEAR
from agency_app.domain.sheet_headers import field_table

# Survey answers (R25)
ANSWERED_ON, SURVEY_TYPE, PRODUCT, RECOMMENDATION, SATISFACTION, COMMENT = (
    "answered_on", "survey_type", "product_line", "recommendation", "satisfaction_grade", "comment")
SURVEY_VARIANTS: dict[str, tuple[str, ...]] = {
    ANSWERED_ON: ("回答日", "回答年月日", "日付", "受付日", "回収日", "記入日", "年月日"),
    SURVEY_TYPE: ("アンケート種類", "アンケート", "アンケート名", "種類", "調査", "調査名", "調査種類", "アンケート区分"),
    PRODUCT: ("商品", "商品名", "保険種類", "種目", "保険種目"),
    RECOMMENDATION: ("推奨度", "おすすめ度", "お勧め度", "nps", "推奨", "紹介意向", "推奨度(0〜10)", "推奨度0〜10"),
    SATISFACTION: ("満足度", "総合満足度", "満足", "評価", "事故対応満足度", "継続意向"),
    COMMENT: ("コメント", "ご意見", "自由記述", "ご意見・ご要望", "感想", "備考", "自由意見"),
}
SURVEY_FIELDS = ((ANSWERED_ON, "回答日"), (SURVEY_TYPE, "アンケート種類"), (PRODUCT, "商品"),
                 (RECOMMENDATION, "推奨度"), (SATISFACTION, "満足度"), (COMMENT, "コメント"))
SURVEY_LOOKED_FOR = "回答日、アンケート種類、商品、推奨度、満足度、コメント"

# KPI results (R21–R22)
FISCAL_YEAR, TITLE, PERIOD, VALUE, FACTS, EVALUATION = (
    "fiscal_year", "title", "period", "value", "facts", "evaluation")
KPI_VARIANTS: dict[str, tuple[str, ...]] = {
    FISCAL_YEAR: ("年度", "対象年度", "事業年度"),
    TITLE: ("kpi名", "kpi", "指標", "指標名", "項目", "kpi項目", "成果指標", "名称"),
    PERIOD: ("期間", "対象期間", "期", "区分"),
    VALUE: ("実績", "実績値", "結果", "値"),
    FACTS: ("数値・事実", "【数値・事実】", "事実", "数値事実"),
    EVALUATION: ("評価", "【評価】", "所感", "振り返り"),
}
KPI_FIELDS = ((FISCAL_YEAR, "年度"), (TITLE, "KPI名"), (PERIOD, "期間"), (VALUE, "実績"),
              (FACTS, "【数値・事実】"), (EVALUATION, "【評価】"))
KPI_LOOKED_FOR = "年度、KPI名、期間、実績、【数値・事実】、【評価】"

SURVEY_TABLE = field_table(SURVEY_VARIANTS)
KPI_TABLE = field_table(KPI_VARIANTS)


def fiscal_year(cell: object) -> int | None:
    """'2025', 2025, '2025年度', 'R7', '令和7年度' → 2025; None if not a year."""
    text = unicodedata.normalize("NFKC", "" if cell is None else str(cell)).strip().replace(" ", "")
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    text = re.sub(r"^fy", "", re.sub(r"年度?$", "", text.lower()))
    if re.fullmatch(r"\d{4}", text) and 2000 <= int(text) <= 2100:
        return int(text)
    # 平成31年度 is FY2019 too (it began on 2019-04-01, still 平成); 平成32年度 was never a name.
    era = re.fullmatch(r"(令和|r|平成|h)(\d{1,2}|元)", text)
    if era:
        year = 1 if era.group(2) == "元" else int(era.group(2))
        reiwa = era.group(1) in ("令和", "r")
        western = (2018 if reiwa else 1988) + year
        return western if year >= 1 and (reiwa or year <= 31) and 2000 <= western <= 2100 else None
    return None


def period_of(cell: object) -> tuple[str, int] | None:
    """(period kind, number) as kpi_results keys a result: '年度' / '通期' → (year, 0); '上期' → (half, 1);
    '下期' → (half, 2); '第2四半期' / 'Q2' → (quarter, 2); None if not a period."""
    text = unicodedata.normalize("NFKC", "" if cell is None else str(cell)).strip().replace(" ", "").lower()
    # 「下期（10月～3月）」: the months in brackets say the same period (or, alone, say it); a contradiction is none.
    bracketed = re.fullmatch(r"(.*?)\((.*)\)", text)
    if bracketed:
        named, months = _period_named(bracketed.group(1)), _period_of_months(bracketed.group(2))
        if not bracketed.group(1):
            return months
        return named if months is None or months == named else None
    return _period_named(text) or _period_of_months(text)


_MONTHS = re.compile(r"(\d{1,2})月?[~〜\-–]\s*(\d{1,2})月")


def _period_of_months(text: str) -> tuple[str, int] | None:
    """「4月～6月」「10～12月」「10月～3月」 → the fiscal quarter, half or year (April to March) they span."""
    found = _MONTHS.fullmatch(text)
    if not found or not all(1 <= int(m) <= 12 for m in found.groups()):
        return None
    start, end = ((int(m) - 4) % 12 for m in found.groups())  # months from April
    span = end - start + 1
    if span == 3 and start % 3 == 0:
        return (QUARTER, start // 3 + 1)
    if span == 6 and start % 6 == 0:
        return (HALF, start // 6 + 1)
    return (YEAR, 0) if span == 12 else None


def _period_named(text: str) -> tuple[str, int] | None:
    if text in ("年度", "通期", "年間", "通年", "全期", ""):
        return (YEAR, 0) if text else None
    if text in ("上期", "上半期", "前期", "上半"):
        return (HALF, 1)
    if text in ("下期", "下半期", "後期", "下半"):
        return (HALF, 2)
    found = re.fullmatch(r"(?:第([1-4])四半期|q([1-4])|第?([1-4])q|([1-4])四半期)", text)
    if found:
        return (QUARTER, int(next(g for g in found.groups() if g)))
    return None


# The Japanese of the problems an answer's validation or a KPI result's save can raise (plain data: the dry
# run reads the same on the command line and in the window).
MESSAGES = {
    E.REQUIRED: "{label}がありません",
    E.TOO_LONG: "{label}が{max}文字を超えています",
    E.UNKNOWN_CHOICE: "{label}が一覧にありません",
    E.BAD_DATE: "{label}を日付として読めません",
    E.IN_FUTURE: "{label}が未来の日付です",
    S.ANSWERED_IN_FUTURE: "回答日が未来の日付です",
    S.SCORE_NOT_A_NUMBER: "推奨度「{text}」は 0〜10 の数ではありません",
    kpi.BAD_SCORE: "推奨度 {score} は 0〜10 の範囲外です",
    S.GRADE_NOT_A_NUMBER: "満足度「{text}」は段階の番号でも選択肢の言葉でもありません",
    kpi.BAD_GRADE: "満足度 {grade} は 1〜{n} の範囲外です",
    S.SCORE_NOT_ASKED: "このアンケートは推奨度を聞いていません",
    S.TYPE_WITHOUT_SCALE: "このアンケートには満足度の段階が決められていません",
    S.EMPTY_ANSWER: "推奨度・満足度・コメントのどれもありません",
}


def message(code: str, label: str = "", **params) -> str:
    try:
        return MESSAGES[code].format(label=label, **params)
    except (KeyError, IndexError, ValueError):
        return f"{label}: {code}" if label else code
