"""A realistic demo agency (3 offices, 26 staff, voices over two fiscal years), built in bulk: up to a million voices.

Speed: each voice is drawn as a few integers from precomputed pools with one random.Random(seed) and
turned into a row by one INSERT…SELECT per chunk (VOICE_SELECT) while the per-row triggers (full-text
index, audit) and the secondary indexes of `voices` are dropped; then indexes, the history of each voice
(its '*created' row with the insert trigger's own SQL from the table registry, then 対応中 and 完了 / 見送り as
the update trigger writes them; bulk_load.write_voice_history, sealed as it goes in) and triggers are recreated, and the few reopened voices are reopened through VoiceRepository
(demo/reopened.py); customers and follow-ups (demo/followups.py) and the teams' voice days, improvements
and last month's circulation (demo/voice_days.py: 0.3 s at 100k voices, 0.8 s at 300k) and three fiscal years
of KPIs with the survey answers, trainings and qualifications they count (demo/kpis.py: 0.1 s at 100k) follow, all
in one transaction. The full-text index is built from the same integers by a second process in parallel and
copied in after the commit (bulk_load.FullTextChild; in-memory and small demos rebuild it in the transaction). A failed build raises: the CLI deletes the file. At 1M
voices on 2 cores: about 63 s (47 s before the history kept created values; benchmarks/README.md),
see the report of generate()'s "phases".
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_right
from datetime import date, datetime, timedelta
from pathlib import Path
from itertools import accumulate
from random import Random
from typing import Callable, Iterator

from agency_app.domain import codes, labels_ja
from agency_app.demo import texts as T
from agency_app.domain.periods import fiscal_year_of, now_tokyo
from agency_app.demo.bulk_load import (
    COMPACT, FTS_BULK_CONFIG, FTS_COMPACT, FTS_INSERT, FTS_INSERT_SELECT, VOICE_SELECT, BulkPragmas, Clock,
    FullTextChild, create_pools, drop_triggers_and_indexes, index_words, lookup, rebuild_full_text, u16,
    weighted_table, write_voice_history,
)
from agency_app.storage.database import Store
from agency_app.demo.followups import FOLLOWUP_STAFF, add_followups
from agency_app.demo.exchanges import add_exports
from agency_app.demo.kpis import add_kpis
from agency_app.demo.paper_surveys import import_paper_surveys
from agency_app.demo.reopened import Reopening, reopen_voices
from agency_app.demo.voice_days import add_voice_days
from agency_app.storage.masters import DEFAULT_INSURERS, MasterData, initialise

BRANCHES = (("HQ", "本部", True), ("YOK", "横浜支店", False), ("OMY", "大宮支店", False))
# (branch, team, role, share of the voices this person logs). 12 + 7 + 7 = 26 staff, 3 managers.
STAFF_PLAN = (
    [("HQ", "生保", "manager", 0.4)] + [("HQ", "生保", "staff", 1.0)] * 4
    + [("HQ", "損保", "staff", 1.0)] * 4 + [("HQ", "団体", "staff", 1.0)] * 3
    + [("YOK", "損保", "manager", 0.5)] + [("YOK", "損保", "staff", 1.0)] * 3
    + [("YOK", "生保", "staff", 1.0)] * 2 + [("YOK", "団体", "staff", 1.0)]
    + [("OMY", "生保", "manager", 0.5)] + [("OMY", "生保", "staff", 1.0)] * 2
    + [("OMY", "損保", "staff", 1.0)] * 3 + [("OMY", "団体", "staff", 1.0)]
)
KIND_WEIGHTS = (("praise", 720), ("dissatisfaction", 97), ("request", 16), ("other", 8))  # seed 004
COMPLAINT_SHARE = 0.3  # of 不満, judged 苦情
AGENCY_CATEGORY_WEIGHTS = {T.RENEWAL: 33.0, T.CHANGE: 29.5, T.PREMIUM: 3.4, T.CLAIM: 9.7,
                           T.PRIVACY: 1.1, T.OTHER: 23.2}  # seed 002
INSURER_GROUP_WEIGHTS = {"募集業務": 17.8, "契約管理業務": 32.2, "保険金支払い業務": 39.9,
                         "顧客情報": 0.6, "その他": 9.5}  # seed 001
CHANNEL_WEIGHTS = (("phone", 48), ("counter", 25), ("visit", 9), ("mail", 4), ("email", 5),
                   ("web", 3), ("survey", 5), ("other", 1))
HOUR_WEIGHTS = {9: 8, 10: 14, 11: 13, 12: 6, 13: 10, 14: 13, 15: 12, 16: 10, 17: 5}
ANONYMOUS_SHARE = 0.12
MAX_PROFILES_PER_TEAM = 1 << 13
RECENT_DAYS = 45  # older voices are closed; the last weeks hold the open work
MIN_RECENT_ROWS = 24  # a tiny demo still gets open work and call-backs from its newest voices
CHUNK = 50_000

# Status by age in days: (up to age, share done, share dropped, share in progress; the rest is 未対応).
RECENT_STATUS = ((3, 0.25, 0.0, 0.35), (14, 0.60, 0.02, 0.25), (RECENT_DAYS, 0.88, 0.04, 0.06))
OLD_STATUS = (0.96, 0.04, 0.0)
REOPEN_SHARE = 0.003


def generate(store: Store, voices: int = 2000, seed: int = 1, today: date | None = None,
             progress: Callable[[int, int], None] | None = None) -> dict:
    """Fill `store` (with no voices yet) with a demo agency; return what was made and how fast.

    Deterministic for a given seed and today. `progress(done, total)` is called per chunk of voices.
    """
    started = time.perf_counter()
    today = today or now_tokyo().date()
    if store.conn.execute("SELECT EXISTS (SELECT 1 FROM voices)").fetchone()[0]:
        raise ValueError("demo data needs a database without voices")
    if store.setting("home_branch") is None:
        initialise(store)
    phases: dict[str, float] = {}
    clock = Clock(phases)
    plan = _Plan(store, Random(seed), today, voices)
    with BulkPragmas(store.conn, file_backed=store.path is not None):
        conn = store.conn
        child = None
        if store.path is not None and voices >= PARALLEL_FULL_TEXT_FROM:  # spawned before the transaction
            child = FullTextChild(conn, Path(store.path).parent, FTS_BULK_CONFIG)
        try:
            with store.write():
                made = _write(conn, plan, voices, child, clock, progress)
                # Customers, cases, elderly sales: sized by staff and dates, not by voices (same cost at 1M).
                made["followups"] = add_followups(conn, plan.rng, today, plan.staff, [b[0] for b in BRANCHES],
                                                  len(STAFF_PLAN) / FOLLOWUP_STAFF)
                clock("followups")
                # Voice days, improvements, a circulation: a few hundred rows and one INSERT per meeting.
                made["voice_days"] = add_voice_days(store, plan.rng, today, plan.staff,
                                                    len(STAFF_PLAN) / FOLLOWUP_STAFF)
                clock("voice_days")
                # KPIs of three fiscal years with the surveys, trainings and qualifications they count (demo/kpis.py).
                made["kpis"] = add_kpis(conn, plan.rng, today, plan.staff, plan.home, voices)
                clock("kpis")
                # The reports the managers sent each quarter (demo/exchanges.py): a few dozen rows.
                made.update(add_exports(conn, plan.rng, today, plan.staff, plan.home, plan.start))
                clock("exports")
            clock("commit")
            if child:
                child.copy_into(store.path, clock)
        finally:
            if child:
                child.close()
        index_words(conn, progress)  # the words of every voice, a second round of progress (~4k voices/s)
        clock("words")
        # The paper survey sheets of the year before, brought in through the importer (its own transaction).
        made.update(import_paper_surveys(store, plan.rng, today, plan.staff[plan.lead[plan.home]]["uid"]))
        clock("import")
    clock("pragmas")
    seconds = time.perf_counter() - started
    return dict(plan.counts, branches=len(BRANCHES), staff=len(STAFF_PLAN), voices=voices, **made,
                seconds=round(seconds, 3), voices_per_s=round(voices / seconds) if seconds else 0,
                phases={k: round(v, 3) for k, v in phases.items()})


def _write(conn, plan: _Plan, voices: int, child: FullTextChild | None, clock: Clock, progress) -> dict:
    """The whole bulk write, inside the caller's transaction: voices, indexes, audit, full-text index, triggers,
    reopenings.

    Python draws each voice as a few integers (demo_row); one INSERT … SELECT per chunk joins them with
    pool tables into voices, in C: binding 30 columns a row from Python cost more than drawing them."""
    plan.write_masters(conn)
    saved = drop_triggers_and_indexes(conn, "voices")
    before = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM voices").fetchone()[0]
    pools = plan.pool_tables()
    create_pools(conn, pools, child)
    columns, marks = ", ".join(VOICE_COLUMNS), ", ".join("?" * len(VOICE_COLUMNS))
    insert_compact = f"INSERT INTO temp.demo_row VALUES ({', '.join('?' * len(COMPACT))})"
    done = 0
    clock("prepare")
    for recent, chunk in plan.rows(voices, before + 1):
        clock("rows")
        params = {"uid_base": plan.uid_base, "home": plan.home}  # uid_base: drawn by rows()
        if child and not recent:  # first, so that the child works on it while this process does
            child.run("INSERT INTO temp.demo_fts_row VALUES (?, ?, ?, ?, ?, ?)", list(map(FTS_COMPACT, chunk)))
            child.run(FTS_INSERT_SELECT)
            child.run("DELETE FROM temp.demo_fts_row")
        conn.executemany(insert_compact, chunk)
        if recent:  # the open work: call-back promises and reopenings, then written like the rest
            made = conn.execute(VOICE_SELECT, params).fetchall()
            body = [list(r[1:]) for r in made]
            plan._promise_callbacks(body, [r[0] for r in made], voices)
            rows = [(r[0], *b) for r, b in zip(made, body)]
            conn.executemany(f"INSERT INTO voices (rowid, {columns}) VALUES (?, {marks})", rows)
            if child:
                child.run(FTS_INSERT, [(r[0], r[1 + CUSTOMER], r[1 + SUMMARY], r[1 + BODY], r[1 + RESPONSE])
                                       for r in rows])
        else:
            conn.execute(f"INSERT INTO voices (rowid, {columns}) {VOICE_SELECT}", params)
        conn.execute("DELETE FROM temp.demo_row")
        clock("insert")
        done += len(chunk)
        if progress:
            progress(done, voices)
    for table, _ in pools:
        conn.execute(f"DROP TABLE temp.{table.split()[0]}")
    for statement in saved["index"]:
        conn.execute(statement)
    clock("indexes")
    write_voice_history(conn, before, plan.store.history_mark)
    clock("audit")
    if not child:
        rebuild_full_text(conn)
        clock("fts_rebuild")
    for statement in saved["trigger"]:
        conn.execute(statement)
    reopen_voices(plan.store, list(plan.reopenings.values()), plan.today)  # through the triggers, as staff do
    clock("reopen")
    by_kind = dict(conn.execute("SELECT kind, count(*) FROM voices WHERE rowid > ? GROUP BY kind",
                                (before,)).fetchall())
    complaints, reopened = conn.execute(
        "SELECT count(*) FILTER (WHERE is_complaint), count(*) FILTER (WHERE reopen_count > 0) "
        "FROM voices WHERE rowid > ?", (before,)).fetchone()
    return dict(by_kind={labels_ja.KIND[k]: by_kind.get(k, 0) for k in codes.KINDS},
                complaints=complaints, reopened=reopened)


PARALLEL_FULL_TEXT_FROM = 80_000  # voices: at 60k a second process was a wash, at 100k 25 % faster


VOICE_COLUMNS = (
    "uid", "origin_branch", "branch_code", "team", "received_at", "received_by", "channel", "kind",
    "is_complaint", "category_group", "category_item", "product_line", "insurer", "customer_name",
    "summary", "body", "response", "status", "assignee_id", "due_date", "callback_at",
    "callback_staff_id", "completed_on", "completed_by", "close_reason", "reopen_count",
    "created_at", "created_by", "updated_at", "updated_by", "version",
)


class _Plan:
    """The pools and calendar one demo is drawn from."""

    def __init__(self, store: Store, rng: Random, today: date, n: int):
        self.store, self.rng, self.today = store, rng, today
        self.start = date(fiscal_year_of(today) - 1, 4, 1)
        self.home = store.home_branch
        self.counts: dict = {}
        self.reopenings: dict[int, Reopening] = {}  # rowid → its reopening, written after the bulk insert
        # Voices share a pool of text profiles per team; a small demo needs (and waits for) fewer.
        self.profiles = min(MAX_PROFILES_PER_TEAM, 1 << max(9, (n - 1).bit_length()))
        self._make_staff()
        self._make_profiles(MasterData(store).taxonomy())

    # --- masters --------------------------------------------------------------
    def _make_staff(self) -> None:
        rng = self.rng
        surnames = rng.sample(T.SURNAMES, len(STAFF_PLAN))
        self.staff = []
        for (branch, team, role, share), (sur, sur_kana) in zip(STAFF_PLAN, surnames):
            given, given_kana = rng.choice(T.GIVEN_NAMES)
            self.staff.append(dict(uid=rng.randbytes(16).hex(), name=f"{sur} {given}",
                                   kana=f"{sur_kana} {given_kana}", team=team, role=role,
                                   branch=branch, share=share))
        self.lead = {s["branch"]: i for i, s in reversed(list(enumerate(self.staff))) if s["role"] == "manager"}

    def write_masters(self, conn) -> None:
        masters = MasterData(self.store)
        stamp = f"{self.start.isoformat()} 09:00"
        for code, name, head in BRANCHES:
            if not conn.execute("SELECT 1 FROM branches WHERE code = ?", (code,)).fetchone():
                masters.save_branch(code, name, is_head_office=head)
        conn.executemany(
            "INSERT INTO staff (uid, name, kana, team, role, branch_code, active, origin_branch, "
            "created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, NULL)",
            [(s["uid"], s["name"], s["kana"], s["team"], s["role"], s["branch"], self.home, stamp, stamp)
             for s in self.staff])

    # --- profiles: the correlated part of a voice -----------------------------
    def _make_profiles(self, taxonomy) -> None:
        rng = self.rng
        if taxonomy.categories and taxonomy.categories[0].item:  # two-level insurer preset
            groups = taxonomy.groups()
            categories = [((g, item), INSURER_GROUP_WEIGHTS.get(g, 1.0) / len(taxonomy.items(g)))
                          for g in groups for item in taxonomy.items(g)]
            theme_of = {g: T.INSURER_GROUP_THEME.get(g, T.OTHER) for g in groups}
        else:
            names = taxonomy.groups() or list(AGENCY_CATEGORY_WEIGHTS)
            categories = [((g, None), AGENCY_CATEGORY_WEIGHTS.get(g, 1.0)) for g in names]
            theme_of = {g: g if g in T.VOICES else T.OTHER for g in names}
        life = [n for n in DEFAULT_INSURERS if "生命" in n]
        nonlife = [n for n in DEFAULT_INSURERS if "生命" not in n]
        insurers = {"life": life, "group": nonlife + life[:1]}
        self.pools = {}
        for team, lines in T.TEAM_PRODUCT_LINES.items():
            kinds = weighted_table(rng, list(KIND_WEIGHTS), self.profiles)
            cats = weighted_table(rng, categories, self.profiles)
            chans = weighted_table(rng, list(CHANNEL_WEIGHTS), self.profiles)
            prods = weighted_table(rng, list(lines), self.profiles)
            pool = []
            for kind, (group, item), channel, line in zip(kinds, cats, chans, prods):
                product = rng.choice(T.PRODUCTS[line])
                summary, body = self._text(kind, theme_of[group], channel, product)
                pool.append((
                    kind, int(kind == "dissatisfaction" and rng.random() < COMPLAINT_SHARE), group, item,
                    line, rng.choice(insurers.get(line, nonlife)), channel, summary, body,
                    rng.choice(T.RESPONSES[kind]), 3 if kind == "dissatisfaction" else 7))
            self.pools[team] = pool

    def _text(self, kind: str, theme: str, channel: str, product: str) -> tuple[str, str]:
        rng = self.rng
        if kind == "request":
            summaries, bodies = T.REQUESTS
        elif kind == "other":
            summaries, bodies = T.OTHERS
        else:
            summaries, bodies = T.VOICES[theme][kind]
        closing = rng.choice(T.PRAISE_CLOSINGS if kind == "praise" else
                             T.DISSATISFACTION_CLOSINGS if kind == "dissatisfaction" else ("",))
        body = rng.choice(T.CHANNEL_OPENERS[channel]) + rng.choice(bodies) + closing
        if rng.random() < 0.3:  # a second sentence now and then, for variety
            body += rng.choice(bodies)
        return rng.choice(summaries).format(p=product), body.format(p=product)

    # --- the calendar ---------------------------------------------------------
    def _days(self) -> tuple[list[str], list[float]]:
        """Date strings from the start to 30 days after today, and each day's weight of receiving voices."""
        days, weights = [], []
        span = (self.today - self.start).days
        for offset in range(span + 31):
            day = self.start + timedelta(days=offset)
            days.append(day.isoformat())
            closed = day.weekday() == 6 or (day.month, day.day) in CLOSED_DAYS or offset >= span
            weekday = 0.35 if day.weekday() == 5 else 1.0  # Saturdays: the counter only
            weights.append(0.0 if closed else weekday * (0.8 + 0.4 * offset / max(span, 1)))  # growing
        return days, weights

    # --- rows -------------------------------------------------------------------
    def pool_tables(self) -> list[tuple[str, list[tuple]]]:
        """(CREATE TEMP TABLE …, rows) for the pools VOICE_SELECT joins: days, times, staff, profiles, texts."""
        self.day_strings, weights = self._days()
        teams = list(self.pools)
        profiles = [(teams.index(team) * self.profiles + j, *profile)
                    for team in teams for j, profile in enumerate(self.pools[team])]
        texts = ([(k + 1, t) for k, t in enumerate(T.RARE_SENTENCES.values())]
                 + [(1000 + k, t) for k, t in enumerate(T.CLOSE_REASONS)]
                 + [(2000 + k, t) for k, t in enumerate(T.INTERIM_RESPONSES)])
        self.customer_names = [None] + [f"{s} {g}" for s, _ in T.SURNAMES for g, _ in T.GIVEN_NAMES] + list(
            T.COMPANY_CUSTOMERS)
        return [
            ("demo_day (i INTEGER PRIMARY KEY, s)", list(enumerate(self.day_strings))),
            ("demo_time (i INTEGER PRIMARY KEY, s)", [(m, f" {m // 60:02d}:{m % 60:02d}") for m in range(1440)]),
            ("demo_staff (i INTEGER PRIMARY KEY, uid, branch, lead, team)",
             [(k, s["uid"], s["branch"], self.staff[self.lead[s["branch"]]]["uid"], s["team"])
              for k, s in enumerate(self.staff)]),
            ("demo_profile (i INTEGER PRIMARY KEY, kind, complaint, grp, item, line, insurer, channel, summary, "
             "body, response, due_in)", profiles),
            ("demo_customer (i INTEGER PRIMARY KEY, s)", list(enumerate(self.customer_names))),
            ("demo_text (i INTEGER PRIMARY KEY, s)", texts),
            ("demo_row (id INTEGER PRIMARY KEY, " + ", ".join(COMPACT[1:]) + ")", []),  # scanned in id order
            ("demo_fts_row (id INTEGER PRIMARY KEY, profile, customer, status, dice, rare)", []),
        ]

    def rows(self, n: int, first_rowid: int) -> Iterator[tuple[bool, list[tuple]]]:
        """The voices in receipt order as (recent?, chunk of COMPACT rows); VOICE_SELECT makes them voices.

        The recent ones (the open work) come last, in one chunk, for _promise_callbacks."""
        rng = self.rng
        weights = self._days()[1]
        cum = list(accumulate(weights))
        minutes = lookup(rng, [(h * 60 + m, w) for h, w in HOUR_WEIGHTS.items() for m in range(60)], n)
        keys = sorted((bisect_right(cum, rng.random() * cum[-1]) << 11) | minutes[u] for u in u16(rng, n))
        branch_share = {code: share / sum(1 for plan in STAFF_PLAN if plan[0] == code)
                        for code, share in (("HQ", 0.5), ("YOK", 0.25), ("OMY", 0.25))}
        staff_table = lookup(rng, [(i, s["share"] * branch_share[s["branch"]])
                                    for i, s in enumerate(self.staff)], n)
        customers = lookup(rng, [(0, ANONYMOUS_SHARE * (len(self.customer_names) - 1))]
                            + [(k, 1.0) for k in range(1, len(self.customer_names))], n)
        # Days from receipt to completion: nearly all within the due date (3 days for 不満, 7 otherwise);
        # seed 004 counts 3 follow-up omissions among 841 voices in a half-year, and so should the demo.
        delays = lookup(rng, [(0, 36), (1, 29), (2, 19), (3, 13), (4, 1), (5, 0.6), (6, 0.4), (10, 0.1)], n)
        today_index = (self.today - self.start).days
        thresholds = [_status_thresholds(age) for age in range(RECENT_DAYS + 2)]
        # uids rise with the receipt order (a random start, then +1, then 20 random hex digits, like a
        # ULID): the unique index on uid and the audit index on record_uid then grow at their ends.
        self.uid_base = rng.getrandbits(40) - first_rowid
        tails, tails16 = array("q", rng.randbytes(8 * n)), u16(rng, n)
        r_staff, r_prof, r_cust, r_status, r_dice, r_delay = (u16(rng, n) for _ in range(6))
        rare = self._rare_rows(n)
        teams = list(self.pools)
        base = [teams.index(s["team"]) * self.profiles for s in self.staff]
        reopen_from = 65536 - int(REOPEN_SHARE * 65536)
        mask = self.profiles - 1
        chunk: list[tuple] = []
        recent: list[tuple] = []
        first_recent = n - MIN_RECENT_ROWS
        for i in range(n):
            key = keys[i]
            d = key >> 11
            s = staff_table[r_staff[i]]
            dice = r_dice[i]
            age = today_index - d
            done, dropped, progress = thresholds[age if age <= RECENT_DAYS else RECENT_DAYS + 1]
            u = r_status[i]
            status = 0 if u < done else 1 if u < dropped else 2 if u < progress else 3
            reopened = 1 if status == 0 and dice >= reopen_from else 0
            row = (first_rowid + i, tails[i], tails16[i], d, key & 2047, s, base[s] + (r_prof[i] & mask),
                   customers[r_cust[i]], status, 0 if dice & 7 else 1, d + min(delays[r_delay[i]], age - 1),
                   dice & 3, reopened, rare.get(i, 0))  # ints: bools bind slowly
            if reopened:
                self._plan_reopening(row)
            if age <= RECENT_DAYS or i >= first_recent:
                recent.append(row)
                continue
            chunk.append(row)
            if len(chunk) == CHUNK:
                yield False, chunk
                chunk = []
        if chunk:
            yield False, chunk
        yield True, recent

    def _plan_reopening(self, row: tuple) -> None:
        """A voice closed at receipt (as VOICE_SELECT writes it), reopened on its completion day and done again."""
        rowid, day, minute, staff, by_lead, done_day = (row[k] for k in (0, 3, 4, 5, 9, 10))
        member = self.staff[staff]
        by = self.staff[self.lead[member["branch"]]]["uid"] if by_lead else member["uid"]
        received = f"{self.day_strings[day]} {minute // 60:02d}:{minute % 60:02d}"
        done_on, done_minute = self.day_strings[done_day], min(minute + 45, 1080)
        self.reopenings[rowid] = Reopening(rowid, max(received, f"{done_on} 08:50"), by, done_on,
                                           f"{done_on} {done_minute // 60:02d}:{done_minute % 60:02d}")

    def _rare_rows(self, n: int) -> dict[int, int]:
        """Row index → rare sentence: each rare word in n / 200 voices (at least 1, at most 50)."""
        per_word = max(1, min(50, n // 200))
        words = len(T.RARE_SENTENCES)
        rows = self.rng.sample(range(n), min(n, per_word * words))
        return {row: 1 + k % words for k, row in enumerate(rows)}  # demo_text ids

    def _promise_callbacks(self, rows: list[list], rowids: list[int], n: int) -> None:
        """Open voices get call-back promises — several today, some tomorrow, a missed one from yesterday —
        and two are reopened. With too few open voices (a small demo) the newest ones are opened."""
        rng, days, today_index = self.rng, self.day_strings, (self.today - self.start).days
        n_today = max(4, min(40, n // 20000))
        n_tomorrow = max(2, n_today // 2)
        plan = [0] * n_today + [1] * n_tomorrow + [-1] + ["reopen"] * 2
        open_rows = [k for k, r in enumerate(rows) if r[STATUS] in codes.OPEN_STATUSES]
        for k in range(len(rows) - 1, -1, -1):
            if len(open_rows) >= len(plan) + 2:
                break
            if rows[k][STATUS] not in codes.OPEN_STATUSES:
                rows[k][RESPONSE:] = ["", "new", rows[k][ASSIGNEE], rows[k][DUE], None, None, None, None, None,
                                      0, rows[k][RECEIVED], rows[k][RECEIVED_BY], rows[k][RECEIVED],
                                      rows[k][RECEIVED_BY], 1]
                open_rows.append(k)
                self.reopenings.pop(rowids[k], None)  # never closed now, so never reopened
        slots = [f" {h:02d}:{m:02d}" for h in range(9, 18) for m in (0, 30)]
        made = {"callbacks_today": 0, "callbacks_tomorrow": 0, "callbacks_missed": 0}
        reopening = set()  # written closed, reopened after the bulk insert: open work all the same
        for k, when in zip(rng.sample(sorted(open_rows), min(len(open_rows), len(plan))), plan):
            row = rows[k]
            if when == "reopen":  # closed at once, then reopened (R7) and being worked on
                row[STATUS], row[VERSION] = codes.STATUS_DONE, row[VERSION] + 3
                row[RESPONSE] = row[RESPONSE] or T.INTERIM_RESPONSES[0]
                row[COMPLETED_ON], row[COMPLETED_BY] = row[RECEIVED][:10], row[ASSIGNEE]
                row[UPDATED_AT], row[UPDATED_BY] = row[RECEIVED], row[ASSIGNEE]
                reopen_at = datetime.strptime(row[RECEIVED], "%Y-%m-%d %H:%M") + timedelta(minutes=30)
                self.reopenings[rowids[k]] = Reopening(rowids[k], f"{reopen_at:%Y-%m-%d %H:%M}", row[ASSIGNEE])
                reopening.add(k)
                continue
            moment = days[today_index + when] + rng.choice(slots)
            if moment <= row[RECEIVED]:  # never promised before the voice came in
                moment, when = days[today_index] + slots[-1], 0
            row[CALLBACK_AT], row[CALLBACK_STAFF] = moment, row[ASSIGNEE]
            made[{0: "callbacks_today", 1: "callbacks_tomorrow", -1: "callbacks_missed"}[when]] += 1
        today = days[today_index]
        open_now = [r for k, r in enumerate(rows) if r[STATUS] in codes.OPEN_STATUSES or k in reopening]
        self.counts.update(made, open=len(open_now), overdue=sum(1 for r in open_now if r[DUE] < today))


def _status_thresholds(age: int) -> tuple[int, int, int]:
    """Cumulative status dice (of 65536) for a voice received `age` days ago: done, dropped, in progress."""
    done, dropped, progress = next((b[1:] for b in RECENT_STATUS if age <= b[0]), OLD_STATUS)
    return (int(done * 65536), int((done + dropped) * 65536), int((done + dropped + progress) * 65536))


# 12/29–1/3: the year-end holidays, when agencies are closed.
CLOSED_DAYS = {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}
(RECEIVED, RECEIVED_BY, RESPONSE, STATUS, ASSIGNEE, DUE, CALLBACK_AT, CALLBACK_STAFF, COMPLETED_ON,
 COMPLETED_BY, UPDATED_AT, UPDATED_BY, VERSION, CUSTOMER, SUMMARY, BODY) = (VOICE_COLUMNS.index(c) for c in (
    "received_at", "received_by", "response", "status", "assignee_id", "due_date", "callback_at",
    "callback_staff_id", "completed_on", "completed_by", "updated_at", "updated_by", "version", "customer_name",
    "summary", "body"))
