"""Each workbook made is recorded, and its '*created' history row says who made it and when (R31)."""

from datetime import datetime
from pathlib import Path

from agency_app.storage import exports
from agency_app.storage.records import history


def test_an_export_with_personal_data_is_in_the_history_with_who_and_what(store, staff):
    when = datetime(2026, 7, 1, 9, 30)
    uid = exports.record_export(store, report=exports.QUARTERLY, description="2026年度 第1四半期 東京海上日動",
                                with_personal_data=True, file_path=Path("C:/Users/田中/報告.xlsx"),
                                row_count=12, by=staff["manager"], now=when)
    made = exports.exports_made(store)
    assert [(m["uid"], m["file_name"], m["with_personal_data"], m["row_count"]) for m in made] == \
        [(uid, "報告.xlsx", 1, 12)]
    (created,) = history(store.conn, "exports", uid)
    assert (created.changed_by, created.changed_by_name) == (staff["manager"], "山田 花子")
    assert created.changed_at.startswith("2026-07-01 09:30")
    assert created.values["description"] == "2026年度 第1四半期 東京海上日動"
    assert created.values["with_personal_data"] == "1"
