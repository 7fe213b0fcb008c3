"""The kit's search controller: first page, count, anchors and a record's row from a worker, superseded searches dropped."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.customer import CustomerInput
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.database import open_store
from agency_app.storage.errors import DatabaseCorrupt
from agency_app.storage.keyset import ListSpec, SortKey, dict_rows, open_read_connection
from agency_app.storage.masters import MasterData, initialise
from agency_app.ui.kit.search_controller import ListRequest, SearchController
from list_fixtures import make_ops

NOW = datetime(2026, 2, 1, 9, 0)


@pytest.fixture
def db(tmp_path):
    """A database file with 120 customers called 山田 and 30 called 佐藤, and a read connection for the list."""
    store = open_store(tmp_path / "agency.db")
    initialise(store)
    by = MasterData(store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
    repo = CustomerRepository(store)
    uids = [repo.create(CustomerInput(name=f"{'山田' if i < 120 else '佐藤'} {i:03d}",
                                      kana="やまだ" if i < 120 else "さとう"), by=by, now=NOW) for i in range(150)]
    ui_conn = open_read_connection(store.path)
    yield store, ui_conn, uids
    ui_conn.close()
    store.close()


class Recorder:
    """Every signal of a controller, in the order they came."""

    def __init__(self, controller: SearchController):
        self.events: list[tuple] = []
        controller.first_page.connect(lambda query, rows: self.events.append(("first", query, rows)))
        controller.counted.connect(lambda count: self.events.append(("counted", count)))
        controller.anchored.connect(lambda: self.events.append(("anchored",)))
        controller.positioned.connect(lambda uid, row: self.events.append(("positioned", uid, row)))
        controller.failed.connect(lambda error: self.events.append(("failed", error)))

    def kinds(self) -> list[str]:
        return [e[0] for e in self.events]

    def first(self) -> tuple:
        return next(e for e in self.events if e[0] == "first")


@pytest.fixture
def controller(qtbot, db):
    store, _ui_conn, _ = db
    ctrl = SearchController(make_ops(store), debounce_ms=0)
    yield ctrl
    ctrl.shutdown()


def test_first_page_then_count_then_anchors_from_a_worker(qtbot, db, controller):
    recorder = Recorder(controller)
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ"), page_size=50))
    qtbot.waitUntil(controller.is_idle)
    assert recorder.kinds() == ["first", "counted", "anchored"]
    _, query, rows = recorder.first()
    assert len(rows) == 50 and recorder.events[1] == ("counted", 120)  # every match, not the first 50
    assert query.conn is controller.ops.read.conn  # pages are read on the UI thread's connection from now on
    assert [r["name"] for r in query.page(2)] == [f"山田 {i:03d}" for i in range(100, 120)]


def test_the_row_of_a_record_beyond_the_first_page_is_found(qtbot, db, controller):
    recorder = Recorder(controller)
    wanted = db[2][97]
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ"), select_uid=wanted, page_size=50))
    qtbot.waitUntil(controller.is_idle)
    assert recorder.kinds() == ["first", "counted", "anchored", "positioned"]
    assert recorder.events[-1] == ("positioned", wanted, 97)


def test_a_record_the_filter_excludes_is_positioned_at_minus_one(qtbot, db, controller):
    recorder = Recorder(controller)
    sato = db[2][140]
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ"), select_uid=sato, page_size=50))
    qtbot.waitUntil(controller.is_idle)
    assert recorder.events[-1] == ("positioned", sato, -1)
    recorder.events.clear()
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ"), select_uid=db[2][97], locate=False,
                                   page_size=50))
    qtbot.waitUntil(controller.is_idle)
    assert ("positioned", db[2][97], -1) in recorder.events  # not on the first page, and not worth looking for


def test_a_superseded_search_delivers_nothing(qtbot, db, controller):
    recorder = Recorder(controller)
    for text in ("サ", "ヤ", "ヤマ", "サトウ"):  # typed quickly: each request supersedes the one before
        controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter(text)), immediate=True)
    qtbot.waitUntil(controller.is_idle)
    assert recorder.kinds() == ["first", "counted", "anchored"]
    _, query, rows = recorder.first()
    assert query.filter == CustomerFilter("サトウ") and len(rows) == 30


def test_typing_waits_for_a_pause_so_only_the_last_text_runs(qtbot, db, controller):
    controller.set_debounce(100)
    recorder = Recorder(controller)
    for text in ("ヤ", "ヤマ", "ヤマダ"):
        controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter(text)))
    assert not controller.is_idle() and recorder.events == []
    qtbot.waitUntil(controller.is_idle)
    assert [e[1].filter.text for e in recorder.events if e[0] == "first"] == ["ヤマダ"]


def test_a_fast_first_page_is_read_at_once_on_the_ui_thread(qtbot, db, controller):
    recorder = Recorder(controller)
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("")), first_page_here=True)
    assert recorder.kinds() == ["first"]  # before any event is processed: read right here
    assert len(recorder.first()[2]) == 150
    qtbot.waitUntil(controller.is_idle)
    assert recorder.kinds() == ["first", "counted", "anchored"]
    recorder.events.clear()
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ")), first_page_here=True)
    assert recorder.events == []  # typed text may scan: its first page comes from the worker
    qtbot.waitUntil(controller.is_idle)
    assert recorder.kinds() == ["first", "counted", "anchored"]


def test_a_search_the_user_can_act_on_is_reported_and_a_bug_is_raised(qtbot, db, controller, monkeypatch):
    recorder = Recorder(controller)
    damaged = DatabaseCorrupt(db[0].path, "database disk image is malformed")

    def broken(self, conn):
        raise damaged
    monkeypatch.setattr(ListRequest, "query", broken)
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("ヤマダ")))
    qtbot.waitUntil(controller.is_idle)
    assert recorder.events == [("failed", damaged)]  # the list says so where the user looks

    monkeypatch.undo()
    missing = ListSpec(name="gone", table="no_such_table", alias="x", row_sql="x.uid", make_row=dict_rows(("uid",)),
                       sorts={"uid": SortKey("x.uid")}, default_sort="uid")
    recorder.events.clear()
    with qtbot.captureExceptions() as raised:
        controller.request(ListRequest(missing, CustomerFilter("")))
        qtbot.waitUntil(controller.is_idle)
    assert [str(e[1]) for e in raised] == ["no such table: no_such_table"]  # a program error: log and dialog
    assert recorder.events == []


def test_an_in_memory_database_searches_synchronously(qtbot, store, staff):
    repo = CustomerRepository(store)
    uid = repo.create(CustomerInput(name="山田 太郎", kana="やまだ たろう"), by=staff["sato"], now=NOW)
    controller = SearchController(make_ops(store), debounce_ms=0)
    recorder = Recorder(controller)
    controller.request(ListRequest(CUSTOMER_LIST, CustomerFilter("たろう"), select_uid=uid))
    assert controller.is_idle()
    assert recorder.kinds() == ["first", "positioned", "counted", "anchored"]
    assert recorder.events[1] == ("positioned", uid, 0)
