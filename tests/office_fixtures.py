"""Test helpers: another office's records in head office's file, as a branch makes them and head office imports them."""

from __future__ import annotations

from contextlib import contextmanager

from agency_app.storage.masters import MasterData


@contextmanager
def at_office(store, code: str, name: str):
    """Records written inside carry `code` (the branch registered first): the file plays that branch's own PC for a
    moment, then is head office's again — the rows an import of the branch's bundle leaves. (tests/sync shows the
    bundles carry them; here only where they came from matters.)"""
    home = store.home_branch
    MasterData(store).save_branch(code, name)
    store.set_setting("home_branch", code)
    try:
        yield
    finally:
        store.set_setting("home_branch", home)
