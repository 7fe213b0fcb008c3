"""Proof of the 競合 view (issue 14): two branches edit one voice offline, and head office sees the pair — only then.

The same field changed at two branches that had not seen each other's change is one pair at head office, with both
values, both branches and who made them; the later version is kept everywhere. Different fields of one voice are no
conflict and both changes survive; an edit made after importing the other one is no conflict either, even on a PC
whose clock is behind (the version counts on from the newest change it holds).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.storage import hybrid_clock
from agency_app.sync import conflicts

from tests.sync.sync_offices import Office, cheap_key, head_office_and_branches  # noqa: F401

T0, T1, T2, T3 = (datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 10, 5),
                  datetime(2026, 11, 2, 10, 30))
EPOCH = datetime(1970, 1, 1)


class Clock:
    """The wall clock the versions are taken from (hybrid_clock.wall_version): the time an edit is made at, unless a
    test puts an office's clock wrong."""

    def __init__(self):
        self.at = T0

    def wall_version(self, ms: int | None = None) -> int:
        if ms is None:
            ms = int((self.at - EPOCH).total_seconds() * 1000)
        return ms << hybrid_clock.COUNTER_BITS


@pytest.fixture
def clock(monkeypatch):
    found = Clock()
    monkeypatch.setattr(hybrid_clock, "wall_version", found.wall_version)
    return found


@pytest.fixture
def offices(tmp_path, clock):
    """Head office with a voice both branches hold; every office on `clock` (T0 while they are set up)."""
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    manager = hq.staff("本部 花子")
    uid = hq.voice(manager, "満期案内が届かない", T0)
    first = hq.send()
    yok.take(first)
    osa.take(first)
    yield hq, yok, osa, uid
    for office in (hq, yok, osa):
        office.close()


def edit(clock: Clock, office: Office, uid: str, by: str, when: datetime, **changes) -> None:
    """An edit at `when` on a clock that is right."""
    clock.at = when
    office.edit(uid, by, when, **changes)


def everywhere(uid: str, *offices: Office, **expected) -> None:
    for office in offices:
        row = office.voice_row(uid)
        assert {k: row[k] for k in expected} == expected, office.code


def test_two_branches_change_one_summary_offline_and_head_office_sees_the_pair(offices, clock):
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    edit(clock, yok, uid, yokohama, T1, summary="満期の案内が来ない（横浜）")
    edit(clock, osa, uid, osaka, T2, summary="満期案内の不達（大阪）")  # sealed after Yokohama's: the later version
    hq.take(yok.send())
    hq.take(osa.send())
    [pair] = conflicts.conflicts(hq.store.conn)
    assert (pair.entity, pair.record_uid, pair.field, pair.status) == ("voices", uid, "summary", "open")
    assert (pair.kept_value, pair.kept_branch, pair.kept_by, pair.kept_at) == (
        "満期案内の不達（大阪）", "OSA", osaka, "2026-11-02 10:05")
    assert (pair.lost_value, pair.lost_branch, pair.lost_by, pair.lost_at) == (
        "満期の案内が来ない（横浜）", "YOK", yokohama, "2026-11-02 10:00")
    assert conflicts.open_count(hq.store.conn) == 1
    # the later one is kept at head office and, once head office's bundle arrives, at both branches
    last = hq.send()
    yok.take(last)
    osa.take(last)
    everywhere(uid, hq, yok, osa, summary="満期案内の不達（大阪）", updated_by=osaka, updated_at="2026-11-02 10:05")
    summaries = {r[0] for r in hq.store.conn.execute(
        "SELECT new_value FROM audit_log WHERE record_uid = ? AND field = 'summary'", (uid,))}
    assert summaries == {"満期の案内が来ない（横浜）", "満期案内の不達（大阪）"}  # the lost one stays in the history


def test_the_pair_is_the_same_whichever_bundle_reaches_head_office_first(offices, clock):
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    edit(clock, yok, uid, yokohama, T1, summary="横浜の要約")
    edit(clock, osa, uid, osaka, T2, summary="大阪の要約")
    hq.take(osa.send())
    assert conflicts.conflicts(hq.store.conn) == []  # one change alone is no conflict
    hq.take(yok.send())
    [pair] = conflicts.conflicts(hq.store.conn)
    assert (pair.kept_value, pair.kept_branch, pair.lost_value, pair.lost_branch) == ("大阪の要約", "OSA", "横浜の要約", "YOK")
    everywhere(uid, hq, summary="大阪の要約")


def test_two_branches_change_different_fields_of_one_voice_no_conflict_and_both_survive(offices, clock):
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    edit(clock, yok, uid, yokohama, T1, category_group="契約手続")
    edit(clock, osa, uid, osaka, T2, body="お客様に折り返し済み")
    hq.take(yok.send())
    hq.take(osa.send())
    last = hq.send()
    yok.take(last)
    osa.take(last)
    everywhere(uid, hq, yok, osa, category_group="契約手続", body="お客様に折り返し済み", summary="満期案内が届かない",
               updated_by=osaka)
    for office in (hq, yok, osa):
        assert conflicts.conflicts(office.store.conn, only_open=False) == [], office.code


def test_an_edit_made_after_importing_the_other_is_no_conflict(offices, clock):
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    edit(clock, yok, uid, yokohama, T1, summary="横浜の要約")
    osa.take(yok.send())  # Osaka sees Yokohama's summary first
    edit(clock, osa, uid, osaka, T2, summary="大阪で直した要約")
    hq.take(yok.send())
    hq.take(osa.send())
    yok.take(hq.send())
    everywhere(uid, hq, yok, osa, summary="大阪で直した要約")
    for office in (hq, yok, osa):
        assert conflicts.conflicts(office.store.conn, only_open=False) == [], office.code


def test_a_branch_whose_clock_is_behind_still_wins_with_an_edit_made_after_seeing_the_other(offices, clock):
    """Yokohama's PC runs 20 minutes behind: its edit, made after it imported Osaka's, is still the later version
    (the hybrid clock counts on from the newest change it holds) — no conflict, and Yokohama's value everywhere."""
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    clock.at = T3
    osa.edit(uid, osaka, T3, summary="大阪の要約")
    yok.take(osa.send())
    clock.at = T2  # Yokohama's clock, 25 minutes behind Osaka's
    yok.edit(uid, yokohama, T2, summary="横浜で直した要約")
    hq.take(osa.send())
    hq.take(yok.send())
    everywhere(uid, hq, summary="横浜で直した要約", updated_by=yokohama)
    assert conflicts.conflicts(hq.store.conn, only_open=False) == []


def test_a_branch_whose_clock_is_behind_loses_an_edit_made_without_seeing_the_other_and_the_pair_says_so(offices,
                                                                                                        clock):
    """Without seeing Osaka's edit, Yokohama's later edit (in real time) carries the earlier version of its slow clock:
    Osaka's is kept, and the pair is there to reverse."""
    hq, yok, osa, uid = offices
    yokohama, osaka = yok.staff("横浜 一郎"), osa.staff("大阪 次郎")
    clock.at = T3
    osa.edit(uid, osaka, T3, summary="大阪の要約")
    clock.at = T2  # later in real time, but Yokohama's clock says 10:05
    yok.edit(uid, yokohama, T2, summary="横浜の要約")
    hq.take(yok.send())
    hq.take(osa.send())
    [pair] = conflicts.conflicts(hq.store.conn)
    assert (pair.kept_value, pair.kept_branch, pair.lost_value, pair.lost_branch) == ("大阪の要約", "OSA", "横浜の要約", "YOK")
    conflicts.reverse(hq.store, pair.id, by=hq.staff("本部 花子"), now=T3)
    assert hq.voice_row(uid)["summary"] == "横浜の要約"
    last = hq.send()
    yok.take(last)
    osa.take(last)
    everywhere(uid, hq, yok, osa, summary="横浜の要約")
