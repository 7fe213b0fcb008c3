"""Import one bundle (issue 14, point 3): checked before anything is written, merged in one transaction.

Refused with a Japanese message and nothing written: not a bundle, a wrong passphrase, a damaged or cut-off file
(bundle_file), a bundle of a newer schema, this database's own bundle, another agency's, or one from a branch this
database does not know. A branch that has never imported anything takes head office's agency id (and its master
data, branches included) from head office's first bundle. The same bundle twice changes nothing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from agency_app.domain.periods import now_tokyo
from agency_app.storage import hybrid_clock, word_index
from agency_app.storage.database import Store
from agency_app.storage.erasure import empty_wal_after_erasure
from agency_app.storage.migrations import SET_SETTING, latest_schema_version
from agency_app.sync import bundle_file
from agency_app.sync.bundle_export import KIND
from agency_app.sync.change_rows import row_from_line
from agency_app.domain import merge as rules
from agency_app.sync.merge import MergeCancelled, MergeResult, changes_of, merge_rows
from agency_app.sync.node import Node, this_node

log = logging.getLogger(__name__)

__all__ = ["BundleRefused", "ImportResult", "check_header", "import_bundle"]


_KIND_NAMES = {"insurers": "保険会社", "categories": "分類", "staff": "担当者", "branches": "拠点", "kpis": "KPI",
               "voice_days": "声の日", "circulations": "回覧", "survey_types": "アンケートの種類"}
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
        return (f"このファイルは、この PC の時計では約 {self.clock_minutes} 分先の時刻に作られています。この PC か"
                f"送信元（拠点 {self.branch}）の PC の時計がずれています。Windows の設定で時刻を合わせてください"
                "（取り込みは正しい順番で行われています）。")

    @property
    def notes(self) -> list[str]:
        """What the user should know beyond the figures: changes held back or refused, and why (Japanese)."""
        merged, lines = self.merged, []
        forked_rows = merged.held_back if merged.forked and merged.forked.keys() >= merged.held_back_nodes else 0
        waiting = merged.held_back - forked_rows
        if waiting > 0:
            lines.append(f"保留 {waiting:,} 件: それより前に作られたファイルがまだ届いていません。"
                         "送信元が次に作るファイルで、抜けている分と一緒に取り込まれます。")
        for node, branch in sorted(merged.forked.items()):
            lines.append(f"拠点 {branch or '?'} の記録元 {node[:8]} の変更履歴が、このデータベースにある同じ記録元の履歴と"
                         "食い違っているため、その変更は取り込みませんでした。同じデータベースファイルのコピーを 2 台の PC で"
                         "使っているおそれがあります。コピーの一方を使うのをやめ、管理者に連絡してください。")
        if merged.unapplied:
            kinds = "、".join(sorted({_KIND_NAMES.get(t, t) for t, _ in merged.unapplied}))
            lines.append(f"{len(merged.unapplied):,} 件の記録（{kinds}）は、同じ名前などの記録がこのデータベースに別に"
                         "あるため内容に反映せず、変更履歴にだけ残しました。マスターデータで重複を確かめてください。")
        return lines


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
    """Imported before — or written here (a copy of this database, now a node of its own, meets its old bundles)."""
    return conn.execute("SELECT 1 FROM sync_bundles WHERE bundle = ?", (bundle_id,)).fetchone() is not None


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


def _take_head_offices_record_of(conn: sqlite3.Connection, code: str, head_office_node: str) -> None:
    """A branch joining: its own branch record becomes what head office registered (name, head office or not,
    active), as this branch's own change — the record `init --branch` made here is later, and would otherwise
    rename the branch at every office."""
    changes = [c for c in changes_of(conn, "branches", code) if c.node == head_office_node]
    if not changes:
        return
    values = rules.record_state(changes, ["name", "is_head_office", "active"]).values
    wanted = {k: v for k, v in values.items() if v is not None}
    if wanted:
        conn.execute(f"UPDATE branches SET {', '.join(f'{k} = ?' for k in wanted)}, "
                     "updated_at = strftime('%Y-%m-%d %H:%M', 'now', '+9 hours') WHERE code = ?",
                     [*wanted.values(), code])
    # The pair the merge listed (head office's record of this branch, and the one `init` made here) is settled by
    # taking head office's: nothing is left for a person (head office sees the same: domain/merge._took_it_up).
    conn.execute("DELETE FROM sync_conflicts WHERE entity = 'branches' AND record_uid = ? AND status = 'open'", (code,))


def _minutes_ahead(made_at: str) -> int:
    """How far the sender's clock was ahead of this PC's when it wrote the bundle (0 when not noticeably).

    Measured from the bundle's own time, not from its changes' versions: a version carries the newest clock its
    writer had seen, so one PC's wrong clock would otherwise be blamed on every office its changes passed through."""
    try:
        made = datetime.fromisoformat(made_at)
    except (TypeError, ValueError):
        return 0
    ahead = (made - now_tokyo()).total_seconds() * 1000
    return int(ahead // 60_000) if ahead > hybrid_clock.DRIFT_WARNING_MS else 0


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
            if _already(conn, result.bundle_id):  # another program took it since the look above
                result.already = True
                return result
            if not node.joined:
                conn.execute(SET_SETTING, ("agency_id", meta["agency"]))
                conn.execute(SET_SETTING, ("agency_joined", "1"))
                result.joined = True
            try:
                result.merged = merge_rows(conn, rows, starts=meta.get("from"), own_node=node.node_id,
                                           cancelled=cancelled)
            except MergeCancelled as error:
                raise bundle_file.BundleCancelled(path) from error
            except (ValueError, KeyError, TypeError, OverflowError) as error:  # authenticated, yet not this app's rows
                raise _refuse(path, "ファイルの中身が読み取れませんでした（このアプリが作ったものではないようです）。") from error
            if result.joined:
                _take_head_offices_record_of(conn, node.branch, str(meta["node"]))
            _note_peer(conn, meta, path, result.merged)
    except sqlite3.Error as error:  # a rule of this database the file's content breaks (translated errors pass)
        log.exception("bundle %s not imported", path.name)
        raise _refuse(path, "このファイルの内容は、このデータベースの規則に合わないため取り込めませんでした。"
                            "送信元にもう一度作ってもらい、それでも同じときは管理者に連絡してください。") from error
    finally:
        store.before_commit = hooks
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {cache}")
    result.clock_minutes = _minutes_ahead(result.made_at)
    if result.merged.erased_here:  # as after an erasure typed here: no page of the old values left in the -wal
        empty_wal_after_erasure(conn)
    if word_index.exists(conn):
        word_index.catch_up(conn, words_progress)
    return result
