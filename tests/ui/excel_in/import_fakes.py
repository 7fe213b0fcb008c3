"""Fake plan_import / apply_import / write_template for the import dialog's tests: realistic plans that follow the
choices, and a record of every call."""

from __future__ import annotations

import threading
from pathlib import Path

from openpyxl import Workbook

from agency_app.domain.progress import Stopped
from agency_app.reports.excel import sheet_import
from agency_app.reports.excel.read_sheet import LOCKED, SheetFileError, sheet_names
from agency_app.reports.excel.sheet_import import (
    ADD, ALREADY, REJECT, SKIP, ImportPlan, ImportResult, PlannedRow, UnknownValue,
)

FIELDS = (("received_at", "受付日"), ("kind", "種別"), ("category", "分類"), ("body", "内容"))
FOUND = (("受付日", "received_at"), ("種別", "kind"), ("内容", "body"), ("メモ", None))
KIND_CHOICES = (("praise", "お褒め"), ("dissatisfaction", "ご不満"), ("opinion", "ご意見"))
CATEGORY_CHOICES = (("手続・事務", "手続・事務"), ("商品", "商品"))
NO_HEADER = "見出しの行が見つかりません。受付日・種別・内容などの見出しがある行を確かめてください。"


def make_workbook(path: Path, sheets=("声", "表紙")) -> Path:
    book = Workbook()
    book.active.title = sheets[0]
    for name in sheets[1:]:
        book.create_sheet(name)
    book.save(path)
    return path


def _plan(target, path, choices) -> ImportPlan:
    sheet = choices.sheet or sheet_names(path)[0]
    if sheet == "表紙":
        return ImportPlan(target=target, path=Path(path), sheet=sheet, sheets=("声", "表紙"), header_row=None,
                          columns=(), fields=FIELDS, rows=(), unknown_values=(), message=NO_HEADER, choices=choices)
    columns = tuple((header, choices.column_overrides.get(header, field) or None)
                    if header in choices.column_overrides else (header, field) for header, field in FOUND)
    kinds = choices.value_mapping.get("kind", {})
    categories = choices.value_mapping.get("category", {})
    rows = [PlannedRow(5, ADD, "2025/04/01 ご不満 電話がつながらない"),
            PlannedRow(6, ADD, "2025/04/02 お褒め 説明が丁寧", notes=("対応内容がありません（完了として取り込みます）",)),
            PlannedRow(7, ALREADY, "2025/04/03 ご意見 パンフレットの字が小さい"),
            PlannedRow(8, SKIP, "空行"),
            PlannedRow(9, SKIP, "合計の行")]
    for number in (10, 11, 12):
        if "クレーム" in kinds:
            rows.append(PlannedRow(number, ADD, f"2025/04/1{number - 10} {kinds['クレーム']} 書類の不備"))
        else:
            rows.append(PlannedRow(number, REJECT, "2025/04/10 クレーム 書類の不備",
                                   problems=("種別「クレーム」がわかりません",)))
    unknown = []
    if "クレーム" not in kinds:
        unknown.append(UnknownValue("kind", "種別", "クレーム", 3, KIND_CHOICES))
    if "手続き" not in categories:
        unknown.append(UnknownValue("category", "分類", "手続き", 2, CATEGORY_CHOICES))
    return ImportPlan(target=target, path=Path(path), sheet=sheet, sheets=("声", "表紙"), header_row=4,
                      columns=columns, fields=FIELDS, rows=tuple(rows), unknown_values=tuple(unknown),
                      choices=choices)


class FakeImporter:
    """Installed over sheet_import's three functions; `plans` and `applied` record what the dialog sent."""

    def __init__(self, monkeypatch):
        self.plans: list = []       # ImportChoices of every plan_import call
        self.applied: list = []     # (plan, by) of every apply_import call
        self.templates: list = []   # (path, target)
        self.fail_with: Exception | None = None
        self.plan_error: Exception | None = None
        self.hold_apply = False     # apply waits (reporting progress) until 中止
        self.apply_started = threading.Event()
        self.stopped = False
        monkeypatch.setattr(sheet_import, "plan_import", self.plan_import)
        monkeypatch.setattr(sheet_import, "apply_import", self.apply_import)
        monkeypatch.setattr(sheet_import, "write_template", self.write_template)

    def plan_import(self, conn, target, path, choices=sheet_import.ImportChoices(), *, control):
        self.plans.append(choices)
        if self.plan_error is not None:
            raise self.plan_error
        control.step(0, 0, "シートを読んでいます")
        return _plan(target, path, choices)

    def apply_import(self, store, plan, *, by, control):
        self.applied.append((plan, by))
        if self.fail_with is not None:
            raise self.fail_with
        if self.hold_apply:
            done = 0
            try:
                for _ in range(1500):  # about 8 s: a 中止 that never arrives fails the test instead of hanging it
                    self.apply_started.set()
                    control.step(done, 1000, "声を取り込んでいます")
                    done = min(done + 1, 999)
                    threading.Event().wait(0.005)  # the worker's own pace, not a test's wait
            except Stopped:
                self.stopped = True
                raise
        return ImportResult("imp-1", added=plan.count(ADD), already=plan.count(ALREADY), skipped=plan.count(SKIP),
                            rejected=plan.count(REJECT))

    def write_template(self, path, target):
        self.templates.append((Path(path), target))


def locked(path: Path) -> SheetFileError:
    return SheetFileError(LOCKED, path)
