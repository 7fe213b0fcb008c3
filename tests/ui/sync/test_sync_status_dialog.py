"""同期状況…: each branch's last file, when it was made and what it brought; a branch quiet over a week is marked."""

from __future__ import annotations

from datetime import datetime, timedelta

from agency_app.domain.periods import now_tokyo
from agency_app.ui.sync.status_dialog import SyncStatusDialog
from sync_screen_data import T1, make_conflict


def open_status(qtbot, ops, now) -> SyncStatusDialog:
    dialog = SyncStatusDialog(ops, clock=lambda: now)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_each_branch_with_its_last_file_and_the_ones_never_heard_from(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    yok.voice(yok.staff("横浜 一郎"), "満期案内が届かない", T1)
    hq.take(yok.send())
    made = hq.store.conn.execute("SELECT last_made_at FROM sync_peers WHERE branch = 'YOK'").fetchone()[0]
    dialog = open_status(qtbot, hq_ops, now_tokyo())
    rows = dialog.row_texts()
    assert rows[0][0] == "本部（HQ）" and rows[0][-1] == "This PC's office"
    osa = next(r for r in rows if r[0] == "OSA支店（OSA）")
    yok_row = next(r for r in rows if r[0] == "YOK支店（YOK）")
    assert osa[1:] == ["Never", "—", "0", "0", "Nothing received yet (over a week)"]
    assert yok_row[2] == made[:16].replace("-", "/") and yok_row[3:] == ["2", "1", ""]
    assert dialog.sent.text().startswith("Last file sent from this PC: ") and "HQ-1.agencysync" in dialog.sent.text()
    assert dialog.waiting.text() == "Conflicts waiting: 0"


def test_a_branch_quiet_for_more_than_a_week_is_marked(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    hq.take(yok.send())
    dialog = open_status(qtbot, hq_ops, now_tokyo() + timedelta(days=8))
    yok_row = next(r for r in dialog.row_texts() if r[0] == "YOK支店（YOK）")
    assert yok_row[-1] == "Nothing received for over a week"


def test_open_conflicts_are_counted_for_head_office_to_notice(qtbot, offices, hq_ops):
    hq, yok, _ = offices
    make_conflict(hq, yok)
    dialog = open_status(qtbot, hq_ops, datetime(2026, 11, 3, 9, 0))
    assert dialog.waiting.text() == "Conflicts waiting: 1"


def test_in_japanese_the_quiet_branch_reads_as_staff_see_it(qtbot, japanese, offices, hq_ops):
    hq, yok, _ = offices
    hq.take(yok.send())
    dialog = open_status(qtbot, hq_ops, now_tokyo() + timedelta(days=8))
    assert dialog.windowTitle() == "同期状況"
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(6)] == [
        "拠点", "最終受信", "作成日時", "件数", "受信回数", "状況"]
    rows = {r[0]: r for r in dialog.row_texts()}
    assert rows["YOK支店（YOK）"][-1] == "1週間以上受信なし"
    assert rows["OSA支店（OSA）"][1] == "（まだ受信なし）"
    assert dialog.waiting.text() == "未処理の競合 0 件"
