"""The dry run's row model: a 100,000-row plan is held by index (no item per cell) and filtered to its problems."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agency_app.reports.excel.sheet_import import ADD, REJECT, SKIP, PlannedRow
from agency_app.ui.excel_in.plan_rows_model import PlanRowsModel


def big_plan(n=100_000):
    rows = []
    for i in range(n):
        if i % 100 == 0:
            rows.append(PlannedRow(i + 2, REJECT, f"{i}行目", problems=("受付日が読めません",)))
        elif i % 100 == 1:
            rows.append(PlannedRow(i + 2, ADD, f"{i}行目", notes=("対応内容がありません",)))
        elif i % 100 == 2:
            rows.append(PlannedRow(i + 2, SKIP, "合計の行"))
        else:
            rows.append(PlannedRow(i + 2, ADD, f"{i}行目"))
    return tuple(rows)


def test_a_long_plan_shows_every_row_and_filters_to_problems_and_notes(qapp):
    model = PlanRowsModel()
    model.set_rows(big_plan())
    assert model.rowCount() == 100_000
    assert model.index(99_999, 0).data() == 100_001
    model.set_only_remarks(True)
    assert model.rowCount() == 2_000
    assert [model.index(r, 0).data() for r in range(3)] == [2, 3, 102]
    assert model.index(0, 1).data() == "Cannot import" and model.index(0, 3).data() == "受付日が読めません"
    assert model.index(1, 1).data() == "Import" and model.index(1, 3).data() == "対応内容がありません"
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.set_only_remarks(False)
    assert model.rowCount() == 100_000
