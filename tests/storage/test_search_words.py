"""Text as search words: normalised forms and readings, one Sudachi tokenizer per thread, marks and ASCII left to substrings."""

from __future__ import annotations

import threading

from agency_app.storage import search_words


def test_a_word_gets_its_normalised_form_and_reading():
    assert search_words.word_keys("振込") == [{"振り込み", "フリコミ"}]
    assert search_words.word_keys("問合せ") == [{"問い合わせ", "トイアワセ"}]


def test_an_inflected_verb_gets_its_dictionary_form_and_its_noun():
    [keys] = search_words.word_keys("振り込まれ")[:1]
    assert {"振り込む", "振り込み", "フリコミ"} <= keys
    assert "フリコマ" not in keys  # an inflected reading nobody types


def test_particles_numbers_and_ascii_give_no_keys():
    assert search_words.index_text("の", "ABC-123", "１－１") == ""
    assert search_words.term_words("1-1") is None


def test_a_term_in_kana_may_be_one_word_as_a_whole():
    """Sudachi reads もうしこみ as もう + しこみ; the whole reading モウシコミ is 申込's."""
    words = search_words.term_words("もうしこみ")
    assert words.whole == "モウシコミ"
    assert words.fts_query().endswith('OR "モウシコミ"')


def test_each_thread_gets_its_own_tokenizer_and_the_same_answers():
    """The UI reads on three threads and writes on one: a Sudachi tokenizer must not be shared between them."""
    texts = ["保険料が振り込まれていない", "引越の連絡", "問合せが多い", "見積もりの依頼"] * 20
    expected = [search_words.index_text(t) for t in texts]
    results: dict[int, list[str]] = {}
    tokenizers: dict[int, object] = {}  # held, so that no id is reused

    def work(n: int) -> None:
        results[n] = [search_words.index_text(t) for t in texts]
        tokenizers[n] = search_words._tokenizer()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results.values())
    assert len({id(t) for t in tokenizers.values()}) == 4
