"""A record's status on a past day: closings count from their completion date, later changes are not seen."""

from agency_app.domain.status_history import OPEN, StatusEvent, bucket, reopened_within, status_at_end_of


def test_a_closing_takes_effect_on_the_day_written_on_the_record():
    closed = StatusEvent.of("2025-10-03", "done", "2025-09-30")  # saved on Friday for work done Tuesday
    assert closed == StatusEvent("2025-09-30", "done")
    assert status_at_end_of("2025-09-30", "new", [closed]) == "done"
    assert status_at_end_of("2025-09-29", "new", [closed]) == "new"


def test_a_reopening_takes_effect_on_the_day_it_was_made():
    events = [StatusEvent.of("2025-09-10", "done", "2025-09-10"), StatusEvent.of("2025-11-01", "in_progress")]
    assert status_at_end_of("2025-09-30", "new", events) == "done"
    assert status_at_end_of("2025-10-31", "new", events) == "done"
    assert status_at_end_of("2025-11-01", "new", events) == "in_progress"


def test_closed_reopened_and_closed_again_reads_each_stretch():
    events = [StatusEvent.of("2025-05-01", "done", "2025-05-01"), StatusEvent.of("2025-06-01", "in_progress"),
              StatusEvent.of("2025-07-01", "dropped", "2025-07-01")]
    assert [status_at_end_of(day, "new", events) for day in
            ("2025-04-30", "2025-05-01", "2025-05-31", "2025-06-01", "2025-06-30", "2025-07-01")] == [
        "new", "done", "done", "in_progress", "in_progress", "dropped"]


def test_a_closing_backdated_before_a_reopening_wins_from_its_own_day():
    """Closed 9/1, reopened 9/10, closed again on 9/20 dated 9/5: from 9/5 on it is closed (the last word)."""
    events = [StatusEvent.of("2025-09-01", "done", "2025-09-01"), StatusEvent.of("2025-09-10", "in_progress"),
              StatusEvent.of("2025-09-20", "done", "2025-09-05")]
    assert status_at_end_of("2025-09-07", "new", events) == "done"
    assert status_at_end_of("2025-09-12", "new", events) == "done"


def test_a_move_to_in_progress_before_a_backdated_closing_is_no_reopening():
    """Found by test_status_by_origin_properties.py. Received 3/31; on 4/1 staff set 対応中, then 完了 dated
    3/31: closed before the period and never reopened, so not reopened within it."""
    events = [StatusEvent.of("2022-04-01", "in_progress"), StatusEvent.of("2022-04-01", "done", "2022-03-31")]
    assert status_at_end_of("2022-03-31", "new", events) == "done"
    assert not reopened_within("2022-04-01", "2022-09-30", events)
    assert reopened_within("2022-04-01", "2022-09-30", events + [StatusEvent.of("2022-05-10", "in_progress")])


def test_new_and_in_progress_are_one_open_bucket():
    assert [bucket(s) for s in ("new", "in_progress", "done", "dropped")] == [OPEN, OPEN, "done", "dropped"]
