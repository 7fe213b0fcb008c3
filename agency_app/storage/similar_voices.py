"""Earlier voices that read like a text (R13): candidates from the trigram index by the text's rarest trigrams, re-ranked by bigrams.

Japanese has no spaces, so likeness is over characters (domain/similarity.py). Comparing a text with every voice
would read a million rows; instead the voices holding the text's rarest trigrams are the candidates — a voice that
says the same thing shares the text's unusual words — and only those are compared by their bigrams.

Why not the document frequencies of an fts5vocab table (the issue's starting point, used until this step): the
vocabulary counts a trigram's voices by reading its whole posting list, and templated texts (the demo's, and
any agency's stock phrases) hold trigrams found in 100,000 voices — about 200 ms per text at 1M voices, and the
ORed query's ranking of every hit another 300 ms. Instead each trigram is *probed*: its newest PROBE voices by
rowid. Fewer than PROBE means that is its exact count; PROBE hits spread over the newest `s` rowids of `top`
estimate top × PROBE / s voices (a trigram in 1 voice of 10 has its 64th newest about 640 rowids back). That
orders the trigrams well enough to pick the rarest, at a bounded cost (≈ 60 probes of 64 rowids), and always
reads the live index, so a voice saved a moment ago (the triggers index it on save) is found at once. The
candidates are then the rarest trigrams' voices, newest first, unioned until CANDIDATES — never a ranking of
100,000 hits. No Qt here; no migration (works on a read-only connection).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from agency_app.domain.similarity import bigrams, jaccard, similarity

PROBE = 64             # rowids read per trigram to estimate how many voices hold it
RAREST_TRIGRAMS = 32   # at most this many of the rarest trigrams give candidates …
CANDIDATES = 4000      # … until this many voices are gathered: each is compared by its bigrams
# The few closest earlier voices of a voice (alike_earlier, up to ~100 on the voice-day screen): a smaller budget
# gives the same top 5 for 59 of 60 voices of the 100k demo's newest week, at a quarter of the time (~25 ms;
# no cache of bigrams across calls: ~7 KB a text, and different voices share few candidates).
ALIKE_CANDIDATES = 1000
# Measured (benchmarks/similar.py, 200 queries): 8 trigrams / 1,500 voices gave a recall at 10 of 0.75 on the 100k
# demo; 32 / 4,000 gives 0.95 at a p95 of about 30-80 ms on the 1M one (2 busy cores). A text's own junctions
# between stock phrases are its rarest trigrams; the voices that share its phrases come a few trigrams later.
# Only what is compared: a trigram of a customer's name or of a response would bring voices that do not read alike.
_COLUMNS = "{summary body}: "
_PROBE_SQL = "SELECT rowid FROM voices_fts WHERE voices_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
# What staff are shown as "reads alike" (the form's hint, the detail panel, the voice day): a text sharing less than
# this share of its character pairs shares a stock phrase (「詳しくは担当まで」), not a matter — noise in a meeting.
SHOWN_MINIMUM = 0.3


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
                   received_before: str | None = None, limit: int = 10, minimum: float = 0.1,
                   candidates: int | None = None) -> list[SimilarVoice]:
    """Up to `limit` voices most like `text`, best first, each scoring above `minimum`; none for a text too short to
    compare. `exclude_uid` leaves out the voice itself; `received_before` (a stored received_at) only earlier ones;
    `candidates` how many voices are compared at most (CANDIDATES unless told)."""
    wanted = bigrams(text)
    if not wanted or limit <= 0:
        return []
    rowids = _candidates(conn, text_trigrams(text), CANDIDATES if candidates is None else candidates)
    if not rowids:
        return []
    scored: list[tuple[float, str, str, str]] = []
    scores: dict[str, float] = {}  # texts repeat (stock phrases): each distinct one is compared once
    ordered = sorted(rowids, reverse=True)  # newest first among equal scores
    for start in range(0, len(ordered), 500):  # SQLite's limit on parameters, with room to spare
        chunk = ordered[start:start + 500]
        for uid, received_at, summary, body in conn.execute(
                "SELECT uid, received_at, summary, body FROM voices "
                f"WHERE rowid IN ({', '.join('?' * len(chunk))}) ORDER BY rowid DESC", chunk):
            if uid == exclude_uid or (received_before is not None and received_at >= received_before):
                continue
            compared = voice_text(summary, body)
            score = scores.get(compared)
            if score is None:
                score = scores[compared] = jaccard(wanted, bigrams(compared))
            if score > minimum:
                scored.append((score, uid, received_at, summary))
    # Best first; equal scores newest first, so a list never reshuffles between two looks (both sorts are stable).
    scored.sort(key=lambda row: row[2], reverse=True)
    scored.sort(key=lambda row: row[0], reverse=True)
    return [SimilarVoice(uid, received_at, summary, round(score, 4))
            for score, uid, received_at, summary in scored[:limit]]


def _match(gram: str) -> str:
    return _COLUMNS + '"' + gram.replace('"', '""') + '"'


def _candidates(conn: sqlite3.Connection, grams: set[str], budget: int) -> set[int]:
    """The voices (rowids) holding the rarest of `grams`, rarest trigram first, about `budget` of them."""
    if not grams:
        return set()
    top = conn.execute("SELECT max(rowid) FROM voices").fetchone()[0] or 0
    estimates: list[tuple[float, str, list[int]]] = []
    for gram in sorted(grams):
        newest = [row[0] for row in conn.execute(_PROBE_SQL, (_match(gram), PROBE))]
        if not newest:
            continue  # no voice holds it
        if len(newest) < PROBE:
            held = float(len(newest))  # all of them: the exact count
        else:
            held = PROBE * top / max(1, top - newest[-1] + 1)
        estimates.append((held, gram, newest))
    estimates.sort()
    found: set[int] = set()
    for held, gram, newest in estimates[:RAREST_TRIGRAMS]:
        if len(found) >= budget:
            break
        if len(newest) < PROBE:
            found.update(newest)  # the probe read them all
        else:
            found.update(row[0] for row in conn.execute(_PROBE_SQL, (_match(gram), budget - len(found))))
    return found


@dataclass(frozen=True)
class AlikeVoice:
    uid: str
    received_at: str
    summary: str
    score: float                # text similarity (0 when only the customer is the same)
    reasons: frozenset[str]     # 'customer' | 'category' | 'text'


def alike_earlier(conn: sqlite3.Connection, voice: dict, limit: int = 5) -> list[AlikeVoice]:
    """Earlier voices that look like `voice` (R13): the same customer, or a similar text ('category' added when the
    category is also the same); never the voice itself. The same customer first (the clearest recurrence), then
    the most reasons, the closest text, the newest."""
    before, own = voice["received_at"], voice.get("uid")
    text = voice_text(voice.get("summary") or "", voice.get("body") or "")
    found: dict[str, tuple[str, str, float, set[str]]] = {}
    # The same customer: its record, or the same name typed when no record was linked (both indexed).
    customer_id, name = voice.get("customer_id"), (voice.get("customer_name") or "").strip()
    for column, value in (("customer_id", customer_id), ("customer_name", name)):
        if not value:
            continue
        for uid, received_at, summary, body in conn.execute(
                f"SELECT uid, received_at, summary, body FROM voices WHERE {column} = ? AND received_at < ? "
                "AND uid IS NOT ? ORDER BY received_at DESC LIMIT ?", (value, before, own, limit)):
            found.setdefault(uid, (received_at, summary, similarity(text, voice_text(summary, body)), {"customer"}))
    for similar in similar_voices(conn, text, exclude_uid=own, received_before=before, limit=limit,
                                  minimum=SHOWN_MINIMUM,
                                  candidates=ALIKE_CANDIDATES):
        entry = found.setdefault(similar.uid, (similar.received_at, similar.summary, similar.score, set()))
        entry[3].add("text")
    if found and voice.get("category_group"):
        uids = list(found)
        for uid, group, item in conn.execute(
                "SELECT uid, category_group, category_item FROM voices "
                f"WHERE uid IN ({', '.join('?' * len(uids))})", uids):
            if group == voice.get("category_group") and (item or "") == (voice.get("category_item") or ""):
                found[uid][3].add("category")
    alike = [AlikeVoice(uid, received_at, summary, round(score, 4), frozenset(reasons))
             for uid, (received_at, summary, score, reasons) in found.items()]
    alike.sort(key=lambda v: v.received_at, reverse=True)
    alike.sort(key=lambda v: ("customer" in v.reasons, len(v.reasons), v.score), reverse=True)  # stable: newest first
    return alike[:limit]


def alike_for_each(conn: sqlite3.Connection, voices: list[dict], limit: int = 5) -> dict[str, list[AlikeVoice]]:
    """Each voice's earlier alike ones (a voice-day sheet, R13/R15). One that cannot be looked for (the index
    unreadable at that moment) gets none: the sheet is still printed, without that voice's alike lines."""
    found: dict[str, list[AlikeVoice]] = {}
    for voice in voices:
        try:
            found[voice["uid"]] = alike_earlier(conn, voice, limit)
        except sqlite3.OperationalError:
            found[voice["uid"]] = []
    return found
