"""Voice days with voices, decisions and an improvement in a test database: for the printed sheets and their commands."""

from __future__ import annotations

from datetime import date, datetime

from agency_app.domain import voice_day as D
from agency_app.domain.improvements import ImprovementInput
from agency_app.domain.voice import VoiceInput
from agency_app.storage.improvements import ImprovementRepository
from agency_app.storage.masters import MasterData
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.storage.voices import VoiceRepository

DAY = date(2025, 6, 10)
NOW = datetime(2025, 6, 10, 17, 0)
TEAM = "損保"
BODY = ("満期のご案内が届かず、更新の手続きが間に合うか心配になったとのこと。前回も同じことがあり、"
        "担当者からの連絡も遅れたため強いご不満。住所変更の届出は済んでいるとのことで、登録内容を確認したところ"
        "旧住所のままだった。至急の対応と再発防止を求められた。")


def add_staff(store) -> dict[str, str]:
    masters = MasterData(store)
    return {"sato": masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team=TEAM, branch_code="HQ"),
            "kato": masters.save_staff(name="加藤 三郎", kana="かとう さぶろう", team=TEAM, branch_code="HQ"),
            "suzuki": masters.save_staff(name="鈴木 次郎", kana="すずき じろう", team="生保", branch_code="HQ")}


def add_voice(store, by, when, kind="dissatisfaction", summary="満期案内が届かなかった", now=NOW, **more) -> str:
    values = dict(received_at=when, channel="phone", kind=kind, summary=summary, body=BODY,
                  category_group="満期案内・契約手続関連", due_date="2025/7/31")
    values.update(more)
    return VoiceRepository(store).create(VoiceInput(**values), by=by, now=now)


def week_of_voices(store, staff, count: int) -> list[str]:
    """`count` voices of the team in the week up to DAY, of every kind, numbered in their summaries."""
    kinds = ("dissatisfaction", "request", "praise", "other")
    made = []
    for number in range(count):
        made.append(add_voice(store, staff["sato"], f"2025/6/{4 + number % 7} {9 + number % 8}:{number % 60:02d}",
                              kind=kinds[number % 4], summary=f"声その{number + 1}: 満期案内が届かなかった",
                              is_complaint=number % 8 == 0, customer_name=f"顧客{number % 3}"))
    return made


def meeting_with_decisions(store, staff) -> tuple[str, dict[str, str]]:
    """An open meeting of TEAM on DAY with three voices: one shared, one to an improvement, one 改善不要."""
    days = VoiceDayRepository(store)
    shared = add_voice(store, staff["sato"], "2025/6/9 10:00", summary="満期案内が届かなかった")
    linked = add_voice(store, staff["sato"], "2025/6/9 11:00", kind="request", summary="Webで住所変更したい")
    refused = add_voice(store, staff["sato"], "2025/6/5 09:00", due_date="2025/6/6", summary="窓口の待ち時間が長い")
    meeting = days.open_meeting(TEAM, DAY, staff["sato"], by=staff["sato"], now=NOW)
    improvement = ImprovementRepository(store).create(
        ImprovementInput(title="住所変更の受付をWebでも", cause="紙の届出のみ", team=TEAM, owner_id=staff["kato"],
                         opened_on="2025/6/10", due_date="2025/7/31"), by=staff["sato"], now=NOW)
    days.decide(meeting, shared, D.DECISION_SHARED, by=staff["sato"], now=NOW)
    days.decide(meeting, linked, D.DECISION_IMPROVEMENT, improvement_id=improvement, by=staff["sato"], now=NOW)
    days.decide(meeting, refused, D.DECISION_NO_IMPROVEMENT, reason="繁忙日の一時的な混雑", by=staff["sato"], now=NOW)
    days.set_attendees(meeting, [staff["sato"], staff["kato"]], by=staff["sato"], now=NOW)
    days.set_notes(meeting, "来週までに住所変更の案内文を見直す。\n窓口の混雑は様子を見る。", by=staff["sato"], now=NOW)
    return meeting, {"shared": shared, "linked": linked, "refused": refused, "improvement": improvement}
