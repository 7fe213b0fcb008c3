"""R13: earlier voices that read alike, found through the trigram index's rarest trigrams and ranked by bigrams."""

from __future__ import annotations

from datetime import datetime

import pytest

from agency_app.domain.voice import VoiceInput
from agency_app.storage.database import connect
from agency_app.storage.masters import MasterData
from agency_app.storage.similar_voices import alike_earlier, similar_voices, text_trigrams
from agency_app.storage.voices import VoiceRepository

T1 = datetime(2025, 11, 20, 10, 0)
OTHERS = [
    ("事故の対応が丁寧でした", "事故のときの担当者の対応がとても丁寧で安心しました。"),
    ("説明がわかりやすかった", "更新のときの説明がわかりやすく、納得して手続きできました。"),
    ("電話がつながりにくい", "お昼の時間帯に電話がなかなかつながらないとのご意見。"),
    ("口座振替の変更をしたい", "引き落とし口座を変えたいとのご要望。書類を郵送しました。"),
]


@pytest.fixture
def staff(file_store):
    """A member of staff in the database file (the shared `staff` fixture is in the in-memory store)."""
    return {"sato": MasterData(file_store).save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保",
                                                      branch_code="HQ")}


def add(store, by, day: int, summary: str, body: str, **more) -> str:
    return VoiceRepository(store).create(
        VoiceInput(received_at=f"2025/11/{day:02d} 09:00", kind="dissatisfaction", summary=summary, body=body,
                   assignee_id=by, **more), by=by, now=T1)


def test_an_earlier_voice_saying_the_same_thing_is_found_first(file_store, staff):
    sato = staff["sato"]
    for day, (summary, body) in enumerate(OTHERS * 5, start=1):
        add(file_store, sato, min(day, 28), summary, body)
    earlier = add(file_store, sato, 3, "満期の案内が届かない", "満期のご案内がまだ届いていないとのお電話。更新の手続きが遅れそう。")
    now = "満期案内が届いていない。更新手続きに間に合うか心配とのこと。"
    found = similar_voices(file_store.conn, now)
    assert found and found[0].uid == earlier
    assert 0.1 < found[0].score < 1.0
    assert all(v.uid != earlier for v in found[1:])


def test_the_voice_itself_and_later_voices_can_be_left_out(file_store, staff):
    sato = staff["sato"]
    text = ("保険料の引き落としができていない", "口座から保険料が引き落とされていないと連絡があった。")
    first = add(file_store, sato, 1, *text)
    second = add(file_store, sato, 5, *text)
    query = "\n".join(text)
    assert {v.uid for v in similar_voices(file_store.conn, query)} == {first, second}
    assert [v.uid for v in similar_voices(file_store.conn, query, exclude_uid=second)] == [first]
    assert [v.uid for v in similar_voices(file_store.conn, query, received_before="2025-11-05 09:00")] == [first]


def test_a_text_too_short_to_compare_suggests_nothing(file_store, staff):
    add(file_store, staff["sato"], 1, "高い", "高い")
    assert similar_voices(file_store.conn, "高い") == []


def test_nothing_alike_and_an_empty_index_suggest_nothing(file_store, staff):
    assert similar_voices(file_store.conn, "満期の案内が届いていない") == []  # no voices yet
    for day, (summary, body) in enumerate(OTHERS, start=1):
        add(file_store, staff["sato"], day, summary, body)
    assert similar_voices(file_store.conn, "自動車保険の等級について知りたい", minimum=0.2) == []


def test_it_works_on_a_read_only_connection(file_store, staff):
    uid = add(file_store, staff["sato"], 1, "満期の案内が届かない", "満期のご案内がまだ届いていない。")
    reader = connect(file_store.path, read_only=True)
    try:
        assert [v.uid for v in similar_voices(reader, "満期の案内が届かない。満期のご案内がまだ")] == [uid]
    finally:
        reader.close()


def test_trigrams_are_folded_as_the_index_folds_them_and_skip_spaces():
    assert text_trigrams("ATMで\n振込") == {"atm", "tmで"}
    assert text_trigrams("ab") == set()


def test_a_voice_saved_a_moment_ago_is_found_at_once(file_store, staff):
    for day, (summary, body) in enumerate(OTHERS * 3, start=1):
        add(file_store, staff["sato"], day, summary, body)
    text = "ドライブレコーダーの映像提出方法がわからない"
    assert similar_voices(file_store.conn, text) == []
    uid = add(file_store, staff["sato"], 20, "ドライブレコーダーの映像", "映像の提出方法がわからないとのお問い合わせ。")
    assert [v.uid for v in similar_voices(file_store.conn, text)] == [uid]


ALIKE = ("満期の案内が届かない", "満期のご案内がまだ届いていないとのお電話。更新の手続きが遅れそう。")


def test_alike_earlier_finds_the_same_customer_and_similar_texts_earlier_only(file_store, staff):
    sato = staff["sato"]
    repo = VoiceRepository(file_store)
    for day, (summary, body) in enumerate(OTHERS, start=1):
        add(file_store, sato, day, summary, body)
    same_customer = add(file_store, sato, 2, "口座振替の変更をしたい", "引き落とし口座の変更。", customer_name="山田 太郎")
    similar_text = add(file_store, sato, 3, *ALIKE, category_group="契約関連", category_item="満期案内")
    similar_other_category = add(file_store, sato, 4, *ALIKE, category_group="保険金関連")
    later = add(file_store, sato, 20, *ALIKE, customer_name="山田 太郎")
    voice_uid = add(file_store, sato, 10, "満期の案内が届いていない", "満期のご案内がまだ届いていないとのこと。",
                    customer_name="山田 太郎", category_group="契約関連", category_item="満期案内")
    alike = {v.uid: v.reasons for v in alike_earlier(file_store.conn, repo.get(voice_uid))}
    assert alike == {same_customer: frozenset({"customer"}), similar_text: frozenset({"text", "category"}),
                     similar_other_category: frozenset({"text"})}
    assert later not in alike and voice_uid not in alike  # earlier voices only, never the voice itself
    # The same customer first, then the most reasons.
    assert [v.uid for v in alike_earlier(file_store.conn, repo.get(voice_uid))][:2] == [same_customer, similar_text]
    assert len(alike_earlier(file_store.conn, repo.get(voice_uid), limit=2)) == 2


def test_alike_earlier_by_the_customer_record(file_store, staff):
    sato = staff["sato"]
    repo = VoiceRepository(file_store)
    with file_store.write() as conn:
        conn.execute("INSERT INTO customers(uid, branch_code, name, origin_branch, created_at, updated_at)"
                     " VALUES ('c-1', 'HQ', '山田 太郎', 'HQ', '2025-11-01 09:00', '2025-11-01 09:00')")
    first = add(file_store, sato, 1, "電話がつながりにくい", "つながらない。", customer_id="c-1")
    voice_uid = add(file_store, sato, 5, "口座振替の変更をしたい", "変更したい。", customer_id="c-1")
    assert [v.uid for v in alike_earlier(file_store.conn, repo.get(voice_uid))] == [first]


def test_alike_earlier_of_a_voice_too_short_to_compare_gives_only_the_same_customer(file_store, staff):
    sato = staff["sato"]
    repo = VoiceRepository(file_store)
    add(file_store, sato, 1, "高い", "高い")
    same = add(file_store, sato, 2, "別件", "別件", customer_name="鈴木 花子")
    voice_uid = add(file_store, sato, 5, "高い", "高い", customer_name="鈴木 花子")
    assert [(v.uid, v.reasons) for v in alike_earlier(file_store.conn, repo.get(voice_uid))] == \
        [(same, frozenset({"customer"}))]
