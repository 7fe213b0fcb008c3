"""Write this database's changes as one encrypted bundle (issue 14, point 2): what the other offices do not hold yet.

The bundle's plain header says who made it (agency, node, branch), for which schema, how many changes, and what this
node holds of every chain: an office that imports it learns what to send back, so the next bundle the other way
carries only what this node lacks. A bundle with no changes still carries that, and confirms what arrived.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agency_app import __version__
from agency_app.domain.periods import now_tokyo
from agency_app.storage.database import Store, read_snapshot
from agency_app.storage.migrations import latest_schema_version
from agency_app.sync import bundle_file, change_rows
from agency_app.sync.node import this_node

__all__ = ["KIND", "ExportResult", "NotJoined", "SinceProblem", "export_bundle", "bundle_name"]

KIND = "agency-app changes"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class NotJoined(bundle_file.BundleError):
    """A branch that has not taken head office's first bundle: head office would refuse what it sends."""

    def __init__(self, path: Path):
        super().__init__(path, "この拠点はまだ本部のファイルを取り込んでいないため、送信ファイルを作れません。"
                               "先に本部から届いたファイルを取り込んでください（本部はそれまでこの拠点のファイルを"
                               "受け取れません）。")


class SinceProblem(ValueError):
    """--since is neither 'all' nor a date."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    changes: int
    size: int
    holds: dict


def bundle_name(branch: str, node_id: str, when) -> str:
    """A file name no other node writes: branch, node, time, and a few random letters (two bundles of one second)."""
    return f"{branch}_{node_id[:8]}_{when:%Y%m%d-%H%M%S}_{uuid.uuid4().hex[:4]}{bundle_file.SUFFIX}"


def _skip(conn, since: str | None) -> dict | None:
    if since is None:
        return change_rows.known_by_peers(conn)
    if since == "all":
        return None
    text = since.strip().replace("/", "-")
    if not _DAY.match(text):
        raise SinceProblem("--since には all か日付（例: 2026-11-01）を指定してください。")
    return change_rows.since_date(conn, text)


_PIECE = 256 * 1024  # bytes of plaintext handed to the writer at a time


def _pieces(lines: Iterator[bytes]) -> Iterator[bytes]:
    """The lines joined into pieces of about _PIECE bytes: the same plaintext, a few hundred hand-overs, not 600,000."""
    joined: list[bytes] = []
    length = 0
    for line in lines:
        joined.append(line)
        length += len(line)
        if length >= _PIECE:
            yield b"".join(joined)
            joined, length = [], 0
    if joined:
        yield b"".join(joined)


class _Abandoned(Exception):
    """The rows could not be read to the end: the writer removes its partial file."""


def _write_beside(out: Path, meta: dict, pieces: Iterator[bytes], passphrase: str,
                  cancelled: Callable[[], bool] | None) -> int:
    """bundle_file.write_bundle in a helper thread while this one reads and encodes the rows (speed, issue 14).

    zlib and AES let go of Python's lock while they work, so one piece is compressed and encrypted while the next
    is read and turned into JSON: the compression alone was half of a 100,000-voice export. The bundle is the same;
    a failure on either side leaves no file (write_bundle removes its partial one) and is raised here."""
    handoff: queue.Queue = queue.Queue(maxsize=8)
    outcome: dict = {}
    finished = threading.Event()

    def received() -> Iterator[bytes]:
        while (piece := handoff.get()) is not None:
            if piece is _Abandoned:
                raise _Abandoned()
            yield piece

    def write() -> None:
        try:
            outcome["size"] = bundle_file.write_bundle(out, meta, received(), passphrase, cancelled=cancelled)
        except BaseException as error:  # raised in the caller's thread below
            outcome["error"] = error
        finally:
            finished.set()

    def hand(piece) -> None:
        while not finished.is_set():  # a writer that stopped (cancelled, disk full) takes nothing more
            try:
                handoff.put(piece, timeout=0.1)
                return
            except queue.Full:
                continue

    writer = threading.Thread(target=write, name="bundle-writer", daemon=True)
    writer.start()
    try:
        for piece in pieces:
            if finished.is_set():
                break
            hand(piece)
        hand(None)
    except BaseException:
        hand(_Abandoned)
        writer.join()
        raise
    finally:
        getattr(pieces, "close", lambda: None)()  # rows left unread (cancelled): their cursor ends here, not later
    writer.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["size"]


def export_bundle(store: Store, out: Path, passphrase: str, *, since: str | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ExportResult:
    """Write the bundle to `out` (atomically) and note it; `since`: None (what others lack), 'all' or a date."""
    conn = store.conn
    node = this_node(conn)
    if not node.joined:
        raise NotJoined(out)
    made = now_tokyo()
    bundle_id = uuid.uuid4().hex
    with read_snapshot(conn):  # one consistent view: a save while writing is in the next bundle
        skip = _skip(conn, since)
        holds = change_rows.holdings(conn)
        count = change_rows.count_after(conn, skip)
        meta = {"kind": KIND, "bundle": bundle_id, "agency": node.agency_id, "node": node.node_id,
                "branch": node.branch, "branch_name": node.branch_name, "head_office": node.is_head_office,
                "joined": node.joined, "schema": latest_schema_version(), "app": __version__,
                "made_at": made.isoformat(sep=" "), "changes": count, "holds": holds, "from": skip or {},
                "replaces": store.setting("node_replaces") or "",
                "since": since or "unconfirmed"}
        pieces = _pieces(change_rows.row_line(row) for row in change_rows.rows_after(conn, skip))
        size = _write_beside(out, meta, pieces, passphrase, cancelled)
    try:
        with store.write():
            conn.execute("INSERT INTO sync_bundles (bundle, direction, node, branch, made_at, done_at, file_name, "
                         "changes, new_changes, holds) VALUES (?, 'out', ?, ?, ?, ?, ?, ?, ?, ?)",
                         (bundle_id, node.node_id, node.branch, made.isoformat(sep=" "), now_tokyo().isoformat(sep=" "),
                          out.name, count, count, json.dumps(holds, sort_keys=True)))
    except BaseException:  # not recorded (the database busy, say): a bundle nobody knows was made is not left
        out.unlink(missing_ok=True)
        raise
    return ExportResult(out, bundle_id, count, size, holds)
