"""The main window's tabs: pages are built on first use, records open in the right tab, stale pages reload."""

import pytest
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QWidget

from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.shell import page_tabs
from agency_app.ui.shell.page_tabs import PageSpec, PageTabs
from form_fixtures import add_voice

built: list[str] = []


class FakePage(FollowsChanges, QWidget):
    """A page as the real ones are made: it follows the change signal for the voices it would list."""

    open_record = Signal(str, str)
    watched = ("voices",)

    def __init__(self, ops, staff_uid, *, drafts=None, clock=None, parent=None):
        super().__init__(parent)
        self.staff_uid, self.shown, self.refreshed = staff_uid, None, 0
        built.append(type(self).__name__)
        self.follow_changes(ops)

    def refresh(self):
        self.refreshed += 1

    def set_staff(self, uid):
        self.staff_uid = uid

    def show_record(self, uid):
        self.shown = uid


class CasePage(FakePage):
    pass


class CustomerPage(FakePage):
    pass


@pytest.fixture
def tabs(qtbot, monkeypatch, ops):
    built.clear()
    monkeypatch.setattr(page_tabs, "PAGES", (PageSpec("case", lambda: CasePage),
                                             PageSpec("customer", lambda: CustomerPage)))
    widget = PageTabs(QLabel("voices"), ops, staff_uid="s1")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_no_page_is_built_until_its_tab_is_opened(tabs):
    assert built == [] and tabs.count() == 3 and tabs.current_key() == "voice"
    tabs.setCurrentIndex(2)
    assert built == ["CustomerPage"]
    assert isinstance(tabs.currentWidget(), CustomerPage)
    assert tabs.tabText(2) == page_tabs._TITLES["customer"]()


def test_a_record_from_one_page_opens_in_its_own_tab(tabs, qtbot):
    customers = tabs.go_to("customer")
    customers.open_record.emit("case", "case-1")
    assert tabs.current_key() == "case" and tabs.pages["case"].shown == "case-1"
    with qtbot.waitSignal(tabs.open_voice) as opened:
        tabs.pages["case"].open_record.emit("voice", "v-1")
    assert opened.args == ["v-1"] and tabs.currentIndex() == 0


def test_a_save_on_one_page_makes_the_others_reload_when_shown_and_staff_changes_reach_every_page(
        tabs, ops, staff):
    cases, customers = tabs.go_to("case"), tabs.go_to("customer")
    before = cases.refreshed, customers.refreshed
    ops.write(customers, lambda data: add_voice(data.store, staff["sato"])).run()  # a save on the shown page
    assert customers.refreshed == before[1] + 1  # the shown page at once
    assert cases.refreshed == before[0]  # not while hidden
    tabs.go_to("case")
    assert cases.refreshed == before[0] + 1
    tabs.go_to("customer")
    assert customers.refreshed == before[1] + 1  # nothing changed since: no work for nothing
    tabs.set_staff("s2")
    assert cases.staff_uid == customers.staff_uid == "s2"
