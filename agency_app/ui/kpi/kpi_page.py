"""The KPI tab (Ctrl+9): the dashboard, the KPIs of a year, survey answers, meetings and trainings, qualifications — one inner tab each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from agency_app.domain.periods import now_tokyo

translate = QCoreApplication.translate


@dataclass(frozen=True)
class InnerPage:
    """One inner tab: its key, its title, the record kinds it shows (so "open this record" finds it), its class."""

    key: str
    title: Callable[[], str]
    kinds: tuple[str, ...]
    load: Callable[[], type]   # imports the page class: written out so PyInstaller sees the import


def _dashboard() -> type:
    from agency_app.ui.kpi.dashboard_page import DashboardPage
    return DashboardPage


def _kpis_page() -> type:
    from agency_app.ui.kpi.kpis_page import KpisPage
    return KpisPage


def _surveys() -> type:
    from agency_app.ui.kpi.surveys_page import SurveysPage
    return SurveysPage


def _trainings() -> type:
    from agency_app.ui.kpi.trainings_page import TrainingsPage
    return TrainingsPage


def _qualifications() -> type:
    from agency_app.ui.kpi.qualifications_page import QualificationsPage
    return QualificationsPage


# In tab order; each page is built the first time it is shown. Every inner page takes
# (ops, staff_uid, *, drafts=None, clock=now_tokyo, parent=None) and has the signal open_record(kind, uid),
# set_staff(uid), show_record(kind, uid) -> bool, and optionally shutdown() and refresh().
INNER_PAGES: tuple[InnerPage, ...] = (
    InnerPage("dashboard", lambda: translate("KpiPage", "Dashboard"), (), _dashboard),
    InnerPage("kpis", lambda: translate("KpiPage", "KPI settings"), ("kpi",), _kpis_page),
    InnerPage("surveys", lambda: translate("KpiPage", "Surveys"), ("survey_answer",), _surveys),
    InnerPage("trainings", lambda: translate("KpiPage", "Meetings and trainings"), ("training",), _trainings),
    InnerPage("qualifications", lambda: translate("KpiPage", "Qualifications"), ("qualification",), _qualifications),
)


class KpiPage(QWidget):
    """Holds the inner tabs; Ctrl+PgDown / Ctrl+PgUp (claimed here, from anywhere on the tab) move between them."""

    open_record = Signal(str, str)

    def __init__(self, ops, staff_uid: str, *, drafts=None, clock=now_tokyo, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.pages: dict[str, QWidget] = {}
        self.inner = QTabWidget(self)
        self.inner.setDocumentMode(True)
        for spec in INNER_PAGES:
            self.inner.addTab(QWidget(), spec.title())   # placeholder until first shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inner)
        self.inner.currentChanged.connect(self._on_current)
        # Ctrl+PgDown / Ctrl+PgUp from anywhere on the tab: Qt's own reach the tab bar only when nothing inside
        # takes the key, and a list takes PgDown whatever the modifiers — so the keys are claimed here.
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, step=step: self.step_inner(step))
            self.addAction(action)
        if INNER_PAGES:
            # The window puts the keyboard in this tab (Ctrl+9): it goes on to the inner page shown, whose own
            # proxy is its list — without it ↓ and Enter reached this frame and did nothing.
            self.setFocusProxy(self.page(INNER_PAGES[0].key))

    @staticmethod
    def kinds() -> set[str]:
        """Record kinds shown here; the window keeps the same list (page_tabs.KPI_KINDS) so that start-up need not
        import this module to route "open this survey answer" here — a test keeps the two equal."""
        return {kind for spec in INNER_PAGES for kind in spec.kinds}

    def page(self, key: str) -> QWidget:
        """The inner page for `key`, built (and put in its tab) if this is its first use."""
        if key in self.pages:
            return self.pages[key]
        index = next(i for i, spec in enumerate(INNER_PAGES) if spec.key == key)
        spec = INNER_PAGES[index]
        page = spec.load()(self.ops, self.staff_uid, drafts=self.drafts, clock=self.clock)
        page.open_record.connect(self._open_record)
        self.pages[key] = page
        placeholder = self.inner.widget(index)
        current = self.inner.currentIndex()
        self.inner.blockSignals(True)  # replacing the tab must not count as switching to it
        self.inner.removeTab(index)
        self.inner.insertTab(index, page, spec.title())
        self.inner.setCurrentIndex(current)
        self.inner.blockSignals(False)
        placeholder.deleteLater()
        return page

    def go_to(self, key: str) -> QWidget:
        page = self.page(key)
        self.inner.setCurrentWidget(page)
        page.setFocus()
        return page

    def step_inner(self, step: int) -> None:
        """The next (1) or previous (-1) inner tab, round the end, with the keyboard in its page."""
        if self.inner.count():
            self.inner.setCurrentIndex((self.inner.currentIndex() + step) % self.inner.count())

    def current_page(self) -> QWidget | None:
        widget = self.inner.currentWidget()
        return widget if widget in self.pages.values() else None

    def _open_record(self, kind: str, uid: str) -> None:
        """An inner page asked to show a record: one of this tab's kinds opens here, others go to the window."""
        for spec in INNER_PAGES:
            if kind in spec.kinds:
                self.go_to(spec.key).show_record(kind, uid)
                return
        self.open_record.emit(kind, uid)

    def show_record(self, uid: str, kind: str | None = None) -> bool:
        """Show a record of one of this tab's kinds (the window routes them here)."""
        for spec in INNER_PAGES:
            if kind in spec.kinds:
                return bool(self.go_to(spec.key).show_record(kind, uid))
        return False

    def set_staff(self, uid: str) -> None:
        self.staff_uid = uid
        for page in self.pages.values():
            page.set_staff(uid)

    def refresh(self) -> None:
        page = self.current_page()
        if page is not None and hasattr(page, "refresh"):
            page.refresh()

    def shutdown(self) -> None:
        for page in self.pages.values():
            shutdown = getattr(page, "shutdown", None)
            if shutdown is not None:
                shutdown()

    def _on_current(self, index: int) -> None:
        if 0 <= index < len(INNER_PAGES):
            page = self.page(INNER_PAGES[index].key)
            self.setFocusProxy(page)
            page.setFocus()
