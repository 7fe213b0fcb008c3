"""Head office and branches exchange bundles: per-field merge, conflicts, idempotence, refusals (issue 14)."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.storage import history_check
from agency_app.sync import bundle_file, conflicts
from agency_app.sync.bundle_import import BundleRefused

from tests.sync.sync_offices import PASSPHRASE, Office, cheap_key, head_office_and_branches  # noqa: F401

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 0)


@pytest.fixture
def offices(tmp_path):
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    yield hq, yok, osa
    for office in (hq, yok, osa):
        office.close()


def test_a_branch_voice_reaches_head_office_with_its_branch_and_history(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    row = hq.voice_row(uid)
    assert row["summary"] == "満期案内が届かない" and row["branch_code"] == "YOK" and row["origin_branch"] == "YOK"
    assert row["received_by"] == clerk
    kinds = [r[0] for r in hq.store.conn.execute("SELECT field FROM audit_log WHERE record_uid = ?", (uid,))]
    assert kinds == ["*created"]
    assert history_check.verify(hq.store.conn).problems == []


def test_the_same_bundle_twice_changes_nothing(offices):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    first = hq.take(bundle)
    count = hq.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    again = hq.take(bundle)
    assert first.merged.new_changes > 0 and again.already
    assert hq.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_a_status_change_at_the_branch_and_a_category_fix_at_head_office_both_survive(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    manager = hq.staff("本部 花子")
    hq.edit(uid, manager, T2, category_group="契約手続")
    yok.edit(uid, clerk, T3, body="折り返し済み")
    hq.take(yok.send())
    yok.take(hq.send())
    for office in (hq, yok):
        row = office.voice_row(uid)
        assert (row["category_group"], row["body"]) == ("契約手続", "折り返し済み")
    assert conflicts.open_count(hq.store.conn) == 0


def test_the_same_field_changed_on_two_machines_is_a_conflict_later_wins_other_kept(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    manager = hq.staff("本部 花子")
    yok.edit(uid, clerk, T2, summary="満期の案内が来ない（支店）")
    hq.edit(uid, manager, T3, summary="満期案内の不達（本部）")  # sealed later: the later version
    hq.take(yok.send())
    yok.take(hq.send())
    assert hq.voice_row(uid)["summary"] == yok.voice_row(uid)["summary"] == "満期案内の不達（本部）"
    [pair] = conflicts.conflicts(hq.store.conn)
    assert (pair.field, pair.kept_value, pair.lost_value) == ("summary", "満期案内の不達（本部）", "満期の案内が来ない（支店）")
    assert (pair.kept_branch, pair.lost_branch) == ("HQ", "YOK")
    values = [r[0] for r in hq.store.conn.execute(
        "SELECT new_value FROM audit_log WHERE record_uid = ? AND field = 'summary'", (uid,))]
    assert "満期の案内が来ない（支店）" in values  # the other stays in the record's history


def test_reversing_a_conflict_writes_the_lost_value_which_then_wins_everywhere(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    manager = hq.staff("本部 花子")
    yok.edit(uid, clerk, T2, summary="支店の要約")
    hq.edit(uid, manager, T3, summary="本部の要約")
    hq.take(yok.send())
    [pair] = conflicts.conflicts(hq.store.conn)
    conflicts.reverse(hq.store, pair.id, by=manager, now=T3)
    assert hq.voice_row(uid)["summary"] == "支店の要約"
    assert conflicts.open_count(hq.store.conn) == 0
    yok.take(hq.send())
    assert yok.voice_row(uid)["summary"] == "支店の要約"


def test_a_deletion_travels_as_a_tombstone(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "間違えて登録", T1)
    hq.take(yok.send())
    from agency_app.storage import records
    records.delete_row(yok.store, "voices", uid, by=clerk, now=T2)
    hq.take(yok.send())
    assert hq.voice_row(uid) == {}
    assert hq.store.conn.execute("SELECT count(*) FROM audit_log WHERE record_uid = ? AND field = '*deleted'",
                                 (uid,)).fetchone()[0] == 1


def test_bundles_from_three_offices_in_any_order_give_the_same_database(offices, tmp_path):
    hq, yok, osa = offices
    a = yok.voice(yok.staff("横浜 一郎"), "横浜の声", T1)
    b = osa.voice(osa.staff("大阪 次郎"), "大阪の声", T2)
    from_yok, from_osa = yok.send(), osa.send()
    hq.take(from_osa)
    hq.take(from_yok)
    yok.take(hq.send())
    assert yok.voice_row(b)["summary"] == "大阪の声" and hq.voice_row(a)["summary"] == "横浜の声"
    assert history_check.verify(yok.store.conn).problems == []


def test_a_lost_bundle_is_carried_again_by_the_next_one(offices):
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    a = yok.voice(clerk, "一通目", T1)
    yok.send()  # lost on the way
    b = yok.voice(clerk, "二通目", T2)
    hq.take(yok.send())
    assert hq.voice_row(a) and hq.voice_row(b)


def test_a_bundle_after_a_missing_one_is_held_back_not_broken(offices):
    """A branch that already heard from head office sends only what head office lacks; if head office lost that
    database (a restore), the rows after the gap wait and the chain stays whole."""
    hq, yok, _ = offices
    clerk = yok.staff("横浜 一郎")
    yok.voice(clerk, "一通目", T1)
    hq.take(yok.send())
    yok.take(hq.send())  # yok learns what hq holds
    yok.voice(clerk, "二通目", T2)
    later = yok.send()
    fresh = Office(hq.folder / "..", "HQ2", head_office=True)  # another head office file that never saw yok
    fresh.store.set_setting("agency_id", yok.store.setting("agency_id"))
    from agency_app.storage.masters import MasterData
    MasterData(fresh.store).save_branch("YOK", "YOK支店", is_head_office=False)
    result = fresh.take(later)
    assert result.merged.held_back > 0 and result.merged.new_changes < result.merged.changes
    assert history_check.verify(fresh.store.conn).problems == []
    fresh.take(yok.send(since="all"))
    assert fresh.store.conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 2
    fresh.close()


@pytest.mark.parametrize("case", ["passphrase", "truncated", "own", "other agency", "unknown branch", "newer schema"])
def test_a_bundle_that_must_not_be_taken_is_refused_with_nothing_written(offices, tmp_path, case, monkeypatch):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    bundle = yok.send()
    target = hq
    if case == "truncated":
        data = bundle.read_bytes()
        bundle.write_bytes(data[: len(data) // 2])
    elif case == "own":
        target = yok
    elif case == "other agency":
        hq.store.conn.execute("UPDATE settings SET value = 'someone-else' WHERE key = 'agency_id'")
    elif case == "unknown branch":
        hq.store.conn.execute("PRAGMA foreign_keys = OFF")
        hq.store.conn.execute("DELETE FROM branches WHERE code = 'YOK'")
    elif case == "newer schema":
        monkeypatch.setattr("agency_app.sync.bundle_import.latest_schema_version", lambda: 16)
    before = target.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(bundle_file.BundleError) as raised:
        import_bundle_with = target.store
        from agency_app.sync.bundle_import import import_bundle
        import_bundle(import_bundle_with, bundle, "違う合言葉です" if case == "passphrase" else PASSPHRASE)
    message = raised.value.message
    expected = {"passphrase": "パスフレーズ", "truncated": "途中", "own": "自身", "other agency": "別の代理店",
                "unknown branch": "登録されていません", "newer schema": "新しいバージョン"}[case]
    assert expected in message, message
    if case != "passphrase":
        assert isinstance(raised.value, (BundleRefused, bundle_file.BundleIncomplete))
    assert target.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
