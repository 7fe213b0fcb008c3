"""Globally unique record ids (R30): random UUIDs, so records made offline in different branches never collide."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_source: Callable[[], str] | None = None


def new_uid() -> str:
    return _source() if _source is not None else uuid.uuid4().hex


@contextmanager
def uids_from(source: Callable[[], str]) -> Iterator[None]:
    """Every new_uid() inside the block comes from `source` (the demo: the same seed, the same ids); then random again."""
    global _source
    saved, _source = _source, source
    try:
        yield
    finally:
        _source = saved
