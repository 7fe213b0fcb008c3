"""The merge's batched paths (issue 14, speed): the same records and counts as the domain rules, across batches."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from agency_app.domain import merge as rules
from agency_app.storage import history_check
from agency_app.sync import change_rows, merge

from tests.sync.sync_offices import cheap_key, head_office_and_branches  # noqa: F401

T1 = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def offices(tmp_path):
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    yield hq, yok
    for office in (hq, yok):
        office.close()


def _changes(office, uid: str) -> list[rules.Change]:
    return merge.changes_of(office.store.conn, "voices", uid)


def test_a_bundle_of_several_batches_gives_head_office_the_branchs_voices(offices):
    hq, yok = offices
    clerk = yok.staff("横浜 一郎")
    uids = [yok.voice(clerk, f"声 {n}", T1 + timedelta(minutes=n)) for n in range(merge._BATCH + 20)]
    yok.edit(uids[0], clerk, T1 + timedelta(days=1), summary="最初の声（訂正）")  # its change in a later batch
    result = hq.take(yok.send()).merged
    assert result.new_changes == result.changes > merge._BATCH and result.held_back == 0
    assert result.records == len(uids) + 1 > merge._BATCH  # the voices and the clerk: two batches of records
    for uid in (uids[0], uids[merge._BATCH], uids[-1]):
        assert {k: v for k, v in hq.voice_row(uid).items() if k not in ("rowid", "version")} == \
               {k: v for k, v in yok.voice_row(uid).items() if k not in ("rowid", "version")}
    assert hq.voice_row(uids[0])["summary"] == "最初の声（訂正）"
    assert history_check.verify(hq.store.conn).problems == []


def test_rows_already_here_or_twice_in_one_bundle_are_counted_known_and_written_once(offices):
    hq, yok = offices
    clerk = yok.staff("横浜 一郎")
    yok.voice(clerk, "満期案内が届かない", T1)
    rows = [dict(zip(merge.ROW_FIELDS, row)) for row in change_rows.rows_after(yok.store.conn, None)]
    conn = hq.store.conn
    missing = [r for r in rows if not conn.execute("SELECT 1 FROM audit_log WHERE uid = ?", (r["uid"],)).fetchone()]
    before = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    conn.execute("PRAGMA foreign_keys = OFF")  # as import_bundle merges
    with hq.store.write():
        first = merge.merge_rows(conn, rows + rows[-2:])
    with hq.store.write():
        again = merge.merge_rows(conn, rows)
    assert missing and (first.new_changes, first.known, first.held_back) == (len(missing), len(rows) - len(missing) + 2, 0)
    assert (again.new_changes, again.known, again.records) == (0, len(rows), 0)
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before + len(missing)
