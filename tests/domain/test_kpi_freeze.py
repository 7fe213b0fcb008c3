"""Finalising a KPI period (確定): not before it has ended, a flag when a figure changes afterwards, unfreezing with a reason."""

from datetime import date
from decimal import Decimal as D

import pytest

from agency_app.domain import errors as E
from agency_app.domain import kpi_freeze as F
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.periods import HALF, QUARTER, Period

H1 = Period(2025, HALF, 1)   # 2025-04-01 … 2025-09-30


def test_a_period_may_be_finalised_from_the_day_after_it_ends():
    assert not F.may_finalise(H1, date(2025, 9, 30))
    assert F.may_finalise(H1, date(2025, 10, 1))
    assert F.may_finalise(Period(2024), date(2025, 4, 1)) and not F.may_finalise(Period(2024), date(2025, 3, 31))
    F.check_finalise(H1, date(2025, 10, 1), "佐藤")


def test_finalising_a_period_that_has_not_ended_says_from_when_it_can():
    with pytest.raises(ValidationFailed) as failed:
        F.check_finalise(Period(2025, QUARTER, 3), date(2025, 12, 31), "佐藤")
    error = failed.value.errors[0]
    assert (error.code, error.params) == (F.PERIOD_NOT_ENDED, {"end": "2025-12-31", "first": "2026-01-01"})


def test_finalising_twice_or_without_who_is_refused():
    with pytest.raises(ValidationFailed) as twice:
        F.check_finalise(H1, date(2025, 10, 1), "佐藤", already_final=True)
    assert [e.code for e in twice.value.errors] == [F.ALREADY_FINAL]
    with pytest.raises(ValidationFailed) as nobody:
        F.check_finalise(H1, date(2025, 10, 1), "  ")
    assert [(e.field, e.code) for e in nobody.value.errors] == [("by", E.REQUIRED)]


def test_a_changed_figure_is_flagged_at_the_shown_precision():
    assert F.change_flag(97, 98, 0) == "確定後に変更があります: 97 → 98"
    assert F.change_flag(D("82.0"), D("82.06"), 1, "%") == "確定後に変更があります: 82.0% → 82.1%"
    assert F.change_flag(D("97.04"), D("97.0"), 1) is None      # the same number once shown
    assert F.change_flag(D("97.04"), D("97.05"), 1) == "確定後に変更があります: 97.0 → 97.1"
    assert F.change_flag(None, None, 1) is None
    assert F.change_flag(3, None, 0, "件") == "確定後に変更があります: 3件 → データなし"


def test_unfreezing_needs_a_reason():
    assert F.check_unfreeze("  集計漏れの訂正 ") == "集計漏れの訂正"
    for reason, code in (("", F.UNFREEZE_NEEDS_REASON), (" \n", F.UNFREEZE_NEEDS_REASON),
                         ("あ" * (F.REASON_MAX + 1), E.TOO_LONG)):
        with pytest.raises(ValidationFailed) as failed:
            F.check_unfreeze(reason)
        assert failed.value.errors[0].code == code
    with pytest.raises(ValidationFailed) as open_period:
        F.check_unfreeze("訂正", is_final=False)
    assert open_period.value.errors[0].code == F.NOT_FINAL
