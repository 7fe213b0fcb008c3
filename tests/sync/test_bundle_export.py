"""Exporting a bundle while a helper thread writes it: cancelled or failed, no file is left; otherwise every row."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from agency_app.sync import bundle_export, bundle_file, change_rows

from tests.sync.sync_offices import PASSPHRASE, cheap_key, head_office_and_branches  # noqa: F401

T1 = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def offices(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_export, "_PIECE", 512)  # many pieces from a few voices
    hq, (yok,) = head_office_and_branches(tmp_path, "YOK")
    clerk = yok.staff("横浜 一郎")
    for n in range(30):
        yok.voice(clerk, f"満期案内が届かない {n}", T1 + timedelta(minutes=n))
    yield hq, yok
    for office in (hq, yok):
        office.close()


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if bundle_file.SUFFIX in p.name and p.name.startswith("out"))


def test_a_bundle_of_many_pieces_carries_every_row(offices, tmp_path):
    hq, yok = offices
    result = bundle_export.export_bundle(yok.store, tmp_path / f"out{bundle_file.SUFFIX}", PASSPHRASE)
    assert result.changes == change_rows.count_after(yok.store.conn, change_rows.known_by_peers(yok.store.conn)) > 30
    merged = hq.take(result.path).merged
    assert merged.changes == result.changes and merged.held_back == 0
    assert hq.store.conn.execute("SELECT count(*) FROM voices").fetchone()[0] == 30


def test_cancelled_while_writing_leaves_no_file(offices, tmp_path):
    _, yok = offices
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(bundle_file.BundleCancelled):
        bundle_export.export_bundle(yok.store, tmp_path / f"out{bundle_file.SUFFIX}", PASSPHRASE, cancelled=cancelled)
    assert _leftovers(tmp_path) == []
    assert yok.store.conn.execute("SELECT count(*) FROM sync_bundles WHERE direction = 'out'").fetchone()[0] == 0


def test_rows_that_cannot_be_read_to_the_end_leave_no_file(offices, tmp_path, monkeypatch):
    _, yok = offices
    real = change_rows.rows_after

    def failing(conn, skip):
        for n, row in enumerate(real(conn, skip)):
            if n == 40:
                raise OSError("disk read failed")
            yield row

    monkeypatch.setattr(change_rows, "rows_after", failing)
    with pytest.raises(OSError, match="disk read failed"):
        bundle_export.export_bundle(yok.store, tmp_path / f"out{bundle_file.SUFFIX}", PASSPHRASE)
    assert _leftovers(tmp_path) == []
