"""表記ゆれ search: a word is found however a colleague wrote it or read it, and substrings are found as before."""

from __future__ import annotations

import pytest

from agency_app.storage import voice_query as vq
from agency_app.storage import word_index
from agency_app.storage.voice_query import VOICE_LIST, VoiceFilter, VoiceQuery
from tests.storage.keyset_checks import check_paging
from tests.storage.test_voice_query import TODAY, insert

# (written in the voice, typed in the search box): every pair is searched both ways.
VARIANT_PAIRS = [
    ("振込", "振り込み"), ("振込み", "振り込み"), ("振込", "振込み"), ("引越", "引っ越し"), ("引越し", "引っ越し"),
    ("手続", "手続き"), ("問合せ", "問い合わせ"), ("申込", "申し込み"), ("申込み", "申し込み"), ("取扱", "取り扱い"),
    ("取扱い", "取り扱い"), ("見積", "見積もり"), ("見積り", "見積もり"), ("受付", "受け付け"), ("払込", "払い込み"),
    ("切替", "切り替え"), ("書換", "書き換え"), ("売上", "売り上げ"), ("割引", "割り引き"), ("締切", "締め切り"),
    ("取消", "取り消し"), ("差押", "差し押さえ"), ("繰越", "繰り越し"), ("貸付", "貸し付け"), ("立替", "立て替え"),
    ("引落", "引き落とし"), ("振替", "振り替え"), ("積立", "積み立て"), ("見舞", "見舞い"), ("払戻", "払い戻し"),
    ("売掛", "売り掛け"), ("受取", "受け取り"),
]
# (written, typed in hiragana as it is read)
READINGS = [
    ("振込", "ふりこみ"), ("振り込み", "ふりこみ"), ("振込み", "ふりこみ"), ("引越", "ひっこし"), ("手続", "てつづき"),
    ("問合せ", "といあわせ"), ("申込", "もうしこみ"), ("取扱", "とりあつかい"), ("見積", "みつもり"),
    ("受付", "うけつけ"), ("払込", "はらいこみ"), ("引落", "ひきおとし"), ("解約", "かいやく"),
]
# An inflected verb is found by its noun and its reading (normalised form: 振り込ま → 振り込む → 振り込み).
INFLECTED = [
    ("保険料が振り込まれていない", "振込"), ("保険料が振り込まれていない", "ふりこみ"),
    ("来月引っ越すので住所を変える", "引越"), ("来週見積もってもらった", "見積"),
    ("窓口で受け付けられなかった", "受付"), ("電話で問い合わせたい", "問合せ"),
]


def add(store, text: str, **values) -> dict:
    """A voice written as the app writes one: in a write transaction, so its words are indexed on commit."""
    with store.write():
        return insert(store, body=text, **values)


def found(store, text: str, flt: VoiceFilter | None = None) -> set[str]:
    flt = flt or VoiceFilter(today=TODAY)
    query = VoiceQuery(store.conn, VoiceFilter(**{**flt.__dict__, "text": text}), page_size=1000)
    return {r.uid for r in query.page(0)}


@pytest.mark.parametrize("written, typed", VARIANT_PAIRS + [(b, a) for a, b in VARIANT_PAIRS])
def test_a_word_is_found_however_it_was_written(store, written, typed):
    voice = add(store, f"お客様より{written}についてお電話。")
    add(store, "満期案内が届かなかった。")
    assert found(store, typed) == {voice["uid"]}


def test_at_least_thirty_pairs_in_both_directions():
    assert len(set(VARIANT_PAIRS)) >= 30


@pytest.mark.parametrize("written, typed", READINGS)
def test_a_reading_typed_in_hiragana_finds_the_word(store, written, typed):
    voice = add(store, f"{written}の件で確認したい。")
    add(store, "担当者の説明が丁寧だった。")
    assert found(store, typed) == {voice["uid"]}
    assert found(store, typed.translate({c: c + 0x60 for c in range(0x3041, 0x3097)})) == {voice["uid"]}  # katakana


@pytest.mark.parametrize("written, typed", INFLECTED)
def test_an_inflected_verb_is_found_by_its_noun_and_reading(store, written, typed):
    voice = add(store, written)
    add(store, "書類が届いた。")
    assert found(store, typed) == {voice["uid"]}


def test_every_way_of_writing_furikomi_is_found_by_each_other(store):
    ways = ["振込", "振り込み", "振込み", "保険料が振り込まれていない"]
    uids = {add(store, f"{w}の確認")["uid"] for w in ways}
    add(store, "口座振替の案内")  # 振替 is another word
    for typed in ("振込", "振り込み", "振込み", "ふりこみ", "フリコミ"):
        assert found(store, typed) == uids, typed


def test_substrings_are_found_as_before(store):
    """Today's behaviour stays: any substring (3+ characters through the trigram index, shorter by LIKE),
    width folded in the search key, every term ANDed."""
    a = add(store, "保険料が振り込まれていない", customer_name="高橋 誠", summary="ABC-123 の件")
    b = add(store, "更新手続きのご案内")
    assert found(store, "込まれて") == {a["uid"]}          # not a word: a substring
    assert found(store, "まれ") == {a["uid"]}              # 2 characters: LIKE
    assert found(store, "ＡＢＣ－１２３") == {a["uid"]}     # full-width typed, half-width stored
    assert found(store, "abc") == {a["uid"]}               # ASCII case
    assert found(store, "高橋") == {a["uid"]}
    assert found(store, "手続き 案内") == {b["uid"]}        # AND of terms
    assert found(store, "手続 振込") == set()
    assert found(store, "手続 ご案内") == {b["uid"]}


def test_a_word_term_and_other_filters_combine(store):
    a = add(store, "振込の確認", kind="dissatisfaction")
    add(store, "振り込みの確認", kind="praise")
    assert found(store, "振込", VoiceFilter(kinds=("dissatisfaction",), today=TODAY)) == {a["uid"]}


def test_an_edit_changes_the_words_at_once_and_a_delete_removes_them(store):
    voice = add(store, "引越の連絡")
    assert found(store, "ひっこし") == {voice["uid"]}
    with store.write():
        store.conn.execute("UPDATE voices SET body = '満期の連絡' WHERE rowid = ?", (voice["rowid"],))
    assert found(store, "ひっこし") == set()
    assert found(store, "まんき") == {voice["uid"]}
    with store.write():
        store.conn.execute("DELETE FROM voices WHERE rowid = ?", (voice["rowid"],))
    assert store.conn.execute("SELECT count(*) FROM voices_words").fetchone()[0] == 0


def test_a_voice_written_outside_a_store_transaction_is_indexed_by_the_next_write(store):
    """Whatever path writes a voice (a workflow step writing 対応内容, an import), its words follow."""
    voice = insert(store, body="")  # autocommit: noted as pending, not yet indexed
    store.conn.execute("UPDATE voices SET response = '払込票を再送した' WHERE rowid = ?", (voice["rowid"],))
    assert word_index.pending_count(store.conn) == 1
    assert found(store, "払い込み") == set()  # not yet indexed: never found by stale or missing words …
    assert found(store, "払込票") == {voice["uid"]}  # … and still by its substrings
    add(store, "別の声")
    assert word_index.pending_count(store.conn) == 0
    assert found(store, "払い込み") == {voice["uid"]}


def test_a_very_long_text_is_indexed_in_pieces(store):
    voice = add(store, "あ" * 30_000 + "。振込の確認。" + "い" * 30_000)
    assert found(store, "振り込み") == {voice["uid"]}


@pytest.mark.parametrize("way", ["fts", "membership", "row test"],
                         ids=["driven by the index hits", "walking, testing membership in the hits",
                              "walking, testing each row's text and words"])
@pytest.mark.parametrize("typed", ["振込", "振り込み", "ふりこみ", "振込 確認"])
def test_paging_and_count_are_right_with_the_word_index(store, monkeypatch, way, typed):
    """Every matching voice once, in order, on every page, and the count agrees, whichever way rows are reached."""
    monkeypatch.setattr(vq, "RARE_HITS", 10_000 if way == "fts" else 1)
    monkeypatch.setattr(vq, "MEMBERSHIP_HITS", 10_000 if way == "membership" else 1)
    stamps = [f"2025-{m:02d}-{d:02d} 10:00" for m in range(1, 13) for d in (1, 10, 20)]
    texts = ["振込の確認", "振り込みの確認", "振り込まれていない", "振替の確認", "確認のみ", "振込み先の変更"]
    expected = []
    with store.write():
        for i in range(180):
            text = texts[i % len(texts)]
            row = insert(store, uid=f"w{i:04d}", received_at=stamps[i % len(stamps)], body=text)
            if ("振替" not in text and "確認のみ" != text) and ("確認" in text or " " not in typed):
                expected.append((row["received_at"], row["rowid"], row["uid"]))
    expected = [uid for *_, uid in sorted(expected, reverse=True)]
    check_paging(VOICE_LIST, store.conn, VoiceFilter(text=typed, today=TODAY), expected, page_size=16)
    query = VoiceQuery(store.conn, VoiceFilter(text=typed, today=TODAY))
    query.page(0)
    indexed = any(len(t) >= 3 for t in typed.split())  # 2-character terms have no index to look in
    assert query._drive == ("fts" if way == "fts" and indexed else "walk")
    assert query._fts_filter == (way == "membership" and indexed)


def test_a_save_never_fails_for_the_word_index(store, monkeypatch):
    """A broken analyser (damaged installation) leaves the voice unindexed, found by substrings; the next write indexes it."""
    from agency_app.storage import search_words

    def broken(*texts):
        raise RuntimeError("dictionary damaged")
    monkeypatch.setattr(search_words, "index_text", broken)
    voice = add(store, "振込の確認")
    assert store.conn.execute("SELECT count(*) FROM voices WHERE uid = ?", (voice["uid"],)).fetchone()[0] == 1
    assert word_index.pending_count(store.conn) == 1
    assert found(store, "振込") == {voice["uid"]}
    monkeypatch.undo()
    add(store, "別の声")
    assert found(store, "振り込み") == {voice["uid"]}


def test_search_still_finds_substrings_when_the_dictionary_cannot_be_loaded(store, monkeypatch):
    """A damaged installation (the dictionary missing from the bundle): saving works (above), and so must
    searching, by substrings as before the word index existed, rather than failing on every kana or kanji."""
    from agency_app.storage import search_words

    a = add(store, "振込の確認")
    b = add(store, "ABC-123 の件")

    def missing():
        raise RuntimeError("Dictionary not found: sudachidict_small")
    monkeypatch.setattr(search_words, "_tokenizer", missing)
    assert found(store, "振込") == {a["uid"]}
    assert found(store, "振込の確認") == {a["uid"]}
    assert found(store, "abc の件") == {b["uid"]}
    assert VoiceQuery(store.conn, VoiceFilter(text="振込の確認", today=TODAY)).count() == 1


def test_a_long_pasted_text_is_searched_literally(store):
    """Thousands of characters pasted with no space or mark (a copied memo) made hundreds of words, one AND
    each: SQLite refused the locating of a voice ("Expression tree is too large"). Such a term is literal."""
    words = "保険料振込確認引越連絡住所変更手続書類送付担当者説明満期案内解約返戻金"
    voice = add(store, words * 200)
    add(store, "別の声")
    typed = (words * 200)[:6000]
    assert VoiceQuery(store.conn, VoiceFilter(text=typed, today=TODAY)).position_of(voice["uid"]) == 0
    assert found(store, typed) == {voice["uid"]}


# (written, typed with the honorific prefix staff put before a customer's matters: お振込, ご解約)
HONORIFIC = [
    ("振込の確認", "お振込"), ("振り込みの確認", "お振込み"), ("問合せがあった", "お問い合わせ"), ("解約したい", "ご解約"),
    ("引越の連絡", "お引越し"), ("手続の書類", "お手続き"), ("住所変更の依頼", "ご住所変更"), ("契約内容の確認", "ご契約"),
]


@pytest.mark.parametrize("written, typed", HONORIFIC)
def test_a_word_typed_with_an_honorific_prefix_finds_it_written_without(store, written, typed):
    """お/ご is a way of writing the same word (お問い合わせ, 問合せ): the prefix must not be one more word the
    voice has to contain."""
    voice = add(store, written)
    add(store, "担当者の説明が丁寧だった。")
    assert found(store, typed) == {voice["uid"]}
