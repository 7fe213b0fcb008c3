"""Import one bundle (issue 14, point 3): checked before anything is written, merged in one transaction.

Refused with a Japanese message and nothing written: not a bundle, a wrong passphrase, a damaged or cut-off file
(bundle_file), a bundle of a newer schema, this database's own bundle, another agency's, or one from a branch this
database does not know. A branch that has never imported anything takes head office's agency id (and its master
data, branches included) from head office's first bundle. The same bundle twice changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.domain.periods import now_tokyo
from agency_app.storage import hybrid_clock, word_index
from agency_app.storage.database import Store
from agency_app.storage.migrations import SET_SETTING, latest_schema_version
from agency_app.sync import bundle_file
from agency_app.sync.bundle_export import KIND
from agency_app.sync.change_rows import row_from_line
from agency_app.sync.merge import MergeCancelled, MergeResult, merge_rows
from agency_app.sync.node import Node, this_node

__all__ = ["BundleRefused", "ImportResult", "check_header", "import_bundle"]


# The page cache while a bundle is merged (speed): SQLite's default 2 MB thrashed on the 620,000 history rows and
# 100,000 voices of a branch's first bundle — every voice touches some twenty indexes and the full-text index.
IMPORT_CACHE_KIB = -65536  # 64 MiB (negative: KiB), for this connection and this import only


class BundleRefused(bundle_file.BundleError):
    """A sound bundle this database must not take (its message says why and what to do)."""


@dataclass
class ImportResult:
    path: Path
    bundle_id: str
    branch: str
    made_at: str
    already: bool = False  # imported before: nothing done
    merged: MergeResult = field(default_factory=MergeResult)
    clock_minutes: int = 0  # how far the bundle's newest change is ahead of this PC's clock (0: not noticeably)
    joined: bool = False  # this branch took head office's agency id from it

    @property
    def clock_warning(self) -> str:
        if self.clock_minutes <= 0:
            return ""
        return (f"このファイルの変更は、この PC の時計より約 {self.clock_minutes} 分先の時刻で記録されています。"
                "この PC か送信元（拠点 {self.branch}）の PC の時計がずれています。Windows の設定で時刻を合わせてください"
                "（取り込みは正しい順番で行われています）。").replace("{self.branch}", self.branch)


def _refuse(path: Path, text: str) -> BundleRefused:
    return BundleRefused(path, f"{text}\nファイル: {path.name}（何も取り込んでいません）")


def check_header(conn: sqlite3.Connection, path: Path, meta: dict, node: Node) -> None:
    """Raise BundleRefused when this database must not take the bundle `meta` describes."""
    if meta.get("kind") != KIND or not isinstance(meta.get("holds"), dict):
        raise _refuse(path, "このアプリの送受信ファイルではありません。")
    schema = meta.get("schema")
    if not isinstance(schema, int) or schema > latest_schema_version():
        raise _refuse(path, f"新しいバージョンのアプリ（{meta.get('app', '?')}）で作られたファイルです。"
                            "このアプリを新しいバージョンにしてから取り込んでください。")
    if meta.get("node") == node.node_id:
        raise _refuse(path, "このデータベース自身が作ったファイルです。取り込む必要はありません。")
    branch = str(meta.get("branch") or "")
    joining = not node.joined and bool(meta.get("head_office"))
    if meta.get("agency") != node.agency_id and not joining:
        if not node.joined:
            raise _refuse(path, "この拠点はまだ本部のファイルを取り込んでいません。先に本部から届いたファイルを"
                                "取り込んでください。")
        raise _refuse(path, f"別の代理店のファイルか、本部のファイルをまだ取り込んでいない拠点（{branch}）のファイルです。"
                            "その拠点で本部のファイルを先に取り込んでから、もう一度作ってもらってください。")
    if not joining and conn.execute("SELECT 1 FROM branches WHERE code = ?", (branch,)).fetchone() is None:
        raise _refuse(path, f"拠点 {branch} はこのデータベースに登録されていません。"
                            "本部のマスターデータで拠点を登録してから取り込んでください。")


def _lines(pieces: Iterator[bytes]) -> Iterator[dict]:
    """The rows of the plaintext stream, one a line. Each piece's complete lines are decoded as one text (speed: a
    JSON parse of bytes first guesses their encoding, line by line); a line is never cut, nor a character."""
    rest = b""
    for piece in pieces:
        rest += piece
        cut = rest.rfind(b"\n")
        if cut < 0:
            continue
        text, rest = rest[:cut].decode("utf-8"), rest[cut + 1:]
        for line in text.split("\n"):
            if line:
                yield row_from_line(line)
    if rest.strip():
        yield row_from_line(rest)


def _already(conn: sqlite3.Connection, bundle_id: str) -> bool:
    return conn.execute("SELECT 1 FROM sync_bundles WHERE bundle = ? AND direction = 'in'",
                        (bundle_id,)).fetchone() is not None


def _note_peer(conn: sqlite3.Connection, meta: dict, path: Path, result: MergeResult) -> None:
    """Keep what the sender holds (never less than an earlier bundle said: bundles may arrive out of order)."""
    row = conn.execute("SELECT holds, last_made_at FROM sync_peers WHERE node = ?", (meta["node"],)).fetchone()
    held = {}
    if row:
        try:
            held = json.loads(row[0] or "{}")
        except ValueError:
            held = {}
    for chain, count in meta["holds"].items():
        if isinstance(count, int):
            held[chain] = max(count, int(held.get(chain, 0) or 0))
    now = now_tokyo().isoformat(sep=" ")
    made = str(meta.get("made_at") or "")
    newer = row is None or made >= (row[1] or "")
    conn.execute(
        "INSERT INTO sync_peers (node, branch, holds, last_bundle, last_made_at, last_received_at, last_records, "
        "last_changes, bundles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT(node) DO UPDATE SET holds = excluded.holds, "
        "branch = excluded.branch, last_received_at = excluded.last_received_at, bundles = bundles + 1"
        + (", last_bundle = excluded.last_bundle, last_made_at = excluded.last_made_at, "
           "last_records = excluded.last_records, last_changes = excluded.last_changes" if newer else ""),
        (meta["node"], str(meta.get("branch") or ""), json.dumps(held, sort_keys=True), meta["bundle"], made, now,
         result.records, result.new_changes))
    conn.execute("INSERT INTO sync_bundles (bundle, direction, node, branch, made_at, done_at, file_name, changes, "
                 "new_changes, records, held_back, holds) VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (meta["bundle"], meta["node"], str(meta.get("branch") or ""), made, now, path.name, result.changes,
                  result.new_changes, result.records, result.held_back, json.dumps(meta["holds"], sort_keys=True)))


def import_bundle(store: Store, path: Path, passphrase: str, *, cancelled: Callable[[], bool] | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  words_progress: Callable[[int, int], None] | None = None) -> ImportResult:
    """Import `path` into `store`; raises BundleError (with its Japanese message) and writes nothing when refused."""
    conn = store.conn
    meta = bundle_file.read_header(path)
    node = this_node(conn)
    check_header(conn, path, meta, node)
    result = ImportResult(path, str(meta.get("bundle") or ""), str(meta.get("branch") or ""),
                          str(meta.get("made_at") or ""))
    if _already(conn, result.bundle_id):
        result.already = True
        return result
    rows = _lines(bundle_file.read_bundle(path, passphrase, cancelled=cancelled, progress=progress))
    hooks, store.before_commit = store.before_commit, []  # the word index is caught up after, in batches
    conn.execute("PRAGMA foreign_keys = OFF")  # records arrive in any order; a later bundle brings what they name
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {IMPORT_CACHE_KIB}")
    try:
        with store.write():
            if not node.joined:
                conn.execute(SET_SETTING, ("agency_id", meta["agency"]))
                conn.execute(SET_SETTING, ("agency_joined", "1"))
                result.joined = True
            try:
                result.merged = merge_rows(conn, rows, cancelled=cancelled)
            except MergeCancelled as error:
                raise bundle_file.BundleCancelled(path) from error
            except (ValueError, KeyError, TypeError) as error:  # authenticated, yet not rows this app wrote
                raise _refuse(path, "ファイルの中身が読み取れませんでした（このアプリが作ったものではないようです）。") from error
            _note_peer(conn, meta, path, result.merged)
    finally:
        store.before_commit = hooks
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {cache}")
    ahead = hybrid_clock.physical_ms(result.merged.newest_version) - hybrid_clock.physical_ms(hybrid_clock.wall_version())
    if result.merged.newest_version and ahead > hybrid_clock.DRIFT_WARNING_MS:
        result.clock_minutes = ahead // 60_000
    if word_index.exists(conn):
        word_index.catch_up(conn, words_progress)
    return result
