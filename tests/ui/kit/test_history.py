"""A customer's and an elderly record's change history (R11): each change with who, when, before and after, in Japanese terms."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.ui.customers.customers_page import CustomersPage
from agency_app.ui.elderly.elderly_page import ElderlyPage
from customer_fixtures import NOW, clock, customers  # noqa: F401
from form_fixtures import shown


def rows(dialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() or "" for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_an_address_change_shows_who_changed_it_from_what_to_what(qtbot, qtmodeltester, customers, file_ops):
    store, staff, uids = customers
    repo = CustomerRepository(store)
    moved = repo.as_input(uids["yamada"])
    moved.address = "東京都港区芝公園4-2-8"
    repo.update(uids["yamada"], moved, by=staff["manager"], now=datetime(2026, 2, 28, 11, 0))
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], clock=clock))
    page.show_record(uids["yamada"])
    dialog = page.show_history()
    when, who, field, before, after = rows(dialog)[0]  # newest first
    assert (when, who, before, after) == ("2026/02/28 11:00", "山田 花子", "東京都千代田区千代田1-1",
                                          "東京都港区芝公園4-2-8")
    assert field != "address"  # the field's name as staff read it, not the column name
    assert dialog.row_count() == 2  # the change and the creation
    qtmodeltester.check(dialog.model)
    made = dialog.model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert rows(dialog)[1][2:4] == ["Created", ""]
    assert {"Date of birth: 1956/02/29", "Address: 東京都千代田区千代田1-1", "Products held: 生保、損保（自動車）",
            "In use: Yes"} <= set(made)  # as the change rows show values, with the customer form's names
    dialog.close()


def test_an_elderly_record_history_names_the_staff_and_the_measure(qtbot, qtmodeltester, customers, file_ops):
    store, staff, uids = customers
    sales = ElderlySaleRepository(store)
    uid = sales.create(SaleInput(customer_id=uids["yamamoto"], sale_date="2026/02/20", product_line="life",
                                 seller_id=staff["sato"], face_to_face=True, measure="second_agent",
                                 second_agent_id=staff["suzuki"]), by=staff["sato"], now=NOW)
    changed = sales.as_input(uid)
    changed.measure, changed.relative_name, changed.relative_relation = "relative_present", "山本 一郎", "長男"
    sales.update(uid, changed, by=staff["sato"], now=datetime(2026, 2, 28, 12, 0))
    page = shown(qtbot, ElderlyPage(file_ops, staff["sato"], clock=clock))
    page.show_record(uid)
    dialog = page.show_history()
    texts = rows(dialog)
    assert ["2026/02/28 12:00", "佐藤 一郎", "Measure", "複数募集人", "親族同席"] in texts
    assert ["2026/02/28 12:00", "佐藤 一郎", "Second agent", "鈴木 次郎", ""] in texts  # a name, not an id
    assert texts[-1][:3] == ["2026/02/28 10:00", "佐藤 一郎", "Created"]
    qtmodeltester.check(dialog.model)
    dialog.close()
