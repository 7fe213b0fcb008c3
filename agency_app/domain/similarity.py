"""How alike two voices read (R13, a recurrence): Jaccard similarity of their character bigrams, Japanese having no spaces.

Both texts are first folded as a search folds them (one width, hiragana as katakana, no spaces, ASCII lower-case)
and stripped of punctuation and symbols, so 「保険料が高い！」 and 「ほけん料が高い」 are compared on their words,
not on how they were typed. A text with fewer than MIN_CHARACTERS such characters left is too short to compare:
three characters share a bigram with thousands of voices by chance, and suggesting those would be noise, so the
screens say "too short to compare" instead.
"""

from __future__ import annotations

import re
from typing import Hashable, Iterable, TypeVar

from agency_app.domain.text import fold_for_search

# A short complaint such as 「保険料が高い」 (6) is comparable; 「ありがとう」 (5) or 「高い」 (2) is not.
MIN_CHARACTERS = 6

K = TypeVar("K", bound=Hashable)
# Letters and digits of any script (str.isalnum: Unicode categories L* and N*), found in runs by the regex engine:
# a character-by-character test of the category was 40 % of the time of comparing 4,000 candidate texts.
_WORDS = re.compile(r"[^\W_]+")


def comparable_text(text: str) -> str:
    """The characters similarity looks at: the text folded for search, letters, digits, kana and kanji only."""
    return "".join(_WORDS.findall(fold_for_search(text or "")))


def too_short(text: str) -> bool:
    """Fewer than MIN_CHARACTERS comparable characters: no suggestion is better than a chance one."""
    return len(comparable_text(text)) < MIN_CHARACTERS


def bigrams(text: str) -> frozenset[str]:
    """The set of two-character runs of the comparable text (empty when it is too short to compare)."""
    chars = comparable_text(text)
    if len(chars) < MIN_CHARACTERS:
        return frozenset()
    return frozenset(chars[i:i + 2] for i in range(len(chars) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b|, 0.0 when either set is empty."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def similarity(a: str, b: str) -> float:
    """How alike two texts read, from 0.0 (nothing in common, or too short) to 1.0 (the same words)."""
    return jaccard(bigrams(a), bigrams(b))


def most_similar(query: str, candidates: Iterable[tuple[K, str]], limit: int = 10,
                 minimum: float = 0.0) -> list[tuple[K, float]]:
    """The `limit` candidates most like `query`, best first, each with its similarity; those at or below `minimum`
    left out. Equal scores keep the candidates' own order (e.g. newest first), so a list never reshuffles."""
    wanted = bigrams(query)
    if not wanted or limit <= 0:
        return []
    scored = [(key, jaccard(wanted, bigrams(text))) for key, text in candidates]
    ranked = sorted((pair for pair in scored if pair[1] > minimum), key=lambda pair: -pair[1])  # stable
    return ranked[:limit]
