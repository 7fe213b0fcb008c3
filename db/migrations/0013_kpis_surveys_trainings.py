"""Migration 0013: KPIs (R21–R22), survey answers (R25), meetings, trainings, role-plays and qualifications (R26).

The new tables:
- kpis: one KPI of a fiscal year — principle, title (unique in the year), description, target value (the exact
  decimal as text), unit, direction, period (year, first half, second half, quarters), shown precision, and its
  source: 'hand' or a computed measure's code (domain/kpi_measures.py) with its parameter;
- kpi_results: per KPI and period, the value typed by hand (hand KPIs only), the two texts 【数値・事実】 and
  【評価】 as the manager edited them, and — once the period is finalised — the frozen value, when and by whom;
- kpi_finalisations: a finalised (確定) period of a fiscal year; unfreezing keeps the row with its reason
  (status 'open', reopen_count, reopen_note), so the history tells who finalised and unfroze it and why;
- survey_types: the surveys and their n-grade scales, the best k counted as satisfied (seed 000's by default);
- survey_answers: one answer each — date, type, product, 0–10 score, grade, comment, and the voice made from
  its comment (the voice finds its answer through the index on voice_id);
- trainings, training_participants, roleplay_results: meetings and trainings with who took part and each
  role-play participant's attempts (score, pass / re-test);
- qualifications: a staff member's qualification with the day it was obtained and the day it lapses.
Every table is audited (R11) through the registry in storage/audited_tables.py.
Append-only once landed: never edit this file; add 0014_… instead.
"""

import json
import uuid
from datetime import datetime, timedelta, timezone

from agency_app.storage.audited_tables import install_audit_triggers
from agency_app.storage.migrations import raise_min_app_version

SCHEMA_VERSION = 13
# An older application cannot read the new tables, and would let a record in a finalised period change unflagged.
MIN_APP_VERSION = "0.6.0"

_RECORD = """
    origin_branch TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    version INTEGER NOT NULL DEFAULT 1
"""

TABLES = f"""
CREATE TABLE kpis (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    fiscal_year INTEGER NOT NULL,
    principle INTEGER NOT NULL CHECK (principle BETWEEN 1 AND 7),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL,
    unit TEXT NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('>=', '<=')),
    period TEXT NOT NULL CHECK (period IN ('year', 'half1', 'half2', 'quarter')),
    places INTEGER NOT NULL DEFAULT 1,
    source TEXT NOT NULL DEFAULT 'hand',
    source_param TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
{_RECORD}
);
CREATE UNIQUE INDEX kpis_year_title ON kpis(fiscal_year, title);

CREATE TABLE kpi_results (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    kpi_id TEXT NOT NULL REFERENCES kpis(uid),
    period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'half', 'quarter')),
    period_number INTEGER NOT NULL DEFAULT 0,
    hand_value TEXT,
    facts TEXT NOT NULL DEFAULT '',
    evaluation TEXT NOT NULL DEFAULT '',
    frozen_value TEXT,
    frozen_at TEXT,
    frozen_by TEXT REFERENCES staff(uid),
{_RECORD}
);
CREATE UNIQUE INDEX kpi_results_period ON kpi_results(kpi_id, period_kind, period_number);

CREATE TABLE kpi_finalisations (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    fiscal_year INTEGER NOT NULL,
    period_kind TEXT NOT NULL CHECK (period_kind IN ('year', 'half', 'quarter')),
    period_number INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'final' CHECK (status IN ('final', 'open')),
    finalised_at TEXT NOT NULL,
    finalised_by TEXT REFERENCES staff(uid),
    reopen_count INTEGER NOT NULL DEFAULT 0,
    reopen_note TEXT,
{_RECORD}
);
CREATE UNIQUE INDEX kpi_finalisations_period ON kpi_finalisations(fiscal_year, period_kind, period_number);

CREATE TABLE survey_types (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    scale_n INTEGER NOT NULL,
    top_k INTEGER NOT NULL,
    grade_labels TEXT NOT NULL DEFAULT '[]',
    asks_recommendation INTEGER NOT NULL DEFAULT 1,
    question TEXT NOT NULL DEFAULT '',
    sort_order INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1,
{_RECORD}
);

CREATE TABLE survey_answers (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    answered_on TEXT NOT NULL,
    survey_type TEXT NOT NULL REFERENCES survey_types(code),
    product_line TEXT NOT NULL DEFAULT '',
    recommendation INTEGER CHECK (recommendation BETWEEN 0 AND 10),
    satisfaction_grade INTEGER CHECK (satisfaction_grade >= 1),
    comment TEXT NOT NULL DEFAULT '',
    voice_id TEXT REFERENCES voices(uid),
{_RECORD}
);
CREATE INDEX survey_answers_answered ON survey_answers(answered_on, survey_type, branch_code);
CREATE INDEX survey_answers_voice ON survey_answers(voice_id) WHERE voice_id IS NOT NULL;

CREATE TABLE trainings (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    branch_code TEXT NOT NULL,
    held_on TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('compliance', 'quality', 'study', 'roleplay')),
    theme TEXT NOT NULL,
    pass_mark INTEGER CHECK (pass_mark BETWEEN 0 AND 100),
    notes TEXT NOT NULL DEFAULT '',
{_RECORD}
);
CREATE INDEX trainings_held ON trainings(held_on, kind, branch_code);

CREATE TABLE training_participants (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    training_id TEXT NOT NULL REFERENCES trainings(uid),
    staff_id TEXT NOT NULL REFERENCES staff(uid),
{_RECORD}
);
CREATE UNIQUE INDEX training_participants_pair ON training_participants(training_id, staff_id);

CREATE TABLE roleplay_results (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    training_id TEXT NOT NULL REFERENCES trainings(uid),
    staff_id TEXT NOT NULL REFERENCES staff(uid),
    attempt INTEGER NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    score INTEGER CHECK (score BETWEEN 0 AND 100),
    outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'retest')),
{_RECORD}
);
CREATE UNIQUE INDEX roleplay_results_attempt ON roleplay_results(training_id, staff_id, attempt);

CREATE TABLE qualifications (
    rowid INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    staff_id TEXT NOT NULL REFERENCES staff(uid),
    name TEXT NOT NULL,
    obtained_on TEXT NOT NULL,
    expires_on TEXT,
{_RECORD}
);
CREATE INDEX qualifications_staff ON qualifications(staff_id, obtained_on);
"""

NEW_TABLES = ("kpis", "kpi_results", "kpi_finalisations", "survey_types", "survey_answers", "trainings",
              "training_participants", "roleplay_results", "qualifications")

# Seed 000's scales (domain/surveys.py DEFAULT_TYPES), written here as data: a migration is never edited once
# landed, and a later change to the domain's defaults must not change what this step wrote.
_FIVE = ["満足", "やや満足", "普通", "やや不満", "不満"]
SURVEY_TYPES = (
    ("contract", "契約手続", 5, 3, _FIVE, 1, "総合満足度"),
    ("contact", "コンタクトセンター", 5, 3, _FIVE, 0, "総合満足度"),
    ("claim", "事故対応", 6, 3, ["とても満足", "満足", "まあ満足", "やや不満", "不満", "とても不満"], 1, "事故対応満足度"),
    ("renewal", "満期前", 5, 2, ["そう思う", "ややそう思う", "どちらともいえない", "あまりそう思わない", "そう思わない"], 1,
     "継続意向"),
)


def migrate(db) -> None:
    """Make the new tables, the default survey types and the tables' audit triggers."""
    conn = db.conn
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    home = conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone()
    stamp = datetime.now(timezone(timedelta(hours=9))).strftime("%Y-%m-%d %H:%M")  # as records stamp
    for order, (code, name, n, k, labels, asks, question) in enumerate(SURVEY_TYPES, start=1):
        conn.execute(
            "INSERT INTO survey_types (uid, code, name, scale_n, top_k, grade_labels, asks_recommendation, question,"
            " sort_order, origin_branch, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, code, name, n, k, json.dumps(labels, ensure_ascii=False), asks, question, order,
             home[0] if home else "HQ", stamp, stamp))
    # The triggers come after the defaults: they are the agency's starting point, not a change anybody made.
    install_audit_triggers(conn, *NEW_TABLES)
    raise_min_app_version(conn, MIN_APP_VERSION)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
