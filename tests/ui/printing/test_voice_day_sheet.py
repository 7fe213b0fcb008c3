"""The voice-day sheet: counts, the voices in the meeting's order with decisions and alike voices, open items, attendees."""

from __future__ import annotations

from datetime import date

import pytest

from agency_app.storage.similar_voices import AlikeVoice, alike_earlier
from agency_app.storage.voice_days import VoiceDayRepository
from agency_app.ui.printing.sheet_html import shorten
from agency_app.ui.printing.voice_day_sheet import voice_day_document
from pdf_text import page_count, page_texts
from printing_fixtures import DAY, NOW, TEAM, add_staff, add_voice, meeting_with_decisions, week_of_voices


@pytest.fixture
def people(store):
    return add_staff(store)


def names_of(store) -> dict[str, str]:
    names = dict(store.conn.execute("SELECT uid, name FROM staff"))
    names.update(store.conn.execute("SELECT uid, title FROM improvements"))
    return names


def print_review(store, review, tmp_path, alike=None, name="sheet.pdf") -> tuple[int, list[str]]:
    pdf = tmp_path / name
    if alike is None:
        alike = {voice["uid"]: alike_earlier(store.conn, voice) for voice in review.voices}
    pages = voice_day_document(review, names_of(store), alike).write_pdf(pdf)
    assert page_count(pdf) == pages
    texts = page_texts(pdf)
    assert len(texts) == pages
    for number, text in enumerate(texts, start=1):  # every page: the sheet, the team, the range, N / M
        assert "声の日シート" in text and f"チーム:{TEAM}" in text and "2025/06/04〜2025/06/10" in text
        assert f"{number}/{pages}ページ" in text
    return pages, texts


def test_an_open_meeting_prints_its_voices_decisions_attendees_and_notes_marked_not_closed(store, people, qapp,
                                                                                          tmp_path):
    meeting, made = meeting_with_decisions(store, people)
    review = VoiceDayRepository(store).meeting_review(meeting, today=DAY)
    pages, texts = print_review(store, review, tmp_path)
    whole = "".join(texts)
    assert pages <= 2
    assert "未締め" in texts[0] and all("未締め" in text for text in texts)
    # 不満 first, newest first within a kind: the 06/09 不満, the 06/05 不満, then the 要望.
    order = [whole.index(summary) for summary in ("満期案内が届かなかった", "窓口の待ち時間が長い", "Webで住所変更したい")]
    assert order == sorted(order)
    assert "共有済" in whole
    assert "改善へ" in whole and "住所変更の受付をWebでも" in whole  # the improvement's title
    assert "改善不要" in whole and "繁忙日の一時的な混雑" in whole   # and the reason
    assert "期限超過" in whole                                      # the 06/06 voice is overdue on 06/10
    assert "出席者（2名）:加藤三郎、佐藤一郎" in whole
    assert "来週までに住所変更の案内文を見直す。" in whole and "窓口の混雑は様子を見る。" in whole
    assert "進行佐藤一郎" in whole and "会議2025/06/10" in whole
    assert "住所変更の受付をWebでも" in whole.split("進行中の改善")[1]  # the open improvement with its owner
    # The voices are the range's, named so (a skipped week makes it longer than the charts' 今週); the open items
    # are as they stand on the day the sheet is made.
    assert "対象期間の声（" in whole and "2025/06/10現在" in whole.split("未完了の声")[1]
    assert "加藤三郎" in whole.split("進行中の改善")[1]


def test_a_closed_meeting_prints_without_the_mark(store, people, qapp, tmp_path):
    meeting, _made = meeting_with_decisions(store, people)
    days = VoiceDayRepository(store)
    days.close(meeting, by=people["sato"], now=NOW)
    _pages, texts = print_review(store, days.meeting_review(meeting, today=DAY), tmp_path)
    whole = "".join(texts)
    assert "未締め" not in whole and "プレビュー" not in whole
    assert "締め2025/06/10" in whole


def test_without_a_meeting_the_sheet_says_it_is_a_preview(store, people, qapp, tmp_path):
    add_voice(store, people["sato"], "2025/6/9 10:00")
    days = VoiceDayRepository(store)
    review = days.review(TEAM, *days.default_range(TEAM, DAY), today=DAY)
    _pages, texts = print_review(store, review, tmp_path)
    assert all("プレビュー（会議未開始）" in text for text in texts)
    assert "出席者" not in "".join(texts)  # none yet: the section is left out


def test_an_empty_week_prints_one_sane_page(store, people, qapp, tmp_path):
    days = VoiceDayRepository(store)
    review = days.review(TEAM, date(2025, 6, 4), DAY, today=DAY)
    pages, texts = print_review(store, review, tmp_path)
    assert pages == 1
    text = texts[0]
    assert "この期間のお客様の声はありません。" in text and "声0件" in text
    assert "未完了の声はありません。" in text and "進行中の改善はありません。" in text
    assert "合計0000000000.0" in text  # the counts table: nine zero weeks and a zero average


def test_a_long_week_flows_over_pages_with_every_voice_once_in_order(store, people, qapp, tmp_path):
    small_pages, _ = print_review(store, VoiceDayRepository(store).review(TEAM, date(2025, 6, 4), DAY, today=DAY),
                                  tmp_path, name="small.pdf")
    week_of_voices(store, people, 60)
    review = VoiceDayRepository(store).review(TEAM, date(2025, 6, 4), DAY, today=DAY)
    pages, texts = print_review(store, review, tmp_path, alike={}, name="long.pdf")
    assert pages >= small_pages + 3
    last_of_the_voices = next(index for index, text in enumerate(texts) if "未完了の声（" in text)
    assert last_of_the_voices >= 3
    for text in texts[1:last_of_the_voices]:
        assert "要旨・内容" in text and "決定" in text  # the voices' header row on each page they run onto
    whole = "".join(texts).split("未完了の声（")[0]  # the week's voices, not the open ones listed after them
    positions = []
    for voice in review.voices:
        # Every voice is there, none lost between pages. (Qt may also draw the first line of a row that breaks
        # across pages at the top of the next page, hidden under the repeated header row: so not "exactly once".)
        summary = voice["summary"].replace(" ", "")
        assert summary in whole, summary
        positions.append(whole.index(summary))
    assert positions == sorted(positions)


def test_alike_earlier_voices_are_printed_a_line_each_with_why(store, people, qapp, tmp_path):
    meeting, made = meeting_with_decisions(store, people)
    review = VoiceDayRepository(store).meeting_review(meeting, today=DAY)
    alike = {made["shared"]: [
        AlikeVoice("a", "2025-05-20 10:00", "満期案内が来ない", 1.0, frozenset({"customer", "category"})),
        AlikeVoice("b", "2025-04-02 09:00", "更新案内が届かない", 0.4, frozenset({"text"})),
        AlikeVoice("c", "2025-03-02 09:00", "案内が遅い", 0.3, frozenset({"text"})),
        AlikeVoice("d", "2025-02-02 09:00", "四件目の声", 0.2, frozenset({"text"}))]}
    _pages, texts = print_review(store, review, tmp_path, alike=alike)
    whole = "".join(texts)
    assert "似た過去の声4件（3件を表示）" in whole
    assert "・2025/05/20満期案内が来ない［お客様・分類］" in whole
    assert "・2025/04/02更新案内が届かない［内容］" in whole
    assert "四件目の声" not in whole


def test_a_long_text_is_shortened_on_paper(store, people, qapp, tmp_path):
    body = "最初の文です。" + "とても長い説明が続きます" * 30 + "最後の一文。"
    add_voice(store, people["sato"], "2025/6/9 10:00", body=body)
    review = VoiceDayRepository(store).review(TEAM, date(2025, 6, 4), DAY, today=DAY)
    _pages, texts = print_review(store, review, tmp_path, alike={})
    whole = "".join(texts)
    assert "最初の文です。" in whole and "最後の一文" not in whole and "…" in whole


@pytest.mark.parametrize("text, limit, expected", [
    ("短い。", 10, "短い。"),
    ("一文目です。二文目はとても長く続いていく", 8, "一文目です。…"),    # a sentence ends late enough: cut there
    ("一文目です。二文目はとても長く続いていく", 12, "一文目です。二文目はとて…"),  # too early: cut at the limit
    ("句点のない長い長い長い文章", 6, "句点のない長…"),
    ("改行を\n含む  文", 20, "改行を 含む 文"),
    (None, 5, ""),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected
