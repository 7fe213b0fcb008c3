"""What the voice list's filter bar and search box select, as SQL conditions (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agency_app.domain import codes
from agency_app.domain.periods import Period
from agency_app.domain.text import normalise_width

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

@dataclass(frozen=True)
class TextTerms:
    match: str | None                   # FTS5 query: the 3+ character terms as ANDed phrases
    likes: tuple[tuple[str, str], ...]  # (parameter name, LIKE pattern) of every term: what a scan tests
    recheck: tuple[tuple[str, str], ...]  # those rows found through FTS must also satisfy


def parse_text(text: str) -> TextTerms:
    """Split the search box into terms; all terms must match (AND).

    Terms get the same width normalisation as stored text (domain.text: ＡＢ１２ → AB12, ﾔﾏﾀﾞ → ヤマダ),
    so either width finds the other. Matching is LIKE's: case-insensitive for ASCII letters only. FTS only
    speeds it up; its trigram tokenizer also folds non-ASCII case (Ａ/ａ), so such terms are
    re-checked with LIKE. Terms under 3 characters have no trigram and are always tested by LIKE.
    """
    # str.split() also splits at the full-width space; NUL would end FTS5's query string early.
    terms = list(dict.fromkeys(normalise_width(text).replace("\x00", "").split()))
    long = [t for t in terms if len(t) >= 3]
    match = " ".join('"' + t.replace('"', '""') + '"' for t in long) or None
    likes = tuple((f"term{i}", _like_pattern(t)) for i, t in enumerate(terms))
    recheck = tuple(like for like, t in zip(likes, terms) if len(t) < 3 or _folds_beyond_ascii(t))
    return TextTerms(match, likes, recheck)


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
