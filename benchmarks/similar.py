"""Similar voices (issue 10): the fast path's speed on the big demo and its recall against brute force on a 100k sample.

Queries: SIMILAR_QUERIES voices drawn with the seed from the 100,000-voice demo database (built by the same
generator and seed as the big one) among those whose text (要旨 + 内容) no other voice of it holds — real demo
texts, not a copy that its own duplicates would answer trivially. The same texts are timed on the big database.

Recall: for each query, the true top 10 is the same measure (domain.similarity, above the same minimum) computed
by brute force against every other voice of the 100k database; the fast path runs on that same database, so both
see the same voices. Ties are frequent (templated texts), so a returned voice counts when its true score is at
least the 10th-best true score; the share is hits / expected, summed over all queries.
"""

from __future__ import annotations

import math
import sqlite3
import statistics
import time
from collections import defaultdict
from pathlib import Path
from random import Random

from agency_app.domain.similarity import bigrams, jaccard
from agency_app.storage.database import connect
from agency_app.storage.similar_voices import similar_voices, voice_text

SIMILAR_QUERIES = 200
SIMILAR_SAMPLE = 100_000  # the voices brute force compares every query with (a demo database of its own)
TOP = 10
MINIMUM = 0.1  # similar_voices' default: what the screens show


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def query_voices(conn: sqlite3.Connection, seed: int, count: int = SIMILAR_QUERIES) -> list[tuple[str, str]]:
    """(uid, text) of `count` voices, drawn with `seed`, whose text no other voice holds."""
    unique = conn.execute("SELECT uid, summary, body FROM voices WHERE (summary, body) IN "
                          "(SELECT summary, body FROM voices GROUP BY summary, body HAVING count(*) = 1) "
                          "ORDER BY rowid").fetchall()
    chosen = Random(seed).sample(unique, min(count, len(unique)))
    return [(uid, voice_text(summary, body)) for uid, summary, body in chosen]


def recall_at_10(conn: sqlite3.Connection, queries: list[tuple[str, str]]) -> float:
    """The share of the brute-force top 10 the fast path returns, over `queries`, on `conn`'s every voice."""
    by_text: dict[str, list[str]] = defaultdict(list)
    for uid, summary, body in conn.execute("SELECT uid, summary, body FROM voices"):
        by_text[voice_text(summary, body)].append(uid)
    texts = [(text, bigrams(text), uids) for text, uids in by_text.items()]  # each distinct text once
    hits = expected = 0
    for query_uid, query in queries:
        wanted = bigrams(query)
        true: dict[str, float] = {}
        for _text, grams, uids in texts:
            score = jaccard(wanted, grams)
            if score > MINIMUM:
                true.update((uid, score) for uid in uids if uid != query_uid)
        if not true:
            continue
        scores = sorted(true.values(), reverse=True)
        tenth = scores[min(TOP, len(scores)) - 1]
        expected += min(TOP, len(scores))
        found = similar_voices(conn, query, exclude_uid=query_uid, limit=TOP, minimum=MINIMUM)
        hits += sum(1 for voice in found if true.get(voice.uid, 0.0) >= tenth)
    return hits / expected if expected else 1.0


def similar_measures(big: Path, sample: Path, seed: int) -> dict:
    """`similar_voices_p95_ms` on `big`, `similar_voices_recall_at_10` on `sample` (both opened read-only)."""
    small = connect(sample, read_only=True)
    try:
        queries = query_voices(small, seed)
        recall = recall_at_10(small, queries)
    finally:
        small.close()
    conn = connect(big, read_only=True)
    try:
        similar_voices(conn, queries[0][1])  # the first query pays for opening the index pages, as a first look would
        times = []
        for _uid, text in queries:
            start = time.perf_counter()
            similar_voices(conn, text)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        conn.close()
    return {"similar_voices_p95_ms": round(_p95(times), 2), "similar_voices_median_ms": round(statistics.median(times), 2),
            "similar_voices_queries": len(queries), "similar_voices_recall_at_10": round(recall, 4)}
