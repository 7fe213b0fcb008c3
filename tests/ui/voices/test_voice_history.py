"""The history panel (R11): every change with who and when, values as staff read them, long text cut with a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt

from agency_app.domain.workflow import StatusChange
from agency_app.storage.voices import HistoryEntry, VoiceRepository
from agency_app.ui.kit.history import HistoryModel
from agency_app.ui.voices.voice_history import HistoryPanel
from form_fixtures import add_voice


def rows(panel: HistoryPanel) -> list[list[str]]:
    model = panel.model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_history_lists_creation_and_each_change_newest_first(qtbot, ops, store, staff):
    uid = add_voice(store, staff["sato"], kind="praise", due_date="2025-11-27")
    repo = VoiceRepository(store)
    entry = repo.as_input(uid)
    entry.assignee_id = staff["suzuki"]
    entry.callback_at = "2025-11-21 15:00"
    entry.callback_staff_id = staff["suzuki"]
    repo.update(uid, entry, by=staff["manager"])
    repo.change_status(uid, StatusChange("in_progress"), by=staff["suzuki"])
    panel = HistoryPanel(ops.read)
    qtbot.addWidget(panel)
    panel.show_voice(uid)
    shown = rows(panel)
    assert shown[-1][1:3] == ["佐藤 一郎", "Created"]
    assert shown[0][1:] == ["鈴木 次郎", "Status", "未対応", "対応中"]
    fields = {row[2]: row for row in shown}
    assert fields["Assignee"][3:] == ["佐藤 一郎", "鈴木 次郎"]  # staff uids shown as names
    assert fields["Call-back at"][3:] == ["", "2025/11/21 15:00"]
    assert fields["Assignee"][1] == "山田 花子"
    assert all("/" in row[0] for row in shown)  # 2025/11/20 style


def test_long_text_is_cut_and_the_tooltip_has_all_of_it(qtbot, ops, store, staff):
    long_text = "お客様より、" + "満期のご案内が届かなかった件について詳しい説明を求められた。" * 5
    uid = add_voice(store, staff["sato"])
    repo = VoiceRepository(store)
    entry = repo.as_input(uid)
    entry.body = long_text + "\n二行目"
    repo.update(uid, entry, by=staff["sato"])
    panel = HistoryPanel(ops.read)
    qtbot.addWidget(panel)
    panel.show_voice(uid)
    index = panel.model.index(0, 4)
    assert index.data().endswith("…") and len(index.data()) <= 60
    assert index.data(Qt.ItemDataRole.ToolTipRole) == long_text + "\n二行目"
    assert panel.model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) is None  # short: no tooltip


def test_the_panel_is_read_only_and_clears(qtbot, ops, store, staff):
    uid = add_voice(store, staff["sato"])
    panel = HistoryPanel(ops.read)
    qtbot.addWidget(panel)
    panel.show_voice(uid)
    index = panel.model.index(0, 3)
    assert not panel.model.flags(index) & Qt.ItemFlag.ItemIsEditable
    panel.clear()
    assert panel.row_count() == 0


def test_history_model_passes_the_model_tester(qtmodeltester):
    model = HistoryModel()
    model.set_entries([
        HistoryEntry("2025-11-20 09:00", "u1", "佐藤", "*created", None, None),
        HistoryEntry("2025-11-20 10:00", "u1", "佐藤", "kind", "praise", "dissatisfaction"),
        HistoryEntry("2025-11-20 11:00", None, None, "is_complaint", "0", "1"),
    ], {"u1": "佐藤"})
    qtmodeltester.check(model, force_py=True)
    assert model.index(1, 3).data() == "感謝"
    assert model.index(2, 4).data() == "Yes"


def test_linking_a_voice_to_a_customer_shows_the_customers_name_not_an_id(qtbot, ops, store, staff):
    from agency_app.domain.customer import CustomerInput
    from agency_app.storage.customers import CustomerRepository
    customer = CustomerRepository(store).create(CustomerInput(name="髙橋 𠮷子", kana="たかはし よしこ"),
                                                by=staff["sato"])
    uid = add_voice(store, staff["sato"])
    repo = VoiceRepository(store)
    entry = repo.as_input(uid)
    entry.customer_id = customer
    repo.update(uid, entry, by=staff["sato"])
    panel = HistoryPanel(ops.read)
    qtbot.addWidget(panel)
    panel.show_voice(uid)
    linked = next(row for row in rows(panel) if row[2] == "Customer record")
    assert linked[3:] == ["", "髙橋 𠮷子"]


def test_the_creation_row_shows_what_the_voice_was_made_with_as_the_other_rows_show_values(qtbot, ops, store, staff):
    from agency_app.domain.customer import CustomerInput
    from agency_app.storage.customers import CustomerRepository
    customer = CustomerRepository(store).create(CustomerInput(name="髙橋 𠮷子", kana="たかはし よしこ"),
                                                by=staff["sato"])
    uid = add_voice(store, staff["sato"], kind="praise", channel="counter", assignee_id=staff["suzuki"],
                    due_date="2025-11-27", customer_id=customer, body="一行目\n二行目")
    panel = HistoryPanel(ops.read)
    qtbot.addWidget(panel)
    panel.show_voice(uid)
    [(when, who, field, before, after)] = rows(panel)
    assert (who, field, before) == ("佐藤 一郎", "Created", "")
    # The cell shows the beginning, one value after another; the tooltip all of them, one a line.
    assert after.startswith("Branch: 本部 / Received at: 2025/11/20 09:00 / Received by: 佐")
    assert after.endswith("…") and len(after) <= 60
    made = panel.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert {"Kind: 感謝", "Assignee: 鈴木 次郎", "Due date: 2025/11/27", "Status: 未対応",
            "Customer record: 髙橋 𠮷子", "Details: 一行目", "二行目", "Complaint: No"} <= set(made)
    assert not [line for line in made if line.startswith(("Response", "Call-back"))]  # empty or none: left out


def test_a_deleted_records_row_shows_the_values_it_had_before(qtmodeltester, staff):
    model = HistoryModel()
    model.set_entries([HistoryEntry("2025-11-21 09:00", staff["manager"], "山田 花子", "*deleted",
                                    '{"kind": "request", "summary": "書類の再送", "is_complaint": 0}', None)],
                      {staff["manager"]: "山田 花子"})
    qtmodeltester.check(model, force_py=True)
    assert [model.index(0, c).data() for c in range(5)] == [
        "2025/11/21 09:00", "山田 花子", "Deleted", "Kind: 要望 / Summary: 書類の再送 / Complaint: No", ""]
    assert model.index(0, 3).data(Qt.ItemDataRole.ToolTipRole) == "Kind: 要望\nSummary: 書類の再送\nComplaint: No"
