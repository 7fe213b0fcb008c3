"""Demo customers, follow-up cases with checklists, elderly sales and relative contacts in seed 004's proportions.

Sized by staff count and date span (not by the number of voices), so a million-voice demo costs the same
few thousand rows as a small one. Every row is drawn from the caller's Random (uids too): same seed, same demo.
Elderly records are judged by the domain's own rules (elderly.missing), so "complete" always means complete.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from random import Random

from agency_app.domain import cases as C
from agency_app.demo import texts as T
from agency_app.domain import elderly as EL
from agency_app.domain.codes import PRODUCT_LINES
from agency_app.domain.counting import scaled
from agency_app.domain.customer import format_product_lines, normalise_phone, search_key
from agency_app.domain.kana_order import kana_order_key
from agency_app.domain.periods import HALF, fiscal_year_of, period_of

# Seed 004, per half-year (H1 FY2025), for an agency of 26 staff.
ELDERLY_LIFE_NONLIFE = {EL.RELATIVE_PRESENT: 12, EL.SECOND_AGENT: 20, EL.MULTIPLE_MEETINGS: 13, EL.PHONE_CHECK: 66}
ELDERLY_GROUP = {EL.PHONE_CHECK: 750, EL.WRITTEN_CHECK: 210}
RELATIVES = {("life", "registered", "meeting"): 28, ("nonlife", "registered", "mail"): 42,
             ("life", "declined", "meeting"): 1}
FOLLOWUP_STAFF = 26       # seed 004's agency: the size the figures below are for (scale 1.0)
CASES_PER_HALF = 160
CASE_TYPE_WEIGHTS = {C.RENEWAL: 30, C.ADDRESS_CHANGE: 15, C.NAME_CHANGE: 4, C.VEHICLE_CHANGE: 10,
                     C.OTHER_CHANGE: 5, C.CANCELLATION: 8, C.CLAIM: 12, C.DOCUMENT_REQUEST: 10, C.AFTERCARE: 6}
CUSTOMERS = 2400          # at scale 1; about 30 % aged 70 or more
ELDERLY_SHARE = 0.3
LINKED_VOICES = 400       # at most, among the newest voices
OPEN_CASE_DAYS = 30       # older cases are closed
RECENT_SALE_DAYS = 20     # some sales this recent still wait for their check

ELDERLY_GIVEN = (("和子", "カズコ"), ("幸子", "サチコ"), ("節子", "セツコ"), ("久子", "ヒサコ"), ("清", "キヨシ"),
                 ("勇", "イサム"), ("茂", "シゲル"), ("昭二", "ショウジ"), ("弘", "ヒロシ"), ("トミ", "トミ"))
RARE_SURNAMES = (("髙橋", "タカハシ"), ("𠮷田", "ヨシダ"), ("山﨑", "ヤマザキ"))
RELATIONS = ("長男", "長女", "次男", "次女", "配偶者", "妻", "夫", "甥")
AREAS = {  # branch → (phone area code, postal prefix, towns)
    "HQ": ("03", "1", ("東京都世田谷区桜新町", "東京都杉並区阿佐谷北", "東京都大田区田園調布", "東京都練馬区石神井町")),
    "YOK": ("045", "2", ("神奈川県横浜市港北区日吉", "神奈川県横浜市青葉区美しが丘", "神奈川県川崎市中原区小杉町")),
    "OMY": ("048", "3", ("埼玉県さいたま市大宮区桜木町", "埼玉県さいたま市見沼区東大宮", "埼玉県上尾市柏座")),
}
REASONS = {
    EL.SECOND_AGENT: ("ご親族が遠方にお住まいで同席が難しく、お客様が早めの手続きを希望されたため。",
                      "ご家族の都合がつかず、お客様のご希望で上席が同席したため。"),
    EL.MULTIPLE_MEETINGS: ("ご親族の同席が難しいため、日を改めて二度ご説明した。",
                           "お一人暮らしでご親族が遠方のため、複数回に分けて面談した。"),
    EL.PHONE_CHECK: ("ご親族の同席・複数回の面談がいずれも難しかったため。",),
}
COMMENTS = ("丁寧に説明してもらい、よく分かった。", "家族にも話して納得している。", "特になし。",
            "保障内容は理解している。", "前の保険との違いがよく分かった。")
CASE_BODIES = {
    C.RENEWAL: "満期が近づいているため更改のご案内。", C.ADDRESS_CHANGE: "転居に伴う住所変更のご連絡。",
    C.NAME_CHANGE: "ご結婚による名義変更のご依頼。", C.VEHICLE_CHANGE: "車の買い替えに伴う車両入替のご依頼。",
    C.OTHER_CHANGE: "口座振替の口座変更のご依頼。", C.CANCELLATION: "他社への切替えに伴う解約のお申し出。",
    C.CLAIM: "駐車場で車両を擦った事故のご連絡。", C.DOCUMENT_REQUEST: "保険料控除証明書の再発行のご依頼。",
    C.AFTERCARE: "ご契約から一年経過のアフターフォロー。",
}
CASE_LINES = {C.VEHICLE_CHANGE: ("nonlife_auto",), C.CLAIM: ("nonlife_auto", "nonlife_fire", "nonlife_accident")}
TEAM_OF_GROUP = {"life": "生保", "nonlife": "損保", "group": "団体"}


def _katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


class _Followups:
    """One demo's draw: customers first, then what refers to them; rows kept as dicts until written."""

    def __init__(self, conn, rng: Random, today: date, staff: list[dict], branches: list[str], scale: float):
        self.conn, self.rng, self.today, self.scale = conn, rng, today, scale
        self.start = date(fiscal_year_of(today) - 1, 4, 1)
        self.home = conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone()
        self.home = self.home[0] if self.home else "HQ"
        self.staff = staff
        self._pools: dict[tuple, list[dict]] = {(None, None): list(staff)}
        for member in staff:
            self._pools.setdefault((member.get("team"), member.get("branch")), []).append(member)
            self._pools.setdefault((member.get("team"), None), []).append(member)
        self.branches = list(branches) or [self.home]
        self.insurers = [r[0] for r in conn.execute("SELECT name FROM insurers ORDER BY sort_order, name")] or [None]
        self.rows: dict[str, list[dict]] = {t: [] for t in (
            "customers", "cases", "case_steps", "elderly_sales", "relative_contacts")}

    # --- helpers -------------------------------------------------------------------------------
    def uid(self) -> str:
        return self.rng.randbytes(16).hex()

    def record(self, table: str, stamp: str, by: str | None, **values) -> dict:
        row = dict(values, origin_branch=self.home, created_at=stamp, created_by=by, updated_at=stamp,
                   updated_by=by)
        row.setdefault("uid", self.uid())
        self.rows[table].append(row)
        return row

    def day_between(self, first: date, last: date) -> date:
        """A working day (not Sunday) in [first, last]; `last` itself when the range is one day."""
        for _ in range(10):
            day = first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))
            if day.weekday() != 6:
                return day
        return last

    def stamp(self, day: date) -> str:
        return f"{day.isoformat()} {self.rng.randint(9, 17):02d}:{self.rng.choice((0, 10, 20, 30, 40, 50)):02d}"

    def member(self, team: str, branch: str | None = None, other_than: str | None = None) -> dict:
        """A staff member of the team (at the branch if possible), never `other_than`."""
        for key in ((team, branch), (team, None), (None, None)):
            pool = [s for s in self._pools.get(key, ()) if s["uid"] != other_than]
            if pool:
                return self.rng.choice(pool)
        return self.staff[0]

    # --- customers -----------------------------------------------------------------------------
    def customers(self) -> None:
        rng = self.rng
        n = max(20, round(CUSTOMERS * self.scale))
        weights = [2 if b == self.home else 1 for b in self.branches]
        self.elderly: list[dict] = []
        for k in range(n):
            old = rng.random() < ELDERLY_SHARE
            surname = RARE_SURNAMES[k // 400 % 3] if k % 400 == 7 else rng.choice(T.SURNAMES)
            given = rng.choice(ELDERLY_GIVEN + T.GIVEN_NAMES[:5]) if old else rng.choice(T.GIVEN_NAMES)
            name, kana = f"{surname[0]} {given[0]}", f"{_katakana(surname[1])} {_katakana(given[1])}"
            age = rng.randint(72, 95) if old else rng.randint(20, 68)
            birth = date(self.today.year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
            branch = rng.choices(self.branches, weights)[0]
            code, postal, towns = AREAS.get(branch, AREAS["HQ"])
            if rng.random() < 0.5:
                phone = f"0{rng.choice('789')}0-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            else:
                rest = 8 - len(code) + 2
                number = str(rng.randint(10 ** (rest - 1), 10 ** rest - 1))
                phone = f"{code}-{number[:rest - 4]}-{number[rest - 4:]}"
            shown, digits = normalise_phone(phone)
            address = f"{rng.choice(towns)}{rng.randint(1, 5)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
            row = self.record("customers", f"{self.start.isoformat()} 09:00", None, branch_code=branch,
                              name=name, kana=kana, birth_date=birth.isoformat(), phone=shown, phone_digits=digits,
                              postal_code=f"{postal}{rng.randint(0, 99):02d}-{rng.randint(0, 9999):04d}",
                              address=address, product_lines={rng.choice(PRODUCT_LINES)}, notes="",
                              search_key=search_key(name, kana), kana_key=kana_order_key(kana, name), active=1)
            row["_birth"] = birth
            if old:  # 72 or more today: elderly on every sale date of the demo's two years
                self.elderly.append(row)
        self.all_customers = self.rows["customers"]

    # --- elderly sales and relative contacts, per half-year ------------------------------------
    def halves(self) -> list[tuple[date, date, float]]:
        """(first, last day, share of the half already passed) from the start to today."""
        out, half = [], period_of(self.start, HALF)
        while half.start <= self.today:
            last = min(half.end, self.today)
            out.append((half.start, last, ((last - half.start).days + 1) / ((half.end - half.start).days + 1)))
            half = period_of(half.end + timedelta(days=1), HALF)
        return out

    def elderly_sales(self, version: int, rules: EL.ElderlyRules) -> None:
        for first, last, share in self.halves():
            plans = [(m, n, False) for m, n in scaled(ELDERLY_LIFE_NONLIFE, self.scale * share).items()]
            plans += [(m, n, True) for m, n in scaled(ELDERLY_GROUP, self.scale * share).items()]
            for measure, n, group in plans:
                for _ in range(n):
                    self.sale(self.day_between(first, last), measure, group, version, rules)

    def sale(self, day: date, measure: str, group: bool, version: int, rules: EL.ElderlyRules) -> None:
        rng = self.rng
        line = "group" if group else rng.choice(("life", "life", "nonlife_fire", "nonlife_auto", "nonlife_accident"))
        customer = rng.choice(self.elderly)
        seller = self.member(TEAM_OF_GROUP["group" if group else ("life" if line == "life" else "nonlife")],
                             customer["branch_code"])
        recent = (self.today - day).days <= RECENT_SALE_DAYS
        left_open = rng.random() < (0.08 if recent else 0.001)  # staff have not finished this record yet
        # Group insurance is sold by mail order (seed 004: 「団体保険は100%通販商品」): never face to face.
        face = not group and (measure != EL.PHONE_CHECK or rng.random() < 0.5)
        row = dict(uid=self.uid(), branch_code=seller["branch"], customer_id=customer["uid"],
                   sale_date=day.isoformat(), product_line=line, insurer=rng.choice(self.insurers),
                   product_name=rng.choice(T.PRODUCTS[line]), seller_id=seller["uid"], face_to_face=int(face),
                   measure=measure, relative_name="", relative_relation="", meeting_dates="",
                   second_agent_id=None, less_preferred_reason="", phone_checker_id=None,
                   phone_checked_on=None, answer_public_insurance=None, answer_product_reason=None,
                   customer_comment="", follow_up_note="", written_confirmed_on=None, rules_version=version,
                   due_date=EL.default_due_date(day).isoformat(), notes="")
        if measure == EL.RELATIVE_PRESENT:
            row.update(relative_name=f"{customer['name'].split()[0]} {rng.choice(T.GIVEN_NAMES)[0]}",
                       relative_relation=rng.choice(RELATIONS))
        elif measure == EL.MULTIPLE_MEETINGS:
            first_meeting = day - timedelta(days=rng.randint(5, 21))
            row["meeting_dates"] = f"{first_meeting.isoformat()},{day.isoformat()}"
        elif measure == EL.SECOND_AGENT:
            row["second_agent_id"] = self.member(seller["team"], seller["branch"], other_than=seller["uid"])["uid"]
        if not group and face and measure != tuple(rules.preference)[0]:
            row["less_preferred_reason"] = rng.choice(REASONS[measure])
        record = EL.record_from_row(row)
        if EL.phone_check_reason(customer["_birth"], record, rules):  # phone_check, or the strict band (80+)
            checked = day + timedelta(days=rng.randint(1, 7))
            if not left_open and checked <= self.today:
                row.update(phone_checker_id=self.member(seller["team"], seller["branch"],
                                                        other_than=seller["uid"])["uid"],
                           phone_checked_on=checked.isoformat(), answer_public_insurance="yes",
                           answer_product_reason="yes", customer_comment=rng.choice(COMMENTS))
        if measure == EL.WRITTEN_CHECK:
            written = day + timedelta(days=rng.randint(3, 20))
            if not left_open and written <= self.today:
                row["written_confirmed_on"] = written.isoformat()
        if left_open and measure == EL.RELATIVE_PRESENT:
            row["relative_relation"] = ""  # the relation was not noted at the counter
        still = EL.missing(EL.record_from_row(row), customer["_birth"], rules)
        done_on = max([day] + [date.fromisoformat(row[k]) for k in ("phone_checked_on", "written_confirmed_on")
                               if row[k]])
        row.update(is_complete=0 if still else 1, completed_on=None if still else done_on.isoformat())
        self.record("elderly_sales", self.stamp(done_on if not still else day), seller["uid"], **row)
        customer["product_lines"].add(line)

    def relative_contacts(self) -> None:
        rng = self.rng
        for first, last, share in self.halves():
            for (group, outcome, how), n in scaled(RELATIVES, self.scale * share).items():
                for _ in range(n):
                    customer = rng.choice(self.elderly)
                    line = "life" if group == "life" else rng.choice(("nonlife_auto", "nonlife_fire"))
                    staff = self.member(TEAM_OF_GROUP[group], customer["branch_code"])
                    day = self.day_between(first, last)
                    values = dict(branch_code=staff["branch"], customer_id=customer["uid"], product_line=line,
                                  outcome=outcome, obtained_by=how, recorded_on=day.isoformat(),
                                  recorded_by=staff["uid"], relative_name="", relation="", phone="",
                                  decline_reason="")
                    if outcome == "registered":
                        values.update(relative_name=f"{customer['name'].split()[0]} {rng.choice(T.GIVEN_NAMES)[0]}",
                                      relation=rng.choice(RELATIONS),
                                      phone=f"090-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}")
                    else:
                        values["decline_reason"] = "ご家族に連絡が行くことを望まれないため。"
                    self.record("relative_contacts", self.stamp(day), staff["uid"], **values)

    # --- cases ---------------------------------------------------------------------------------
    def cases(self, templates: dict[str, list[str]]) -> list[dict]:
        """Cases with their steps; returns the closed cases to reopen later by UPDATE (so the audit log has it)."""
        rng = self.rng
        types, weights = list(CASE_TYPE_WEIGHTS), list(CASE_TYPE_WEIGHTS.values())
        halves = self.halves()
        for first, last, share in halves:
            for _ in range(round(CASES_PER_HALF * self.scale * share)):
                self.case(rng.choices(types, weights)[0], self.day_between(first, last), templates)
        # Seed 004: three omissions a half-year; at least one of each kind shows in any demo.
        closed = [c for c in self.rows["cases"] if c["status"] == "done"]
        wanted = max(2, round(3 * self.scale * sum(share for *_, share in halves)))
        reopen = []
        for k, case in enumerate(rng.sample(closed, min(len(closed), wanted))):
            if k % 2 == 0:  # closed too late
                late = date.fromisoformat(case["due_date"]) + timedelta(days=rng.randint(2, 9))
                case["completed_on"] = min(self.today, max(late, date.fromisoformat(case["completed_on"]))).isoformat()
            else:           # marked 済 although it was not done (seed 004's cause)
                reopen.append(case)
        return reopen

    def case(self, case_type: str, opened: date, templates: dict[str, list[str]]) -> None:
        rng = self.rng
        customer = rng.choice(self.all_customers)
        line = rng.choice(CASE_LINES.get(case_type, ("life", "nonlife_auto", "nonlife_fire", "group")))
        team = {"life": "生保", "group": "団体"}.get(line, "損保")
        staff = self.member(team, customer["branch_code"])
        due = C.default_due_date(opened, case_type)
        age = (self.today - opened).days
        status = "done" if age > OPEN_CASE_DAYS else rng.choices(
            ("done", "dropped", "in_progress", "new"), (age, 1, 6, 3))[0]
        if age > OPEN_CASE_DAYS and rng.random() < 0.05:
            status = "dropped"
        label = C.CASE_TYPE_LABELS_JA[case_type]
        row = dict(branch_code=staff["branch"], case_type=case_type, title=f"{label}（{customer['name']} 様）",
                   body=CASE_BODIES[case_type], customer_id=customer["uid"], voice_id=None, product_line=line,
                   insurer=rng.choice(self.insurers), opened_on=opened.isoformat(), response="", status=status,
                   assignee_id=staff["uid"], due_date=due.isoformat(), callback_at=None, callback_staff_id=None,
                   callback_done_at=None, callback_done_by=None, completed_on=None, completed_by=None,
                   close_reason=None, reopen_count=0, reopen_note=None, version=1)
        row["search_text"] = C.case_search_text(row["title"], row["body"])
        steps = templates[case_type]
        if status == "done":
            finished = min(self.today, opened + timedelta(days=rng.randint(0, (due - opened).days)))
            row.update(response="手続きを完了し、お客様へ完了をご連絡しました。", completed_on=finished.isoformat(),
                       completed_by=staff["uid"])
            done_steps = len(steps)
        elif status == "dropped":
            finished = min(self.today, opened + timedelta(days=rng.randint(0, 5)))
            row.update(close_reason=rng.choice(T.CLOSE_REASONS), completed_on=finished.isoformat())
            done_steps = rng.randint(0, 1)
        else:
            finished = self.today
            done_steps = rng.randint(0, len(steps) - 1)
        stamp = self.stamp(finished if status in ("done", "dropped") else opened)
        case = self.record("cases", stamp, staff["uid"], **row)
        case["created_at"] = f"{opened.isoformat()} 09:00"
        for position, label_text in enumerate(steps, start=1):
            done = position <= done_steps
            at = (opened + timedelta(days=round((finished - opened).days * position / len(steps)))) if done else None
            self.record("case_steps", self.stamp(at) if at else case["created_at"], staff["uid"] if done else None,
                        case_id=case["uid"], position=position, label=label_text,
                        done_at=f"{at.isoformat()} 17:00" if at else None, done_by=staff["uid"] if done else None,
                        note="")
        customer["product_lines"].add(line)

    def promise_callbacks(self) -> int:
        """Open cases get call-backs: a few today, one from yesterday still not made (R9)."""
        open_cases = [c for c in self.rows["cases"] if c["status"] in ("new", "in_progress")]
        picked = self.rng.sample(open_cases, min(len(open_cases), max(3, round(5 * self.scale))))
        for k, case in enumerate(picked):
            day = self.today - timedelta(days=1) if k == 0 else self.today
            day = max(day, date.fromisoformat(case["opened_on"]))
            case.update(callback_at=f"{day.isoformat()} {10 + k % 7:02d}:{'30' if k % 2 else '00'}",
                        callback_staff_id=case["assignee_id"])
        return len(picked)


def _insert(conn, table: str, rows: list[dict]) -> None:
    if rows:
        columns = [c for c in rows[0] if not c.startswith("_")]
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                         [[r[c] for c in columns] for r in rows])


def _rules(conn, uid: str, start: date) -> tuple[int, EL.ElderlyRules]:
    """The newest rules version; version 1 (the defaults) is written when there is none."""
    row = conn.execute("SELECT rules_version, rules FROM elderly_rules ORDER BY rules_version DESC LIMIT 1").fetchone()
    if row:
        return row[0], EL.ElderlyRules.from_json(row[1])
    stamp = f"{start.isoformat()} 09:00"
    home = conn.execute("SELECT value FROM settings WHERE key = 'home_branch'").fetchone()
    conn.execute("INSERT INTO elderly_rules (uid, rules_version, rules, effective_from, origin_branch, created_at, "
                 "updated_at) VALUES (?, 1, ?, ?, ?, ?, ?)",
                 (uid, EL.DEFAULT_RULES.to_json(), start.isoformat(),
                  home[0] if home else "HQ", stamp, stamp))
    return 1, EL.DEFAULT_RULES


def _templates(conn) -> dict[str, list[str]]:
    stored = {t: json.loads(s) for t, s in conn.execute("SELECT case_type, steps FROM checklist_templates")}
    return {t: stored.get(t, list(C.DEFAULT_CHECKLISTS[t])) for t in C.CASE_TYPES}


def add_followups(conn, rng: Random, today: date, staff: list[dict], branches: list[str],
                  scale: float = 1.0) -> dict:
    """Write the demo's customers, cases, elderly sales and relative contacts; link some voices to customers.

    `staff`: dicts with uid, team (生保 / 損保 / 団体), branch; `scale` 1.0 = seed 004's agency of 26 staff.
    Runs inside the caller's write transaction; returns what was made.
    """
    plan = _Followups(conn, rng, today, staff, branches, scale)
    version, rules = _rules(conn, plan.uid(), plan.start)
    plan.customers()
    plan.elderly_sales(version, rules)
    plan.relative_contacts()
    reopen = plan.cases(_templates(conn))
    callbacks = plan.promise_callbacks()
    for row in plan.rows["customers"]:
        row["product_lines"] = format_product_lines(sorted(row["product_lines"]))
    for table in ("customers", "cases", "case_steps", "elderly_sales", "relative_contacts"):
        _insert(conn, table, plan.rows[table])
    _reopen(conn, reopen, rng, today)
    linked = _link_voices(conn, rng, plan.rows["customers"], max(1, round(LINKED_VOICES * scale)))
    sales = plan.rows["elderly_sales"]
    return dict(customers=len(plan.rows["customers"]), elderly_customers=len(plan.elderly),
                cases=len(plan.rows["cases"]), case_steps=len(plan.rows["case_steps"]),
                elderly_sales=len(sales), elderly_incomplete=sum(1 for s in sales if not s["is_complete"]),
                relative_contacts=len(plan.rows["relative_contacts"]), case_callbacks=callbacks,
                reopened_cases=len(reopen), linked_voices=linked)


def _reopen(conn, cases: list[dict], rng: Random, today: date) -> None:
    """R7/R23: a case marked done that was not is reopened a few days later and, given time, done again.

    Written as UPDATEs, so the audit log holds the status moves the omission count reads."""
    for case in cases:
        reopened = min(today, date.fromisoformat(case["completed_on"]) + timedelta(days=rng.randint(1, 6)))
        conn.execute("UPDATE cases SET status = 'in_progress', completed_on = NULL, completed_by = NULL, "
                     "reopen_count = reopen_count + 1, reopen_note = ?, updated_at = ?, updated_by = ?, "
                     "version = version + 1 WHERE uid = ?",
                     ("お客様より未了のご指摘あり。手続きを再確認する。", f"{reopened.isoformat()} 10:15",
                      case["assignee_id"], case["uid"]))
        done = reopened + timedelta(days=3)
        if done <= today:
            conn.execute("UPDATE cases SET status = 'done', completed_on = ?, completed_by = ?, updated_at = ?, "
                         "updated_by = ?, version = version + 1 WHERE uid = ?",
                         (done.isoformat(), case["assignee_id"], f"{done.isoformat()} 16:40", case["assignee_id"],
                          case["uid"]))


def _link_voices(conn, rng: Random, customers: list[dict], limit: int) -> int:
    """Newest voices whose caller's name is a customer's get that customer (voices.customer_id)."""
    by_name: dict[str, str] = {}
    for row in customers:
        by_name.setdefault(row["name"], row["uid"])
    top = conn.execute("SELECT COALESCE(MAX(rowid), 0) FROM voices").fetchone()[0]
    candidates = [(uid, by_name[name], by) for uid, name, by in conn.execute(
        "SELECT uid, customer_name, received_by FROM voices WHERE rowid > ? AND customer_id IS NULL "
        "ORDER BY rowid", (top - 20 * limit,)) if name in by_name]
    chosen = rng.sample(candidates, min(limit, len(candidates)))
    conn.executemany("UPDATE voices SET customer_id = ?, updated_by = ?, version = version + 1 WHERE uid = ?",
                     [(customer, by, uid) for uid, customer, by in chosen])
    return len(chosen)
