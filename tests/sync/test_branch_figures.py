"""A branch's quarterly figures are the same in its own reports and in head office's consolidated ones filtered to it.

Issue 14: Yokohama enters its voices of 2026年度 Q3 (several kinds, categories, insurers, complaints; completed, dropped,
reopened, one carried over from Q2); Osaka and head office enter their own. The bundles go to head office and back.
Then the counts (`agency-app counts --branch YOK`: reports/counts_report.py) and the insurer's quarterly report
(reports/insurer_report.py, with its branch filter) for Yokohama at head office equal those made from Yokohama's own
database — before it imported head office's bundle (its own records only, unfiltered) and after (filtered to itself).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.periods import QUARTER, Period
from agency_app.domain.voice import VoiceInput
from agency_app.domain.workflow import StatusChange
from agency_app.reports.counts_report import counts_report
from agency_app.reports.insurer_report import insurer_report
from agency_app.storage.voices import VoiceRepository

from tests.sync.sync_offices import Office, cheap_key, head_office_and_branches  # noqa: F401

FY, Q = 2026, 3  # October to December 2026
PERIOD = Period(FY, QUARTER, Q)
TOKIO, SOMPO = "東京海上日動", "損保ジャパン"


def voices(office: Office, by: str, entries: list[dict]) -> list[str]:
    """Each entry: the voice's fields, `at` (received and entered then) and optionally `moves`: (status, when)."""
    repo = VoiceRepository(office.store)
    made = []
    for entry in entries:
        entry = dict(entry)
        at, moves = entry.pop("at"), entry.pop("moves", ())
        uid = repo.create(VoiceInput(received_at=at.strftime("%Y-%m-%d %H:%M"), assignee_id=by, **entry), by=by, now=at)
        for status, when in moves:
            change = StatusChange(status, response="ご説明して了承を得た", completed_on=when.date().isoformat(),
                                  completed_by=by, close_reason="お客様と連絡がつかない", reopen_reason="再度のお申し出")
            repo.change_status(uid, change, by=by, now=when)
        made.append(uid)
    return made


def yokohama_quarter(office: Office, by: str) -> list[str]:
    d = datetime
    return voices(office, by, [
        dict(at=d(2026, 9, 28, 10, 0), kind="dissatisfaction", summary="満期案内が届かない（9月から）",
             category_group="満期案内・契約手続関連", insurer=TOKIO, is_complaint=True,
             moves=[("in_progress", d(2026, 9, 29, 9, 0)), ("done", d(2026, 10, 6, 15, 0))]),
        dict(at=d(2026, 10, 2, 11, 0), kind="dissatisfaction", summary="保険金の支払いが遅い", category_group="保険金関連",
             insurer=SOMPO, is_complaint=True, moves=[("done", d(2026, 10, 5, 9, 0)), ("in_progress", d(2026, 10, 9, 9, 0))]),
        dict(at=d(2026, 10, 14, 9, 30), kind="dissatisfaction", summary="担当者の説明が分かりにくい",
             category_group="満期案内・契約手続関連", insurer=TOKIO, moves=[("dropped", d(2026, 10, 20, 9, 0))]),
        dict(at=d(2026, 11, 2, 14, 0), kind="praise", summary="丁寧な対応に感謝", insurer=TOKIO,
             moves=[("done", d(2026, 11, 2, 16, 0))]),
        dict(at=d(2026, 11, 10, 10, 0), kind="request", summary="郵送ではなくメールで案内がほしい", insurer=SOMPO),
        dict(at=d(2026, 11, 20, 13, 0), kind="other", summary="駐車場の場所の問い合わせ"),
        dict(at=d(2026, 12, 1, 9, 0), kind="dissatisfaction", summary="電話がつながりにくい", category_group="その他",
             is_complaint=False, moves=[("in_progress", d(2026, 12, 2, 9, 0))]),
    ])


@pytest.fixture
def offices(tmp_path):
    hq, (yok, osa) = head_office_and_branches(tmp_path, "YOK", "OSA")
    yield hq, yok, osa
    for office in (hq, yok, osa):
        office.close()


def figures(office: Office, branch: str | None) -> dict:
    """The sections of the counts and of the insurer's quarterly report (all insurers, and one), as plain data."""
    conn = office.store.conn
    return {
        "counts": counts_report(conn, PERIOD, branch).sections,
        "insurer report": [block.sections for block in insurer_report(conn, FY, Q, branch_code=branch).blocks],
        "insurer report, 東京海上日動": [block.sections
                                   for block in insurer_report(conn, FY, Q, TOKIO, branch_code=branch).blocks],
    }


def test_a_branchs_quarter_is_the_same_in_its_own_reports_and_in_head_offices_filtered_to_it(offices):
    hq, yok, osa = offices
    yokohama = yok.staff("横浜 一郎")
    yokohama_quarter(yok, yokohama)
    osaka = osa.staff("大阪 次郎")
    voices(osa, osaka, [dict(at=datetime(2026, 10, 8, 10, 0), kind="dissatisfaction", summary="大阪の苦情",
                             category_group="保険金関連", insurer=TOKIO, is_complaint=True),
                        dict(at=datetime(2026, 11, 9, 10, 0), kind="praise", summary="大阪への感謝", insurer=TOKIO,
                             moves=[("done", datetime(2026, 11, 9, 11, 0))])])
    manager = hq.staff("本部 花子")
    voices(hq, manager, [dict(at=datetime(2026, 10, 15, 10, 0), kind="request", summary="本部への要望", insurer=SOMPO),
                         dict(at=datetime(2026, 12, 3, 10, 0), kind="dissatisfaction", summary="本部の苦情",
                              category_group="保険金関連", insurer=TOKIO, is_complaint=True,
                              moves=[("dropped", datetime(2026, 12, 4, 10, 0))])])
    own = figures(yok, None)  # Yokohama's database holds its own voices only
    assert figures(yok, "YOK") == own
    by_kind = {row.label: row.values[0] for row in own["counts"][0].rows}  # received in the quarter: not September's
    assert by_kind == {"感謝": 1, "不満": 3, "うち苦情": 1, "要望": 1, "その他": 1, "計": 6}, by_kind

    hq.take(yok.send())
    hq.take(osa.send())
    consolidated = figures(hq, None)
    assert consolidated != own  # head office's own report holds every office's voices
    assert figures(hq, "YOK") == own

    yok.take(hq.send())  # Yokohama now holds every office's voices: filtered to itself, still its own figures
    assert {r[0] for r in yok.store.conn.execute("SELECT DISTINCT branch_code FROM voices")} == {"HQ", "YOK", "OSA"}
    assert figures(yok, "YOK") == own
    assert figures(yok, None) == consolidated


def test_an_edit_at_head_office_to_a_branchs_voice_counts_for_the_branch_in_both_reports(offices):
    """Head office moves one of Yokohama's voices to 完了: once the bundle is back, Yokohama's report says so too."""
    hq, yok, _ = offices
    yokohama = yok.staff("横浜 一郎")
    mine = yokohama_quarter(yok, yokohama)
    hq.take(yok.send())
    manager = hq.staff("本部 花子")
    VoiceRepository(hq.store).change_status(
        mine[4], StatusChange("done", response="メール案内に切り替えた", completed_on="2026-11-12", completed_by=manager),
        by=manager, now=datetime(2026, 11, 12, 10, 0))
    before = figures(yok, None)
    assert figures(hq, "YOK") != before  # head office's edit changed Yokohama's figures
    yok.take(hq.send())
    assert figures(yok, "YOK") == figures(hq, "YOK")
