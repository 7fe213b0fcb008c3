"""The list's table model: a sound Qt model over a keyset-paged query, overdue and call-back marks, keyset sorting."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from agency_app.storage.voice_query import VoiceFilter, VoiceQuery
from agency_app.ui.kit import style
from agency_app.ui.voices.voice_table_model import (
    COLUMN_KEYS, OVERDUE_ROLE, UID_ROLE, VoiceTableModel, column_of,
)
from list_fixtures import NOW, TODAY, VOICES, add_voices


def loaded_model(store, *, page_size: int = 256, sort: str = "received_at", descending: bool = True,
                 with_count: bool = True) -> VoiceTableModel:
    query = VoiceQuery(store.conn, VoiceFilter(today=TODAY), sort=sort, descending=descending,
                       page_size=page_size)
    model = VoiceTableModel(branch_names={"HQ": "本部"}, today=TODAY)
    model.set_query(query, query.first_page(), query.count() if with_count else None)
    return model


def cell(model, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column_of(key)), role)


def rows_by_summary(model) -> dict[str, int]:
    return {cell(model, r, "summary"): r for r in range(model.rowCount())}


def test_the_model_passes_qt_model_tester(qtmodeltester, store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store, page_size=3)  # several pages, so rows come from more than one query
    qtmodeltester.check(model)
    assert model.rowCount() == len(VOICES)
    assert model.columnCount() == len(COLUMN_KEYS)
    assert model.rowCount(model.index(0, 0)) == 0


def test_rows_beyond_the_first_page_are_read_when_the_view_asks(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store, page_size=3, with_count=False)
    assert model.rowCount() == 3  # only the first page until the count arrives
    inserted = []
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.set_count(len(VOICES))
    assert inserted == [(3, len(VOICES) - 1)]
    summaries = [cell(model, r, "summary") for r in range(model.rowCount())]
    assert sorted(summaries) == sorted(v[4] for v in VOICES)
    assert all(model.uid_at(r) for r in range(model.rowCount()))


def test_received_at_is_shown_with_slashes_newest_first(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    first = cell(model, 0, "received_at")
    assert first == NOW.strftime("%Y/%m/%d") + " 09:00"
    times = [cell(model, r, "received_at") for r in range(model.rowCount())]
    assert times == sorted(times, reverse=True)


def test_an_overdue_voice_is_marked_in_words_and_colour(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    row = rows_by_summary(model)["満期案内の連絡が遅い"]
    due = cell(model, row, "due")
    assert "Overdue" in due and due.startswith("2025/11/")  # words, not colour alone
    assert cell(model, row, "due", Qt.ItemDataRole.BackgroundRole).color() == style.OVERDUE_BACKGROUND
    assert cell(model, row, "due", OVERDUE_ROLE) is True
    assert cell(model, row, "due", Qt.ItemDataRole.ToolTipRole)
    fine = rows_by_summary(model)["説明が丁寧だった"]
    assert "Overdue" not in cell(model, fine, "due")
    assert cell(model, fine, "due", Qt.ItemDataRole.BackgroundRole) is None
    closed = rows_by_summary(model)["事故対応が親切だった"]  # done long ago: never overdue
    assert cell(model, closed, "due", OVERDUE_ROLE) is False


def test_todays_call_back_is_marked(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    row = rows_by_summary(model)["更新手続きの書類が多い"]
    assert cell(model, row, "callback") == "Today 14:00"
    assert cell(model, row, "callback", Qt.ItemDataRole.BackgroundRole).color() == style.TODAY_BACKGROUND


def test_a_complaint_shows_as_such_and_anonymous_customers_stay_blank(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    rows = rows_by_summary(model)
    assert cell(model, rows["満期案内の連絡が遅い"], "kind") == "苦情"
    assert cell(model, rows["電話の折り返しがなかった"], "kind") == "不満"
    assert cell(model, rows["住所変更の手続きについて問合せ"], "customer") == ""
    assert cell(model, rows["説明が丁寧だった"], "branch") == "本部"
    assert cell(model, rows["説明が丁寧だった"], "status") == "未対応"
    assert cell(model, 0, "summary", UID_ROLE) == model.uid_at(0)


def test_header_sort_asks_for_a_keyset_query_and_ignores_unsortable_columns(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    asked = []
    model.sort_requested.connect(lambda key, descending: asked.append((key, descending)))
    model.sort(column_of("customer"), Qt.SortOrder.AscendingOrder)
    model.sort(column_of("summary"), Qt.SortOrder.AscendingOrder)  # not sortable
    model.sort(column_of("due"), Qt.SortOrder.DescendingOrder)
    assert asked == [("customer_name", False), ("due_date", True)]
    assert model.headerData(column_of("due"), Qt.Orientation.Horizontal) == "Due"


def test_out_of_range_and_invalid_indexes_give_nothing(store, staff):
    add_voices(store, staff["sato"])
    model = loaded_model(store)
    assert model.data(QModelIndex()) is None
    assert model.row_at(model.rowCount()) is None
    model.clear()
    assert model.rowCount() == 0


def test_a_call_back_already_made_is_shown_plainly_not_as_today_or_missed(store, staff):
    from agency_app.storage.voices import VoiceRepository
    uids = add_voices(store, staff["sato"])
    repo = VoiceRepository(store)
    today = uids[1]  # 更新手続きの書類が多い: promised for today 14:00
    repo.mark_callback_done(today, by=staff["sato"], now=NOW)
    missed = uids[7]  # 電話の折り返しがなかった: give it a promise from an earlier day, then make it
    with store.write():
        store.conn.execute("UPDATE voices SET callback_at = '2025-11-18 16:00', callback_staff_id = ? "
                           "WHERE uid = ?", (staff["sato"], missed))
    model = loaded_model(store)
    rows = rows_by_summary(model)
    made = rows["更新手続きの書類が多い"]
    assert cell(model, made, "callback") == "Made 11/20 14:00"  # not "Today 14:00"
    assert cell(model, made, "callback", Qt.ItemDataRole.BackgroundRole) is None
    assert cell(model, made, "callback", Qt.ItemDataRole.FontRole) is None
    assert "made" in cell(model, made, "callback", Qt.ItemDataRole.ToolTipRole)
    assert cell(model, rows["電話の折り返しがなかった"], "callback") == "11/18 16:00 missed"  # not made yet

    repo.mark_callback_done(missed, by=staff["sato"], now=NOW)
    model = loaded_model(store)
    row = rows_by_summary(model)["電話の折り返しがなかった"]
    assert cell(model, row, "callback") == "Made 11/18 16:00"
    assert "missed" not in cell(model, row, "callback")
    assert cell(model, row, "callback", Qt.ItemDataRole.ForegroundRole) is None
    assert cell(model, row, "callback", Qt.ItemDataRole.BackgroundRole) is None
