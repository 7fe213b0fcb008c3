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
"""

from __future__ import annotations

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


def has_japanese(text: str) -> bool:
    """Kana or kanji: only such text gets word keys (ASCII and digits are served by the substring search)."""
    return any(_is_japanese(c) for c in text)


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
    text = normalise_width(text or "")
    if not has_japanese(text):
        return []
    words = []
    tokenize = _tokenizer().tokenize
    for m in (m for chunk in _chunks(text) for m in tokenize(chunk)):
        pos = m.part_of_speech()
        if pos[0] not in _CONTENT_POS or pos[1] in _SKIP_SUB:
            continue
        if pos[0] in ("動詞", "形容詞") and pos[1] == "非自立可能":  # いる, する, ない: in every sentence
            continue
        if not honorific and pos[0] == "接頭辞" and m.normalized_form() == "御":
            continue
        keys = {m.normalized_form()}
        if pos[4] == "*":  # no inflection: the reading is the word's (an inflected one, フリコマ, nobody types)
            keys.add(to_katakana(m.reading_form()))
        elif pos[0] == "動詞":
            keys |= _noun_form_keys(m.normalized_form(), pos[4])
        keys = {k for k in map(clean_key, keys) if k}
        if keys:
            words.append(keys)
    return words


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
            for word in word_keys(text):
                keys.update(dict.fromkeys(sorted(word)))
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
