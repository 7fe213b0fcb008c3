"""The monthly circulation sheet (回覧): an office's voices of the month, and a 確認欄 of who has confirmed reading it."""

from __future__ import annotations

# Written in Japanese directly, as the voice-day sheet (see there): the command line prints it without Qt's translators.

from datetime import timedelta

from agency_app.domain import labels_ja as ja
from agency_app.storage.circulations import month_bounds  # the month's rule lives with the circulations
from agency_app.ui.printing import sheet_html as H
from agency_app.ui.printing.printed_document import PrintedDocument

TITLE = "お客様の声 回覧"
SUMMARY_CHARS = 60
RESPONSE_CHARS = 60
BLANK_CONFIRMATIONS = 12  # rows to sign by hand when the circulation has not been issued in the application yet


def month_title(month: str) -> str:
    """'2025-06' → 2025年6月."""
    year, number = month.split("-")
    return f"{year}年{int(number)}月"


def _month_range(month: str) -> str:
    first, following = month_bounds(month)
    return f"{H.day(first)}〜{H.day(following - timedelta(days=1))}"


def circulation_document(month: str, voices: list[dict], readers: list | None, office: str = "") -> PrintedDocument:
    """The sheet of `month` ('2025-06'): `voices` as storage's circulations.voices(month) gives them, and
    `readers` (circulations.readers: Reader rows) — None when the month's circulation is not issued yet.
    `office`: the office's name, printed where the file holds several offices ("" where it holds one)."""
    whose = f"{H.text(office)}・" if office else ""
    parts = [f"<p>{month_title(month)}に受け付けたお客様の声 {len(voices)} 件です（{whose}全チーム・受付順）。"
             "読んだら、アプリの「回覧」で「読みました」を押してください。</p>",
             H.heading(f"お客様の声（{len(voices)} 件）"),
             _voices_table(voices),
             H.heading("確認欄"),
             _confirmations(readers)]
    return PrintedDocument(title=f"{TITLE} {month_title(month)}", team=f"{office}　全チーム" if office else "全チーム",
                           period=_month_range(month),
                           html="".join(parts))


def _voices_table(voices: list[dict]) -> str:
    headers = [("受付日", 9), ("チーム", 9), ("種別", 7), ("分類", 15), ("要旨", 32), ("対応内容", 28)]
    rows = []
    for voice in voices:
        kind = H.text(ja.label(ja.KIND, voice.get("kind")))
        if voice.get("is_complaint"):
            kind += f'<br><span style="{H.ALERT}">{ja.COMPLAINT}</span>'
        group, item = voice.get("category_group") or "", voice.get("category_item") or ""
        category = H.text(group) + (f"<br>{H.text(item)}" if item else "")
        summary = H.shorten(voice.get("summary") or voice.get("body"), SUMMARY_CHARS)
        response = H.shorten(voice.get("response"), RESPONSE_CHARS)
        status = ja.label(ja.STATUS, voice.get("status"))
        answer = H.text(response) if response else f'<span style="{H.MUTED}">（{H.text(status)}）</span>'
        rows.append([H.text(H.day(voice.get("received_at"))[5:]), H.text(voice.get("team") or "—"), kind, category,
                     H.text(summary), answer])
    return H.table(headers, rows, empty="この月のお客様の声はありません。")


def _confirmations(readers: list | None) -> str:
    headers = [("氏名", 30), ("チーム", 20), ("確認", 50)]
    if readers is None:
        rows = [["&nbsp;", "", ""] for _ in range(BLANK_CONFIRMATIONS)]
        return (H.note("この月の回覧はまだアプリで発行されていません。紙で回す場合は、読んだ人が記入してください。")
                + H.table(headers, rows))
    rows = []
    for reader in readers:
        confirmed = (f"確認済 {H.text(H.day(reader.read_at))} {H.text(str(reader.read_at)[11:16])}" if reader.read_at
                     else f'<span style="{H.ALERT}">未確認</span>')
        rows.append([H.text(reader.name), H.text(reader.team or "—"), confirmed])
    done = sum(1 for reader in readers if reader.read_at)
    return (H.note(f"確認済 {done} 名 / {len(readers)} 名（未確認の人を先に載せています）")
            + H.table(headers, rows, empty="在籍中の担当者がいません。"))
