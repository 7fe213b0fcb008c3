"""A long job reports how far it is and stops where the user pressed 中止."""

import pytest

from agency_app.domain.progress import JobControl, Stopped


def test_step_reports_progress_and_goes_on_while_not_stopped():
    seen = []
    control = JobControl(progress=lambda done, total, what: seen.append((done, total, what)))
    control.step(1, 10, "一覧")
    control.step(2, 10)
    assert seen == [(1, 10, "一覧"), (2, 10, "")]


def test_step_raises_stopped_once_the_user_asks_to_stop():
    asked = {"stop": False}
    control = JobControl(should_stop=lambda: asked["stop"])
    control.step(1, 3)
    asked["stop"] = True
    with pytest.raises(Stopped):
        control.step(2, 3)
