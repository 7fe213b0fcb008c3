"""`agency-app check` on the sealed history: every chain walked, every edited, unsealed, reordered or missing row named.

Works on any file the application ever made, with the triggers dropped or the seal columns gone (each is named).
Rows rewritten by a recorded erasure are accepted only with exactly the values that erasure recorded.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from agency_app.storage.history_chain import (
    ERASED, ROW_SELECT, chain_owner, digest_of, genesis, link, text_or_raw, version_column,
)
from agency_app.storage.audited_tables import (
    REGISTRY, SYNC_APPLYING, UnregisteredColumn, audited_columns, trigger_sql,
)
from agency_app.storage.history_heads import LOST_TAIL, cut_off, remembered_head

__all__ = ["BROKEN", "CONTINUES", "CUT", "EDITED", "LOST", "TAIL", "UNSEALED", "Problem", "Verdict", "check_lines", "problem_lines",
           "verify"]

EDITED, BROKEN, UNSEALED, TAIL, LOST, CUT = "edited", "broken", "unsealed", "tail", "lost", "cut"
CONTINUES = "*continues"  # audit_log.field of the row (migration 0017) naming the last row of a PC's chain before it


@dataclass(frozen=True)
class Problem:
    kind: str  # EDITED, BROKEN, UNSEALED, TAIL, LOST
    row_id: int
    entity: str = ""
    record_uid: str = ""
    changed_at: str = ""


@dataclass
class Verdict:
    rows: int = 0
    pcs: int = 0
    erased: int = 0  # rows rewritten by a recorded erasure, accepted
    problems: list[Problem] = field(default_factory=list)


def _erasures(conn: sqlite3.Connection) -> dict[int, str]:
    try:
        return dict(conn.execute("SELECT audit_id, erasure_uid FROM audit_erasures"))
    except sqlite3.OperationalError:
        return {}


def _erased_values(conn: sqlite3.Connection) -> dict[str, str | None]:
    """history uid → the values half the latest erasure naming it left in it (None: an erasure that did not record
    them), from every '*erased' row that is sealed and verifies itself. A row two erasures rewrote (a text naming
    two customers) is listed in audit_erasures once, under the first; the second names it in its own row, and
    only its values are accepted (the first one's still hold the second customer's name)."""
    accepted: dict[str, str | None] = {}
    for row in conn.execute(f"SELECT {ROW_SELECT}, pc, digest, {version_column(conn)} FROM audit_log WHERE field = ? ORDER BY id",
                            (ERASED,)).fetchall():
        if not row[10] or digest_of(row[:10], row[10], row[12]) != row[11]:
            continue
        try:  # sealed, so written by the app or by someone who knows the seal: any content, never a crash
            record = json.loads(row[7] or "")
            named = record.get("history_rows") or []
            values = record.get("values")
        except (ValueError, AttributeError, RecursionError):
            continue
        if not isinstance(named, list):
            continue
        if isinstance(values, list) and len(values) == len(named):
            pairs = zip(named, values)
        elif values is None:
            pairs = ((u, None) for u in named)
        else:
            continue
        for uid, value in pairs:
            if isinstance(uid, str):
                accepted[uid] = value
    return accepted


def verify(conn: sqlite3.Connection, db_path: Path | None = None) -> Verdict:
    """Walk every pc's rows in id order, recomputing digests and links; name each edited, unsealed or out-of-chain
    row, and (given the file's path) a tail cut off after the head this PC remembered."""
    factory = conn.text_factory
    conn.text_factory = text_or_raw  # a text a tool wrote that is not UTF-8 is an edited row, not a failed read
    try:
        return _verify(conn, db_path)
    finally:
        conn.text_factory = factory


def _nodes_of_this_file(conn: sqlite3.Connection) -> set[str]:
    """This file's node id now and every one it had before (a copy or a move takes a new one, node_seat.py): each
    change of node_id is a settings row sealed by the new node, naming the old id."""
    nodes = {chain_owner(conn)}
    changes = conn.execute("SELECT pc, old_value FROM audit_log WHERE entity = 'settings' AND record_uid = 'node_id' "
                           "AND field = 'value' AND old_value IS NOT NULL").fetchall()
    grown = True
    while grown:
        before = len(nodes)
        nodes |= {old for pc, old in changes if pc in nodes}
        grown = len(nodes) > before
    return nodes


def _verify(conn: sqlite3.Connection, db_path: Path | None) -> Verdict:
    verdict = Verdict()
    erasures = _erasures(conn)
    accepted = _erased_values(conn) if erasures else {}
    chains: dict[str, str] = {}
    counts: dict[str, int] = {}
    continued: list[tuple] = []
    own = _nodes_of_this_file(conn)
    ids_of_chain: dict[str, int] = {}
    for row in conn.execute(f"SELECT {ROW_SELECT}, pc, digest, chain, {version_column(conn)} FROM audit_log ORDER BY id"):
        verdict.rows += 1
        base, pc, digest, chain, hlc = row[:10], row[10], row[11], row[12], row[13]
        where = (row[0], row[3] or "", row[4] or "", row[8] or "")
        if not pc or not digest or not chain:
            verdict.problems.append(Problem(UNSEALED, *where))
            continue
        # A seal a SQLite tool made bytes (or not UTF-8): a text no digest or chain can equal, never a failure.
        pc, digest, chain = (v if isinstance(v, str) else repr(v)
                             for v in (pc, digest, chain))
        counts[pc] = counts.get(pc, 0) + 1
        expected = digest_of(base, pc, hlc)
        if expected != digest:
            if (row[0] in erasures and row[1] in accepted and expected[:32] == digest[:32] and row[5] != ERASED
                    and accepted[row[1]] in (None, expected[32:])):
                verdict.erased += 1
            else:
                verdict.problems.append(Problem(EDITED, *where))
        previous = chains.get(pc, genesis(pc))
        if link(previous, digest) != chain:
            verdict.problems.append(Problem(BROKEN, *where))
        chains[pc] = chain  # follow the stored chain: one break is named once
        ids_of_chain[pc] = row[0]
        if row[5] == LOST_TAIL:  # a save found rows this PC had sealed gone: they stay missing
            try:
                lost = json.loads(row[6] or "{}").get("last_id", "?")
            except (ValueError, AttributeError, RecursionError):
                lost = "?"
            verdict.problems.append(Problem(LOST, row[0], str(lost), row[3] or "", row[8] or ""))
        if row[5] == CONTINUES and pc in own:  # a chain of this file that ended at the upgrade: its last row must
            continued.append(row)             # still be there (another office's names rows of its own file)
    for row in continued:
        try:
            named = json.loads(row[7] or "{}")
            last = conn.execute("SELECT pc, chain FROM audit_log WHERE id = ?", (int(named["last_id"]),)).fetchone()
            intact = last is not None and tuple(last) == (named["pc"], named["chain"])
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError, OverflowError):
            intact = False
        if not intact:
            verdict.problems.append(Problem(CUT, row[0], row[3] or "", row[4] or "", row[8] or ""))
    verdict.pcs = len(counts)
    if db_path is not None:
        head = remembered_head(db_path)
        if head is not None and cut_off(conn, head):
            verdict.problems.append(Problem(TAIL, int(head["last_id"])))
    return verdict


_LIMIT = 20  # rows named per kind; the rest are counted


def _named(problem: Problem) -> str:
    return f"{problem.entity} {problem.record_uid}、{problem.changed_at} の変更"


_TEXT = {
    EDITED: "変更履歴の行 {id} が書き換えられています（{named}）。",
    BROKEN: "変更履歴の行 {id} の前で、行が削除されたか順番が入れ替えられています（{named}）。",
    UNSEALED: "変更履歴の行 {id} はこのアプリが書いたものではありません（封印がありません。{named}）。",
    TAIL: ("この PC が最後に記録した変更履歴（行 {id}）が見つかりません。末尾の行が削除されたおそれがあります"
           "（古いバックアップで上書きしたときも同じです。次に保存すると、そのことを変更履歴に記録します）。"),
    CUT: ("更新（バージョン 0.9）の前に記録された最後の変更履歴の行が見つからないか、書き換えられています（行 {id} に"
          "記録）。その前後の行が削除されたおそれがあります。"),
    LOST: ("変更履歴の行 {entity} までが、{changed_at} の保存の前に見つかりませんでした（行 {id} に記録）。"
           "末尾の行が削除されたか、ファイルが古いバックアップで上書きされています。"),
}


def problem_lines(verdict: Verdict) -> list[str]:
    lines = []
    for kind in (EDITED, BROKEN, UNSEALED, TAIL, LOST, CUT):
        found = [p for p in verdict.problems if p.kind == kind]
        lines += [_TEXT[kind].format(id=p.row_id, named=_named(p), entity=p.entity, changed_at=p.changed_at)
                  for p in found[:_LIMIT]]
        if len(found) > _LIMIT:
            lines.append(f"ほかにも同じ種類の問題が {len(found) - _LIMIT:,} 行あります。")
    return lines


SEALED_SCHEMA = 16  # migration 0016 added the seal columns


def _sealed_schema(conn: sqlite3.Connection) -> bool:
    """True when the file had the seal: its schema version, or the migration recorded as applied."""
    if conn.execute("PRAGMA user_version").fetchone()[0] >= SEALED_SCHEMA:
        return True
    try:
        return conn.execute("SELECT 1 FROM _sqlite_migrations WHERE name LIKE '0016%'").fetchone() is not None
    except sqlite3.OperationalError:
        return False


def check_lines(conn: sqlite3.Connection, path: Path, report: list[str], problems: list[str]) -> None:
    """`agency-app check`: verify the history's seal and add what it found to the report and the problems."""
    columns = {r[1] for r in conn.execute("PRAGMA table_info(audit_log)")}
    if not columns:  # every schema has it: dropped (DROP TABLE, which no trigger stops)
        problems.append("変更履歴の表がありません。SQLite のツールなどで削除されたおそれがあります。")
        return
    if not {"pc", "digest", "chain"} <= columns:
        if _sealed_schema(conn):  # the seal was there: taken away by a SQLite tool, with it every later edit unseen
            problems.append("変更履歴の封印の列がありません。SQLite のツールなどで削除されたおそれがあります"
                            "（変更履歴の書き換えを確かめられません）。")
        else:
            report.append("変更履歴の封印: まだありません（アプリで開くと更新され、封印されます）")
        return
    verdict = verify(conn, path)
    erased = f"、消去の記録どおり書き換えられた行 {verdict.erased:,}" if verdict.erased else ""
    # One chain per office database (per PC before 0.9.0): merged histories name each office that sealed rows.
    report.append(f"変更履歴の封印: {verdict.rows:,} 行を確認（記録元 {verdict.pcs} か所{erased}）")
    problems.extend(problem_lines(verdict))
    problems.extend(_recording_problems(conn))


def _recording_problems(conn: sqlite3.Connection) -> list[str]:
    """What would stop changes being recorded at all: the audit triggers not as the registry makes them, or a row
    left in sync_applying (it silences them; only an import holds one, inside its transaction)."""
    found = []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if SYNC_APPLYING in tables and conn.execute(f"SELECT count(*) FROM {SYNC_APPLYING}").fetchone()[0]:
        found.append("変更履歴の記録を止める行が残っています（sync_applying）。SQLite のツールなどで書き込まれたおそれが"
                     "あります。アプリで開くと取り除かれます。")
    changed = []
    for table in REGISTRY:
        if table not in tables:
            continue
        try:
            expected = trigger_sql(table, audited_columns(conn, table), quiet_while_merging=SYNC_APPLYING in tables)
        except UnregisteredColumn:
            changed.append(table)
            continue
        stored = [conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                               (f"{table}_audit_{kind}",)).fetchone() for kind in ("insert", "update", "delete")]
        if [row[0] if row else None for row in stored] != expected:
            changed.append(table)
    if changed:
        found.append(f"変更履歴を記録する仕組み（トリガー）が変更されているか、ありません: {', '.join(changed)}。"
                     "SQLite のツールなどで変更されたおそれがあります（その後の変更は記録されていない可能性があります）。")
    return found
