"""Data of the sync screens' tests: a conflict between head office and a branch, the times it happened at."""

from __future__ import annotations

from datetime import datetime

T1, T2, T3 = datetime(2026, 11, 2, 9, 0), datetime(2026, 11, 2, 10, 0), datetime(2026, 11, 2, 11, 0)
NOW = datetime(2026, 11, 3, 9, 0)


def make_conflict(hq, yok) -> str:
    """A voice made at YOK whose summary both offices changed unseen by each other (head office's is later)."""
    clerk = yok.staff("横浜 一郎")
    uid = yok.voice(clerk, "満期案内が届かない", T1)
    hq.take(yok.send())
    yok.edit(uid, clerk, T2, summary="満期の案内が来ない（支店）")
    hq.edit(uid, hq.manager, T3, summary="満期案内の不達（本部）")
    hq.take(yok.send())
    return uid
