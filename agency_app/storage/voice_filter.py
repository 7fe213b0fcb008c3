"""What the voice list's filter bar and search box select, as SQL conditions (no Qt here)."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from datetime import date

from agency_app.domain import codes
from agency_app.domain.periods import Period
from agency_app.domain.search_limits import capped_terms
from agency_app.domain.text import normalise_width

log = logging.getLogger(__name__)

TEXT_COLUMNS = ("customer_name", "summary", "body", "response")  # short columns first: OR stops early
OPEN_SQL = "('" + "', '".join(codes.OPEN_STATUSES) + "')"


@dataclass(frozen=True)
class VoiceFilter:
    period: Period | None = None          # received_at date within [start, end]
    kinds: tuple[str, ...] = ()           # empty = all
    category_group: str | None = None
    category_item: str | None = None
    statuses: tuple[str, ...] = ()
    branch_code: str | None = None
    staff_uid: str | None = None          # received by OR assigned to this staff member
    overdue_only: bool = False            # open and due_date < today (R8)
    open_only: bool = False               # status new or in_progress
    text: str = ""                        # every whitespace-separated term in any text column
    today: date | None = None             # for overdue; None = today in Tokyo


# --- text terms -------------------------------------------------------------------------------------

# The rowids of the voices whose words (normalised forms, readings: storage/word_index.py) match.
_WORDS_SQL = "SELECT rowid FROM voices_words WHERE voices_words MATCH :{name}"
_TRIGRAM_SQL = "SELECT rowid FROM voices_fts WHERE voices_fts MATCH :{name}"
# One voice's keys, for a test row by row (walking the list): the FTS5 table's own content table, one
# b-tree lookup (~2 µs). `v.rowid IN (<words query>)` would first collect every hit: 0.5 s for a word in
# half the voices, before the first row of the page.
_ROW_WORDS_SQL = "EXISTS (SELECT 1 FROM voices_words_content w WHERE w.id = v.rowid AND ({test}))"


@dataclass(frozen=True)
class WordTerm:
    """A term with words in it: found as a substring (LIKE) or by its words in the word index."""

    like: tuple[str, str]  # (parameter name, LIKE pattern)
    trigram: str | None    # its FTS5 trigram phrase, 3+ characters only
    words: str             # FTS5 query of voices_words: every word by any of its keys
    exact_in_fts: bool     # its trigram hits need no LIKE re-check (no case folding beyond ASCII)
    row_test: str          # the same test on one voice's stored keys, as SQL (see _ROW_WORDS_SQL)

    @property
    def name(self) -> str:
        return self.like[0]


@dataclass(frozen=True)
class TextTerms:
    match: str | None                   # FTS5 query: the 3+ character terms without words, as ANDed phrases
    likes: tuple[tuple[str, str], ...]  # (parameter name, LIKE pattern) of every term without words
    recheck: tuple[tuple[str, str], ...]  # those of them rows found through FTS must also satisfy
    words: tuple[WordTerm, ...] = ()    # terms with words (kana, kanji): substring OR words

    def hits_sql(self, params: dict) -> str | None:
        """SELECT of the rowids that can match (a superset, exact except for the re-checks), or None."""
        parts = []
        if self.match:
            params["match"] = self.match
            parts.append(_TRIGRAM_SQL.format(name="match"))
        for term in self.words:
            if term.trigram is None:
                continue  # a 2-character term's substrings are not indexed: tested row by row
            params[f"{term.name}_tri"], params[f"{term.name}_words"] = term.trigram, term.words
            parts.append(f"SELECT rowid FROM ({_TRIGRAM_SQL.format(name=term.name + '_tri')} UNION "
                         f"{_WORDS_SQL.format(name=term.name + '_words')})")
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else " INTERSECT ".join(
            p if p.startswith("SELECT rowid FROM (") else f"SELECT rowid FROM ({p})" for p in parts)

    def hit_counts(self) -> list[list[tuple[str, dict]]]:
        """Per indexed part of hits_sql, the (SELECT, params) whose counts bound it: an intersection has at most
        the hits of its smallest part, a union at most the sum of its two."""
        parts = [[(_TRIGRAM_SQL.format(name="match"), {"match": self.match})]] if self.match else []
        for term in self.words:
            if term.trigram is not None:
                # Words first: their index has no positions, so counting a common word up to the cap is quicker.
                parts.append([(_WORDS_SQL.format(name="q"), {"q": term.words}),
                              (_TRIGRAM_SQL.format(name="q"), {"q": term.trigram})])
        return parts

    def row_sql(self, params: dict, *, from_hits: bool) -> list[str]:
        """Conditions each row is tested with: all terms, or (from_hits) what the hits of hits_sql leave open."""
        plain = like_sql(self.recheck if from_hits else self.likes, params)
        for term in self.words:
            if from_hits and term.trigram is not None and term.exact_in_fts:
                continue
            params[term.name] = term.like[1]
            plain.append("(" + " OR ".join(f"v.{c} LIKE :{term.name} ESCAPE '\\'" for c in TEXT_COLUMNS)
                         + " OR " + _ROW_WORDS_SQL.format(test=term.row_test) + ")")
        return plain


def parse_text(text: str, *, with_words: bool = True) -> TextTerms:
    """Split the search box into terms; all terms must match (AND).

    Terms get the same width normalisation as stored text (domain.text: ＡＢ１２ → AB12, ﾔﾏﾀﾞ → ヤマダ),
    so either width finds the other. Matching is LIKE's: case-insensitive for ASCII letters only. FTS only
    speeds it up; its trigram tokenizer also folds non-ASCII case (Ａ/ａ), so such terms are
    re-checked with LIKE. Terms under 3 characters have no trigram and are always tested by LIKE.

    A term with kana or kanji also matches by its words (表記ゆれ: 振込 finds 振り込み and 振り込まれていない,
    ふりこみ finds 振込): the word index holds each voice's words' normalised forms and readings
    (storage/search_words.py). Such a term matches when found as a substring OR by its words.
    """
    # str.split() also splits at the full-width space; NUL would end FTS5's query string early.
    # Capped: a thousand terms are a thousand ANDs, past SQLite's expression limit (domain/search_limits.py).
    terms = capped_terms(normalise_width(text).replace("\x00", "").split())
    word_queries = [_term_words(t) if with_words else None for t in terms]
    plain = [t for t, q in zip(terms, word_queries) if q is None]
    long = [t for t in plain if len(t) >= 3]
    match = " ".join(_phrase(t) for t in long) or None
    names = {t: f"term{i}" for i, t in enumerate(terms)}
    likes = tuple((names[t], _like_pattern(t)) for t in plain)
    recheck = tuple(like for like, t in zip(likes, plain) if len(t) < 3 or _folds_beyond_ascii(t))
    words = tuple(WordTerm((names[t], _like_pattern(t)), _phrase(t) if len(t) >= 3 else None, q.fts_query(),
                           not _folds_beyond_ascii(t), q.row_test("(' ' || w.c0 || ' ')"))
                  for t, q in zip(terms, word_queries) if q is not None)
    return TextTerms(match, likes, recheck, words)


# Longer: pasted text, meant literally. Its hundreds of words would each be one more AND in the SQL
# (SQLite refuses an expression over 1000 deep: "Expression tree is too large").
WORD_TERM_MAX = 100


def _term_words(term: str):
    """The term's word query: only for a term of letters and digits with kana or kanji in it; one with marks
    (-満期, "振込") is meant literally and stays a substring search."""
    from agency_app.storage import search_words  # SudachiPy is loaded by the first search with words in it
    if len(term) > WORD_TERM_MAX or not search_words.has_japanese(term) or \
            any(unicodedata.category(c)[0] not in "LN" and c != "・" for c in term):
        return None
    try:
        return search_words.term_words(term)
    except Exception as error:  # a damaged installation (no dictionary): substrings are still found
        log.warning("search words not analysed, substring search only: %s: %s", type(error).__name__, error)
        return None


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _folds_beyond_ascii(term: str) -> bool:
    return any(ord(c) > 127 and c.lower() != c.upper() for c in term)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def like_sql(likes: tuple[tuple[str, str], ...], params: dict) -> list[str]:
    params.update(likes)
    return ["(" + " OR ".join(f"v.{c} LIKE :{name} ESCAPE '\\'" for c in TEXT_COLUMNS) + ")"
            for name, _ in likes]


# --- filters --------------------------------------------------------------------------------------

def _in_list(prefix: str, values: tuple[str, ...], params: dict) -> str:
    params.update({f"{prefix}{i}": value for i, value in enumerate(values)})
    return "(" + ", ".join(f":{prefix}{i}" for i in range(len(values))) + ")"


def plain_filters(flt: VoiceFilter, params: dict, sort: str | None = None) -> list[str]:
    """Filters on columns other than status.

    Given the sort, a filter whose index would not deliver rows in that order gets '+' (no index):
    the page query then walks the sort index instead of collecting and sorting every matching row,
    which SQLite would otherwise choose when the database has no statistics.
    """
    by_date = sort in (None, "received_at")
    plus = "" if sort is None else "+"
    where = []
    if flt.period is not None:
        params["p_start"], params["p_end"] = flt.period.bounds_text()  # half-open, on ISO text
        p = "" if by_date else plus
        where.append(f"{p}v.received_at >= :p_start AND {p}v.received_at < :p_end")
    if flt.kinds:  # (kind, received_at) serves the date order for a single kind only
        p = "" if by_date and len(flt.kinds) == 1 else plus
        where.append(f"{p}v.kind IN " + _in_list("kind", flt.kinds, params))
    for column in ("branch_code", "category_group", "category_item"):
        if getattr(flt, column) is not None:
            params[column] = getattr(flt, column)
            p = "" if by_date and column == "branch_code" else plus
            where.append(f"{p}v.{column} = :{column}")
    if flt.staff_uid is not None:
        params["staff"] = flt.staff_uid
        where.append(f"({plus}v.received_by = :staff OR {plus}v.assignee_id = :staff)")
    return where


def status_filters(flt: VoiceFilter, params: dict, prefix: str) -> list[str]:
    """Filters voices_status_due serves; prefix '+' stops the planner from using that index."""
    where = []
    if flt.statuses:
        where.append(f"{prefix}v.status IN " + _in_list("status", flt.statuses, params))
    if flt.open_only or flt.overdue_only:
        where.append(f"{prefix}v.status IN {OPEN_SQL}")
    if flt.overdue_only:
        where.append(f"{prefix}v.due_date < :today")
    return where
