"""The voice-day sheet (声の日シート): the week's counts against the 8 before, the voices and decisions, open items, attendees."""

from __future__ import annotations

# The sheet's words are written in Japanese here, not through Qt's translations: the command line prints the
# same sheet without any translator installed, and the application speaks Japanese only (domain/labels_ja.py
# makes the same choice for the labels of codes, which this sheet uses too).

from agency_app.domain import codes
from agency_app.domain import labels_ja as ja
from agency_app.domain import voice_day as D
from agency_app.ui.kit.charts import BarSeries, WeeklyBars
from agency_app.ui.printing import sheet_html as H
from agency_app.ui.printing.printed_document import Chart, PrintedDocument, chart_marker

TITLE = "声の日シート"
NOT_CLOSED = "未締め"
NO_MEETING = "プレビュー（会議未開始）"
BODY_CHARS = 100        # 内容 on the sheet: about two lines of its column; the whole text is in the application
ALIKE_SHOWN = 3         # earlier alike voices printed under a voice (the screen shows more)
ALIKE_SUMMARY_CHARS = 18  # with the date and the reasons: one line of the column
OPEN_VOICES_SHOWN = 30  # the team's open voices on paper (the count says how many there are in all)
CATEGORY_SERIES = 3     # the category chart: the three largest groups of the nine weeks, the rest together
CHART_WIDTH_MM, CHART_HEIGHT_MM = 180.0, 52.0
NO_CATEGORY = "（分類なし）"
OTHER_CATEGORIES = "上記以外の分類"  # not 「その他」: a category group may be called that

DECISION = {D.DECISION_SHARED: "共有済", D.DECISION_IMPROVEMENT: "改善へ", D.DECISION_NO_IMPROVEMENT: "改善不要"}
REASON = {"customer": "お客様", "category": "分類", "text": "内容"}  # what is alike: 同じお客様, 同じ分類, 似た内容
KINDS_IN_ORDER = D.KIND_ORDER  # 不満, 要望, then the rest: as the meeting reads them


def voice_day_document(review, names: dict[str, str], alike: dict[str, list], office: str = "") -> PrintedDocument:
    """The sheet of `review` (storage.voice_days.Review). `names` gives what a uid prints as — staff (the
    leader) and improvements (their titles); `alike` the earlier alike voices of each voice uid (AlikeVoice).
    `office`: the office's name, printed beside the team where the file holds several offices ("" where one)."""
    meeting = review.meeting
    if meeting is None:
        stamp = NO_MEETING
    elif meeting.get("status") != D.MEETING_CLOSED:
        stamp = NOT_CLOSED
    else:
        stamp = ""
    period = f"対象 {H.day(review.range_from)}〜{H.day(review.range_to)}"
    if meeting is not None:
        period += f"　会議 {H.day(meeting.get('held_on'))}"
    charts = _charts(review)
    parts = [
        _meeting_line(review, names, stamp),
        H.heading("件数（今週と前の8週）"),
        f"<p>{chart_marker(0)}</p><p>{chart_marker(1)}</p>",
        _counts_table(review),
        # The range may be longer than the charts' last week (a meeting skipped): named as the range, not 今週.
        H.heading(f"対象期間の声（{len(review.voices)} 件）"),
        _voices_table(review, names, alike),
        # Open items are as they stand when the sheet is made, whatever the meeting's day.
        H.heading(f"未完了の声（{review.open_voice_count} 件、{H.day(review.today.isoformat())} 現在）"),
        _open_voices(review),
        H.heading(f"進行中の改善（{len(review.open_improvements)} 件、{H.day(review.today.isoformat())} 現在）"),
        _open_improvements(review, names),
    ]
    if meeting is not None:  # before the meeting is recorded there are no attendees or notes to print
        parts += [H.heading("出席者・メモ"), _attendees_and_notes(review)]
    team = f"{office}　チーム: {review.team}" if office else f"チーム: {review.team}"
    return PrintedDocument(title=TITLE, team=team, period=period, html="".join(parts),
                           charts=charts, stamp=stamp)


# --- summary --------------------------------------------------------------------
def _meeting_line(review, names: dict[str, str], stamp: str) -> str:
    meeting = review.meeting
    voices = review.voices
    complaints = sum(1 for voice in voices if voice.get("is_complaint"))
    overdue = sum(1 for voice in voices if voice.get("overdue"))
    by_kind = "・".join(f"{ja.label(ja.KIND, kind)} {sum(1 for v in voices if v.get('kind') == kind)}"
                        for kind in KINDS_IN_ORDER)
    facts = [f"声 {len(voices)} 件（{by_kind}、うち苦情 {complaints}）",
             f"期限超過 {overdue} 件" if overdue else "期限超過なし"]
    if meeting is None:
        facts.append("会議はまだ記録されていません")
    else:
        leader = names.get(meeting.get("leader_id") or "", "")
        if leader:
            facts.append(f"進行 {H.text(leader)}")
        if meeting.get("status") == D.MEETING_CLOSED:
            facts.append(f"締め {H.text(H.day(meeting.get('closed_at')))}")
        else:
            facts.append(f"未決定 {review.undecided} 件")
    line = "　/　".join(facts)
    if stamp:
        line = f'<span style="{H.ALERT}">【{H.text(stamp)}】</span>　' + line
    return f'<p style="margin-bottom: 4px;">{line}</p>'


def _category_groups(review) -> list[str]:
    """Every category group counted in the nine weeks, largest first (ties by name, so the sheet is stable)."""
    totals: dict[str, int] = {}
    for week in review.weeks:
        for group, count in week.by_category.items():
            totals[group] = totals.get(group, 0) + count
    return sorted(totals, key=lambda group: (-totals[group], group))


def _category_name(group: str) -> str:
    return group or NO_CATEGORY


def _charts(review) -> list[Chart]:
    labels = tuple(week.week.label for week in review.weeks)
    highlight = len(labels) - 1 if labels else None  # the last week is the meeting's
    kinds = tuple(BarSeries(ja.label(ja.KIND, kind), tuple(week.by_kind.get(kind, 0) for week in review.weeks))
                  for kind in KINDS_IN_ORDER)
    groups = _category_groups(review)
    shown, rest = groups[:CATEGORY_SERIES], groups[CATEGORY_SERIES:]
    categories = [BarSeries(_category_name(group), tuple(week.by_category.get(group, 0) for week in review.weeks))
                  for group in shown]
    if rest:
        categories.append(BarSeries(OTHER_CATEGORIES, tuple(sum(week.by_category.get(group, 0) for group in rest)
                                                            for week in review.weeks)))
    if not categories:  # an empty nine weeks: one empty series keeps the axes and the weeks readable
        categories.append(BarSeries("声", tuple(0 for _ in labels)))
    return [Chart(WeeklyBars("種別ごとの件数（週ごと）", labels, kinds, highlight), CHART_WIDTH_MM, CHART_HEIGHT_MM),
            Chart(WeeklyBars("分類ごとの件数（週ごと）", labels, tuple(categories), highlight),
                  CHART_WIDTH_MM, CHART_HEIGHT_MM)]


def _counts_table(review) -> str:
    """The charts' numbers: a row per kind and per category group, a column per week, and the 8 weeks' average."""
    weeks = review.weeks
    if not weeks:
        return ""
    label_width, average_width = 16, 9
    week_width = (100 - label_width - average_width) // len(weeks)
    headers = [("区分", label_width)]
    headers += [(H.text(week.week.label) if index < len(weeks) - 1 else f"<b>今週<br>{H.text(week.week.label)}</b>",
                 week_width) for index, week in enumerate(weeks)]
    headers.append(("前8週<br>平均", average_width))

    def row(name: str, values: list[int]) -> list[str]:
        before = values[:-1]
        average = sum(before) / len(before) if before else 0
        cells = [H.text(name)] + [str(value) for value in values[:-1]] + [f"<b>{values[-1]}</b>"]
        return cells + [f"{average:.1f}"]

    rows: list = ["種別"]
    rows += [row(ja.label(ja.KIND, kind), [week.by_kind.get(kind, 0) for week in weeks]) for kind in KINDS_IN_ORDER]
    rows.append(row("合計", [week.total for week in weeks]))
    groups = _category_groups(review)
    if groups:
        rows.append("分類")
        rows += [row(_category_name(group), [week.by_category.get(group, 0) for week in weeks]) for group in groups]
    return H.table(headers, rows)


# --- the voices -------------------------------------------------------------------
def _kind_text(voice: dict) -> str:
    kind = H.text(ja.label(ja.KIND, voice.get("kind")))
    if voice.get("is_complaint"):
        kind += f'<br><span style="{H.ALERT}">{ja.COMPLAINT}</span>'
    return kind


def _category_text(voice: dict) -> str:
    group, item = voice.get("category_group") or "", voice.get("category_item") or ""
    if not group and not item:
        return f'<span style="{H.MUTED}">{NO_CATEGORY}</span>'
    return H.text(group) + (f"<br>{H.text(item)}" if item else "")


def _status_text(voice: dict) -> str:
    parts = [H.text(ja.label(ja.STATUS, voice.get("status")))]
    if voice.get("due_date") and voice.get("status") in codes.OPEN_STATUSES:
        parts.append(f"期限 {H.text(H.day(voice['due_date'])[5:])}")
    if voice.get("overdue"):
        parts.append(f'<span style="{H.ALERT}">期限超過</span>')
    return "<br>".join(parts)


def _decision_text(voice: dict, names: dict[str, str]) -> str:
    decision = voice.get("decision")
    if not decision:
        text = f'<span style="{H.MUTED}">未決定</span>'
    else:
        text = f"<b>{DECISION.get(decision, H.text(decision))}</b>"
        if decision == D.DECISION_IMPROVEMENT:
            title = names.get(voice.get("improvement_id") or "", "")
            text += f"<br>{H.text(H.shorten(title, 40))}" if title else ""
        if voice.get("reason"):
            text += f"<br>{H.lines(voice['reason'])}"
    if voice.get("carried_over"):
        text += f'<br><span style="{H.MUTED}">（前回から繰越）</span>'
    return text


def _alike_lines(voice: dict, alike: dict[str, list]) -> str:
    found = alike.get(voice.get("uid"), [])
    if not found:
        return ""
    shown = found[:ALIKE_SHOWN]
    lines = []
    for earlier in shown:
        why = "・".join(REASON[reason] for reason in ("customer", "category", "text") if reason in earlier.reasons)
        lines.append(f"・{H.text(H.day(earlier.received_at))} {H.text(H.shorten(earlier.summary, ALIKE_SUMMARY_CHARS))}"
                     f"［{why}］")
    more = f"（{len(shown)} 件を表示）" if len(found) > len(shown) else ""
    return (f'<br><span style="font-size: 7.5pt; {H.MUTED}">似た過去の声 {len(found)} 件{more}'
            "　［同じお客様・同じ分類・似た内容］<br>" + "<br>".join(lines) + "</span>")


def _voice_text(voice: dict, alike: dict[str, list]) -> str:
    summary = (voice.get("summary") or "").strip()
    body = H.shorten(voice.get("body"), BODY_CHARS)
    text = f"<b>{H.text(summary)}</b>" if summary else ""
    if body and body != summary:
        text += ("<br>" if text else "") + H.text(body)
    if voice.get("customer_name"):
        text += f'<br><span style="{H.MUTED}">お客様: {H.text(voice["customer_name"])}</span>'
    return text + _alike_lines(voice, alike)


def _voices_table(review, names: dict[str, str], alike: dict[str, list]) -> str:
    headers = [("No", 4), ("受付", 8), ("種別", 6), ("分類", 12), ("要旨・内容", 48), ("状況", 9), ("決定", 13)]
    rows = [[str(number), H.text(H.month_day_time(voice.get("received_at"))), _kind_text(voice),
             _category_text(voice), _voice_text(voice, alike), _status_text(voice), _decision_text(voice, names)]
            for number, voice in enumerate(review.voices, start=1)]
    return H.table(headers, rows, empty="この期間のお客様の声はありません。")


# --- open items, attendees ----------------------------------------------------------
def _open_voices(review) -> str:
    shown = review.open_voices[:OPEN_VOICES_SHOWN]
    headers = [("受付", 11), ("種別", 8), ("要旨", 47), ("状況", 10), ("期限", 12), ("担当", 12)]
    rows = []
    for voice in shown:
        due = H.text(H.day(voice.get("due_date")))
        if voice.get("overdue"):
            due += f'<br><span style="{H.ALERT}">期限超過</span>'
        rows.append([H.text(H.day(voice.get("received_at"))), _kind_text(voice),
                     H.text(H.shorten(voice.get("summary") or voice.get("body"), 60)),
                     H.text(ja.label(ja.STATUS, voice.get("status"))), due, H.text(voice.get("assignee_name"))])
    html = H.table(headers, rows, empty="未完了の声はありません。")
    if review.open_voice_count > len(shown):
        html += H.note(f"ほか {review.open_voice_count - len(shown)} 件（期限の近い順に {len(shown)} 件を表示。"
                       "すべてはアプリの声の日画面で確認できます）")
    return html


def _open_improvements(review, names: dict[str, str]) -> str:
    headers = [("改善", 50), ("担当", 14), ("期限", 14), ("状況", 22)]
    rows = []
    for item in review.open_improvements:
        due = H.text(H.day(item.get("due_date")))
        status = H.text(ja.label(ja.STATUS, item.get("status")))
        if item.get("overdue"):
            status += f'<br><span style="{H.ALERT}">期限超過</span>'
        owner = item.get("owner_name") or names.get(item.get("owner_id") or "", "")
        rows.append([H.text(H.shorten(item.get("title"), 80)), H.text(owner), due, status])
    return H.table(headers, rows, empty="進行中の改善はありません。")


def _attendees_and_notes(review) -> str:
    attendees = "、".join(H.text(person.get("name")) for person in review.attendees) or "（未記録）"
    notes = H.lines(review.meeting.get("notes")) or f'<span style="{H.MUTED}">（なし）</span>'
    return f"<p>出席者（{len(review.attendees)} 名）: {attendees}</p><p>メモ:<br>{notes}</p>"
