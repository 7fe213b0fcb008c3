"""The kit's paged list model over each record list (cases, customers, elderly sales): a sound Qt model that holds pages, not lists."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt

from agency_app.domain import cases as C
from agency_app.domain.cases import CaseInput
from agency_app.domain.customer import CustomerInput
from agency_app.domain.elderly_entry import SaleInput
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.cases import CaseRepository
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.ui.kit import style
from agency_app.ui.kit.paged_model import PAGES_KEPT, UID_ROLE, PagedTableModel

NOW = datetime(2025, 11, 20, 10, 0)
TODAY = NOW.date()


class ExampleModel(PagedTableModel):
    """What a page's model adds to the kit's: its columns, their sort names, headers and cell texts."""

    def __init__(self, columns: tuple[str, ...], sorts: tuple[str | None, ...] = (), parent=None):
        super().__init__(parent)
        self.columns, self.sorts = columns, sorts or (None,) * len(columns)
        self._headers = {key: key.title() for key in columns}

    def _cell(self, record: dict, key: str, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return str(record[key] if record[key] is not None else "")
        return self._look(role, overdue=bool(record.get("overdue")), closed=record.get("status") == "done",
                          bold=False, centred=key == "due_date")


@pytest.fixture
def records(store, staff):
    """23 customers (山田 and 山本), a case for each (one overdue), an elderly sale for each of the 70+."""
    customers, cases, sales = CustomerRepository(store), CaseRepository(store), ElderlySaleRepository(store)
    uids = {"customers": [], "cases": [], "sales": []}
    for i in range(23):
        name, kana = ("山田", "やまだ") if i % 2 else ("山本", "ヤマモト")
        uid = customers.create(CustomerInput(name=f"{name} {i}", kana=kana, birth_date=f"19{40 + i}/05/01",
                                             phone=f"090-0000-{i:04d}"), by=staff["sato"], now=NOW)
        uids["customers"].append(uid)
        uids["cases"].append(cases.create(CaseInput(case_type=C.CLAIM, title=f"事故 {i}", opened_on="2025/11/01",
                                                    due_date=f"2025/11/{10 + i % 15:02d}", customer_id=uid),
                                          by=staff["sato"], now=NOW))
        if 1925 <= 1940 + i <= 1955:
            uids["sales"].append(sales.create(SaleInput(customer_id=uid, sale_date=f"2025/11/{1 + i % 5:02d}",
                                                        product_line="life", seller_id=staff["sato"]),
                                              by=staff["sato"], now=NOW))
    return uids


SPECS = {
    "customers": (CUSTOMER_LIST, CustomerFilter("ヤマ"), ("name", "kana", "phone_digits")),
    "cases": (CASE_LIST, CaseFilter(today=TODAY), ("title", "customer_name", "due_date", "status")),
    "sales": (ELDERLY_LIST, ElderlyFilter(open_only=True), ("customer_name", "sale_date", "age")),
}


def loaded(store, kind: str, *, page_size: int = 4, with_count: bool = True) -> ExampleModel:
    spec, flt, columns = SPECS[kind]
    query = spec.query(store.conn, flt, page_size=page_size)
    model = ExampleModel(columns)
    model.set_query(query, query.first_page(), query.count() if with_count else None)
    return model


@pytest.mark.parametrize("kind", SPECS)
def test_each_list_passes_the_qt_model_tester(qtmodeltester, store, records, kind):
    model = loaded(store, kind)
    qtmodeltester.check(model)
    assert model.rowCount() == len(records[kind]) > 4  # several pages
    assert model.rowCount(model.index(0, 0)) == 0


@pytest.mark.parametrize("kind", SPECS)
def test_rows_and_uids_match_the_query_in_order(store, records, kind):
    model = loaded(store, kind)
    spec, flt, _ = SPECS[kind]
    expected = [spec.uid_of(r) for r in spec.query(store.conn, flt).rows(0, 1000)]
    assert [model.uid_at(r) for r in range(model.rowCount())] == expected
    assert [model.index(r, 0).data(UID_ROLE) for r in range(model.rowCount())] == expected
    assert sorted(expected) == sorted(records[kind])


def test_the_model_reads_a_page_only_when_a_row_of_it_is_asked_for(store, records):
    model = loaded(store, "customers", page_size=4, with_count=False)
    assert model.rowCount() == 4  # the first page until the count arrives
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.set_count(23)
    assert inserted == [(4, 22)]
    assert sorted(model._pages) == [0]
    assert model.index(13, 0).data() is not None
    assert sorted(model._pages) == [0, 3]  # row 13 is on page 3 (rows 12–15): pages 1 and 2 were never read


def test_a_long_list_is_held_a_few_pages_at_a_time(store, records):
    model = loaded(store, "customers", page_size=2)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]  # a user scrolling to the end
    assert len(names) == 23 and all(names)
    assert len(model._pages) <= PAGES_KEPT and 0 in model._pages
    assert len(model.query._pages) <= 16
    assert model.index(0, 0).data() == names[0] and model.index(3, 0).data() == names[3]  # read again on the way back


def test_a_smaller_count_removes_rows_and_clear_empties(store, records):
    model = loaded(store, "cases")
    removed = []
    model.rowsRemoved.connect(lambda _parent, first, last: removed.append((first, last)))
    model.set_count(5)
    assert removed == [(5, 22)] and model.rowCount() == 5
    model.clear()
    assert model.rowCount() == 0 and model.uid_at(0) is None and model.data(model.index(0, 0)) is None


def test_uid_to_row_for_rows_already_read(store, records):
    model = loaded(store, "cases", page_size=4)
    uid = model.uid_at(9)
    assert model.row_of_loaded(uid) == 9
    assert model.row_of_loaded(model.query.rows(21, 22)[0]["uid"]) is None  # on a page the view never asked for
    assert model.row_of_loaded("no-such-uid") is None


def test_an_overdue_case_is_coloured_and_a_header_sort_only_asks(store, records):
    model = loaded(store, "cases")
    model.sorts = ("opened", None, None, None)
    overdue = next(r for r in range(model.rowCount()) if model.row_at(r)["overdue"])
    assert model.index(overdue, 2).data(Qt.ItemDataRole.BackgroundRole).color() == style.OVERDUE_BACKGROUND
    asked = []
    model.sort_requested.connect(lambda key, descending: asked.append((key, descending)))
    model.sort(1, Qt.SortOrder.AscendingOrder)  # not sortable: nothing asked
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert asked == [("opened", True)] and model.sort_column == "opened"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Title"


def test_a_page_that_cannot_be_read_shows_blank_rows(store, records):
    class Broken:
        page_size = 4

        def page(self, index):
            raise sqlite3.OperationalError("interrupted")

        def uid_of(self, row):
            return row["uid"]

    model = ExampleModel(("title",))
    model.set_query(Broken(), [{"uid": "a", "title": "一"}], count=9)
    assert model.index(0, 0).data() == "一"
    assert model.index(6, 0).data() is None and model.uid_at(6) is None
    assert model.data(QModelIndex()) is None
