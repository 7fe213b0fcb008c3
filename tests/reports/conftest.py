"""A demo database shared by the report tests (built once: the figures are read, never changed)."""

from datetime import date

import pytest

from agency_app.storage.database import open_store
from agency_app.demo.voices import generate
from agency_app.storage.masters import initialise


@pytest.fixture(scope="module")
def demo_store():
    store = open_store(":memory:")
    initialise(store)
    generate(store, voices=300, seed=3, today=date(2026, 11, 22))
    yield store
    store.close()
