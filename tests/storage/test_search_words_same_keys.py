"""The word index's keys stay byte-identical to the plain per-word computation (its memoised form is only faster)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from agency_app.demo import texts as demo_texts
from agency_app.domain.text import normalise_width
from agency_app.storage import search_words


def _plain_word_keys(text: str, honorific: bool = True) -> list[set[str]]:
    """search_words.word_keys as it was before memoising: every word worked out afresh."""
    def katakana(s: str) -> str:
        return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in s)

    def clean(key: str) -> str:
        return "".join(c for c in key if unicodedata.category(c)[0] in "LN")

    text = normalise_width(text or "")
    if not any(0x3040 <= ord(c) <= 0x30FF or 0x3400 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF
               or 0x20000 <= ord(c) <= 0x3FFFF or c == "々" for c in text):
        return []
    words = []
    tokenize = search_words._tokenizer().tokenize
    for line in text.splitlines():
        for start in range(0, len(line), search_words._CHUNK):
            for m in tokenize(line[start:start + search_words._CHUNK]):
                pos = m.part_of_speech()
                if pos[0] not in search_words._CONTENT_POS or pos[1] in search_words._SKIP_SUB:
                    continue
                if pos[0] in ("動詞", "形容詞") and pos[1] == "非自立可能":
                    continue
                if not honorific and pos[0] == "接頭辞" and m.normalized_form() == "御":
                    continue
                keys = {m.normalized_form()}
                if pos[4] == "*":
                    keys.add(katakana(m.reading_form()))
                elif pos[0] == "動詞":
                    keys |= search_words._noun_form_keys(m.normalized_form(), pos[4])
                keys = {k for k in map(clean, keys) if k}
                if keys:
                    words.append(keys)
    return words


def _plain_index_text(*texts: str | None) -> str:
    keys: dict[str, None] = {}
    for text in texts:
        if text:
            for word in _plain_word_keys(text):
                keys.update(dict.fromkeys(sorted(word)))
    return " ".join(keys)


def _strings(value) -> list[str]:
    """Every string held in a demo constant (tuples, dicts of them, nested)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (tuple, list, set, frozenset)):
        return [s for v in value for s in _strings(v)]
    return []


DEMO_TEXTS = sorted({s for name in dir(demo_texts) if name.isupper() for s in _strings(getattr(demo_texts, name))})


def test_the_demo_texts_get_the_same_keys_and_index_text():
    assert len(DEMO_TEXTS) > 200
    for honorific in (True, False):
        for text in DEMO_TEXTS:
            assert search_words.word_keys(text, honorific=honorific) == _plain_word_keys(text, honorific), text
    # Twice over: the second pass is answered from the caches and must not differ.
    for _ in range(2):
        for i in range(0, len(DEMO_TEXTS) - 3, 3):
            parts = (DEMO_TEXTS[i], None, DEMO_TEXTS[i + 1] + "\n" + DEMO_TEXTS[i + 2], "")
            assert search_words.index_text(*parts).encode() == _plain_index_text(*parts).encode()


def test_a_word_keys_answer_may_be_changed_by_its_caller_without_changing_the_next():
    first = search_words.word_keys("振込")
    first[0].add("X")
    assert search_words.word_keys("振込") == [{"振り込み", "フリコミ"}]


_JAPANESE = st.one_of(st.characters(min_codepoint=0x3041, max_codepoint=0x30FF),
                      st.sampled_from("振込問合せ保険料更新契約解約住所変更申込見積事故車両火災御お客様々ｱｲｳﾞﾊﾟＡ１ 　、。\n"),
                      st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), st.characters())


@settings(max_examples=300, deadline=None)
@given(st.text(_JAPANESE, max_size=60), st.booleans())
def test_any_text_gets_the_same_keys(text, honorific):
    assert search_words.word_keys(text, honorific=honorific) == _plain_word_keys(text, honorific)
    assert search_words.index_text(text, text[::-1]).encode() == _plain_index_text(text, text[::-1]).encode()
