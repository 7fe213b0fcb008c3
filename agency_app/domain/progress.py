"""How a long export or import says how far it is and learns that the user pressed 中止: plain callables, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Stopped(Exception):
    """The user pressed 中止: the job ends having written nothing (no file, no record)."""


def _no_progress(done: int, total: int, what: str) -> None:
    return None


def _never_stop() -> bool:
    return False


@dataclass(frozen=True)
class JobControl:
    """Given to a long job by the window's progress dialog or the command line.

    `progress(done, total, what)` says how far the job is (`total` 0: not known yet; `what` a short Japanese
    line such as 「声の一覧を書いています」); `should_stop()` is asked between steps. A job calls `step`, which
    does both and raises Stopped when asked to stop, so every job stops the same way and cleans up in one place.
    """

    progress: Callable[[int, int, str], None] = _no_progress
    should_stop: Callable[[], bool] = _never_stop

    def step(self, done: int, total: int = 0, what: str = "") -> None:
        """Report progress, then raise Stopped if the user asked to stop."""
        self.progress(done, total, what)
        if self.should_stop():
            raise Stopped()


UNATTENDED = JobControl()  # nobody watching and nobody to stop it: tests and scripts
