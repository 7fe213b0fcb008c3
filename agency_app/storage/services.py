"""The one way into storage: every repository of one database, built once — for the screens (through ui/kit/operations.py) and the command line."""

from __future__ import annotations

import sqlite3
from functools import cached_property
from pathlib import Path

from sqlite_utils import Database

from agency_app.storage.database import Store
from agency_app.storage.keyset import open_read_connection
from agency_app.storage.masters import MasterData
from agency_app.storage.voices import VoiceRepository


class Services:
    """The repositories of one open database, each made once. Widgets never build repositories themselves.

    A Services object is used from one thread at a time: the writing one by the operations' writer,
    a reading one (see `reading`) by the UI thread or by one worker. The repositories of the other tabs are
    imported and made on first use: the window shows the voice list first, and start-up does not pay for them.
    """

    def __init__(self, store: Store):
        self.store = store
        self.voices = VoiceRepository(store)
        self.masters = MasterData(store)

    @cached_property
    def cases(self):
        from agency_app.storage.cases import CaseRepository
        return CaseRepository(self.store)

    @cached_property
    def customers(self):
        from agency_app.storage.customers import CustomerRepository
        return CustomerRepository(self.store)

    @cached_property
    def elderly_sales(self):
        from agency_app.storage.elderly_sales import ElderlySaleRepository
        return ElderlySaleRepository(self.store)

    @cached_property
    def relatives(self):
        from agency_app.storage.relatives import RelativeContactRepository
        return RelativeContactRepository(self.store)

    @cached_property
    def templates(self):
        from agency_app.storage.checklist_templates import ChecklistTemplates
        return ChecklistTemplates(self.store)

    @cached_property
    def elderly_rules(self):
        from agency_app.storage.elderly_rules import ElderlyRulesStore
        return ElderlyRulesStore(self.store)

    @cached_property
    def voice_days(self):
        from agency_app.storage.voice_days import VoiceDayRepository
        return VoiceDayRepository(self.store)

    @cached_property
    def improvements(self):
        from agency_app.storage.improvements import ImprovementRepository
        return ImprovementRepository(self.store)

    @cached_property
    def circulations(self):
        from agency_app.storage.circulations import CirculationRepository
        return CirculationRepository(self.store)

    @cached_property
    def kpis(self):
        from agency_app.storage.kpis import KpiRepository
        return KpiRepository(self.store)

    @cached_property
    def surveys(self):
        from agency_app.storage.surveys import SurveyRepository
        return SurveyRepository(self.store)

    @cached_property
    def trainings(self):
        from agency_app.storage.trainings import TrainingRepository
        return TrainingRepository(self.store)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    @property
    def path(self) -> Path | None:
        """The database file; None for an in-memory database (which has no second connection)."""
        return self.store.path

    def staff_names(self, include_inactive: bool = True) -> dict[str, str]:
        """{uid: name} of the staff, retired ones included by default (old records name them)."""
        return {s.uid: s.name for s in self.masters.staff(include_inactive=include_inactive)}

    def reading(self) -> "Services":
        """The same repositories over a new connection that refuses writes (WAL: it never waits for a writer)."""
        if self.path is None:
            return self
        return Services(open_reader(self.path))

    def close(self) -> None:
        self.store.close()


def open_reader(path: Path) -> Store:
    """A Store over a second connection to `path` that cannot write, for reading beside the writer."""
    return Store(Database(open_read_connection(path), execute_plugins=False), Path(path))
