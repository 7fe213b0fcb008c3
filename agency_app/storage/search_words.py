"""Text as search words (表記ゆれ): each word's normalised form and its katakana reading, by SudachiPy (no Qt).

Staff write one word in several ways (振込 / 振り込み / 振込み, 問合せ / 問い合わせ) and type readings in
hiragana (ふりこみ). Sudachi's small dictionary gives each word a normalised form (振込 → 振り込み) and
a reading (フリコミ); the voice index (storage/word_index.py) keeps those, and a search term matches a
voice when its words' keys are among the voice's keys.

Which form: Sudachi's normalized_form, not dictionary_form. dictionary_form only undoes inflection and
keeps the writing (振込 stays 振込, 振り込ま → 振り込む), so it cannot bridge 振込 and 振り込み;
normalized_form does both (振込, 振込み, 振り込み → 振り込み; 振り込ま → 振り込む). A verb also gets its
noun form (連用形: 振り込む → 振り込み, フリコミ) so that 振込 finds 「振り込まれていない」.

The dictionary (~50 MB of memory) is loaded on first use, never at start-up. Sudachi's Dictionary may
be shared between threads but a Tokenizer may not (SudachiPy makes one per thread itself for its
pre-tokenizer), so each thread gets its own tokenizer.

Every voice save, an import's thousands of voices and the demo's bulk index go through index_text, so a
word's keys are worked out once and remembered (bounded caches of pure functions: the same part of speech,
normalised form and reading always give the same keys; the same short line always the same words).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from agency_app.domain.text import normalise_width

# Parts of speech that carry meaning; particles, auxiliaries, symbols and blanks would make every
# voice share keys (の, ない, て).
_CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "代名詞", "連体詞", "接頭辞", "接尾辞", "感動詞"}
_SKIP_SUB = {"数詞"}  # numbers: the substring search finds digits exactly; 1 / 一 / イチ would be noise
# A verb's noun form (連用形) from the last kana of its normalised form: 五段 rows (む → み) and 一段 (る → ∅).
_GODAN_I = dict(zip("うくぐすつぬぶむる", "いきぎしちにびみり"))

_CHUNK = 12_000  # characters: ≤ 48,000 bytes of UTF-8 even for 4-byte characters (𠮷)
_lock = threading.Lock()
_dictionary = None
_local = threading.local()


def _tokenizer():
    """This thread's Sudachi tokenizer (mode C: 振り込ま stays one word, not 振り + 込ま)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        global _dictionary
        with _lock:  # one dictionary for the process, loaded once even if three threads ask together
            if _dictionary is None:
                from sudachipy import Dictionary  # here, not at the top: start-up must not pay for it
                _dictionary = Dictionary(dict="small")
            from sudachipy import SplitMode
            tokenizer = _local.tokenizer = _dictionary.tokenizer(mode=SplitMode.C)
    return tokenizer


def dictionary_loaded() -> bool:
    return _dictionary is not None


# The same ranges as _is_japanese, for one C-level scan of a whole text (々 is U+3005, outside them).
_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff々]")


def has_japanese(text: str) -> bool:
    """Kana or kanji: only such text gets word keys (ASCII and digits are served by the substring search)."""
    return _JAPANESE.search(text) is not None


def _is_japanese(c: str) -> bool:
    code = ord(c)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF \
        or 0x20000 <= code <= 0x3FFFF or c == "々"


def to_katakana(text: str) -> str:
    return "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in text)


def clean_key(key: str) -> str:
    """A key as one token of the index: letters and digits only (FTS5's unicode61 splits at anything else)."""
    return "".join(c for c in key if unicodedata.category(c)[0] in "LN")


def word_keys(text: str, *, honorific: bool = True) -> list[set[str]]:
    """The keys of each meaningful word of `text`, in order: {normalised form, reading, …}.

    honorific=False leaves out the prefix お/ご/御 (normalised 御): a way of writing the word after it
    (お問い合わせ, 問合せ), which a search term must not require of the voice.
    """
    return [set(keys) for keys in _word_key_tuples(text, honorific)]


def _word_key_tuples(text: str | None, honorific: bool) -> list[tuple[str, ...]]:
    """word_keys as sorted tuples shared from the caches (never to be changed): what index_text writes."""
    text = normalise_width(text or "")
    if not has_japanese(text):
        return []
    words = []
    for chunk in _chunks(text):
        words.extend(_short_chunk_keys(chunk, honorific) if len(chunk) <= _SHORT else _chunk_keys(chunk, honorific))
    return words


# A line this short is often written again word for word (a customer's name, 保険会社に確認中。): its words are
# remembered whole. Sudachi reads each line on its own, so the same line always gives the same words.
_SHORT = 120


@lru_cache(maxsize=20_000)
def _short_chunk_keys(chunk: str, honorific: bool) -> tuple[tuple[str, ...], ...]:
    return _chunk_keys(chunk, honorific)


def _chunk_keys(chunk: str, honorific: bool) -> tuple[tuple[str, ...], ...]:
    """The keys of each meaningful word of one piece Sudachi reads at once."""
    keys_of = _morpheme_keys
    content = _content_pos
    words = []
    for m in _tokenizer().tokenize(chunk):
        pos_id = m.part_of_speech_id()
        if content(pos_id):  # particles and auxiliaries (about half the words) skip the rest
            keys = keys_of(pos_id, m.normalized_form(), m.reading_form(), honorific)
            if keys:
                words.append(keys)
    return tuple(words)


@lru_cache(maxsize=None)  # at most the dictionary's parts of speech (~1,500)
def _content_pos(pos_id: int) -> bool:
    pos = _dictionary.pos_of(pos_id)
    return pos[0] in _CONTENT_POS and pos[1] not in _SKIP_SUB \
        and not (pos[0] in ("動詞", "形容詞") and pos[1] == "非自立可能")  # いる, する, ない: in every sentence


# Bounded: a voice's words are mostly the same few thousand; an odd text (names, typos) only evicts old ones.
@lru_cache(maxsize=50_000)
def _morpheme_keys(pos_id: int, normalised: str, reading: str, honorific: bool) -> tuple[str, ...]:
    """One word's keys, sorted (empty when it carries no meaning): a pure function of its part of speech,
    normalised form and reading, so each distinct word is worked out once rather than at every voice."""
    pos = _dictionary.pos_of(pos_id)
    if not _content_pos(pos_id):
        return ()
    if not honorific and pos[0] == "接頭辞" and normalised == "御":
        return ()
    keys = {normalised}
    if pos[4] == "*":  # no inflection: the reading is the word's (an inflected one, フリコマ, nobody types)
        keys.add(to_katakana(reading))
    elif pos[0] == "動詞":
        keys |= _noun_form_keys(normalised, pos[4])
    return tuple(sorted({k for k in map(clean_key, keys) if k}))


def _chunks(text: str):
    """Pieces Sudachi accepts (at most 49,149 bytes each): whole lines, a very long line in slices."""
    for line in text.splitlines():
        for start in range(0, len(line), _CHUNK):  # a word cut at a slice's edge is still found by substring
            yield line[start:start + _CHUNK]


@lru_cache(maxsize=20_000)
def _noun_form_keys(normalised: str, conjugation: str) -> frozenset[str]:
    """振り込む → {振り込み, フリコミ}; 受け付ける → {受け付け, ウケツケ}; others (する, 来る) → ∅."""
    if conjugation.startswith("五段") and normalised[-1:] in _GODAN_I:
        noun = normalised[:-1] + _GODAN_I[normalised[-1]]
    elif (conjugation.startswith("上一段") or conjugation.startswith("下一段")) and normalised.endswith("る") \
            and len(normalised) > 1:
        noun = normalised[:-1]
    else:
        return frozenset()
    keys = {noun}
    found = _tokenizer().tokenize(noun)
    if len(found) == 1:  # the dictionary knows the noun: its reading (ヒキオトシ), else only the kanji form
        keys.add(to_katakana(found[0].reading_form()))
    return frozenset(keys)


def index_text(*texts: str | None) -> str:
    """The keys of every word of the texts, space-separated and each once: what the index stores for a voice."""
    keys: dict[str, None] = {}
    for text in texts:
        if text:
            for word in _word_key_tuples(text, True):
                keys.update(dict.fromkeys(word))  # already sorted, as the index has always written them
    return " ".join(keys)


@dataclass(frozen=True)
class TermWords:
    """What a search term looks up in the word index: every word by any of its keys, or the whole reading."""

    words: tuple[frozenset[str], ...]
    whole: str | None  # a term typed all in kana, as one word's reading (もうしこみ → モウシコミ)

    def fts_query(self) -> str:
        """The FTS5 query of voices_words."""
        query = " AND ".join("(" + " OR ".join(_quoted(k) for k in sorted(keys)) + ")" for keys in self.words)
        if self.whole:
            query = f"({query}) OR {_quoted(self.whole)}" if query else _quoted(self.whole)
        return query

    def row_test(self, words_sql: str) -> str:
        """The same test on one voice's stored keys (`words_sql`: ' ' || keys || ' '), as SQL.

        Keys hold letters and digits only (clean_key), so they are written into the SQL as they are.
        """
        def has(key: str) -> str:
            return f"instr({words_sql}, ' {key} ')"
        test = " AND ".join("(" + " OR ".join(has(k) for k in sorted(keys)) + ")" for keys in self.words)
        if self.whole:
            test = f"({test}) OR {has(self.whole)}" if test else has(self.whole)
        return test


def term_words(term: str) -> TermWords | None:
    """The words of one search term, or None when it has none to look up.

    Every word of the term must be there, each by any of its keys; a term typed all in kana may also
    be one word's reading as a whole (もうしこみ → モウシコミ, which Sudachi would split as もう / しこみ).
    """
    words = tuple(frozenset(keys) for keys in word_keys(term, honorific=False))
    whole = clean_key(to_katakana(normalise_width(term)))
    if not (whole and all(0x30A0 <= ord(c) <= 0x30FF for c in whole)) or any(whole in keys for keys in words):
        whole = None
    if not words and not whole:
        return None
    return TermWords(words, whole)


def term_query(term: str) -> str | None:
    """The FTS5 query of the word index for one search term (see term_words), or None."""
    found = term_words(term)
    return found.fts_query() if found else None


def _quoted(key: str) -> str:
    return '"' + key.replace('"', '""') + '"'
