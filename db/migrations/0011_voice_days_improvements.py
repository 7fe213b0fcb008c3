"""Migration 0011: the weekly voice day (声の日, R14), improvements (改善, R12) and the monthly circulation (回覧).

A voice now belongs to a team (voices.team): the team of the staff member who received it, filled here for the
voices already stored; a voice can be moved to another team later (audited). The new tables:
- voice_days: one team's meeting — the day, the voices' date range, the leader, notes, open or closed;
- voice_day_attendees: who was there;
- voice_decisions: per meeting and voice, what was decided (shared, an improvement, or none with the reason);
- improvements and improvement_voices: an improvement and the voices (of any team) it answers;
- circulations and circulation_reads: a month's circulation sheet and who has confirmed reading it.
Every table is audited (R11) through the registry in storage/audited_tables.py.
Append-only once landed: never edit this file; add 0012_… instead.
"""

from agency_app.storage.audited_tables import install_audit_triggers
from agency_app.storage.migrations import raise_min_app_version

SCHEMA_VERSION = 11
# An older application would save voices without a team (they would never reach a voice day) and could not
# read the new tables: the release that brings this migration is the oldest that may write.
MIN_APP_VERSION = "0.5.0"

_RECORD = """
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
"""

TABLES = f"""
CREATE TABLE voice_days (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    team TEXT NOT NULL,
    held_on TEXT NOT NULL,
    range_from TEXT NOT NULL,
    range_to TEXT NOT NULL,
    leader_id TEXT REFERENCES staff(uid),
    notes TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closed_at TEXT,
    closed_by TEXT REFERENCES staff(uid),
    reopen_count INTEGER NOT NULL DEFAULT 0,
    reopen_note TEXT,
{_RECORD}
);
CREATE UNIQUE INDEX voice_days_team_day ON voice_days(branch_code, team, held_on);

CREATE TABLE voice_day_attendees (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    voice_day_id TEXT NOT NULL REFERENCES voice_days(uid),
    staff_id TEXT NOT NULL REFERENCES staff(uid),
{_RECORD}
);
CREATE UNIQUE INDEX voice_day_attendees_pair ON voice_day_attendees(voice_day_id, staff_id);

CREATE TABLE improvements (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    team TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    cause TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '',
    owner_id TEXT REFERENCES staff(uid),
    opened_on TEXT NOT NULL,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'done', 'dropped')),
    completed_on TEXT,
    completed_by TEXT REFERENCES staff(uid),
    close_reason TEXT,
    reopen_count INTEGER NOT NULL DEFAULT 0,
    reopen_note TEXT,
    reported_on TEXT,
    reported_insurer TEXT,
    search_text TEXT NOT NULL DEFAULT '',
{_RECORD}
);
CREATE INDEX improvements_status_due ON improvements(status, due_date);
CREATE INDEX improvements_owner ON improvements(owner_id, status);
CREATE INDEX improvements_completed ON improvements(completed_on, status, branch_code);

CREATE TABLE improvement_voices (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    improvement_id TEXT NOT NULL REFERENCES improvements(uid),
    voice_id TEXT NOT NULL REFERENCES voices(uid),
{_RECORD}
);
CREATE UNIQUE INDEX improvement_voices_pair ON improvement_voices(improvement_id, voice_id);
CREATE INDEX improvement_voices_voice ON improvement_voices(voice_id);

CREATE TABLE voice_decisions (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    voice_day_id TEXT NOT NULL REFERENCES voice_days(uid),
    voice_id TEXT NOT NULL REFERENCES voices(uid),
    decision TEXT NOT NULL CHECK (decision IN ('shared', 'improvement', 'no_improvement')),
    reason TEXT NOT NULL DEFAULT '',
    improvement_id TEXT REFERENCES improvements(uid),
{_RECORD}
);
CREATE UNIQUE INDEX voice_decisions_pair ON voice_decisions(voice_day_id, voice_id);
CREATE INDEX voice_decisions_voice ON voice_decisions(voice_id);

CREATE TABLE circulations (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    month TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    issued_by TEXT REFERENCES staff(uid),
{_RECORD}
);
CREATE UNIQUE INDEX circulations_month ON circulations(branch_code, month);

CREATE TABLE circulation_reads (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    circulation_id TEXT NOT NULL REFERENCES circulations(uid),
    staff_id TEXT NOT NULL REFERENCES staff(uid),
    read_at TEXT NOT NULL,
{_RECORD}
);
CREATE UNIQUE INDEX circulation_reads_pair ON circulation_reads(circulation_id, staff_id);
"""

NEW_TABLES = ("voice_days", "voice_day_attendees", "improvements", "improvement_voices", "voice_decisions",
              "circulations", "circulation_reads")


def migrate(db) -> None:
    """Give voices their team, make the new tables and their audit triggers."""
    conn = db.conn
    conn.execute("ALTER TABLE voices ADD COLUMN team TEXT NOT NULL DEFAULT ''")
    # Filling the team is not a change anybody made: the voices' update trigger (which would compare every
    # audited column of a million rows for nothing) is off while it runs, and is made again below with team.
    conn.execute("DROP TRIGGER IF EXISTS voices_audit_update")
    conn.execute("UPDATE voices SET team = COALESCE((SELECT s.team FROM staff s WHERE s.uid = voices.received_by), '')")
    conn.execute("CREATE INDEX voices_team_received ON voices(team, received_at)")
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    install_audit_triggers(conn, "voices", *NEW_TABLES)
    raise_min_app_version(conn, MIN_APP_VERSION)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
