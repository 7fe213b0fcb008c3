"""The circulation sheet: every voice of the month of every team in order, and the 確認欄 of who has read it and when."""

from __future__ import annotations

from datetime import datetime

from agency_app.storage.circulations import CirculationRepository
from agency_app.ui.printing.circulation_sheet import circulation_document
from pdf_text import page_texts
from printing_fixtures import add_staff, add_voice

JULY = datetime(2025, 7, 2, 9, 0)


def test_the_months_voices_of_every_team_and_who_has_confirmed(store, qapp, tmp_path):
    people = add_staff(store)
    answered = add_voice(store, people["sato"], "2025/6/2 10:00", summary="六月の損保の声", now=JULY)
    with store.write() as db:  # what was done about it (対応内容), as the status dialog records it
        db.conn.execute("UPDATE voices SET response = ? WHERE uid = ?", ("お詫びし、再送した。", answered))
    add_voice(store, people["suzuki"], "2025/6/30 18:00", kind="praise", summary="六月末の生保の声", now=JULY)
    add_voice(store, people["sato"], "2025/7/1 09:00", summary="七月の声", now=JULY)
    add_voice(store, people["sato"], "2025/5/31 23:59", summary="五月の声", now=JULY)
    circulations = CirculationRepository(store)
    uid = circulations.issue("2025-06", by=people["sato"], now=datetime(2025, 7, 1, 9, 0))
    circulations.confirm_read(uid, people["kato"], now=datetime(2025, 7, 2, 8, 30))
    pdf = tmp_path / "circulation.pdf"
    pages = circulation_document("2025-06", circulations.voices("2025-06"), circulations.readers(uid)).write_pdf(pdf)
    texts = page_texts(pdf)
    whole = "".join(texts)
    assert pages == 1
    assert "お客様の声回覧2025年6月" in whole and "全チーム" in whole and "2025/06/01〜2025/06/30" in whole
    assert "1/1ページ" in whole
    assert whole.index("六月の損保の声") < whole.index("六月末の生保の声")
    assert "七月の声" not in whole and "五月の声" not in whole
    assert "お詫びし、再送した。" in whole and "損保" in whole and "生保" in whole
    confirmations = whole.split("確認欄")[1]
    assert "確認済1名/3名" in confirmations
    assert "加藤三郎" in confirmations and "確認済2025/07/0208:30" in confirmations
    assert "佐藤一郎損保未確認" in confirmations and "鈴木次郎生保未確認" in confirmations  # not yet, listed first
    assert confirmations.index("鈴木次郎") < confirmations.index("加藤三郎")


def test_a_month_not_issued_yet_prints_blank_lines_to_sign(store, qapp, tmp_path):
    pdf = tmp_path / "blank.pdf"
    circulation_document("2025-06", [], None).write_pdf(pdf)
    whole = "".join(page_texts(pdf))
    assert "この月のお客様の声はありません。" in whole
    assert "まだアプリで発行されていません" in whole and "未確認" not in whole
