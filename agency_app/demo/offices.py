"""The demo's two branch offices: their own databases beside demo.db, having exchanged bundles with it through a folder.

Everything goes through the sync API as staff would use it, with the real key cost: each branch is made as `init
--branch` makes it and joins the agency by head office's first bundle (the new-branch path); it logs a voice of its
own and writes its bundle into the exchange folder. Yokohama's manager and head office change the summary of the same
open voice without seeing each other's change, so head office, taking the branches' bundles, lists exactly one
open 競合. Head office's answer is left in the folder: 交換フォルダーで送受信 in a branch's window takes it.

Both branches have sent today: a bundle's made_at is the clock's (sync/bundle_export.py), so a branch quiet for a
week cannot be shown without faking the time.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import SUMMARY_MAX, VoiceInput
from agency_app.private_files import private_folder
from agency_app.storage.database import Store, open_store
from agency_app.storage.masters import initialise
from agency_app.storage.voices import VoiceRepository
from agency_app.sync import bundle_file, conflicts
from agency_app.sync.bundle_export import bundle_name, export_bundle
from agency_app.sync.bundle_import import import_bundle
from agency_app.sync.exchange_folder import exchange
from agency_app.sync.node import this_node
from agency_app.demo.voices import BRANCHES

__all__ = ["OFFICES_UP_TO", "PASSPHRASE", "OfficeFiles", "office_files", "make_offices"]

# Written in README: the demo's bundles open with it (a real agency chooses its own, never in a file).
PASSPHRASE = "demo-passphrase-2026"
# Each branch merges head office's whole history (about 5 s at the default 2,000 voices): past this many voices the
# demo is a benchmark's, and the offices are left out.
OFFICES_UP_TO = 20_000
SIDE_FILES = ("-wal", "-shm", "-journal")

# What each branch logs after joining, and the two summaries of the same voice (a branch's first, then head office's).
BRANCH_VOICES = {
    "YOK": ("request", "満期のご案内を自宅ではなく勤務先に送ってほしい"),
    "OMY": ("dissatisfaction", "事故受付の電話がつながるまで時間がかかった"),
}
BRANCH_NOTE = "（横浜支店: ご本人から再度お電話あり、至急の回答を希望）"
HEAD_OFFICE_NOTE = "（本部: 保険会社に確認中、回答は今週中）"


@dataclass(frozen=True)
class OfficeFiles:
    """Where the demo's offices live, named after head office's file (demo.db: demo-YOK.db, demo-exchange/)."""

    head_office: Path
    branches: dict[str, Path]  # code -> database file
    exchange: Path

    def existing(self) -> list[Path]:
        """The files a new demo would replace: the branch databases (with side files) and the folder's bundles."""
        found = [p for db in self.branches.values() for p in (db, *_side_files(db)) if p.exists()]
        if self.exchange.is_dir():
            found += sorted(p for p in self.exchange.iterdir() if p.is_file() and _is_bundle_file(p))
        return found

    def remove(self) -> None:
        """Remove what existing() lists, and the exchange folder when nothing else is in it."""
        for path in self.existing():
            path.unlink(missing_ok=True)
        if self.exchange.is_dir() and not any(self.exchange.iterdir()):
            self.exchange.rmdir()


def office_files(head_office: Path) -> OfficeFiles:
    stem = head_office.stem
    return OfficeFiles(
        head_office=head_office,
        branches={code: head_office.with_name(f"{stem}-{code}{head_office.suffix}")
                  for code, _name, head in BRANCHES if not head},
        exchange=head_office.with_name(f"{stem}-exchange"))


def _side_files(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SIDE_FILES]


def _is_bundle_file(path: Path) -> bool:
    return path.name.endswith(bundle_file.SUFFIX) or path.name.endswith(bundle_file.SUFFIX + bundle_file.PARTIAL_SUFFIX)


def make_offices(head_office: Path, passphrase: str = PASSPHRASE) -> dict:
    """Make the branch databases beside `head_office` (a finished demo database, closed) and exchange bundles.

    Returns what a person would look for: files, bundles written, the open conflicts at head office, seconds.
    """
    started = time.perf_counter()
    files = office_files(head_office)
    folder = private_folder(files.exchange)
    hq = open_store(head_office, daily_backup=False)
    try:
        voice = _voice_to_dispute(hq)
        first = exchange(hq, folder, passphrase).exported  # the agency and all its records, for the branches
        for code, name, head in BRANCHES:
            if not head:
                _branch(files.branches[code], code, name, first.path, folder, passphrase, voice)
        head_manager = _staff(hq, hq.home_branch, "manager")
        _add_note(hq, voice, HEAD_OFFICE_NOTE, head_manager)  # not yet having seen Yokohama's
        taken = exchange(hq, folder, passphrase)
        open_conflicts = conflicts.open_count(hq.conn)
    finally:
        hq.close()
    return {"branches": {code: path for code, path in files.branches.items()}, "exchange": folder,
            "received": len(taken.imported), "bundles": sum(1 for p in folder.iterdir() if _is_bundle_file(p)),
            "conflicts": open_conflicts, "seconds": round(time.perf_counter() - started, 3)}


def _branch(path: Path, code: str, name: str, first: Path, folder: Path, passphrase: str, voice: str) -> None:
    """A branch as staff start one: `init --branch`, head office's first bundle, work, then its bundle to the folder."""
    store = open_store(path, daily_backup=False, new=True)
    try:
        initialise(store, branch_code=code, branch_name=name, is_head_office=False)
        import_bundle(store, first, passphrase)
        clerk = _staff(store, code, "staff")
        kind, summary = BRANCH_VOICES[code]
        now = now_tokyo()
        VoiceRepository(store).create(
            VoiceInput(received_at=f"{now:%Y-%m-%d %H:%M}", channel="counter", kind=kind, summary=summary,
                       assignee_id=clerk), by=clerk, now=now)
        if code == "YOK":
            _add_note(store, voice, BRANCH_NOTE, _staff(store, code, "manager"))
        node = this_node(store.conn)  # sent as `sync export --out` does: the other branch's bundle is not taken
        export_bundle(store, folder / bundle_name(node.branch, node.node_id, now_tokyo()), passphrase)
    finally:
        store.close()


def _voice_to_dispute(hq: Store) -> str:
    """Yokohama's newest open voice (both offices have reason to touch it); any voice in a demo without one."""
    row = hq.conn.execute(
        "SELECT uid FROM voices WHERE branch_code = 'YOK' AND status IN ('new', 'in_progress') "
        "ORDER BY received_at DESC, uid LIMIT 1").fetchone() or hq.conn.execute(
        "SELECT uid FROM voices ORDER BY received_at DESC, uid LIMIT 1").fetchone()
    if row:
        return row[0]
    clerk = _staff(hq, "YOK", "staff")  # `demo --voices 0`: head office logs one for Yokohama
    now = now_tokyo()
    return VoiceRepository(hq).create(
        VoiceInput(received_at=f"{now:%Y-%m-%d %H:%M}", kind="dissatisfaction", summary="更新の案内が届いていない",
                   assignee_id=clerk), by=clerk, branch_code="YOK", now=now)


def _add_note(store: Store, uid: str, note: str, by: str) -> None:
    voices = VoiceRepository(store)
    entry = voices.as_input(uid)
    voices.update(uid, replace(entry, summary=entry.summary[:SUMMARY_MAX - len(note)] + note), by=by, now=now_tokyo())


def _staff(store: Store, branch: str, role: str) -> str:
    row = store.conn.execute("SELECT uid FROM staff WHERE branch_code = ? AND role = ? AND active = 1 "
                             "ORDER BY uid LIMIT 1", (branch, role)).fetchone()
    if row is None:
        raise ValueError(f"the demo has no active {role} at {branch}")
    return row[0]
