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


def test_content_says_what_the_row_is_not_what_the_columns_beside_it_say(qapp):
    """結果 says 取り込む and 問題・注記 the notes: 内容 keeps its width for the date, kind and text (it was cut
    at 「注: …」 before the voice's own words on a 1366-wide screen)."""
    notes = ("対応内容が記録されていません", "完了日が記録されていません")
    model = PlanRowsModel()
    model.set_rows((
        PlannedRow(4, ADD, "4行目: 取込 2024-05-01 不満 完了 「電話がつながりにくい 注: 夜」 注: " + "、".join(notes),
                   notes=notes),
        PlannedRow(5, ADD, "5行目: 取込 2024-05-02 感謝 対応中 「説明が丁寧」"),
        PlannedRow(6, REJECT, "6行目: 取り込みません — 受付日が読めません", problems=("受付日が読めません",)),
    ))
    assert [model.index(r, 2).data() for r in range(3)] == [
        "2024-05-01 不満 完了 「電話がつながりにくい 注: 夜」", "2024-05-02 感謝 対応中 「説明が丁寧」",
        "取り込みません — 受付日が読めません"]
    assert model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == model.index(0, 2).data()


def test_a_row_that_cannot_be_imported_shows_what_it_says_beside_why(qapp):
    model = PlanRowsModel()
    model.set_rows((PlannedRow(7, REJECT, "7行目: 取り込みません — 分類「手続き」が分類の一覧にありません",
                               problems=("分類「手続き」が分類の一覧にありません",),
                               values={"received_at": "2024-04-01 00:00", "summary": "満期案内が届かない"}),
                    PlannedRow(8, REJECT, "8行目: 取り込みません — 受付日がありません", problems=("受付日がありません",))))
    assert model.index(0, 2).data() == "2024-04-01 「満期案内が届かない」"
    assert model.index(0, 3).data() == "分類「手続き」が分類の一覧にありません"
    assert model.index(1, 2).data() == "取り込みません — 受付日がありません"  # nothing read from the row to show
