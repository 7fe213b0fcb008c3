"""The blank workbook an agency may fill for the importer: its expected headers, and a sample row on 「記入例」."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from agency_app.reports.excel.workbook_style import (
    DATE, FONT_NAME, FONT_SIZE, FORMATS, NUMBER, TEXT, Column, ExcelBook, PageHeader,
)

EXAMPLE_FONT = Font(name=FONT_NAME, sz=FONT_SIZE, family=3, charset=128, scheme=None, i=True, color="808080")

# Per target: the sheet's title, and its columns with one example value each (the headers the importer knows
# first: domain/sheet_headers.VARIANTS and domain/sheet_tables).
TEMPLATES: dict[str, tuple[str, tuple[tuple[Column, object], ...]]] = {
    "voices": ("お客様の声", (
        (Column("受付日", 12, DATE), date(2025, 4, 1)), (Column("種別", 10), "不満"), (Column("苦情", 6), "○"),
        (Column("分類", 22), "満期案内・契約手続関連"), (Column("小分類", 22), ""),
        (Column("内容", 40), "満期の案内が届かなかった"), (Column("詳細", 40), "電話で申出。前年も同じことがあったとのこと"),
        (Column("対応内容", 40), "案内を再送し、送付先を確認した"), (Column("対応状況", 10), "完了"),
        (Column("完了日", 12, DATE), date(2025, 4, 3)), (Column("担当", 12), "佐藤 一郎"), (Column("完了者", 12), "佐藤 一郎"),
        (Column("見送り理由", 20), ""), (Column("お客様名", 14), "山田 太郎"), (Column("商品", 10), "自動車"),
        (Column("保険会社", 18), "東京海上日動"), (Column("期限", 12, DATE), date(2025, 4, 4)),
    )),
    "survey_answers": ("アンケート回答", (
        (Column("回答日", 12, DATE), date(2025, 4, 1)), (Column("アンケート種類", 16), "契約手続"),
        (Column("商品", 10), "自動車"), (Column("推奨度", 8, NUMBER), 9), (Column("満足度", 12), "満足"),
        (Column("コメント", 50), "説明が分かりやすかった"),
    )),
    "kpi_results": ("KPI実績", (
        (Column("年度", 8), 2025), (Column("KPI名", 30), "お客様満足度"), (Column("期間", 10), "上期"),
        (Column("実績", 10), "92.5"), (Column("【数値・事実】", 50), "回答 120 件のうち満足 111 件"),
        (Column("【評価】", 50), "目標を達成。引き続き説明の質を保つ"),
    )),
}


def write(path: Path, target: str) -> None:
    """Save the template of `target` (voices, survey_answers, kpi_results); raises WorkbookSaveError."""
    title, spec = TEMPLATES[target]
    columns = [column for column, _example in spec]
    book = ExcelBook()
    book.list_sheet(title, columns, PageHeader(f"{title}（取込用）"))
    example = book.list_sheet("記入例", columns, PageHeader(f"{title}（記入例）"))
    # The sample row in grey italic: its own cell styles in place of the sheet's plain ones.
    styles = []
    for column in columns:
        proto = WriteOnlyCell(example.sheet)
        proto.font = EXAMPLE_FONT
        proto.alignment = Alignment(vertical="top", wrap_text=column.kind == TEXT)
        if column.kind in FORMATS:
            proto.number_format = FORMATS[column.kind]
        styles.append(proto.style_id)
    example._style_ids = styles
    example.append([value if value != "" else None for _column, value in spec])
    book.save(path)
