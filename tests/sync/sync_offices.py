"""Test helpers: a head office and branches as database files that exchange bundles (a cheap scrypt for speed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from agency_app.domain.voice import VoiceInput
from agency_app.storage.database import Store, open_store
from agency_app.storage.masters import MasterData, initialise
from agency_app.storage.voices import VoiceRepository
from agency_app.sync import bundle_file
from agency_app.sync.bundle_export import export_bundle
from agency_app.sync.bundle_import import import_bundle

PASSPHRASE = "代理店の合言葉2026"


@pytest.fixture(autouse=True)
def cheap_key(monkeypatch):
    """scrypt at N=2**17 costs ~0.4 s per bundle; the parameters travel in the header, so tests may use less."""
    monkeypatch.setattr(bundle_file, "SCRYPT_N", 2 ** 10)


class Office:
    """One office's database and the bundles it writes."""

    def __init__(self, folder: Path, code: str, head_office: bool = False):
        self.folder = folder
        self.code = code
        self.store: Store = open_store(folder / f"{code}.db", daily_backup=False, new=True)
        initialise(self.store, branch_code=code, branch_name=f"{code}支店" if not head_office else "本部",
                   is_head_office=head_office)
        self.sent = 0

    def send(self, since=None) -> Path:
        self.sent += 1
        out = self.folder / f"{self.code}-{self.sent}{bundle_file.SUFFIX}"
        export_bundle(self.store, out, PASSPHRASE, since=since)
        return out

    def take(self, bundle: Path):
        return import_bundle(self.store, bundle, PASSPHRASE)

    def staff(self, name: str) -> str:
        return MasterData(self.store).save_staff(name=name, kana="", team="損保", branch_code=self.code)

    def voice(self, by: str, summary: str, when: datetime) -> str:
        return VoiceRepository(self.store).create(
            VoiceInput(received_at=when.strftime("%Y-%m-%d %H:%M"), kind="dissatisfaction", summary=summary,
                       assignee_id=by), by=by, now=when)

    def edit(self, uid: str, by: str, when: datetime, **changes) -> None:
        voices = VoiceRepository(self.store)
        entry = replace(voices.as_input(uid), **changes)
        voices.update(uid, entry, by=by, now=when)

    def voice_row(self, uid: str) -> dict:
        return dict(zip([d[0] for d in self.store.conn.execute("SELECT * FROM voices LIMIT 0").description],
                        self.store.conn.execute("SELECT * FROM voices WHERE uid = ?", (uid,)).fetchone() or ()))

    def close(self):
        self.store.close()


def head_office_and_branches(folder: Path, *codes: str) -> tuple[Office, list[Office]]:
    """Head office HQ with `codes` registered, each branch made by `init` and joined by head office's first bundle."""
    hq = Office(folder, "HQ", head_office=True)
    for code in codes:
        MasterData(hq.store).save_branch(code, f"{code}支店", is_head_office=False)
    first = hq.send()
    branches = []
    for code in codes:
        branch = Office(folder, code)
        branch.take(first)
        branches.append(branch)
    return hq, branches
