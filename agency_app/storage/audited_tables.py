"""The one table registry of the change history (R11): each audited table's key and columns, and the triggers made from it.

Every table holding records is listed with its key (what an audit row names as record_uid), the columns
whose values are recorded, and — so that a new column is never left out silently — the columns that are
deliberately not recorded and why. `install_audit_triggers` (re)creates a table's three triggers from it:

- insert: one '*created' row whose new_value is a JSON object of the audited columns that are not NULL
  (one row per record: the demo has millions of voices, a row per column would multiply the log);
- update: one row per audited column whose value changed (old and new value);
- delete: one '*deleted' row whose old_value is the JSON object of the values the record had. Who and
  when are the row's last stamp (updated_by, updated_at): `records.delete_row` stamps the deleting
  staff first. Connections of this application turn `recursive_triggers` on (storage/database.py), so an
  INSERT OR REPLACE that pushes a row out leaves its '*deleted' row too.

Why migrations call this instead of carrying trigger SQL: a migration runs on databases of every age,
and on a new database after all migrations before it. The triggers are generated from the registry
columns that exist in the table at that moment (PRAGMA table_info), so replaying 0007 on a new file
before a later migration adds a column gives triggers without it, and that later migration — which adds
the column here and calls `install_audit_triggers(conn, table)` again — gives triggers with it. A column
the table has but the registry does not know stops the migration with its name (nothing is forgotten
silently); a column dropped by a later migration stays listed here as not audited, for the replay.
A test checks that a fully migrated database has exactly the triggers the registry generates now.
The generated SQL text is also what the demo's bulk loader writes its '*created' rows with
(`created_row_sql`), so bulk-loaded history is what the triggers would have written.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

__all__ = ["AuditedTable", "REGISTRY", "UnregisteredColumn", "AUDIT_COLUMNS", "CREATED", "DELETED",
           "audited_columns", "created_row_sql", "install_audit_triggers", "snapshot", "trigger_sql"]

CREATED, DELETED = "*created", "*deleted"  # audit_log.field of a whole-record row
AUDIT_COLUMNS = "branch, entity, record_uid, field, old_value, new_value, changed_at, changed_by"
# The branch this database belongs to, read when the change is written (R30: merged histories keep it).
HOME_BRANCH = "(SELECT value FROM settings WHERE key = 'home_branch')"
# While a bundle from another office is merged (agency_app/sync/merge.py), the changes it carries are written to the
# history as they came, sealed by the office that made them: the audit triggers stay quiet while this table holds a
# row (migration 0017 makes it; the merge fills it inside its transaction and empties it before COMMIT).
SYNC_APPLYING = "sync_applying"
_QUIET_WHILE_MERGING = f"WHEN NOT EXISTS (SELECT 1 FROM {SYNC_APPLYING}) "
# json_object takes at most 127 arguments in older SQLite builds (SQLITE_MAX_FUNCTION_ARG): columns are
# put in objects of this many and merged.
_JSON_CHUNK = 40

# Master data (branches, staff, categories, insurers) keeps no created_by; records do, and a version.
_STAMPS = {
    "origin_branch": "the office that made the record: each audit row carries its own branch",
    "created_at": "when it was made: the '*created' row's changed_at",
    "updated_at": "each audit row's changed_at",
    "updated_by": "each audit row's changed_by",
}
_VERSIONED = dict(_STAMPS, created_by="who made it: the '*created' row's changed_by",
                  version="edit counter of the optimistic version check, not a value of the record")
_ROWID = {"rowid": "the row's place in the file; the record is known by its uid everywhere"}


def _uid_beside(key: str) -> dict[str, str]:
    return {"uid": f"the global id of a row keyed by {key}; never changes once made"}


@dataclass(frozen=True)
class AuditedTable:
    """One audited table: its key column, the columns whose values are recorded, and those that are not (why)."""

    name: str
    key: str
    audited: tuple[str, ...]
    not_audited: dict[str, str] = field(default_factory=dict)

    def known(self) -> set[str]:
        return {self.key, *self.audited, *self.not_audited}


REGISTRY: dict[str, AuditedTable] = {t.name: t for t in (
    AuditedTable("branches", "code", ("name", "is_head_office", "active"),
                 {**_uid_beside("code"), **_STAMPS}),
    AuditedTable("staff", "uid", ("name", "kana", "team", "role", "branch_code", "active"),
                 {**_STAMPS}),
    AuditedTable("categories", "uid", ("preset", "group_name", "item_name", "sort_order", "active"),
                 {**_STAMPS}),
    AuditedTable("insurers", "uid", ("name", "sort_order", "active"), {**_STAMPS}),
    AuditedTable("voices", "uid", (
        "branch_code", "received_at", "received_by", "channel", "kind", "is_complaint", "category_group",
        "category_item", "product_line", "insurer", "customer_name", "summary", "body", "response", "status",
        "assignee_id", "due_date", "callback_at", "callback_staff_id", "completed_on", "completed_by",
        "close_reason", "reopen_count", "reopen_note", "callback_done_at", "callback_done_by", "customer_id",
        "team",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("customers", "uid", (
        "branch_code", "name", "kana", "birth_date", "phone", "postal_code", "address", "product_lines",
        "notes", "active",
    ), {**_ROWID, **_VERSIONED,
        "phone_digits": "derived from phone on every save (search only)",
        "search_key": "derived from name and kana on every save (search only)",
        "kana_key": "derived from kana and name on every save (the list's 五十音 order only)"}),
    AuditedTable("checklist_templates", "case_type", ("steps",), {**_uid_beside("case_type"), **_VERSIONED}),
    AuditedTable("cases", "uid", (
        "branch_code", "case_type", "title", "body", "customer_id", "voice_id", "product_line", "insurer",
        "opened_on", "response", "status", "assignee_id", "due_date", "callback_at", "callback_staff_id",
        "callback_done_at", "callback_done_by", "completed_on", "completed_by", "close_reason", "reopen_count",
        "reopen_note",
    ), {**_ROWID, **_VERSIONED,
        "search_text": "derived from title and body on every save (search only, widths folded)"}),
    # case_id and position: a step's own history says which case it belongs to, even once it is gone.
    AuditedTable("case_steps", "uid", ("case_id", "position", "label", "done_at", "done_by", "note"),
                 {**_VERSIONED}),
    AuditedTable("elderly_rules", "uid", ("rules_version", "rules", "effective_from"), {**_VERSIONED}),
    AuditedTable("elderly_sales", "uid", (
        "branch_code", "customer_id", "sale_date", "product_line", "insurer", "product_name", "seller_id",
        "face_to_face", "measure", "relative_name", "relative_relation", "meeting_dates", "second_agent_id",
        "less_preferred_reason", "phone_checker_id", "phone_checked_on", "answer_public_insurance",
        "answer_product_reason", "customer_comment", "follow_up_note", "written_confirmed_on", "rules_version",
        "is_complete", "completed_on", "due_date", "notes",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("voice_days", "uid", (
        "branch_code", "team", "held_on", "range_from", "range_to", "leader_id", "notes", "status", "closed_at",
        "closed_by", "reopen_count", "reopen_note",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("voice_day_attendees", "uid", ("voice_day_id", "staff_id"), {**_ROWID, **_VERSIONED}),
    AuditedTable("voice_decisions", "uid", ("voice_day_id", "voice_id", "decision", "reason", "improvement_id"),
                 {**_ROWID, **_VERSIONED}),
    AuditedTable("improvements", "uid", (
        "branch_code", "team", "title", "cause", "action", "owner_id", "opened_on", "due_date", "status",
        "completed_on", "completed_by", "close_reason", "reopen_count", "reopen_note", "reported_on",
        "reported_insurer",
    ), {**_ROWID, **_VERSIONED,
        "search_text": "derived from title, cause and action on every save (search only, widths folded)"}),
    AuditedTable("improvement_voices", "uid", ("improvement_id", "voice_id"), {**_ROWID, **_VERSIONED}),
    AuditedTable("circulations", "uid", ("branch_code", "month", "issued_on", "issued_by"), {**_ROWID, **_VERSIONED}),
    AuditedTable("circulation_reads", "uid", ("circulation_id", "staff_id", "read_at"), {**_ROWID, **_VERSIONED}),
    AuditedTable("kpis", "uid", (
        "fiscal_year", "principle", "title", "description", "target", "unit", "direction", "period", "places",
        "source", "source_param", "sort_order",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("kpi_results", "uid", (
        "kpi_id", "period_kind", "period_number", "hand_value", "facts", "evaluation", "frozen_value", "frozen_at",
        "frozen_by",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("kpi_finalisations", "uid", (
        "fiscal_year", "period_kind", "period_number", "status", "finalised_at", "finalised_by", "reopen_count",
        "reopen_note",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("survey_types", "uid", (
        "code", "name", "scale_n", "top_k", "grade_labels", "asks_recommendation", "question", "sort_order", "active",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("survey_answers", "uid", (
        "branch_code", "answered_on", "survey_type", "product_line", "recommendation", "satisfaction_grade",
        "comment", "voice_id",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("trainings", "uid", ("branch_code", "held_on", "kind", "theme", "pass_mark", "notes"),
                 {**_ROWID, **_VERSIONED}),
    AuditedTable("training_participants", "uid", ("training_id", "staff_id"), {**_ROWID, **_VERSIONED}),
    AuditedTable("roleplay_results", "uid", ("training_id", "staff_id", "attempt", "score", "outcome"),
                 {**_ROWID, **_VERSIONED}),
    AuditedTable("qualifications", "uid", ("staff_id", "name", "obtained_on", "expires_on"),
                 {**_ROWID, **_VERSIONED}),
    AuditedTable("exports", "uid", (
        "branch_code", "report", "description", "with_personal_data", "file_name", "row_count",
    ), {**_ROWID, **_VERSIONED}),
    AuditedTable("imports", "uid", ("branch_code", "target", "file_name", "sheet", "rows_added", "rows_skipped"),
                 {**_ROWID, **_VERSIONED}),
    AuditedTable("relative_contacts", "uid", (
        "branch_code", "customer_id", "product_line", "outcome", "relative_name", "relation", "phone",
        "obtained_by", "decline_reason", "recorded_on", "recorded_by",
    ), {**_ROWID, **_VERSIONED}),
)}


class UnregisteredColumn(RuntimeError):
    """A table has a column the registry neither audits nor lists as not audited: add it to REGISTRY."""


def table_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def audited_columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """The registry's audited columns of `table` that the table has now, in registry order.

    Raises UnregisteredColumn when the table has a column the registry does not know."""
    spec = REGISTRY[table]
    present = table_columns(conn, table)
    unknown = [c for c in present if c not in spec.known()]
    if unknown:
        raise UnregisteredColumn(
            f"{table}: column(s) {', '.join(unknown)} neither audited nor listed as not audited "
            "in agency_app/storage/audited_tables.py")
    return [c for c in spec.audited if c in present]


def values_json(columns: list[str], alias: str) -> str:
    """SQL for a JSON object of the row's (alias.column) values, NULLs left out (json_patch drops them)."""
    expression = "'{}'"
    for start in range(0, len(columns), _JSON_CHUNK):
        pairs = ", ".join(f"'{c}', {alias}.{c}" for c in columns[start:start + _JSON_CHUNK])
        expression = f"json_patch({expression}, json_object({pairs}))"
    return expression


def _row(table: str, key_of: str, field_sql: str, old: str, new: str, stamp_of: str) -> str:
    """The SELECT list of one audit row (AUDIT_COLUMNS order)."""
    return (f"{HOME_BRANCH}, '{table}', {key_of}, {field_sql}, {old}, {new}, "
            f"{stamp_of}.updated_at, {stamp_of}.updated_by")


def created_row_sql(table: str, columns: list[str], alias: str) -> str:
    """The SELECT list (AUDIT_COLUMNS order) of the '*created' row of the row `alias` — trigger and bulk load alike."""
    spec = REGISTRY[table]
    return _row(table, f"{alias}.{spec.key}", f"'{CREATED}'", "NULL", values_json(columns, alias), alias)


def trigger_sql(table: str, columns: list[str], *, quiet_while_merging: bool = True) -> list[str]:
    """CREATE TRIGGER statements (insert, update, delete) recording `columns` of `table`.

    `quiet_while_merging`: the triggers write nothing while sync_applying holds a row (schema 17 on; a replay of an
    older migration on a new file, before that table exists, makes them without the condition)."""
    key = REGISTRY[table].key
    when = _QUIET_WHILE_MERGING if quiet_while_merging else ""
    insert = f"    INSERT INTO audit_log ({AUDIT_COLUMNS})\n    SELECT "
    created = (f"CREATE TRIGGER {table}_audit_insert AFTER INSERT ON {table} {when}BEGIN\n"
               f"{insert}{created_row_sql(table, columns, 'new')};\nEND")
    changes = "".join(
        insert + _row(table, f"new.{key}", f"'{c}'", f"old.{c}", f"new.{c}", "new")
        + f"\n    WHERE old.{c} IS NOT new.{c};\n" for c in columns)
    updated = f"CREATE TRIGGER {table}_audit_update AFTER UPDATE ON {table} {when}BEGIN\n{changes}END"
    gone = _row(table, f"old.{key}", f"'{DELETED}'", values_json(columns, "old"), "NULL", "old")
    deleted = f"CREATE TRIGGER {table}_audit_delete AFTER DELETE ON {table} {when}BEGIN\n{insert}{gone};\nEND"
    return [created, updated, deleted]


def install_audit_triggers(conn: sqlite3.Connection, *tables: str) -> list[str]:
    """(Re)create the audit triggers of `tables` (default: every registered table that exists) from the registry.

    Call it from a migration, inside its transaction; returns the tables done."""
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    quiet = SYNC_APPLYING in existing
    done = []
    for table in tables or tuple(REGISTRY):
        if table not in existing:
            if tables:
                raise KeyError(f"no table {table} to audit")
            continue  # made by a later migration, which installs its triggers then
        statements = trigger_sql(table, audited_columns(conn, table), quiet_while_merging=quiet)
        for kind in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER IF EXISTS {table}_audit_{kind}")
        for statement in statements:
            conn.execute(statement)
        done.append(table)
    return done


def snapshot(text: str | None) -> dict[str, str]:
    """The values of a '*created' or '*deleted' row (column → value as text, like other rows); {} for none."""
    if not text:
        return {}
    try:
        values = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(values, dict):
        return {}
    return {k: v if isinstance(v, str) else json.dumps(v) for k, v in values.items() if v is not None}
