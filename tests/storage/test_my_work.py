"""MY WORK TODAY: a staff member's missed and today's call-backs, overdue and due items (improvements too),
incomplete elderly records, unread circulations."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agency_app.storage.ids import new_uid
from agency_app.storage.my_work import counts_by_reason, counts_for_badge, my_work

NOW = datetime(2025, 11, 20, 10, 0)  # naive = Tokyo local time
STAMP = "2025-11-01 09:00"


def insert(store, table: str, **values) -> str:
    """One row written as the application writes: record columns and updated_at/by set (audited)."""
    values.setdefault("uid", new_uid())
    values.update(origin_branch="HQ", created_at=STAMP, updated_at=values.pop("updated_at", STAMP))
    values.setdefault("updated_by", None)
    with store.write() as db:
        db.conn.execute(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                        list(values.values()))
    return values["uid"]


def voice(store, summary: str, **values) -> str:
    values.setdefault("received_at", "2025-11-01 09:00")
    return insert(store, "voices", branch_code="HQ", channel="phone", kind="request", summary=summary, **values)


def case(store, title: str, **values) -> str:
    return insert(store, "cases", branch_code="HQ", case_type="address_change", title=title,
                  opened_on="2025-11-01", **values)


def customer(store, name: str, **values) -> str:
    return insert(store, "customers", branch_code="HQ", name=name, **values)


def sale(store, customer_id: str, seller: str, **values) -> str:
    with store.write() as db:
        db.conn.execute("INSERT OR IGNORE INTO elderly_rules (uid, rules_version, rules, effective_from, "
                        "origin_branch, created_at, updated_at) VALUES ('r1', 1, '{}', '2024-04-01', 'HQ', ?, ?)",
                        (STAMP, STAMP))
    values.setdefault("product_line", "life")
    return insert(store, "elderly_sales", branch_code="HQ", customer_id=customer_id, sale_date="2025-11-10",
                  seller_id=seller, face_to_face=1, rules_version=1, **values)


@pytest.fixture
def work(store, staff):
    """Sato's day on 2025-11-20: one record for each reason, and the look-alikes that must stay out."""
    sato, suzuki = staff["sato"], staff["suzuki"]
    kimura = customer(store, "木村 正")
    u = {
        "missed_old": voice(store, "満期の案内が届かない", customer_name="𠮷田 髙志", assignee_id=suzuki,
                            callback_at="2025-11-18 15:00", callback_staff_id=sato, due_date="2025-11-30"),
        "missed_case": case(store, "住所変更（旧住所へ郵送）", customer_id=kimura, status="in_progress",
                            callback_at="2025-11-19 11:00", callback_staff_id=sato, due_date="2025-11-30"),
        "cb_late": voice(store, "保険金の入金予定日", customer_id=kimura, callback_at="2025-11-20 16:30",
                         callback_staff_id=sato),
        "cb_early": voice(store, "車両入替の確認🚗", callback_at="2025-11-20 09:30", callback_staff_id=sato,
                          customer_name="山﨑 一"),
        "overdue_new": voice(store, "解約書類の送付", assignee_id=sato, due_date="2025-11-19"),
        "overdue_old": case(store, "更新手続き", assignee_id=sato, due_date="2025-11-10"),
        "due_today": voice(store, "領収書の再発行", assignee_id=sato, due_date="2025-11-20"),
        "sale_checker": sale(store, kimura, suzuki, phone_checker_id=sato, product_name="終身保険",
                             due_date="2025-11-25"),
        "sale_seller": sale(store, kimura, sato, product_line="nonlife_fire", due_date="2025-11-15"),
    }
    # Not Sato's work today: made, tomorrow, closed, someone else's, due later, complete.
    voice(store, "折り返し済み", callback_at="2025-11-20 10:00", callback_staff_id=sato,
          callback_done_at="2025-11-20 09:55", callback_done_by=sato)
    voice(store, "明日の折り返し", callback_at="2025-11-21 10:00", callback_staff_id=sato)
    voice(store, "完了済み", assignee_id=sato, due_date="2025-11-01", status="done", response="済",
          completed_on="2025-11-02", completed_by=sato, callback_at="2025-11-19 10:00", callback_staff_id=sato)
    voice(store, "見送り", assignee_id=sato, due_date="2025-11-01", status="dropped", close_reason="不要")
    voice(store, "鈴木さんの期限超過", assignee_id=suzuki, due_date="2025-11-01")
    voice(store, "来週期限", assignee_id=sato, due_date="2025-11-27")
    case(store, "鈴木さんの折り返し", callback_at="2025-11-19 10:00", callback_staff_id=suzuki)
    sale(store, kimura, sato, is_complete=1, completed_on="2025-11-12")
    return store, staff, u


def test_lists_each_reason_in_the_order_staff_work_through_them(work):
    store, staff, u = work
    items = my_work(store.conn, staff["sato"], NOW)
    assert [i.uid for i in items] == [
        u["missed_old"], u["missed_case"],          # missed call-backs, oldest first
        u["cb_early"], u["cb_late"],                # today's call-backs by time
        u["overdue_old"], u["overdue_new"],         # overdue by due date
        u["due_today"],
        u["sale_seller"], u["sale_checker"],        # incomplete elderly records, by due date
    ]
    assert [i.reason for i in items] == ["missed_callback"] * 2 + ["callback"] * 2 + ["overdue"] * 2 + [
        "due_today"] + ["incomplete_record"] * 2
    assert counts_for_badge(store.conn, staff["sato"], NOW) == 9
    assert counts_by_reason(items) == {"missed_callback": 2, "callback": 2, "overdue": 2, "due_today": 1,
                                       "incomplete_record": 2, "unread_circulation": 0}


def test_rows_carry_what_the_list_shows_rare_kanji_and_emoji_intact(work):
    store, staff, u = work
    items = {i.uid: i for i in my_work(store.conn, staff["sato"], NOW)}
    first = items[u["missed_old"]]
    assert (first.kind, first.title, first.customer, first.callback_at, first.status) == (
        "voice", "満期の案内が届かない", "𠮷田 髙志", "2025-11-18 15:00", "new")
    assert items[u["cb_early"]].title == "車両入替の確認🚗" and items[u["cb_early"]].customer == "山﨑 一"
    assert items[u["cb_late"]].customer == "木村 正"          # from the linked customer record
    assert items[u["missed_case"]].kind == "case" and items[u["missed_case"]].customer == "木村 正"
    sale = items[u["sale_checker"]]
    assert (sale.kind, sale.title, sale.due_date, sale.status) == (
        "sale", "高齢者対応記録（終身保険）", "2025-11-25", "incomplete")
    assert items[u["sale_seller"]].title == "高齢者対応記録（損保（火災））"


def test_a_record_due_and_promised_appears_once_under_the_more_urgent_reason(store, staff):
    sato = staff["sato"]
    uid = voice(store, "両方", assignee_id=sato, due_date="2025-11-15", callback_at="2025-11-20 14:00",
                callback_staff_id=sato)
    items = my_work(store.conn, sato, NOW)
    assert [(i.uid, i.reason) for i in items] == [(uid, "callback")]


def test_missed_means_an_earlier_day_as_in_the_voice_list_not_an_earlier_hour(store, staff):
    sato = staff["sato"]
    morning = voice(store, "朝の約束", callback_at="2025-11-20 09:00", callback_staff_id=sato)
    late_evening = datetime(2025, 11, 20, 23, 59)
    assert [i.reason for i in my_work(store.conn, sato, late_evening)] == ["callback"]
    next_morning = datetime(2025, 11, 21, 0, 1)
    assert [(i.uid, i.reason) for i in my_work(store.conn, sato, next_morning)] == [(morning, "missed_callback")]


def test_today_is_the_tokyo_day_of_an_aware_now(store, staff):
    sato = staff["sato"]
    voice(store, "本日期限", assignee_id=sato, due_date="2025-11-21")
    # 2025-11-20 16:00 UTC is 2025-11-21 01:00 in Tokyo: the item is due today, not tomorrow.
    utc = datetime(2025, 11, 20, 16, 0, tzinfo=timezone.utc)
    assert [i.reason for i in my_work(store.conn, sato, utc)] == ["due_today"]
    assert my_work(store.conn, sato, datetime(2025, 11, 20, 23, 0)) == []


def test_nothing_to_do_is_an_empty_list_and_an_unknown_staff_has_none(store, staff):
    assert my_work(store.conn, staff["sato"], NOW) == []
    voice(store, "誰かの仕事", assignee_id=staff["sato"], due_date="2025-11-01")
    assert counts_for_badge(store.conn, "no-such-staff", NOW) == 0


def improvement(store, by: str, title: str, due: str, **entry) -> str:
    from agency_app.domain.improvements import ImprovementInput
    from agency_app.storage.improvements import ImprovementRepository
    values = dict(title=title, owner_id=by, opened_on="2025-11-01", due_date=due)
    values.update(entry)
    return ImprovementRepository(store).create(ImprovementInput(**values), by=by, now=datetime(2025, 11, 1, 9, 0))


def test_the_owners_improvements_overdue_or_due_today_are_listed_as_cases_are(work):
    store, staff, u = work
    sato = staff["sato"]
    late = improvement(store, sato, "満期案内の宛先確認", "2025-11-05")
    today = improvement(store, sato, "受付票の見直し", "2025-11-20")
    improvement(store, sato, "来月の改善", "2025-11-21")                    # not due yet
    improvement(store, staff["suzuki"], "鈴木さんの改善", "2025-11-05")     # someone else's
    from agency_app.domain.workflow import StatusChange
    from agency_app.storage.improvements import ImprovementRepository
    closed = improvement(store, sato, "済んだ改善", "2025-11-05")
    ImprovementRepository(store).change_status(closed, StatusChange("done", response="済", completed_on="2025-11-06",
                                                                    completed_by=sato), by=sato,
                                               now=datetime(2025, 11, 6, 9, 0))
    items = my_work(store.conn, sato, NOW)
    overdue = [i.uid for i in items if i.reason == "overdue"]
    assert overdue == [late, u["overdue_old"], u["overdue_new"]]  # by due date, among the cases and voices
    assert {i.uid for i in items if i.reason == "due_today"} == {u["due_today"], today}
    mine = {i.uid: i for i in items}[late]
    assert (mine.kind, mine.title, mine.customer, mine.due_date, mine.status) == \
        ("improvement", "満期案内の宛先確認", "", "2025-11-05", "new")
    assert counts_for_badge(store.conn, sato, NOW) == 11


def test_each_circulation_not_yet_confirmed_is_listed_until_read(store, staff):
    from agency_app.storage.circulations import CirculationRepository
    repo = CirculationRepository(store)
    june = repo.issue("2025-06", by=staff["manager"], now=datetime(2025, 7, 1, 9, 0))
    july = repo.issue("2025-07", by=staff["manager"], now=datetime(2025, 8, 1, 9, 0))
    sato = staff["sato"]
    items = my_work(store.conn, sato, NOW)
    assert [(i.kind, i.uid, i.title, i.due_date, i.reason) for i in items] == [
        ("circulation", june, "2025-06", "2025-07-01", "unread_circulation"),
        ("circulation", july, "2025-07", "2025-08-01", "unread_circulation")]
    repo.confirm_read(june, sato, now=NOW)
    assert [i.uid for i in my_work(store.conn, sato, NOW)] == [july]
    assert [i.uid for i in my_work(store.conn, staff["suzuki"], NOW)] == [june, july]  # read by each for themselves
    assert counts_for_badge(store.conn, sato, NOW) == 1
