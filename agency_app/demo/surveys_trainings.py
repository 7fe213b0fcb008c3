"""Demo survey answers (R25), meetings and trainings with role-play results (R26) and staff qualifications, bulk-written.

Three fiscal years (the demo's two years of voices and the one before them, the paper time): answers about one
per 40 voices, their scores drawn so NPS and satisfaction look like seed 000's (継続NPS −14.7, 事故対応NPS 23.6,
対応に満足 90.6 %, 継続意向 89 %, 総合満足度 95.8 %), some with a comment, a few made from a voice received by
survey (voice_id); a monthly コンプライアンス会議, a quarterly 品質向上会議, 勉強会 in the other months and two
ロールプレイング a year with every member of staff (seed 004: all took part, two re-tests, all passed at the
second attempt); one or two qualifications per member of staff, some lapsing. Rows go in with the table's
triggers and indexes dropped, then the '*created' audit rows are written with the insert trigger's own SQL
(audited_tables.created_row_sql, as bulk_load.write_voice_history) and the triggers come back: the history
holds exactly what the triggers would have written. Every draw is from the caller's Random (same seed, same rows).
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from random import Random

from agency_app.demo.bulk_load import drop_triggers_and_indexes
from agency_app.domain import codes
from agency_app.domain import trainings as TR
from agency_app.domain.periods import Period, fiscal_year_of
from agency_app.domain.voice import format_datetime
from agency_app.storage.audited_tables import AUDIT_COLUMNS, audited_columns, created_row_sql

VOICES_PER_ANSWER = 40     # one survey answer per 40 voices (issue 11)
MIN_ANSWERS_PER_YEAR = 60  # a small demo still has enough answers of each type for NPS to mean something
LINKED_VOICES = 6          # answers whose comment became a voice (channel 'survey')
COMMENT_SHARE = 0.12
CLOSED_DAYS = {(12, 29), (12, 30), (12, 31), (1, 1), (1, 2), (1, 3)}  # as the voices' calendar
BRANCH_SHARE = (("HQ", 0.5), ("YOK", 0.25), ("OMY", 0.25))
PASS_MARK = 70
RETESTS_PER_ROLEPLAY = 2   # seed 004

# Per survey type: share of the answers, grade weights (grade 1 the best) and, when it asks the 0–10 score,
# (share of 9–10, share of 0–6). Seed 000: 継続 (満期前) NPS −14.7 and 89 % top 2 of 5; 事故対応 NPS 23.6 and
# 90.6 % top 3 of 6; コンタクトセンター 95.8 % top 3 of 5. 契約手続 is not in the seed: like the contact centre.
SURVEY_MIX = {
    "contract": (0.40, (34, 36, 26, 3, 1), (0.40, 0.20)),
    "contact": (0.10, (30, 35, 30.8, 3, 1.2), None),
    "claim": (0.20, (30, 40, 20.6, 5, 3, 1.4), (0.45, 0.214)),
    "renewal": (0.30, (55, 34, 7, 3, 1), (0.25, 0.397)),
}
SURVEY_LINES = {
    "contract": (("life", 3), ("nonlife_auto", 3), ("nonlife_fire", 2), ("nonlife_accident", 1), ("group", 1)),
    "contact": (("", 1),),
    "claim": (("nonlife_auto", 6), ("nonlife_fire", 3), ("nonlife_accident", 1)),
    "renewal": (("nonlife_auto", 5), ("nonlife_fire", 3), ("life", 2)),
}
GOOD_COMMENTS = ("説明がとても分かりやすかったです。", "丁寧に対応していただき安心しました。", "いつも迅速な対応をありがとうございます。",
                 "担当の方が親身になって相談に乗ってくれました。", "手続きがスムーズで助かりました。")
MIDDLE_COMMENTS = ("特に問題はありませんでした。", "書類がもう少し少ないと助かります。", "連絡の時間帯を選べると嬉しいです。")
BAD_COMMENTS = ("折り返しの連絡が遅かったです。", "説明が専門的で分かりにくかったです。", "担当者によって説明が違いました。",
                "保険金の支払いまでに時間がかかりました。")

THEMES = {
    TR.KIND_COMPLIANCE: ("個人情報の取扱い", "募集時の重要事項説明", "高齢者募集のルール", "反社会的勢力への対応",
                         "不適切な募集行為の防止", "苦情対応の手順", "情報セキュリティ", "保険業法の改正点"),
    TR.KIND_QUALITY: ("お客様の声の振り返り", "対応漏れの再発防止", "アンケート結果の共有", "改善策の進捗確認"),
    TR.KIND_STUDY: ("自動車保険の商品改定", "火災保険の補償内容", "医療保険の基礎", "相続と生命保険",
                    "事故受付の流れ", "団体保険の手続き", "傷害保険の約款", "新種保険の商品知識"),
    TR.KIND_ROLEPLAY: ("満期案内の電話応対", "事故受付の初期対応", "高齢のお客様への募集", "苦情の一次対応"),
}
# Month of the fiscal year (4 = April) each kind is held in, and the weekday (0 = Monday) and week of the month.
SCHEDULE = {
    TR.KIND_COMPLIANCE: ((4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3), 2, 2),   # monthly, 2nd Wednesday
    TR.KIND_QUALITY: ((6, 9, 12, 3), 3, 3),                             # quarterly, 3rd Thursday
    TR.KIND_STUDY: ((4, 5, 7, 8, 10, 11, 1, 2), 1, 4),                   # the other months, 4th Tuesday
    TR.KIND_ROLEPLAY: ((7, 1), 4, 3),                                    # twice a year, 3rd Friday
}
# Qualifications beyond insurance (seed 003: 1人1資格以上); years of validity, None: kept for life.
QUALIFICATIONS = (("FP技能士2級", None), ("宅地建物取引士", 5), ("日商簿記検定2級", None), ("証券外務員二種", None),
                  ("福祉住環境コーディネーター2級", None), ("認知症サポーター", None), ("損害保険大学課程", 5),
                  ("生命保険講座（TLC）", None), ("メンタルヘルス・マネジメント検定", None), ("相続診断士", 3))
SECOND_SHARE = 0.4


def write_rows(conn, table: str, rows: list[dict]) -> int:
    """Insert `rows` (dicts with the same keys) into an audited table in bulk, with the audit rows its insert
    trigger would write (created_row_sql, the trigger's own select list): triggers and indexes off meanwhile."""
    if not rows:
        return 0
    saved = drop_triggers_and_indexes(conn, table)
    try:
        before = conn.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}").fetchone()[0]
        columns = list(rows[0])
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [tuple(r[c] for c in columns) for r in rows])
        select = created_row_sql(table, audited_columns(conn, table), "t")
        conn.execute(f"INSERT INTO audit_log (uid, {AUDIT_COLUMNS}) SELECT t.uid || '-created', {select} "
                     f"FROM {table} t WHERE t.rowid > ? ORDER BY t.rowid", (before,))
    finally:
        for statement in saved["index"] + saved["trigger"]:
            conn.execute(statement)
    return len(rows)


def stamped(row: dict, home: str, at: datetime, by: str | None) -> dict:
    """The record stamps of a row made at `at` by `by` (version 1)."""
    stamp = format_datetime(at)
    return dict(row, origin_branch=home, created_at=stamp, created_by=by, updated_at=stamp, updated_by=by)


def fiscal_years(today: date) -> tuple[int, int, int]:
    """The demo's three fiscal years, oldest first: the one before its voices, the two of its voices."""
    current = fiscal_year_of(today)
    return current - 2, current - 1, current


def working_days(first: date, last: date) -> tuple[list[date], list[float]]:
    """Days from first to last the agency is open (Saturdays a third of a weekday's traffic)."""
    days, weights, day = [], [], first
    while day <= last:
        if day.weekday() != 6 and (day.month, day.day) not in CLOSED_DAYS:
            days.append(day)
            weights.append(0.35 if day.weekday() == 5 else 1.0)
        day += timedelta(days=1)
    return days, weights


def _uid(rng: Random) -> str:
    return rng.randbytes(16).hex()


class SurveysAndTrainings:
    """One demo's survey answers, meetings, role-play results and qualifications, drawn and written."""

    def __init__(self, conn, rng: Random, today: date, staff: list[dict], home: str, voices: int):
        self.conn, self.rng, self.today, self.staff, self.home, self.voices = conn, rng, today, staff, home, voices
        self.years = fiscal_years(today)
        self.manager = next((s for s in staff if s["branch"] == home and s["role"] == codes.ROLE_MANAGER), staff[0])
        self.made = dict(survey_answers=0, survey_voices=0, trainings=0, participants=0, roleplay_results=0,
                         qualifications=0)

    def write(self) -> dict:
        self.survey_answers()
        self.trainings()
        self.qualifications()
        return self.made

    # --- survey answers ----------------------------------------------------------------------------
    def survey_answers(self) -> None:
        rng, conn, today = self.rng, self.conn, self.today
        yesterday = today - timedelta(days=1)
        first_voice = conn.execute("SELECT MIN(received_at) FROM voices").fetchone()[0]
        voice_start = date.fromisoformat(first_voice[:10]) if first_voice else Period(self.years[1]).start
        recent_days, recent_weights = working_days(voice_start, yesterday)
        span = max(1, (today - voice_start).days)
        recent = max(round(self.voices / VOICES_PER_ANSWER), round(MIN_ANSWERS_PER_YEAR * span / 365))
        old = Period(self.years[0])
        old_days, old_weights = working_days(old.start, min(old.end, yesterday))
        # The year before the voices: a little fewer answers a day (the agency grows, as its voices do).
        earlier = round(recent * 365 / span * 0.9)
        days = self._draw_days(recent_days, recent_weights, recent) + self._draw_days(old_days, old_weights, earlier)
        days.sort()
        branch_staff = {code: [s for s in self.staff if s["branch"] == code] or self.staff for code, _ in BRANCH_SHARE}
        types = [code for code in SURVEY_MIX]
        type_cum = list(accumulate(SURVEY_MIX[c][0] for c in types))
        grade_cum = {c: list(accumulate(SURVEY_MIX[c][1])) for c in types}
        score_cum = {c: self._score_cum(*SURVEY_MIX[c][2]) for c in types if SURVEY_MIX[c][2]}
        line_cum = {c: (tuple(x for x, _ in SURVEY_LINES[c]), list(accumulate(w for _, w in SURVEY_LINES[c])))
                    for c in types}
        branch_cum = list(accumulate(w for _, w in BRANCH_SHARE))
        rows = []
        random = rng.random
        for day in days:
            kind = types[bisect_right(type_cum, random() * type_cum[-1])]
            mood = random()  # one feeling behind both answers: a high score mostly comes with a good grade
            cum = grade_cum[kind]
            grade = 1 + bisect_right(cum, mood * cum[-1])
            score = None
            if kind in score_cum:
                felt = mood if random() < 0.7 else random()
                score = 10 - bisect_right(score_cum[kind], felt)
            lines, lcum = line_cum[kind]
            line = lines[bisect_right(lcum, random() * lcum[-1])]
            branch = BRANCH_SHARE[bisect_right(branch_cum, random() * branch_cum[-1])][0]
            comment = ""
            if random() < COMMENT_SHARE:
                n = len(SURVEY_MIX[kind][1])
                pool = GOOD_COMMENTS if grade <= 2 else BAD_COMMENTS if grade >= n - 1 else MIDDLE_COMMENTS
                comment = pool[int(random() * len(pool))]
            clerk = branch_staff[branch][int(random() * len(branch_staff[branch]))]
            entered = min(day + timedelta(days=int(random() * 4)), today)
            rows.append(stamped(dict(uid=_uid(rng), branch_code=branch, answered_on=day.isoformat(), survey_type=kind,
                                     product_line=line, recommendation=score, satisfaction_grade=grade,
                                     comment=comment, voice_id=None),
                                self.home, datetime.combine(entered, time(17, int(random() * 60))), clerk["uid"]))
        rows += self._answers_from_voices()
        rows.sort(key=lambda r: (r["answered_on"], r["uid"]))
        self.made["survey_answers"] = write_rows(self.conn, "survey_answers", rows)

    def _draw_days(self, days: list[date], weights: list[float], count: int) -> list[date]:
        if not days or count <= 0:
            return []
        return self.rng.choices(days, cum_weights=list(accumulate(weights)), k=count)

    @staticmethod
    def _score_cum(promoters: float, detractors: float) -> list[float]:
        """Cumulative weights of scores 10, 9, …, 0 for the given shares of 9–10 and 0–6."""
        passive = 1 - promoters - detractors
        low = (0.50, 0.32, 0.08, 0.05, 0.02, 0.01, 0.02)  # 6, 5, …, 0: the middle of the scale mostly
        weights = [promoters * 0.45, promoters * 0.55, passive * 0.5, passive * 0.5] + [detractors * w for w in low]
        return list(accumulate(weights))

    def _answers_from_voices(self) -> list[dict]:
        """A few answers whose comment was taken up as a voice: the demo's voices received by survey, spread
        over its rowids (one indexed probe each), each linked to an answer of that day with the voice's words."""
        conn, rng = self.conn, self.rng
        top = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM voices").fetchone()[0]
        rows, seen = [], set()
        for k in range(LINKED_VOICES):
            found = conn.execute(
                "SELECT uid, received_at, branch_code, product_line, kind, body, received_by FROM voices "
                "WHERE rowid >= ? AND channel = 'survey' ORDER BY rowid LIMIT 1",
                (1 + top * k // LINKED_VOICES,)).fetchone()
            if found is None or found[0] in seen:
                continue
            uid, received, branch, line, kind, body, by = found
            seen.add(uid)
            good = kind == codes.KIND_PRAISE
            grade = rng.choice((1, 2)) if good else rng.choice((4, 5))
            score = rng.choice((9, 10)) if good else rng.randint(2, 6)
            rows.append(stamped(dict(uid=_uid(rng), branch_code=branch, answered_on=received[:10],
                                     survey_type="contract", product_line=line or "", recommendation=score,
                                     satisfaction_grade=grade, comment=body, voice_id=uid),
                                self.home, datetime.strptime(received, "%Y-%m-%d %H:%M"), by))
        self.made["survey_voices"] = len(rows)
        return rows

    # --- meetings and trainings --------------------------------------------------------------------
    def trainings(self) -> None:
        rng, home, by = self.rng, self.home, self.manager["uid"]
        trainings, participants, results = [], [], []
        everyone = [s["uid"] for s in self.staff]
        for fy in self.years:
            for kind, (months, weekday, week) in SCHEDULE.items():
                for k, month in enumerate(months):
                    held = _nth_weekday(fy + (month < 4), month, weekday, week)
                    if held >= self.today:
                        continue  # only meetings that took place are recorded
                    uid = _uid(rng)
                    themes = THEMES[kind]
                    trainings.append(stamped(dict(
                        uid=uid, branch_code=home, held_on=held.isoformat(), kind=kind,
                        theme=themes[(k + fy) % len(themes)], pass_mark=PASS_MARK if kind == TR.KIND_ROLEPLAY else None,
                        notes=""), home, datetime.combine(held, time(19, 0)), by))
                    if kind == TR.KIND_ROLEPLAY:  # every member of staff (seed 004: 26 took part)
                        present = list(everyone)
                    elif kind == TR.KIND_STUDY:
                        present = rng.sample(everyone, round(len(everyone) * rng.uniform(0.6, 0.9)))
                    else:  # a meeting everyone attends, but for one or two away that day
                        present = rng.sample(everyone, len(everyone) - rng.randint(0, 2))
                    present.sort(key=everyone.index)
                    at = datetime.combine(held, time(19, 5))
                    participants += [stamped(dict(uid=_uid(rng), training_id=uid, staff_id=s), home, at, by)
                                     for s in present]
                    if kind == TR.KIND_ROLEPLAY:
                        results += self._roleplay(uid, held, present)
        self.made["trainings"] = write_rows(self.conn, "trainings", trainings)
        self.made["participants"] = write_rows(self.conn, "training_participants", participants)
        self.made["roleplay_results"] = write_rows(self.conn, "roleplay_results", results)

    def _roleplay(self, training: str, held: date, present: list[str]) -> list[dict]:
        """Each participant's score; RETESTS_PER_ROLEPLAY fall short and pass at their second attempt a week on."""
        rng, home, by = self.rng, self.home, self.manager["uid"]
        retest = set(rng.sample(present, min(RETESTS_PER_ROLEPLAY, len(present))))
        second = min(held + timedelta(days=7), self.today - timedelta(days=1))
        rows = []
        for staff in present:
            first_score = rng.randint(52, PASS_MARK - 1) if staff in retest else rng.randint(PASS_MARK + 2, 98)
            rows.append(stamped(dict(uid=_uid(rng), training_id=training, staff_id=staff, attempt=1,
                                     score=first_score, outcome=TR.outcome_for(first_score, PASS_MARK)),
                                home, datetime.combine(held, time(19, 30)), by))
            if staff in retest and second > held:
                score = rng.randint(PASS_MARK + 2, 90)
                rows.append(stamped(dict(uid=_uid(rng), training_id=training, staff_id=staff, attempt=2,
                                         score=score, outcome=TR.outcome_for(score, PASS_MARK)),
                                    home, datetime.combine(second, time(18, 30)), by))
        return rows

    # --- qualifications -----------------------------------------------------------------------------
    def qualifications(self) -> None:
        """One kept-for-life qualification each, obtained years ago; some a second one (those that must be renewed
        lapse after their years). One member of staff held only one that lapsed in the middle year and obtained a
        new one this year: the share of qualified staff dips below 100 % at that year's end."""
        rng, home, today = self.rng, self.home, self.today
        oldest = Period(self.years[0]).start
        lifelong = [q for q in QUALIFICATIONS if q[1] is None]
        renewable = [q for q in QUALIFICATIONS if q[1] is not None]
        staff = [s for s in self.staff if s["role"] != codes.ROLE_MANAGER]
        dip = staff[int(rng.random() * len(staff))]["uid"] if staff else None
        middle = Period(self.years[1])
        rows = []

        def add(member: str, name: str, obtained: date, expires: date | None, by: str) -> None:
            at = datetime.combine(min(max(obtained, oldest), today), time(10, 0))
            rows.append(stamped(dict(uid=_uid(rng), staff_id=member, name=name, obtained_on=obtained.isoformat(),
                                     expires_on=expires.isoformat() if expires else None), home, at, by))

        for member in self.staff:
            uid = member["uid"]
            if uid == dip:
                name, years = rng.choice(renewable)
                lapses = middle.start + timedelta(days=200)  # in the middle year's second half
                add(uid, name, _years_before(lapses + timedelta(days=1), years), lapses, uid)
                renewed = min(Period(self.years[2]).start + timedelta(days=45), today - timedelta(days=1))
                if renewed > lapses:
                    add(uid, rng.choice(lifelong)[0], renewed, None, uid)
                continue
            obtained = oldest - timedelta(days=rng.randint(200, 8 * 365))
            add(uid, rng.choice(lifelong)[0], obtained, None, uid)
            if rng.random() < SECOND_SHARE:
                name, years = rng.choice(QUALIFICATIONS)
                got = oldest + timedelta(days=rng.randint(-7 * 365, max(1, (today - oldest).days - 1)))
                got = min(got, today - timedelta(days=1))
                add(uid, name, got, _years_before(got, -years) - timedelta(days=1) if years else None, uid)
        self.made["qualifications"] = write_rows(self.conn, "qualifications", rows)


def _years_before(day: date, years: int) -> date:
    """The same day `years` years earlier (later for a negative number); 29 February → 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth `weekday` of the month (nth 1–4), moved a week on when it falls on the year-end holidays."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    while (day.month, day.day) in CLOSED_DAYS:
        day += timedelta(days=7)
    return day


def add_surveys_trainings(conn, rng: Random, today: date, staff: list[dict], home: str, voices: int) -> dict:
    """Write the demo's survey answers, trainings and qualifications inside the caller's transaction."""
    return SurveysAndTrainings(conn, rng, today, staff, home, voices).write()
