"""The main window's tabs: the voice list first; the other screens are built the first time they are opened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QWidget

translate = QCoreApplication.translate


@dataclass(frozen=True)
class PageSpec:
    key: str        # also the record kind the page shows ("case", "customer", "sale"), if any
    load: Callable[[], type]  # imports the page class: written out so PyInstaller sees the import

    def title(self) -> str:
        return _TITLES[self.key]()


def _my_work():
    from agency_app.ui.work.my_work_page import MyWorkPage
    return MyWorkPage


def _cases():
    from agency_app.ui.cases.cases_page import CasesPage
    return CasesPage


def _customers():
    from agency_app.ui.customers.customers_page import CustomersPage
    return CustomersPage


def _elderly():
    from agency_app.ui.elderly.elderly_page import ElderlyPage
    return ElderlyPage


def _counts():
    from agency_app.ui.counts.counts_page import CountsPage
    return CountsPage


def _voice_day():
    from agency_app.ui.voice_day.voice_day_page import VoiceDayPage
    return VoiceDayPage


def _improvements():
    from agency_app.ui.improvements.improvements_page import ImprovementsPage
    return ImprovementsPage


def _kpi():
    from agency_app.ui.kpi.kpi_page import KpiPage
    return KpiPage


# In tab order. Importing a page is deferred to its first opening: the window must show fast.
PAGES = (
    PageSpec("work", _my_work),
    PageSpec("case", _cases),
    PageSpec("customer", _customers),
    PageSpec("sale", _elderly),
    PageSpec("counts", _counts),
    PageSpec("voice_day", _voice_day),
    PageSpec("improvement", _improvements),
    PageSpec("kpi", _kpi),
)
# Record kinds shown inside the KPI tab's inner tabs (survey answers, meetings, qualifications, KPIs).
KPI_KINDS = ("kpi", "survey_answer", "training", "qualification")
_TITLES = {
    "voice": lambda: translate("PageTabs", "Customer voices"),
    "work": lambda: translate("PageTabs", "My work today"),
    "case": lambda: translate("PageTabs", "Follow-up cases"),
    "customer": lambda: translate("PageTabs", "Customers"),
    "sale": lambda: translate("PageTabs", "Elderly customers"),
    "counts": lambda: translate("PageTabs", "Counts"),
    "voice_day": lambda: translate("PageTabs", "Voice day"),
    "improvement": lambda: translate("PageTabs", "Improvements"),
    "kpi": lambda: translate("PageTabs", "KPI"),
}


class PageTabs(QTabWidget):
    """Holds the voice pane (tab 0) and the pages; routes "open this record" between them.

    Pages keep themselves current from the operations' change signal (ui/kit/follow_changes.py): a page
    not shown refreshes when it is next shown, so no tab ever shows figures older than the last save.
    """

    open_voice = Signal(str)   # a page asked to show a voice: the window selects it in the list
    open_circulation = Signal(str)  # today's work asked for a circulation: the window opens the 回覧 dialog

    def __init__(self, voice_pane: QWidget, ops, staff_uid: str, *, drafts=None, clock=None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.pages: dict[str, QWidget] = {}
        self.setDocumentMode(True)
        self.addTab(voice_pane, _TITLES["voice"]())
        for spec in PAGES:
            self.addTab(QWidget(), spec.title())  # placeholder until first opened
        self.currentChanged.connect(self._on_current)

    def set_badge(self, key: str, count: int) -> None:
        """Show a number after a tab's title, e.g. 今日の仕事 (3); 0 shows the plain title."""
        index = next(i for i, spec in enumerate(PAGES, start=1) if spec.key == key)
        title = PAGES[index - 1].title()
        self.setTabText(index, f"{title} ({count})" if count else title)

    def key_at(self, index: int) -> str:
        return "voice" if index == 0 else PAGES[index - 1].key

    def current_key(self) -> str:
        return self.key_at(self.currentIndex())

    def current_page(self) -> QWidget | None:
        return self.pages.get(self.current_key())

    def page(self, key: str) -> QWidget:
        """The page for `key`, built (and put in its tab) if this is its first use."""
        if key in self.pages:
            return self.pages[key]
        index = next(i for i, spec in enumerate(PAGES, start=1) if spec.key == key)
        spec = PAGES[index - 1]
        cls = spec.load()
        kwargs = {"drafts": self.drafts}
        if self.clock is not None:
            kwargs["clock"] = self.clock
        page = cls(self.ops, self.staff_uid, **kwargs)
        page.open_record.connect(self.show_record)
        leave_window_keys(page)
        if hasattr(page, "count_changed"):  # e.g. today's work: its number stays on the tab
            page.count_changed.connect(lambda count, key=key: self.set_badge(key, count))
        self.pages[key] = page
        placeholder, text = self.widget(index), self.tabText(index)  # the text may carry a badge
        current = self.currentIndex()
        self.blockSignals(True)  # replacing the tab must not count as switching to it
        self.removeTab(index)
        self.insertTab(index, page, text)
        self.setCurrentIndex(current)
        self.blockSignals(False)
        placeholder.deleteLater()
        return page

    def go_to(self, key: str) -> QWidget | None:
        if key == "voice":
            self.setCurrentIndex(0)
            return None
        page = self.page(key)
        self.setCurrentWidget(page)
        return page

    def show_record(self, kind: str, uid: str) -> None:
        """Switch to the tab that shows records of `kind` and show that one."""
        if kind == "voice":
            self.setCurrentIndex(0)
            self.open_voice.emit(uid)
            return
        if kind == "circulation":  # a dialog, not a tab
            self.open_circulation.emit(uid)
            return
        if kind in KPI_KINDS:  # the KPI tab's inner tabs
            self.go_to("kpi").show_record(uid, kind)
            return
        page = self.go_to(kind)
        page.show_record(uid)

    def set_staff(self, staff_uid: str) -> None:
        self.staff_uid = staff_uid
        for page in self.pages.values():
            page.set_staff(staff_uid)

    def shutdown(self) -> None:
        """The window closes: every page's list stops searching (its worker threads end)."""
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if shutdown is not None:
                shutdown()

    def _on_current(self, index: int) -> None:
        key = self.key_at(index)
        if key == "voice":
            return
        focus_page(self.page(key))


# Where each page keeps its main list. Never "the first list found": that can be a detail pane's
# checklist, where Space would tick a step the user never meant to.
MAIN_LIST_ATTRIBUTES = ("view", "table", "tree")


def focus_page(page: QWidget) -> None:
    """Put the keyboard in the page's main list (as the voice tab does), so its keys — Ctrl+N, Enter — work at once."""
    for name in MAIN_LIST_ATTRIBUTES:
        view = getattr(page, name, None)
        if isinstance(view, QAbstractItemView) and view.isVisibleTo(page):
            view.setFocus(Qt.FocusReason.OtherFocusReason)
            return
    page.setFocus(Qt.FocusReason.OtherFocusReason)

# Keys the main window answers for whichever tab is shown (its 更新 and 検索 act on the tab shown).
WINDOW_KEYS = (QKeySequence("F5"), QKeySequence("Ctrl+F"))


def leave_window_keys(page: QWidget) -> None:
    """A page shown on its own answers F5 and Ctrl+F itself; in the window's tabs the window's actions do, and two
    shortcuts on one key would cancel each other (Qt finds them ambiguous and runs neither): the page's go."""
    for shortcut in page.findChildren(QShortcut):
        if shortcut.key() in WINDOW_KEYS:
            shortcut.setKey(QKeySequence())
    for action in page.actions():
        if action.shortcut() in WINDOW_KEYS:
            action.setShortcut(QKeySequence())
