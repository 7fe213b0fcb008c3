"""How much of a search box the searches read: a cap on its length and on its number of terms (SQLite's limits)."""

from __future__ import annotations

# SQLite refuses a LIKE pattern over 50,000 bytes ("LIKE or GLOB pattern too complex") and an expression
# over 1,000 deep ("Expression tree is too large"; every term is one more AND). Nobody types more than this:
# a longer paste is cut here, so a search always gives a result instead of an error.
SEARCH_TEXT_MAX = 200  # characters of one search text or term
SEARCH_TERMS_MAX = 30  # distinct terms of a voice search (all must match)


def capped_text(text: str) -> str:
    """The search text the searches read: its first SEARCH_TEXT_MAX characters."""
    return text[:SEARCH_TEXT_MAX]


def capped_terms(terms: list[str]) -> list[str]:
    """The terms the searches read: the first SEARCH_TERMS_MAX, each cut to SEARCH_TEXT_MAX characters."""
    return list(dict.fromkeys(t[:SEARCH_TEXT_MAX] for t in terms))[:SEARCH_TERMS_MAX]


def text_is_cut(text: str) -> bool:
    """Whether a one-text search (customers) reads less than all of `text`: the box can say so."""
    return len(text.strip()) > SEARCH_TEXT_MAX


def terms_are_cut(text: str) -> bool:
    """Whether a search by terms (voices) reads fewer or shorter terms than `text` holds."""
    terms = set(text.split())
    return len(terms) > SEARCH_TERMS_MAX or any(len(t) > SEARCH_TEXT_MAX for t in terms)
