"""Erase one customer's personal data on their request (利用停止・消去, R31): records, history and drafts, recorded.

One write transaction does the database part; nothing of it is kept if any step fails:
1. the records about the customer (PARTS) get their personal values replaced by 削除済み (a date of birth
   becomes NULL: it is read as a date everywhere). The update triggers write ordinary history rows as for any
   edit — and those carry the old values in old_value, like every earlier row about these records;
2. every history row about these records (the ones just written included) whose values hold personal data
   is listed in ONE '*erased' history row (who, when, why, which rows — the contract of migration 0016 with
   the seal of the history, point 5), each is entered in audit_erasures with that row's uid, and only then
   are their old_value / new_value rewritten (the only update 0016's trigger lets through);
3. the changed voices are indexed again and both word indexes merged into one segment each (FTS5 keeps a
   changed row's old words in its shadow tables until a merge).
The drafts folder is cleaned after the commit: a draft is a file, outside the transaction, and a failed
erasure must not have thrown away anybody's typing.

Counts stay right: no record is deleted, and what the counts read (kinds, statuses, dates, measures,
outcomes, product lines, branches) is left as it was.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from agency_app.domain import codes
from agency_app.domain.erasure import ERASED, erase_json, kana_forms, person_replacer, reason_problem
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.voice import format_datetime
from agency_app.storage import word_index
from agency_app.storage.history_chain import erasure_row_json, values_of
from agency_app.storage.audited_tables import AUDIT_COLUMNS, CREATED, DELETED, HOME_BRANCH
from agency_app.storage.customers import CustomerNotFound
from agency_app.storage.database import Store
from agency_app.storage.derived_columns import derived_columns
from agency_app.storage.drafts import DraftStore
from agency_app.storage.file_moves import unlink_retrying
from agency_app.storage.records import NotAllowed, dicts, get_row, update_row

__all__ = ["ERASED", "ERASED_FIELD", "Erasure", "NotManager", "PARTS", "empty_wal_after_erasure", "erase_again", "erase_customer",
           "erase_drafts",
           "records_about"]

log = logging.getLogger(__name__)

ERASED_FIELD = "*erased"  # audit_log.field of the row that records an erasure


class NotManager(NotAllowed):
    """Only an active manager may erase a customer's personal data."""


@dataclass(frozen=True)
class Part:
    """One table the erasure touches: which of its records are about the customer, and what happens to them."""

    table: str
    about: str  # SELECT of the uids of its records about the customer (:customer is the customer's uid)
    blank: tuple[str, ...] = ()   # personal values: replaced whole by 削除済み (when not empty)
    nulled: tuple[str, ...] = ()  # personal dates: NULL (a date column is read as a date; 削除済み is not one)
    masked: tuple[str, ...] = ()  # typed texts: the person's name, phone and address in them replaced
    others: bool = False  # texts about anybody (not the customer's records): a name is replaced only written
    #                       whole, family and given name (「田中」 alone would take 「田中町」 from someone else)


# The customer's own record: what identifies the person goes; branch, product lines, active stay (counts read
# them). Notes are free text about the person: erased whole, since no one can tell what they hold.
PARTS = (
    Part("customers", "SELECT uid FROM customers WHERE uid = :customer",
         blank=("name", "kana", "phone", "postal_code", "address", "notes"), nulled=("birth_date",)),
    Part("relative_contacts", "SELECT uid FROM relative_contacts WHERE customer_id = :customer",
         blank=("relative_name", "phone"), masked=("decline_reason",)),
    Part("voices", "SELECT uid FROM voices WHERE customer_id = :customer",
         blank=("customer_name",), masked=("summary", "body", "response", "close_reason", "reopen_note")),
    Part("cases", "SELECT uid FROM cases WHERE customer_id = :customer",
         masked=("title", "body", "response", "close_reason", "reopen_note")),
    Part("case_steps", "SELECT uid FROM case_steps WHERE case_id IN "
                       "(SELECT uid FROM cases WHERE customer_id = :customer)", masked=("note",)),
    Part("elderly_sales", "SELECT uid FROM elderly_sales WHERE customer_id = :customer",
         blank=("relative_name",),
         masked=("customer_comment", "follow_up_note", "notes", "less_preferred_reason")),
    Part("voice_decisions", "SELECT uid FROM voice_decisions WHERE voice_id IN "
                            "(SELECT uid FROM voices WHERE customer_id = :customer)", masked=("reason",)),
    Part("improvements", "SELECT DISTINCT improvement_id FROM improvement_voices WHERE voice_id IN "
                         "(SELECT uid FROM voices WHERE customer_id = :customer)",
         masked=("title", "cause", "action", "close_reason", "reopen_note")),
    # The record of a list exported with personal data: its filter (検索語: the name) and the file's name as typed.
    Part("exports", "SELECT uid FROM exports", masked=("description", "file_name"), others=True),
    # Texts typed about the customer without a link to them: a KPI result's facts, a voice day's notes.
    Part("kpi_results", "SELECT uid FROM kpi_results", masked=("facts", "evaluation"), others=True),
    Part("voice_days", "SELECT uid FROM voice_days", masked=("notes", "reopen_note"), others=True),
    Part("survey_answers", "SELECT uid FROM survey_answers WHERE voice_id IN "
                           "(SELECT uid FROM voices WHERE customer_id = :customer)", masked=("comment",)),
)
_NAMES = {"customers": ("name", "kana"), "relative_contacts": ("relative_name",), "elderly_sales": ("relative_name",)}
_PHONES = {"customers": ("phone",), "relative_contacts": ("phone",)}
_TEXTS = {"customers": ("address",)}  # typed as a whole: replaced where it stands in a text as it was stored


@dataclass(frozen=True)
class Erasure:
    """What one erasure did: its history row, how many records and history rows it changed, the drafts removed
    and any draft file it could not remove (held by another program: the user is told)."""

    erasure_uid: str
    records: int
    history_rows: int
    drafts_removed: int = 0
    drafts_left: tuple[str, ...] = ()


def erase_customer(store: Store, customer_uid: str, reason: str, *, by: str, drafts: DraftStore | None = None,
                   now: datetime | None = None) -> Erasure:
    """Erase the customer's personal data everywhere (see the module), then their drafts; return what was done.

    Raises ValidationFailed (no reason), NotManager, CustomerNotFound or StorageError; then nothing changed."""
    problem = reason_problem(reason)
    if problem:
        raise ValidationFailed([problem])
    stamp = format_datetime(now or now_tokyo())
    conn = store.conn
    secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")  # the freed space of the old values is zeroed, not left in the file
    try:
        with store.write() as db:
            _check_manager(db.conn, by)
            get_row(db.conn, "customers", customer_uid, CustomerNotFound)
            erasure_uid, records, strict, rows = _erase_in_transaction(db.conn, customer_uid, reason.strip(),
                                                                         by=by, stamp=stamp)
        empty_wal_after_erasure(conn)
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(secure)}")
    removed, left = erase_drafts(drafts, customer_uid, strict) if drafts is not None else (0, ())
    return Erasure(erasure_uid, records, rows, removed, left)


def empty_wal_after_erasure(conn: sqlite3.Connection) -> None:
    """Copy the -wal into the file and cut it to nothing: it still holds every page written before the erasure
    (the old values) until the last connection closes, and a kill or a copy of the folder meanwhile would keep
    them. The erasure is committed: a checkpoint that cannot finish (another reader) is said in the log only."""
    try:
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except sqlite3.Error as error:
        log.warning("the -wal could not be emptied after an erasure: %s", error)
        return
    if busy:
        log.warning("the -wal could not be emptied after an erasure: another connection is reading")


def _check_manager(conn: sqlite3.Connection, by: str) -> None:
    row = conn.execute("SELECT role, active FROM staff WHERE uid = ?", (by,)).fetchone()
    if row is None or row[0] != codes.ROLE_MANAGER or not row[1]:
        raise NotManager(by)


def records_about(conn: sqlite3.Connection, customer_uid: str) -> dict[str, list[str]]:
    """table → the uids of its records an erasure of the customer touches (PARTS)."""
    return {part.table: [r[0] for r in conn.execute(part.about, {"customer": customer_uid})] for part in PARTS}


def erase_again(conn: sqlite3.Connection, customer_uid: str, reason: str, *, by: str, stamp: str) -> str | None:
    """Inside a write transaction: erase what is still there of a customer erased at another office (issue 14), as
    this office's own recorded erasure; None (and nothing written) when nothing of them was left here."""
    return _erase_in_transaction(conn, customer_uid, reason, by=by, stamp=stamp, only_if_changed=True)[0]


def _erase_in_transaction(conn: sqlite3.Connection, customer_uid: str, reason: str, *, by: str,
                          stamp: str, only_if_changed: bool = False
                          ) -> tuple[str | None, int, Callable[[str | None], str | None], int]:
    about = records_about(conn, customer_uid)
    replace, strict = _replacer(conn, about)
    records = 0
    for part in PARTS:
        for uid in about[part.table]:
            records += _erase_record(conn, part, uid, strict if part.others else replace, by=by, stamp=stamp)
    if about["voices"] and (records or not only_if_changed):
        _merge_word_indexes(conn)
    rewrites = _history_rewrites(conn, about, replace, strict)
    if only_if_changed and not records and not rewrites:
        return None, 0, strict, 0
    # The reason is typed by the manager: it must not bring back the name it is about.
    record = erasure_row_json(replace(reason), [r[1] for r in rewrites],
                              [values_of(old, new) for _id, _uid, old, new in rewrites])
    cursor = conn.execute(f"INSERT INTO audit_log ({AUDIT_COLUMNS}) SELECT {HOME_BRANCH}, 'customers', ?, ?, "
                          "NULL, ?, ?, ?", (customer_uid, ERASED_FIELD, record, stamp, by))
    erasure_uid = conn.execute("SELECT uid FROM audit_log WHERE id = ?", (cursor.lastrowid,)).fetchone()[0]
    # A row an earlier erasure rewrote already (a text naming two customers) stays listed under that one: this
    # erasure's own row names it with the values it leaves (history_chain), and audit_erasures is append-only.
    conn.executemany("INSERT INTO audit_erasures (audit_id, erasure_uid) SELECT ?, ? "
                     "WHERE NOT EXISTS (SELECT 1 FROM audit_erasures WHERE audit_id = ?)",
                     [(row_id, erasure_uid, row_id) for row_id, _uid, _old, _new in rewrites])
    conn.executemany("UPDATE audit_log SET old_value = ?, new_value = ? WHERE id = ?",
                     [(old, new, row_id) for row_id, _uid, old, new in rewrites])
    return erasure_uid, records, strict, len(rewrites)


def _merge_word_indexes(conn: sqlite3.Connection) -> None:
    """Index the changed voices now and merge each word index into one segment: FTS5 only marks a changed row's old
    words as deleted and keeps them in the old segments (its shadow tables) until a merge."""
    word_index.index_pending_in_transaction(conn)
    for table in ("voices_fts", word_index.TABLE):
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone():
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


def _replacer(conn: sqlite3.Connection, about: dict[str, list[str]]) -> tuple[Callable[[str | None], str | None],
                                                                               Callable[[str | None], str | None]]:
    """The functions that put 削除済み over the person's values in a text: their name and kana, their relatives'
    names, the phone numbers and the address — as they are now and as the history says they were before. The
    first for texts about the customer; the second for texts about anybody (drafts, Part.others): a name there
    only when written whole, family and given name."""
    names, phones, texts = [], [], []
    for table, uids in about.items():
        wanted = {*_NAMES.get(table, ()), *_PHONES.get(table, ()), *_TEXTS.get(table, ())}
        if not wanted or not uids:
            continue
        for row in _rows(conn, table, uids):
            for column in wanted:
                _sort(table, column, row[column], names, phones, texts)
        for field, old, new in _history(conn, table, uids, "field, old_value, new_value"):
            if field in (CREATED, DELETED):
                for value in (old, new):
                    for column, text in _json_values(value).items():
                        if column in wanted:
                            _sort(table, column, text, names, phones, texts)
            elif field in wanted:
                for value in (old, new):
                    _sort(table, field, value, names, phones, texts)
    whole = [n for n in names if len(n.replace("\u3000", " ").split()) > 1]
    return person_replacer(names, phones, texts), person_replacer(whole, phones, texts)


def _sort(table: str, column: str, value, names: list, phones: list, texts: list) -> None:
    if not isinstance(value, str) or not value.strip() or value == ERASED:
        return
    if column == "kana":
        names.extend(kana_forms(value))
    elif column in _NAMES.get(table, ()):
        names.append(value)
    elif column in _PHONES.get(table, ()):
        phones.append(value)
    else:
        texts.append(value)


def _json_values(text: str | None) -> dict:
    try:
        values = json.loads(text) if text else {}
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _rows(conn: sqlite3.Connection, table: str, uids: list[str]) -> list[dict]:
    return [row for start in range(0, len(uids), 500) for row in dicts(conn.execute(
        f"SELECT * FROM {table} WHERE uid IN ({', '.join('?' * len(uids[start:start + 500]))})",
        uids[start:start + 500]))]


def _history(conn: sqlite3.Connection, table: str, uids: list[str], columns: str) -> list[tuple]:
    rows = []
    for start in range(0, len(uids), 500):
        chunk = uids[start:start + 500]
        rows += conn.execute(f"SELECT {columns} FROM audit_log WHERE entity = ? AND record_uid IN "
                             f"({', '.join('?' * len(chunk))}) ORDER BY id", (table, *chunk)).fetchall()
    return rows


def _erase_record(conn: sqlite3.Connection, part: Part, uid: str, replace, *, by: str, stamp: str) -> int:
    """Write one record's erased values (stamped with who and when, as any edit); 1 if it changed, else 0."""
    row = _rows(conn, part.table, [uid])[0]
    changes = {c: ERASED for c in part.blank if row[c] not in (None, "", ERASED)}
    changes.update({c: None for c in part.nulled if row[c] is not None})
    changes.update({c: replace(row[c]) for c in part.masked if replace(row[c]) != row[c]})
    if not changes:
        return 0
    changes.update(derived_columns(part.table, dict(row, **changes)))  # the search columns follow, as on every save
    update_row(conn, part.table, uid, dict(changes, updated_at=stamp, updated_by=by))
    return 1


def _history_rewrites(conn: sqlite3.Connection, about: dict[str, list[str]],
                      replace, strict) -> list[tuple[int, str, str | None, str | None]]:
    """(id, uid, old_value, new_value) of every history row about these records whose values change when erased."""
    rewrites = []
    for part in PARTS:
        masks = strict if part.others else replace
        whole = (*part.blank, *part.nulled)
        for row_id, uid, field, old, new in _history(conn, part.table, about[part.table],
                                                     "id, uid, field, old_value, new_value"):
            if field in whole:
                values = [ERASED if v not in (None, "") else v for v in (old, new)]
            elif field in (CREATED, DELETED):
                values = [erase_json(v, whole, masks) for v in (old, new)]
            else:
                values = [masks(v) for v in (old, new)]
            if values != [old, new]:
                rewrites.append((row_id, uid, *values))
    rewrites.sort()
    return rewrites


def erase_drafts(drafts: DraftStore, customer_uid: str,
                 replace: Callable[[str | None], str | None]) -> tuple[int, tuple[str, ...]]:
    """Remove every file of the drafts folder (drafts, set-aside damaged ones, left-over temp files) that names the
    customer (their uid) or holds their personal values; return (removed, names of files that could not be)."""
    folder = Path(drafts.folder)
    if not folder.is_dir():
        return 0, ()
    removed, left = 0, []
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            left.append(path.name)
            continue
        if customer_uid not in text and replace(text) == text:
            continue
        try:
            unlink_retrying(path)
            removed += 1
        except OSError:
            left.append(path.name)
    return removed, tuple(left)
