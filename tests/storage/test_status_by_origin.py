"""Status by origin (seed 000): voices carried over and received in a period, as they stood on its last day."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.periods import HALF, Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.storage.ids import new_uid
from agency_app.storage.masters import MasterData
from agency_app.storage.status_by_origin import CARRIED_OVER, RECEIVED, status_by_origin
from agency_app.storage.voices import VoiceRepository

H1_FY2022 = Period(2022, HALF, 1)   # 2022-04-01 .. 2022-09-30
STAMP = "2022-01-10 09:00"


def insert_voices(store, rows: list[dict]) -> list[str]:
    """Voices written as the application stores them (audited by the triggers), in one transaction."""
    base = {"origin_branch": "HQ", "branch_code": "HQ", "channel": "phone", "kind": "dissatisfaction",
            "summary": "VOG", "created_at": STAMP, "updated_at": STAMP, "updated_by": None}
    full = [dict(base, uid=new_uid(), **row) for row in rows]
    with store.write() as db:
        for row in full:
            db.conn.execute(f"INSERT INTO voices ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
    return [row["uid"] for row in full]


def closed(received: str, status: str, on: str, **more) -> dict:
    return dict(received_at=received, status=status, completed_on=on, **more)


def table(store, period=H1_FY2022, branch=None) -> dict:
    found = status_by_origin(store.conn, period, branch)
    return {origin: (found.count(origin, "done"), found.count(origin, "dropped"), found.count(origin, "open"),
                     found.count(origin)) for origin in (CARRIED_OVER, RECEIVED)}


def test_seed_000_h1_fy2022_table_is_reproduced(store):
    """106 carried over from FY2021 (32 完了, 9 見送り, 65 対応中) and 172 received (35, 5, 132): 278 in all."""
    rows = []
    # Carried over: received in FY2021, open on 2022-04-01.
    rows += [closed(f"2021-{4 + i % 12:02d}-15 10:00" if i % 12 < 9 else f"2022-0{i % 12 - 8}-15 10:00",
                    "done", f"2022-{4 + i % 6:02d}-20") for i in range(32)]
    rows += [closed("2022-03-31 17:00", "dropped", "2022-04-01", close_reason="ご意向") for _ in range(9)]
    rows += [dict(received_at="2021-11-02 10:00", status="in_progress") for _ in range(40)]
    rows += [dict(received_at="2021-12-01 10:00", status="new") for _ in range(5)]
    rows += [closed("2022-02-01 10:00", "done", "2022-10-01") for _ in range(20)]  # closed after the half
    # Received in the half.
    rows += [closed("2022-04-01 00:00", "done", "2022-09-30") for _ in range(35)]
    rows += [closed("2022-09-30 23:59", "dropped", "2022-09-30", close_reason="ご意向") for _ in range(5)]
    rows += [dict(received_at="2022-07-07 10:00", status="in_progress") for _ in range(100)]
    rows += [closed("2022-09-01 10:00", "done", "2023-01-15") for _ in range(32)]
    # Not in the table: closed before the half began, received after it ended.
    rows += [closed("2021-06-01 10:00", "done", "2022-03-31") for _ in range(50)]
    rows += [dict(received_at="2022-10-01 00:00", status="new") for _ in range(7)]
    insert_voices(store, rows)
    assert table(store) == {CARRIED_OVER: (32, 9, 65, 106), RECEIVED: (35, 5, 132, 172)}
    found = status_by_origin(store.conn, H1_FY2022)
    assert (found.count(status="done"), found.count(status="dropped"), found.count(status="open"),
            found.count()) == (67, 14, 197, 278)


@pytest.fixture
def voices(store, staff):
    return VoiceRepository(store), staff["sato"]


def saved(repo, by, received: str, at: datetime, **fields) -> str:
    return repo.create(VoiceInput(received_at=received, summary="境目の確認", **fields), by=by, now=at)


def close(repo, by, uid, on: str, at: datetime, status="done") -> None:
    change = (StatusChange(status, response="対応済", completed_on=on, completed_by=by) if status == "done"
              else StatusChange(status, close_reason="ご意向", completed_by=by))
    repo.change_status(uid, change, by=by, now=at)


def reopen(repo, by, uid, at: datetime) -> None:
    repo.change_status(uid, StatusChange("in_progress", reopen_reason="再度のお申し出"), by=by, now=at)


def test_a_voice_closed_on_the_last_day_is_done_the_day_after_still_open(voices, store):
    repo, by = voices
    on_last = saved(repo, by, "2022-09-01 10:00", datetime(2022, 9, 1, 10))
    day_after = saved(repo, by, "2022-09-01 11:00", datetime(2022, 9, 1, 11))
    close(repo, by, on_last, "2022-09-30", datetime(2022, 9, 30, 17))
    close(repo, by, day_after, "2022-10-01", datetime(2022, 10, 1, 9))
    assert table(store)[RECEIVED] == (1, 0, 1, 2)


def test_a_closing_saved_after_the_period_counts_from_the_day_written_on_it(voices, store):
    repo, by = voices
    uid = saved(repo, by, "2022-09-01 10:00", datetime(2022, 9, 1, 10))
    close(repo, by, uid, "2022-09-29", datetime(2022, 10, 3, 9))  # entered on Monday for last Thursday
    assert table(store)[RECEIVED] == (1, 0, 0, 1)


def test_received_on_the_first_day_is_received_the_day_before_is_carried_over(voices, store):
    repo, by = voices
    saved(repo, by, "2022-04-01 00:00", datetime(2022, 4, 1, 9))
    saved(repo, by, "2022-03-31 23:59", datetime(2022, 4, 1, 9))
    saved(repo, by, "2022-10-01 00:00", datetime(2022, 10, 1, 9))  # the next half
    assert table(store) == {CARRIED_OVER: (0, 0, 1, 1), RECEIVED: (0, 0, 1, 1)}


def test_carried_over_means_still_open_on_the_first_day(voices, store):
    repo, by = voices
    closed_before = saved(repo, by, "2022-03-01 10:00", datetime(2022, 3, 1, 10))
    closed_on_first_day = saved(repo, by, "2022-03-01 11:00", datetime(2022, 3, 1, 11))
    dropped_in_period = saved(repo, by, "2022-03-02 11:00", datetime(2022, 3, 2, 11))
    close(repo, by, closed_before, "2022-03-31", datetime(2022, 3, 31, 17))
    close(repo, by, closed_on_first_day, "2022-04-01", datetime(2022, 4, 1, 17))
    close(repo, by, dropped_in_period, "", datetime(2022, 6, 1, 17), status="dropped")  # 見送り: the day it is saved
    assert table(store)[CARRIED_OVER] == (1, 1, 0, 2)


def test_reopened_after_the_period_counts_as_it_stood_on_the_last_day(voices, store):
    repo, by = voices
    done_then = saved(repo, by, "2022-09-01 10:00", datetime(2022, 9, 1, 10))
    close(repo, by, done_then, "2022-09-10", datetime(2022, 9, 10, 10))
    reopen(repo, by, done_then, datetime(2022, 11, 1, 10))                  # open now
    closed_again = saved(repo, by, "2022-03-15 10:00", datetime(2022, 3, 15, 10))
    close(repo, by, closed_again, "2022-05-10", datetime(2022, 5, 10, 10), status="dropped")
    reopen(repo, by, closed_again, datetime(2022, 12, 1, 10))
    close(repo, by, closed_again, "2022-12-20", datetime(2022, 12, 20, 10))  # done now, dated after the period
    assert table(store) == {CARRIED_OVER: (0, 1, 0, 1), RECEIVED: (1, 0, 0, 1)}


def test_reopened_within_the_period_counts_as_it_stands_and_one_closed_before_it_is_carried_over(voices, store):
    repo, by = voices
    reopened_in_period = saved(repo, by, "2022-04-05 10:00", datetime(2022, 4, 5, 10))
    close(repo, by, reopened_in_period, "2022-04-06", datetime(2022, 4, 6, 10))
    reopen(repo, by, reopened_in_period, datetime(2022, 8, 1, 10))
    closed_before = saved(repo, by, "2022-02-01 10:00", datetime(2022, 2, 1, 10))
    close(repo, by, closed_before, "2022-02-10", datetime(2022, 2, 10, 10))
    reopen(repo, by, closed_before, datetime(2022, 5, 1, 10))  # closed on the first day, handled again within it
    closed_again_on_last_day = saved(repo, by, "2022-09-01 10:00", datetime(2022, 9, 1, 10))
    close(repo, by, closed_again_on_last_day, "2022-09-10", datetime(2022, 9, 10, 10))
    reopen(repo, by, closed_again_on_last_day, datetime(2022, 9, 20, 10))
    close(repo, by, closed_again_on_last_day, "2022-09-30", datetime(2022, 9, 30, 16))
    open_since_before = saved(repo, by, "2022-01-05 10:00", datetime(2022, 1, 5, 10))
    close(repo, by, open_since_before, "2022-01-10", datetime(2022, 1, 10, 10))
    reopen(repo, by, open_since_before, datetime(2022, 3, 1, 10))          # open on the first day
    close(repo, by, open_since_before, "2022-06-30", datetime(2022, 6, 30, 10))
    assert table(store) == {CARRIED_OVER: (1, 0, 1, 2), RECEIVED: (1, 0, 1, 2)}


def test_a_voice_closed_before_the_period_and_reopened_after_it_is_not_carried_over(voices, store):
    repo, by = voices
    closed_before = saved(repo, by, "2022-02-01 10:00", datetime(2022, 2, 1, 10))
    close(repo, by, closed_before, "2022-02-10", datetime(2022, 2, 10, 10))
    reopen(repo, by, closed_before, datetime(2022, 10, 1, 10))  # the day after the period: not its work
    on_the_last_day = saved(repo, by, "2022-02-02 10:00", datetime(2022, 2, 2, 10))
    close(repo, by, on_the_last_day, "2022-02-10", datetime(2022, 2, 10, 10))
    reopen(repo, by, on_the_last_day, datetime(2022, 9, 30, 17))  # the last day of the period: its work
    on_the_first_day = saved(repo, by, "2022-02-03 10:00", datetime(2022, 2, 3, 10))
    close(repo, by, on_the_first_day, "2022-02-10", datetime(2022, 2, 10, 10))
    reopen(repo, by, on_the_first_day, datetime(2022, 4, 1, 9))  # the first day: its work too
    assert table(store) == {CARRIED_OVER: (0, 0, 2, 2), RECEIVED: (0, 0, 0, 0)}


def test_a_reopening_after_the_period_leaves_a_voice_closed_before_it_out_of_its_table(voices, store):
    """Found by test_status_by_origin_properties.py. Received 3/31; on 4/1 staff set 対応中, then 完了 dated
    3/31: done before the half began, not in its table. Reopened in November, it must stay out: a change
    after the period's last day never changes the period's figures."""
    repo, by = voices
    uid = saved(repo, by, "2022-03-31 10:00", datetime(2022, 3, 31, 10))
    repo.change_status(uid, StatusChange("in_progress"), by=by, now=datetime(2022, 4, 1, 9))
    close(repo, by, uid, "2022-03-31", datetime(2022, 4, 1, 9, 5))
    assert table(store) == {CARRIED_OVER: (0, 0, 0, 0), RECEIVED: (0, 0, 0, 0)}
    reopen(repo, by, uid, datetime(2022, 11, 1, 10))
    assert table(store) == {CARRIED_OVER: (0, 0, 0, 0), RECEIVED: (0, 0, 0, 0)}


def test_the_same_report_made_a_year_later_gives_the_same_figures(voices, store):
    repo, by = voices
    uids = [saved(repo, by, f"2022-0{m}-10 10:00", datetime(2022, m, 10, 10)) for m in (3, 5, 8, 9)]
    close(repo, by, uids[1], "2022-06-01", datetime(2022, 6, 1, 10))
    close(repo, by, uids[2], "2022-09-15", datetime(2022, 9, 15, 10))
    first = table(store)
    assert first == {CARRIED_OVER: (0, 0, 1, 1), RECEIVED: (2, 0, 1, 3)}
    # The next year: everything open is closed, the closed ones reopened and some dropped.
    close(repo, by, uids[0], "2023-02-01", datetime(2023, 2, 1, 10))
    close(repo, by, uids[3], "2023-03-01", datetime(2023, 3, 1, 10), status="dropped")
    reopen(repo, by, uids[1], datetime(2023, 4, 1, 10))
    reopen(repo, by, uids[2], datetime(2023, 4, 2, 10))
    close(repo, by, uids[2], "2023-04-03", datetime(2023, 4, 3, 10), status="dropped")
    assert table(store) == first


def test_a_drop_of_older_data_without_a_day_takes_the_day_of_its_status_change(store):
    """Before 見送り stored its day, only the audit log knew it."""
    received_at = ("2022-03-01 10:00", "2022-03-01 10:00", "2022-03-01 10:00", "2022-05-01 10:00")
    dropped_at = ("2022-03-31 17:00", "2022-04-01 09:00", "2022-10-05 10:00", "2022-06-05 10:00")
    uids = insert_voices(store, [dict(received_at=at, status="in_progress") for at in received_at])
    with store.write() as db:
        for uid, at in zip(uids, dropped_at):
            db.conn.execute("UPDATE voices SET status = 'dropped', close_reason = '不要', updated_at = ? "
                            "WHERE uid = ?", (at, uid))
    # Carried over: dropped on the first day, and after the last (so open then); dropped the day before: not.
    assert table(store) == {CARRIED_OVER: (0, 1, 1, 2), RECEIVED: (0, 1, 0, 1)}


def test_the_branch_is_the_one_that_received_the_voice(store):
    MasterData(store).save_branch("YOK", "横浜支店")
    insert_voices(store, [dict(received_at="2022-03-01 10:00", status="new", branch_code="YOK"),
                          closed("2022-05-01 10:00", "done", "2022-05-02", branch_code="YOK"),
                          closed("2022-05-01 10:00", "done", "2022-05-02")])
    assert table(store, branch="YOK") == {CARRIED_OVER: (0, 0, 1, 1), RECEIVED: (1, 0, 0, 1)}
    assert table(store, branch="HQ") == {CARRIED_OVER: (0, 0, 0, 0), RECEIVED: (1, 0, 0, 1)}


def test_a_voice_open_for_longer_than_a_whole_year_is_carried_over_into_it(store):
    insert_voices(store, [closed("2020-12-01 10:00", "done", "2022-04-01"),   # open all through FY2021
                          closed("2020-12-01 10:00", "done", "2022-03-31")])  # closed on its last day
    assert table(store, Period(2021))[CARRIED_OVER] == (1, 0, 1, 2)
