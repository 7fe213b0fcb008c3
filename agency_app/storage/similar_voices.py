"""Earlier voices that read like a text (R13): candidates from the trigram index by the text's rarest trigrams, re-ranked by bigrams.

Japanese has no spaces, so likeness is over characters (domain/similarity.py). Comparing a text with every voice
would read a million rows; instead the text's trigrams are looked up in the FTS5 index's vocabulary (how many
voices hold each), the rarest are ORed into one query — a voice sharing the unusual words of the text shares
those — and only its best-ranked hits are compared. No Qt here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from agency_app.domain.similarity import most_similar, too_short

RAREST_TRIGRAMS = 12   # the text's rarest trigrams ORed into the candidate query
CANDIDATES = 400       # voices compared by their bigrams, the index's best-ranked first
# The index's vocabulary: per trigram, how many voices hold it. A temporary table of the connection, so it needs
# no migration and works on a read-only connection too.
_VOCABULARY = ("CREATE VIRTUAL TABLE IF NOT EXISTS temp.voices_fts_vocabulary "
               "USING fts5vocab(main, 'voices_fts', 'row')")


@dataclass(frozen=True)
class SimilarVoice:
    uid: str
    received_at: str
    summary: str
    score: float  # 0 < score <= 1: the share of character pairs the two texts have in common


def voice_text(summary: str, body: str) -> str:
    """What is compared of a voice: its summary and what the customer said."""
    return f"{summary}\n{body}"


def text_trigrams(text: str) -> set[str]:
    """The trigrams the index holds for `text` (it folds ASCII case), those spanning a line break or space left out."""
    lowered = text.lower()
    grams = {lowered[i:i + 3] for i in range(len(lowered) - 2)}
    return {gram for gram in grams if not any(char.isspace() for char in gram)}


def similar_voices(conn: sqlite3.Connection, text: str, *, exclude_uid: str | None = None,
                   received_before: str | None = None, limit: int = 10, minimum: float = 0.1) -> list[SimilarVoice]:
    """Up to `limit` voices most like `text`, best first, each scoring above `minimum`; none for a text too short to
    compare. `exclude_uid` leaves out the voice itself; `received_before` (a stored received_at) only earlier ones."""
    if too_short(text):
        return []
    rarest = _rarest_trigrams(conn, text_trigrams(text))
    if not rarest:
        return []
    match = " OR ".join('"' + gram.replace('"', '""') + '"' for gram in rarest)
    where, params = ["voices_fts MATCH ?"], [match]
    if exclude_uid is not None:
        where.append("v.uid <> ?")
        params.append(exclude_uid)
    if received_before is not None:
        where.append("v.received_at < ?")
        params.append(received_before)
    rows = conn.execute(
        "SELECT v.uid, v.received_at, v.summary, v.body FROM voices_fts f CROSS JOIN voices v ON v.rowid = f.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY f.rank LIMIT ?", (*params, CANDIDATES)).fetchall()
    found = {uid: (received_at, summary) for uid, received_at, summary, _body in rows}
    # Newest first among equals: the index's order is by rank, which ties often.
    rows.sort(key=lambda row: row[1], reverse=True)
    ranked = most_similar(text, ((uid, voice_text(summary, body)) for uid, _at, summary, body in rows),
                          limit=limit, minimum=minimum)
    return [SimilarVoice(uid, found[uid][0], found[uid][1], round(score, 4)) for uid, score in ranked]


def _rarest_trigrams(conn: sqlite3.Connection, grams: set[str]) -> list[str]:
    """The trigrams of `grams` held by the fewest voices (but by some), rarest first."""
    if not grams:
        return []
    conn.execute(_VOCABULARY)
    ordered = sorted(grams)
    held: list[tuple[int, str]] = []
    for start in range(0, len(ordered), 500):  # SQLite's limit on parameters, with room to spare
        chunk = ordered[start:start + 500]
        held += [(doc, term) for term, doc in conn.execute(
            f"SELECT term, doc FROM temp.voices_fts_vocabulary WHERE term IN ({', '.join('?' * len(chunk))})",
            chunk) if doc > 0]
    held.sort()
    return [term for _doc, term in held[:RAREST_TRIGRAMS]]


@dataclass(frozen=True)
class AlikeVoice:
    """An earlier voice like a given one (R13), and why: 'customer', 'category', 'text'."""

    uid: str
    received_at: str
    summary: str
    score: float
    reasons: frozenset


def alike_earlier(conn: sqlite3.Connection, voice: dict, limit: int = 5) -> list[AlikeVoice]:
    """Earlier voices like `voice` (a stored row): the same customer, or a similar text ('category' added when the
    category matches too); the same customer first, then by likeness. First version: the SIMILAR step refines it."""
    found: dict[str, AlikeVoice] = {}
    customer_sql, params = None, []
    if voice.get("customer_id"):
        customer_sql, params = "customer_id = ?", [voice["customer_id"]]
    elif (voice.get("customer_name") or "").strip():
        customer_sql, params = "customer_name = ?", [voice["customer_name"].strip()]
    if customer_sql:
        for uid, at, summary, group in conn.execute(
                f"SELECT uid, received_at, summary, category_group FROM voices WHERE {customer_sql} "
                "AND received_at < ? AND uid <> ? ORDER BY received_at DESC LIMIT ?",
                (*params, voice["received_at"], voice["uid"], limit)):
            reasons = {"customer"} | ({"category"} if group and group == voice.get("category_group") else set())
            found[uid] = AlikeVoice(uid, at, summary, 1.0, frozenset(reasons))
    for similar in similar_voices(conn, voice_text(voice.get("summary") or "", voice.get("body") or ""),
                                  exclude_uid=voice["uid"], received_before=voice["received_at"], limit=limit):
        if similar.uid in found:
            found[similar.uid] = AlikeVoice(similar.uid, similar.received_at, similar.summary, similar.score,
                                            found[similar.uid].reasons | {"text"})
            continue
        group = conn.execute("SELECT category_group FROM voices WHERE uid = ?", (similar.uid,)).fetchone()[0]
        reasons = {"text"} | ({"category"} if group and group == voice.get("category_group") else set())
        found[similar.uid] = AlikeVoice(similar.uid, similar.received_at, similar.summary, similar.score,
                                        frozenset(reasons))
    ranked = sorted(found.values(), key=lambda a: ("customer" not in a.reasons, -a.score, a.received_at))
    return ranked[:limit]
