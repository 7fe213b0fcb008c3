"""The exchange folder: each office takes the others' new bundles and leaves one of its own (issue 14, points 3–4)."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.sync import bundle_file
from agency_app.sync.exchange_folder import FolderProblem, exchange

from tests.sync.sync_offices import PASSPHRASE, cheap_key, head_office_and_branches  # noqa: F401

T1 = datetime(2026, 11, 2, 9, 0)


@pytest.fixture
def offices(tmp_path):
    folder = tmp_path / "交換 フォルダー"
    folder.mkdir()
    hq, (yok, omy) = head_office_and_branches(tmp_path, "YOK", "OMY")
    yield folder, hq, yok, omy
    for office in (hq, yok, omy):
        office.close()


def bundles_of(folder, office) -> list:
    node = office.store.setting("node_id")
    return [p.name for p in folder.iterdir() if p.suffix == bundle_file.SUFFIX
            and bundle_file.read_header(p)["node"] == node]


def test_a_voice_logged_at_one_branch_reaches_the_other_through_head_office(offices):
    folder, hq, yok, omy = offices
    uid = yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    exchange(yok.store, folder, PASSPHRASE)
    taken = exchange(hq.store, folder, PASSPHRASE)
    assert [r.branch for r in taken.imported] == ["YOK"] and taken.exported is not None
    exchange(omy.store, folder, PASSPHRASE)
    assert omy.voice_row(uid)["summary"] == "満期案内が届かない"


def test_a_run_with_nothing_new_writes_no_bundle_and_a_new_one_replaces_the_older(offices):
    folder, _, yok, _ = offices
    first = exchange(yok.store, folder, PASSPHRASE)
    assert first.exported is not None and len(bundles_of(folder, yok)) == 1
    again = exchange(yok.store, folder, PASSPHRASE)
    assert again.exported is None and again.imported == [] and len(bundles_of(folder, yok)) == 1
    yok.voice(yok.staff("横浜 一郎"), "新しい声", T1)
    later = exchange(yok.store, folder, PASSPHRASE)
    assert later.exported is not None and later.removed == 1
    assert bundles_of(folder, yok) == [later.exported.path.name]


def test_another_offices_bundle_is_never_removed(offices):
    folder, hq, yok, _ = offices
    exchange(hq.store, folder, PASSPHRASE)
    theirs = bundles_of(folder, hq)
    yok.voice(yok.staff("横浜 一郎"), "新しい声", T1)
    exchange(yok.store, folder, PASSPHRASE)
    yok.voice(yok.staff("横浜 二郎"), "もう一件", T1)
    exchange(yok.store, folder, PASSPHRASE)
    assert bundles_of(folder, hq) == theirs


def test_a_bundle_still_being_copied_is_skipped_and_taken_at_the_next_run(offices):
    folder, hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    written = yok.send()
    data = written.read_bytes()
    arriving = folder / written.name
    arriving.write_bytes(data[:-16] + b"\0" * 16)  # Windows' copy: full length first, the end still zeros
    result = exchange(hq.store, folder, PASSPHRASE)
    assert [name for name, _ in result.skipped] == [written.name] and "コピー" in result.skipped[0][1]
    arriving.write_bytes(data)
    assert [r.branch for r in exchange(hq.store, folder, PASSPHRASE).imported] == ["YOK"]


def test_a_folder_that_is_not_there_is_said_in_japanese(offices, tmp_path):
    _, hq, _, _ = offices
    with pytest.raises(FolderProblem) as raised:
        exchange(hq.store, tmp_path / "ない", PASSPHRASE)
    assert "交換フォルダーを開けませんでした" in str(raised.value)
