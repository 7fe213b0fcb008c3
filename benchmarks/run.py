"""Performance benchmark on a big demo database: search, save, start-up, scrolling, stalls; last line is JSON.

Usage: python benchmarks/run.py [--voices 1000000] [--seed 1] [--skip-ui] [--only-similar] [--only-excel]
                                [--excel-rows 100000] [--only-import] [--import-rows 100000]
                                [--only-sync] [--sync-voices 100000]

The demo database is built once into benchmarks/cache/demo-<N>-schema<V>.db (git-ignored; V is
migrations.latest_schema_version()) and reused; a file of another schema, or one whose customers / cases /
elderly sales are empty (built before the demo made them), is rebuilt. It is never modified — saves, the
window and the follow-up measures (my work, counts, customer search, case list) run on a copy.

Contract with the application for the UI measures (agency_app/ui/shell/bench.py, bench_stall.py):
  * `python -m agency_app --db COPY` with env AGENCY_APP_BENCH=1 and AGENCY_APP_BENCH_T0=<time.time()
    taken just before the process starts> prints one line `BENCH {"shown_s": t}` once the main window
    shows its first page (t measured from T0), then exits.
  * With AGENCY_APP_BENCH=scroll it waits for the list, jumps to 50 random rows and prints
    `BENCH {"jump_ms": [...], "rss_mb": x}`, then exits.
  * With AGENCY_APP_BENCH=stall it works through four phases by keyboard (save ten voices, the counts tab,
    searching, today's work) while a 5 ms timer measures the longest gap of the UI thread's event loop in
    each, prints `BENCH {"ui_stall_ms": {phase: ms}, "ui_stall_max_ms": x, "ui_stall_where": {...}}`, then
    exits (`ui_stall_max_ms` null and an "error" when the driver failed or timed out).
  * Both run with QT_QPA_PLATFORM=offscreen and a throw-away AGENCY_APP_DATA / XDG_* / HOME.
If the application does not answer so (not wired yet, or it failed), those keys are null.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from datetime import date
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from agency_app.demo import texts as demo_texts  # noqa: E402
from agency_app.domain.periods import HALF, YEAR, now_tokyo, period_of  # noqa: E402
from agency_app.domain.voice import VoiceInput  # noqa: E402
from agency_app.storage import migrations  # noqa: E402
from agency_app.storage.database import connect, open_store  # noqa: E402
from agency_app.demo.voices import generate  # noqa: E402
from agency_app.storage.masters import initialise  # noqa: E402
from agency_app.storage.voices import VoiceRepository  # noqa: E402
from similar import SIMILAR_SAMPLE, similar_measures  # noqa: E402  (benchmarks/similar.py, beside this file)
from excel import excel_measures  # noqa: E402  (benchmarks/excel.py: the quarterly workbook against XlsxWriter)
from excel_import import import_measures  # noqa: E402  (benchmarks/excel_import.py: reading an agency's sheet)
from sync_bundles import sync_measures  # noqa: E402  (benchmarks/sync_bundles.py: a branch's bundle to head office)

CACHE = ROOT / "benchmarks" / "cache"
UI_TIMEOUT_S = 300
STALL_RUNS = 3
UI_KEYS = ("startup_s", "startup_floor_s", "scroll_jump_p95_ms", "list_rss_mb", "ui_stall_max_ms", "ui_stall_ms")
FLOOR_SCRIPT = """
import json, os, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
def done():
    print("BENCH " + json.dumps({"shown_s": time.time() - float(os.environ["AGENCY_APP_BENCH_T0"])}), flush=True)
    app.quit()
QTimer.singleShot(0, done)
app.exec()
"""


def say(text: str) -> None:
    print(f"[bench] {text}", flush=True)


def p95(values: list[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def timed_ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def ms(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def cache_path(voices: int) -> Path:
    """The cache file for this size and the newest schema: a new migration means a new file."""
    return CACHE / f"demo-{voices}-schema{migrations.latest_schema_version()}.db"


def _cache_is_current(path: Path) -> bool:
    """No pending migration, and the demo's follow-up tables (schema 5) are filled."""
    conn = connect(path, wal=False)  # not read-only mode: that leaves -wal/-shm files behind
    try:
        conn.execute("PRAGMA query_only = 1")
        from sqlite_utils import Database
        if migrations.pending(Database(conn)):
            return False
        from agency_app.storage import word_index
        if word_index.pending_count(conn):
            return False  # voices whose words are not indexed: searches would be measured on a partial index
        return all(conn.execute(f"SELECT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
                   for table in ("customers", "cases", "elderly_sales", "relative_contacts"))
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def cached_demo(voices: int, seed: int) -> tuple[Path, float | None]:
    """The cached demo database for this size and schema; built (voices/s returned) when missing or stale."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = cache_path(voices)
    # Files of this size for other schemas (and the old name without one) are stale: 1.6 GB each at 1M.
    for stale in [CACHE / f"demo-{voices}.db", *CACHE.glob(f"demo-{voices}-schema*.db")]:
        if stale != path and stale.exists():
            say(f"removing {stale.name}: built for another schema")
            for file in (stale, stale.with_name(stale.name + "-wal"), stale.with_name(stale.name + "-shm")):
                file.unlink(missing_ok=True)
    if path.exists():
        if _cache_is_current(path):
            say(f"reusing {path.relative_to(ROOT)}")
            return path, None
        say(f"{path.name} has an older schema or no follow-up data: building it again")
        path.unlink()
    partial = path.with_name(path.name + ".partial")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    say(f"building {voices:,} demo voices into {path.relative_to(ROOT)} …")
    store = open_store(partial, daily_backup=False)
    try:
        initialise(store)
        made = generate(store, voices=voices, seed=seed)
    finally:
        store.close()
    partial.replace(path)
    say(f"built in {made['seconds']:.1f} s = {made['voices_per_s']:,} voices/s; phases {made['phases']}")
    say("follow-ups: " + json.dumps(made.get("followups"), ensure_ascii=False))
    return path, made["voices_per_s"]


def search_measures(path: Path) -> dict:
    from agency_app.storage.voice_query import VoiceFilter, VoiceQuery, open_read_connection

    conn = open_read_connection(path)
    try:
        total = conn.execute("SELECT count(*) FROM voices").fetchone()[0]

        def first_page(term: str) -> float:
            return timed_ms(lambda: VoiceQuery(conn, VoiceFilter(text=term)).first_page())

        rare = demo_texts.RARE_TERMS
        for term in rare:
            hits = VoiceQuery(conn, VoiceFilter(text=term)).count()
            say(f"rare term {term!r}: {hits} voices")
            if not 1 <= hits <= 500:
                raise SystemExit(f"rare term {term!r} matches {hits} voices; expected about 50")
        common = demo_texts.COMMON_TERM
        common_hits = conn.execute("SELECT count(*) FROM voices_fts WHERE voices_fts MATCH ?",
                                   (f'"{common}"',)).fetchone()[0]
        say(f"common term {common!r}: {common_hits:,} voices ({common_hits / max(total, 1):.0%})")
        if common_hits < 0.3 * total:
            raise SystemExit(f"common term {common!r} matches under 30 % of the voices")
        like_sql = ("SELECT rowid FROM voices WHERE summary LIKE ?1 OR body LIKE ?1 "
                    "ORDER BY received_at DESC LIMIT 256")
        for term in rare:  # warm the page cache once, as a user's second search would find it
            first_page(term)
        results = {
            "search_rare_p95_ms": p95([first_page(rare[i % len(rare)]) for i in range(30)]),
            "search_like_p95_ms": p95([timed_ms(lambda t=rare[i % len(rare)]:
                                                conn.execute(like_sql, (f"%{t}%",)).fetchall())
                                       for i in range(6)]),
            "search_common_first_page_ms": statistics.median(first_page(common) for _ in range(5)),
            "search_short_p95_ms": p95([first_page(demo_texts.SHORT_TERM) for _ in range(20)]),
        }
        results["search_variant_p95_ms"] = variant_p95_ms(conn, first_page)
        return {key: ms(value) for key, value in results.items()}
    finally:
        conn.close()


# 表記ゆれ: words written otherwise than in the demo texts (振込 → 振り込み, 引っ越し → 引越, 見積り → 見積もり,
# 問い合わせる → 問合せ, 払込 → 払い込み, 引落し → 引き落とし, 手続き → 手続) or typed as their reading in hiragana:
# found through the word index (normalised forms, readings), not as substrings.
VARIANT_TERMS = ("振り込み", "ふりこみ", "引越", "ひっこし", "見積もり", "みつもり", "問合せ", "といあわせ",
                 "払い込み", "はらいこみ", "引き落とし", "ひきおとし", "手続", "てつづき")


def variant_p95_ms(conn, first_page) -> float | None:
    """First page for a normalised-form or reading query (VARIANT_TERMS), 95th percentile of 3 rounds."""
    from agency_app.storage import word_index
    from agency_app.storage.voice_query import VoiceFilter, VoiceQuery
    if not word_index.exists(conn):
        return None  # a database before schema 9: no word index
    for term in VARIANT_TERMS:
        query = VoiceQuery(conn, VoiceFilter(text=term))
        query.first_page()
        hits = query.count()
        substring = conn.execute(  # a full scan: only for the short terms, whose trigram index cannot count
            "SELECT count(*) FROM voices WHERE instr(IFNULL(customer_name, '') || summary || IFNULL(body, '') "
            "|| IFNULL(response, ''), ?)", (term,)).fetchone()[0] if len(term) < 3 else None
        say(f"variant term {term!r}: {hits:,} voices ({query._drive})"
            + (f", {substring:,} as a substring" if substring is not None else ""))
        if not hits:
            raise SystemExit(f"variant term {term!r} finds nothing: the word index is not at work")
    return p95([first_page(term) for _ in range(3) for term in VARIANT_TERMS])


def save_median_ms(copy: Path, saves: int = 200) -> float:
    """VoiceRepository.create on the copy, each save its own durable (synchronous=FULL) transaction."""
    store = open_store(copy, daily_backup=False, check=False)
    try:
        assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        staff = store.conn.execute("SELECT uid FROM staff ORDER BY uid LIMIT 1").fetchone()[0]
        repo = VoiceRepository(store)
        times = []
        for i in range(saves):
            now = now_tokyo()
            entry = VoiceInput(received_at=now.strftime("%Y-%m-%d %H:%M"), channel="phone",
                               kind="dissatisfaction", category_group="その他", customer_name=f"ベンチ {i}",
                               summary="折り返しの電話がなかった", body="ベンチマークの保存テスト。" * 5)
            times.append(timed_ms(lambda: repo.create(entry, by=staff, now=now)))
        return round(statistics.median(times), 2)
    finally:
        store.close()


def _half_width_table() -> dict[str, str]:
    """Full-width katakana → half width: ｦ … ﾝ, with ﾞ / ﾟ where NFKC composes the pair into one character."""
    table: dict[str, str] = {"ー": "ｰ"}
    for code in range(0xFF66, 0xFF9E):
        for mark in ("", "\uff9e", "\uff9f"):
            full = unicodedata.normalize("NFKC", chr(code) + mark)
            if len(full) == 1:
                table.setdefault(full, chr(code) + mark)
    return table


_HALF_WIDTH = _half_width_table()


def half_width_kana(text: str) -> str:
    """'ガッコウ' → 'ｶﾞｯｺｳ' (what a half-width keyboard or an old system's export gives)."""
    return "".join(_HALF_WIDTH.get(c, c) for c in text)


def hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def customer_search_inputs(conn: sqlite3.Connection, seed: int) -> list[str]:
    """30 things a user types to find a customer, drawn from the demo's customers: 8 katakana kana (surname
    or given name), 6 in hiragana, 6 in half-width kana, 5 parts of a name in kanji, 5 last 4 phone digits."""
    rows = conn.execute("SELECT name, kana, phone_digits FROM customers WHERE active = 1 ORDER BY uid").fetchall()
    rng = Random(seed)
    picks = rng.sample(rows, 30)

    def kana_part(kana: str) -> str:
        parts = kana.split()
        return parts[rng.randrange(len(parts))] if parts else kana

    inputs = [kana_part(kana) for _, kana, _ in picks[:8]]
    inputs += [hiragana(kana_part(kana)) for _, kana, _ in picks[8:14]]
    inputs += [half_width_kana(kana_part(kana)) for _, kana, _ in picks[14:20]]
    for name, _, _ in picks[20:25]:
        surname, *given = name.split()
        inputs.append(surname if rng.random() < 0.6 or not given else given[0])
    inputs += [(digits or "0000")[-4:] for _, _, digits in picks[25:30]]
    return inputs


def followup_measures(copy: Path, seed: int) -> dict:
    """My work, the counts report (and its new voice tables), customer search and the open-case list, on the copy."""
    from agency_app.reports.counts_report import counts_report
    from agency_app.storage.case_list import CASE_LIST, CaseFilter
    from agency_app.storage.counts import elderly_sales_counts, follow_up_omissions, relative_contact_counts
    from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
    from agency_app.storage.status_by_origin import status_by_origin
    from agency_app.storage.voice_counts import dissatisfaction_by_category, voices_by_kind
    from agency_app.storage.my_work import my_work

    store = open_store(copy, daily_backup=False, check=False)
    try:
        conn = store.conn
        conn.execute("PRAGMA query_only = 1")
        now = now_tokyo()
        today = now.date()
        sizes = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("customers", "cases", "elderly_sales", "relative_contacts")}
        say(f"follow-up rows: {sizes}")

        # The staff member with the most open items: the longest MY WORK list (this pass also warms the cache).
        staff = [uid for (uid,) in conn.execute("SELECT uid FROM staff ORDER BY uid")]
        items = {uid: len(my_work(conn, uid, now)) for uid in staff}
        busiest = max(staff, key=lambda uid: (items[uid], uid))
        say(f"my work: busiest staff has {items[busiest]} items (all staff: {sorted(items.values())})")
        my_work_ms = statistics.median(timed_ms(lambda: my_work(conn, busiest, now)) for _ in range(20))

        def counts_ms(period, name: str) -> dict:
            """The whole counts report (what the tab and `agency-app counts` make), and each new voice table."""
            report = counts_report(conn, period)  # warm
            parts = {f.__name__: round(timed_ms(lambda f=f: f(conn, period)), 1) for f in (
                voices_by_kind, dissatisfaction_by_category, status_by_origin, elderly_sales_counts,
                relative_contact_counts, follow_up_omissions)}
            status = [row[-1] for row in report.section("status_by_origin").texts()]
            say(f"counts {period.label_ja()}: one run by function (ms) {parts}; "
                f"omissions {follow_up_omissions(conn, period).count()}; carried over / received / total {status}")
            return {f"counts_{name}_ms": statistics.median(timed_ms(lambda: counts_report(conn, period))
                                                           for _ in range(5)),
                    **{f"{key}_{name}_ms": statistics.median(timed_ms(lambda f=f: f(conn, period)) for _ in range(5))
                       for key, f in (("voice_kinds", voices_by_kind), ("voice_categories", dissatisfaction_by_category),
                                      ("status_by_origin", status_by_origin))}}

        half, year = period_of(today, HALF), period_of(today, YEAR)
        counts = {**counts_ms(half, "half_year"), **counts_ms(year, "year")}

        # What the customers and cases tabs run: the first page of the list's keyset query, a new query each time
        # (the count and the page anchors follow in a worker thread while the first page is already shown).
        def customers_first_page(text: str) -> list:
            return CUSTOMER_LIST.query(conn, CustomerFilter(text)).first_page()

        inputs = customer_search_inputs(conn, seed)
        hits = [len(customers_first_page(text)) for text in inputs]  # warm, and a sanity check
        say(f"customer search inputs (first page rows): {list(zip(inputs, hits))}")
        if sum(1 for n in hits if n) < 25:
            raise SystemExit(f"customer search: only {sum(1 for n in hits if n)} of 30 inputs found a customer")
        search_times = [timed_ms(lambda t=text: customers_first_page(t)) for text in inputs]

        open_cases = CaseFilter(status="open", today=today)
        say(f"open cases: {CASE_LIST.query(conn, open_cases).count()}")
        case_list = statistics.median(timed_ms(lambda: CASE_LIST.query(conn, open_cases).first_page())
                                      for _ in range(10))
        # The voice day (issue 10): what the 声の日 tab loads for each team's meeting in progress — the nine weeks'
        # counts, the week's voices with their decisions, the team's open voices and improvements.
        from agency_app.storage.voice_days import VoiceDayRepository
        days = VoiceDayRepository(store)
        meetings = [row["uid"] for row in days.meetings(limit=500) if row["status"] == "open"]
        reviews = {uid: days.meeting_review(uid, today=today) for uid in meetings}  # warm
        say("voice days in progress (team: voices / open voices): "
            + ", ".join(f"{r.team}: {len(r.voices)} / {r.open_voice_count}" for r in reviews.values()))
        review_ms = max((statistics.median(timed_ms(lambda u=uid: days.meeting_review(u, today=today))
                                           for _ in range(5)) for uid in meetings), default=None)
        results = {"my_work_ms": my_work_ms, **counts, "customer_search_p95_ms": p95(search_times),
                   "case_list_ms": case_list, "voice_day_review_ms": review_ms}
        return {key: ms(value) for key, value in results.items()}
    finally:
        store.close()


def kpi_requests(conn: sqlite3.Connection, fiscal_year: int) -> list:
    """One computed KPI per measure and parameter value (none, then each choice; survey types as stored) over
    the fiscal year, for the whole agency: every computed value a year's KPI board could ask for."""
    from agency_app.domain import kpi_measures as M
    from agency_app.domain.periods import Period
    from agency_app.storage.kpi_measures import Request

    survey_types = [code for (code,) in conn.execute("SELECT code FROM survey_types ORDER BY sort_order, code")]
    requests = []
    for measure in M.MEASURES:
        choices = M.PARAM_CHOICES.get(measure.param) if measure.param else ()
        values = [None] if not measure.param_required else []
        values += list(survey_types if measure.param == M.SURVEY_TYPE else choices or ())
        requests += [Request(measure.code, value, Period(fiscal_year)) for value in values]
    return requests


def kpi_dashboard_action(store, fiscal_year: int, today):
    """What `kpi_dashboard_ms` times: the KPI board of one year for the whole agency, as the dashboard builds it
    (reports/kpi_report.build_board: every KPI, its computed values, flags against finalised figures, trend)."""
    from agency_app.reports.kpi_report import build_board
    from agency_app.storage.services import Services

    services = Services(store)
    return lambda: build_board(services, fiscal_year, today=today)


def all_measures_action(store, fiscal_year: int, today):
    """What `kpi_all_measures_ms` times: every catalogue measure with every parameter value over the year (38
    values; more than any agency's KPI list), from one state of the database."""
    from agency_app.storage.kpi_measures import compute_all

    requests = kpi_requests(store.conn, fiscal_year)
    return lambda: compute_all(store.conn, requests, today=today)


def kpi_measures(copy: Path) -> dict:
    """`kpi_dashboard_ms`: the slowest KPI board of the demo's fiscal years with KPIs (median of 5 each);
    `kpi_all_measures_ms`: every measure of the latest full fiscal year."""
    from agency_app.domain.periods import fiscal_year_of

    store = open_store(copy, daily_backup=False, check=False)
    try:
        store.conn.execute("PRAGMA query_only = 1")
        today = now_tokyo().date()
        boards = {}
        for (fiscal_year,) in store.conn.execute("SELECT DISTINCT fiscal_year FROM kpis ORDER BY 1").fetchall():
            action = kpi_dashboard_action(store, fiscal_year, today)
            board = action()  # warm
            boards[fiscal_year] = statistics.median(timed_ms(action) for _ in range(5))
            say(f"KPI board FY{fiscal_year}: {len(board.rows)} KPIs, {boards[fiscal_year]:.1f} ms")
        last = store.conn.execute("SELECT max(received_at) FROM voices").fetchone()[0]
        full_year = fiscal_year_of(date.fromisoformat(last[:10])) - 1 if last else fiscal_year_of(today) - 1
        action = all_measures_action(store, full_year, today)
        say(f"all measures FY{full_year}: {len(action())} computed values")
        result = {"kpi_all_measures_ms": ms(statistics.median(timed_ms(action) for _ in range(5)))}
        if boards:
            result["kpi_dashboard_ms"] = ms(max(boards.values()))
        return result
    finally:
        store.close()


def bench_process(command: list[str], mode: str, home: Path) -> dict | None:
    """Run one process in bench mode; its BENCH line as a dict, or None when there is none."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_BENCH=mode, PYTHONPATH=str(ROOT),
               AGENCY_APP_DATA=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "share"), HOME=str(home),
               # On Windows QSettings writes to the registry whatever HOME says: an INI file in `home` instead.
               AGENCY_APP_SETTINGS_DIR=str(home / "settings"))
    # The words the stall mode searches for: the app does not import the demo generators.
    env["AGENCY_APP_BENCH_SEARCH"] = json.dumps([demo_texts.COMMON_TERM, *demo_texts.RARE_TERMS], ensure_ascii=False)
    env["AGENCY_APP_BENCH_T0"] = repr(time.time())
    try:
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True,
                              timeout=UI_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        say(f"{' '.join(command[:3])} timed out ({mode})")
        return None
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[len("BENCH "):])
    say(f"no BENCH line from {' '.join(command[:3])} ({mode}), exit {done.returncode}: "
        f"{(done.stderr.strip().splitlines() or [''])[-1][:200]}")
    return None


def stall_measures(app: list[str], home: Path, runs: int = STALL_RUNS) -> dict:
    """The stall mode `runs` times: per phase the median of the runs' longest stalls, and the median of their maxima."""
    answers = []
    for run in range(1, runs + 1):
        answer = bench_process(app, "stall", home)
        if answer is None or answer.get("ui_stall_max_ms") is None:
            say(f"stall run {run}: no result{': ' + answer['error'] if answer and answer.get('error') else ''}")
            continue
        say(f"stall run {run}: {answer['ui_stall_ms']} (ms)")
        for phase, where in (answer.get("ui_stall_where") or {}).items():
            say(f"  longest in {phase}: {json.dumps(where, ensure_ascii=False)}")
        answers.append(answer)
    if not answers:
        return {"ui_stall_max_ms": None, "ui_stall_ms": None}
    phases = list(answers[0]["ui_stall_ms"])
    return {"ui_stall_max_ms": round(statistics.median(a["ui_stall_max_ms"] for a in answers), 1),
            "ui_stall_ms": {p: round(statistics.median(a["ui_stall_ms"][p] for a in answers), 1) for p in phases}}


def ui_measures(copy: Path, home: Path, runs: int = 5) -> dict:
    app = [sys.executable, "-m", "agency_app", "--db", str(copy)]
    floor = [sys.executable, "-c", FLOOR_SCRIPT]
    out: dict = dict.fromkeys(UI_KEYS)
    for key, command in (("startup_s", app), ("startup_floor_s", floor)):
        shown = []
        for _ in range(runs):
            answer = bench_process(command, "1", home)
            if answer is None:
                break
            shown.append(answer["shown_s"])
        if len(shown) == runs:
            out[key] = round(statistics.median(shown), 3)
            say(f"{key}: {shown}")
    scroll = bench_process(app, "scroll", home)
    if scroll:
        out["scroll_jump_p95_ms"] = ms(p95(scroll["jump_ms"]))
        out["list_rss_mb"] = scroll["rss_mb"]
    out.update(stall_measures(app, home))
    return out


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    ram_gb = None
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next((line.split(":", 1)[1].strip() for line in info.splitlines()
                    if line.startswith("model name")), cpu)
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal:"))
        ram_gb = round(mem_kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": platform.platform(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voices", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-ui", action="store_true", help="storage measures only (UI keys null)")
    parser.add_argument("--only-similar", action="store_true",
                        help="only the similar-voice measures (benchmarks/similar.py), while tuning them")
    parser.add_argument("--only-excel", action="store_true",
                        help="only the Excel export measures (benchmarks/excel.py: its own cached quarter, not the demo)")
    parser.add_argument("--excel-rows", type=int, default=100_000, help="voices of the Excel export's quarter (the quarterly report's list)")
    parser.add_argument("--only-import", action="store_true",
                        help="only the Excel import measures (benchmarks/excel_import.py), no demo database")
    parser.add_argument("--import-rows", type=int, default=100_000, help="rows of the messy sheet imported")
    parser.add_argument("--only-sync", action="store_true",
                        help="only the branch-sync bundle measures (benchmarks/sync_bundles.py: its own cached offices)")
    parser.add_argument("--sync-voices", type=int, default=100_000, help="new voices of the branch's bundle")
    args = parser.parse_args()
    if args.only_sync:
        say(f"sync: a branch's bundle of {args.sync_voices:,} new voices, exported, imported at head office, again …")
        result = {**sync_measures(args.sync_voices, args.seed), "machine": machine()}
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if args.only_import:
        say(f"Excel import: a messy sheet of {args.import_rows:,} rows read into dry-run rows …")
        result = {**import_measures(args.import_rows), "machine": machine()}
        print(json.dumps(result, ensure_ascii=False))
        return 0
    if args.only_excel:
        say(f"Excel export: the quarterly report on a quarter of {args.excel_rows:,} voices, the app and XlsxWriter …")
        result = {"excel_rows": args.excel_rows, **excel_measures(args.excel_rows), "machine": machine()}
        print(json.dumps(result, ensure_ascii=False))
        return 0
    cache, built_per_s = cached_demo(args.voices, args.seed)
    result: dict = {"voices": args.voices, "demo_build_voices_per_s": built_per_s}
    say(f"similar voices: speed on {args.voices:,}, recall against brute force on {SIMILAR_SAMPLE:,} …")
    sample, _ = cached_demo(SIMILAR_SAMPLE, args.seed) if args.voices > SIMILAR_SAMPLE else (cache, None)
    result.update(similar_measures(cache, sample, args.seed))
    if args.only_similar:
        result["machine"] = machine()
        print(json.dumps(result, ensure_ascii=False))
        return 0
    say("searching …")
    result.update(search_measures(cache))
    with tempfile.TemporaryDirectory(prefix="agency-bench-") as temp:
        temp_dir = Path(temp)
        copy = temp_dir / "bench.db"
        shutil.copyfile(cache, copy)  # the cache is never written: the app and the saves use a copy
        say("follow-ups: my work, counts, customer search, case list …")
        result.update(followup_measures(copy, args.seed))
        say("KPI board: every computed measure of the latest full fiscal year …")
        result.update(kpi_measures(copy))
        if args.skip_ui:
            result.update(dict.fromkeys(UI_KEYS))
        else:
            say("window: start-up, bare Qt floor, scrolling, stalls while working (offscreen) …")
            result.update(ui_measures(copy, temp_dir))
        say(f"Excel export: the quarterly report on a quarter of {args.excel_rows:,} voices, the app and XlsxWriter …")
        result.update(excel_measures(args.excel_rows))
        say(f"Excel import: a messy sheet of {args.import_rows:,} rows read into dry-run rows …")
        result.update(import_measures(args.import_rows))
        say(f"sync: a branch's bundle of {args.sync_voices:,} new voices, exported, imported at head office, again …")
        result.update(sync_measures(args.sync_voices, args.seed))
        say("saving 200 voices (synchronous=FULL) …")
        result["save_voice_median_ms"] = save_median_ms(copy)
    result["machine"] = machine()
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
