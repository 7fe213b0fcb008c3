"""KPIs of a year: define, copy a year, type results, finalise and unfreeze — refusals and the history."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from agency_app.domain import kpi, kpi_measures, kpi_definition as D, kpi_freeze as F
from agency_app.domain.errors import ValidationFailed
from agency_app.domain.kpi_definition import KpiInput
from agency_app.domain.periods import Period
from agency_app.storage.kpis import KpiRepository
from agency_app.storage.records import EditConflict

NOW = datetime(2025, 10, 2, 9, 0)
H1, H2, YEAR = Period(2025, "half", 1), Period(2025, "half", 2), Period(2025)
Q1, Q2, Q3 = (Period(2025, "quarter", n) for n in (1, 2, 3))


def entry(**changes) -> KpiInput:
    values = dict(fiscal_year=2025, principle=2, title="早期更改率", target="80", unit="%", period="half1")
    values.update(changes)
    return KpiInput(**values)


def codes(error: ValidationFailed) -> dict[str, str]:
    return {e.field: e.code for e in error.errors}


@pytest.fixture
def repo(store):
    return KpiRepository(store)


def test_kpis_are_listed_by_principle_and_read_back(repo, staff):
    later = repo.create(entry(principle=7, title="勉強会の実施", unit="回", target="12", period="year",
                              source="meetings_held", source_param="study", places=0), staff["manager"], NOW)
    first = repo.create(entry(), staff["manager"], NOW)
    assert [row["uid"] for row in repo.list(2025)] == [first, later]
    assert repo.years() == [2025]
    assert repo.as_input(later).source_param == "study"
    assert ("claim", "事故対応") in repo.survey_types()


def test_the_same_title_twice_in_a_year_is_refused_but_another_year_may_have_it(repo, staff):
    repo.create(entry(), staff["manager"], NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.create(entry(target="90"), staff["manager"], NOW)
    assert codes(failed.value) == {"title": D.DUPLICATE_TITLE}
    other = repo.create(entry(title="対面募集率"), staff["manager"], NOW)
    with pytest.raises(ValidationFailed):
        repo.update(other, entry(title="早期更改率"), staff["manager"])
    repo.create(entry(fiscal_year=2026), staff["manager"], NOW)
    assert len(repo.list(2025)) == 2


def test_copying_a_year_copies_definitions_only_and_skips_titles_already_there(repo, staff):
    a = repo.create(entry(), staff["manager"], NOW)
    repo.create(entry(title="NPS", source="nps", source_param="claim", unit="pt", target="60"),
                staff["manager"], NOW)
    repo.create(entry(title="対面募集率"), staff["manager"], NOW)
    repo.set_hand_value(a, H1, "82.0", staff["manager"], NOW)
    repo.create(entry(fiscal_year=2026, title="対面募集率", target="70"), staff["manager"], NOW)
    assert repo.copy_year(2025, 2026, staff["manager"], NOW) == 2
    copied = {row["title"]: row for row in repo.list(2026)}
    assert set(copied) == {"早期更改率", "NPS", "対面募集率"}
    assert copied["対面募集率"]["target"] == "70"   # the year's own KPI is kept as it was
    assert copied["NPS"]["source_param"] == "claim"
    assert repo.results(2026) == {}
    assert repo.copy_year(2025, 2026, staff["manager"], NOW) == 0


def test_a_hand_result_is_typed_cleared_and_refused_when_wrong(repo, staff):
    uid = repo.create(entry(), staff["manager"], NOW)
    repo.set_hand_value(uid, H1, "８２．０％", staff["manager"], NOW)
    assert repo.results(2025)[(uid, "half", 1)]["hand_value"] == "82.0"
    for typed, code in (("100.5", kpi.PERCENT_OVER_100), ("多い", D.BAD_VALUE)):
        with pytest.raises(ValidationFailed) as failed:
            repo.set_hand_value(uid, H1, typed, staff["manager"], NOW)
        assert codes(failed.value) == {"value": code}
    with pytest.raises(ValidationFailed):  # a half-1 KPI has no second-half result
        repo.set_hand_value(uid, H2, "80", staff["manager"], NOW)
    repo.set_hand_value(uid, H1, "", staff["manager"], NOW)
    assert repo.results(2025)[(uid, "half", 1)]["hand_value"] is None
    computed = repo.create(entry(title="NPS", source="nps", source_param="claim", unit="pt", target="60"),
                           staff["manager"], NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.set_hand_value(computed, H1, "50", staff["manager"], NOW)
    assert codes(failed.value) == {"value": D.NOT_HAND}
    repo.set_texts(uid, H1, "事実", "", staff["manager"], NOW)
    assert repo.results(2025)[(uid, "half", 1)]["facts"] == "事実"


def test_a_period_is_finalised_only_from_the_day_after_it_ends(repo, staff):
    uid = repo.create(entry(), staff["manager"], NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.finalise(H1, {(uid, "half", 1): Decimal("82")}, staff["manager"], today=date(2025, 9, 30))
    assert failed.value.errors[0].code == F.PERIOD_NOT_ENDED
    assert failed.value.errors[0].params["first"] == "2025-10-01"
    assert repo.finalisations(2025) == [] and repo.results(2025) == {}
    assert repo.finalise(H1, {(uid, "half", 1): Decimal("82.04")}, staff["manager"], today=date(2025, 10, 1),
                         now=NOW) == 1
    result = repo.results(2025)[(uid, "half", 1)]
    assert (result["frozen_value"], result["frozen_at"], result["frozen_by"]) == ("82.04", "2025-10-02 09:00",
                                                                                 staff["manager"])
    assert repo.is_frozen(H1) and repo.is_frozen(Q2) and not repo.is_frozen(Q3) and not repo.is_frozen(YEAR)
    with pytest.raises(ValidationFailed) as failed:
        repo.finalise(Q1, {}, staff["manager"], today=date(2025, 10, 1))
    assert failed.value.errors[0].code == F.ALREADY_FINAL


def test_finalising_a_half_freezes_its_quarters_and_no_data_is_kept_as_such(repo, staff):
    quarterly = repo.create(entry(title="声の件数", period="quarter", source="voices", unit="件", target="10",
                                  places=0), staff["manager"], NOW)
    hand = repo.create(entry(), staff["manager"], NOW)
    second = repo.create(entry(title="下期の率", period="half2"), staff["manager"], NOW)
    repo.set_hand_value(hand, H1, "81.5", staff["manager"], NOW)
    values = {(quarterly, "quarter", 1): Decimal(7), (quarterly, "quarter", 2): None}
    assert repo.finalise(H1, values, staff["manager"], today=date(2025, 10, 1), now=NOW) == 3
    results = repo.results(2025)
    assert results[(quarterly, "quarter", 1)]["frozen_value"] == "7"
    q2 = results[(quarterly, "quarter", 2)]
    assert q2["frozen_value"] is None and q2["frozen_at"] == "2025-10-02 09:00"   # データなし, frozen
    assert results[(hand, "half", 1)]["frozen_value"] == "81.5"   # a hand KPI's typed value
    assert (quarterly, "quarter", 3) not in results and (second, "half", 2) not in results
    with pytest.raises(ValidationFailed) as failed:
        repo.set_hand_value(hand, H1, "90", staff["manager"], NOW)
    assert codes(failed.value) == {"value": D.RESULT_FROZEN}


def test_a_frozen_kpis_target_cannot_change_but_its_description_can(repo, staff):
    uid = repo.create(entry(), staff["manager"], NOW)
    repo.finalise(H1, {(uid, "half", 1): Decimal(82)}, staff["manager"], today=date(2025, 10, 1), now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.update(uid, entry(target="85", unit="%", places=0), staff["manager"])
    assert codes(failed.value) == {"target": D.FROZEN_DEFINITION, "places": D.FROZEN_DEFINITION}
    repo.update(uid, entry(description="満期前1週間以内の連絡"), staff["manager"])
    assert repo.get(uid)["description"] == "満期前1週間以内の連絡" and repo.get(uid)["target"] == "80"
    with pytest.raises(ValidationFailed) as failed:
        repo.delete(uid, staff["manager"])
    assert codes(failed.value) == {"kpi": D.HAS_FROZEN_RESULTS}


def test_unfreezing_needs_a_reason_and_is_in_the_history(repo, staff):
    uid = repo.create(entry(), staff["manager"], NOW)
    repo.finalise(H1, {(uid, "half", 1): Decimal(82)}, staff["manager"], today=date(2025, 10, 1), now=NOW)
    with pytest.raises(ValidationFailed) as failed:
        repo.unfreeze(H1, "  ", staff["manager"])
    assert codes(failed.value) == {"reason": F.UNFREEZE_NEEDS_REASON}
    with pytest.raises(ValidationFailed) as failed:
        repo.unfreeze(H2, "誤り", staff["manager"])
    assert codes(failed.value) == {"period": F.NOT_FINAL}
    assert repo.unfreeze(H1, "集計漏れの訂正", staff["manager"], now=NOW) == 1
    assert not repo.is_frozen(H1)
    result = repo.results(2025)[(uid, "half", 1)]
    assert result["frozen_value"] is None and result["frozen_at"] is None
    (row,) = repo.finalisations(2025)
    assert (row["status"], row["reopen_count"], row["reopen_note"]) == ("open", 1, "集計漏れの訂正")
    history = repo.history(uid)
    assert any(h.field == "reopen_note" and h.new_value == "集計漏れの訂正" for h in history)
    assert any(h.field == "frozen_value" and h.old_value == "82" and h.new_value is None for h in history)
    repo.update(uid, entry(target="85"), staff["manager"])   # open again: the target may change
    repo.finalise(H1, {}, staff["manager"], today=date(2025, 10, 1), now=NOW)  # the same row, final again
    assert [r["status"] for r in repo.finalisations(2025)] == ["final"]


def test_unfreezing_a_half_inside_the_finalised_year_is_refused_until_the_year_is_unfrozen(repo, staff):
    # 上期 finalised, then the year; unfreezing 上期 said "unfrozen" and wrote the reopening into the history,
    # yet every 上期 figure stayed finalised by the year and its result was still refused: now it is refused
    # up front, naming the year to unfreeze first.
    uid = repo.create(entry(), staff["manager"], NOW)
    repo.finalise(H1, {(uid, "half", 1): Decimal(82)}, staff["manager"], today=date(2026, 4, 1), now=NOW)
    repo.finalise(YEAR, {(uid, "half", 1): Decimal(99)}, staff["manager"], today=date(2026, 4, 1), now=NOW)
    assert repo.results(2025)[(uid, "half", 1)]["frozen_value"] == "82"   # finalised first: kept
    with pytest.raises(ValidationFailed) as failed:
        repo.unfreeze(H1, "確認", staff["manager"], now=NOW)
    assert codes(failed.value) == {"period": F.INSIDE_FINAL}
    assert failed.value.errors[0].params == {"outer": "2025年度"}
    assert [r["status"] for r in repo.finalisations(2025)] == ["final", "final"]   # nothing reopened
    assert repo.is_frozen(H1) and repo.results(2025)[(uid, "half", 1)]["frozen_value"] == "82"
    assert repo.unfreeze(YEAR, "確認", staff["manager"], now=NOW) == 0   # the half still holds its result
    assert repo.unfreeze(H1, "確認", staff["manager"], now=NOW) == 1
    assert not repo.is_frozen(H1) and repo.results(2025)[(uid, "half", 1)]["frozen_value"] is None


def test_an_edit_on_an_old_version_is_refused_and_a_delete_takes_the_results(repo, staff, store):
    uid = repo.create(entry(), staff["manager"], NOW)
    repo.update(uid, entry(target="85"), staff["manager"], expected_version=1)
    with pytest.raises(EditConflict):
        repo.update(uid, entry(target="90"), staff["manager"], expected_version=1)
    repo.set_hand_value(uid, H1, "80", staff["manager"], NOW)
    repo.delete(uid, staff["manager"], NOW)
    assert repo.list(2025) == [] and repo.results(2025) == {}
    deleted = store.conn.execute("SELECT entity FROM audit_log WHERE field = '*deleted' ORDER BY id").fetchall()
    assert [e for (e,) in deleted] == ["kpi_results", "kpis"]


def test_a_typed_count_below_zero_is_refused_like_a_count_target(repo, staff):
    # A manager typing a count of complaints as '-3' (or '－３件' from the IME) saw it saved and judged 達成
    # against a ≤ target; a count target below zero is refused, so is a count result.
    uid = repo.create(entry(title="苦情件数", unit="件", target="10", direction=kpi.AT_MOST, period="year",
                            places=0), staff["manager"], NOW)
    for typed in ("-3", "－３件"):
        with pytest.raises(ValidationFailed) as failed:
            repo.set_hand_value(uid, YEAR, typed, staff["manager"], NOW)
        assert codes(failed.value) == {"value": D.NEGATIVE_TARGET}
    assert repo.results(2025) == {}
    repo.set_hand_value(uid, YEAR, "0", staff["manager"], NOW)   # none at all is a real count
    assert repo.results(2025)[(uid, "year", 0)]["hand_value"] == "0"


def test_the_same_title_with_other_spacing_or_width_is_the_same_title(repo, staff):
    # 'NPS（事故対応）　自動車' typed with the IME and 'NPS(事故対応)  自動車' pasted from the Excel sheet (two
    # spaces) read as one title on the board, and a title is how a KPI finds its earlier years for the trend.
    repo.create(entry(title="NPS（事故対応）　自動車", unit="pt", target="60"), staff["manager"], NOW)
    for typed in ("NPS(事故対応)  自動車", "NPS(事故対応) \t自動車"):
        with pytest.raises(ValidationFailed) as failed:
            repo.create(entry(title=typed, unit="pt", target="60"), staff["manager"], NOW)
        assert codes(failed.value) == {"title": D.DUPLICATE_TITLE}
    # … and the title stays as the manager wrote it: full-width brackets and space are not turned into ASCII.
    assert [row["title"] for row in repo.list(2025)] == ["NPS（事故対応）　自動車"]


def test_a_title_keeps_its_full_width_brackets_and_loses_only_extra_spaces(repo, staff):
    uid = repo.create(entry(title="  NPS（事故対応）　　自動車  ", unit="pt", target="60"), staff["manager"], NOW)
    assert repo.get(uid)["title"] == "NPS（事故対応）　自動車"
    # Copying into a year that holds the same title written another way skips it (one KPI, not two).
    repo.create(entry(title="NPS(事故対応) 自動車", unit="pt", target="60", fiscal_year=2026), staff["manager"], NOW)
    assert repo.copy_year(2025, 2026, staff["manager"], NOW) == 0


def test_a_result_typed_with_another_unit_is_refused(repo, staff):
    uid = repo.create(entry(), staff["manager"], NOW)   # a % KPI
    with pytest.raises(ValidationFailed) as failed:
        repo.set_hand_value(uid, H1, "12件", staff["manager"], NOW)
    assert codes(failed.value) == {"value": D.BAD_VALUE}
    assert repo.results(2025) == {}


def test_an_nps_kpi_on_a_survey_that_does_not_ask_the_score_is_refused(repo, staff):
    # コンタクトセンター asks only satisfaction (seed 000): its NPS would read データなし for ever.
    nps = dict(title="NPS（コンタクトセンター）", unit="pt", target="30", places=1, source="nps")
    with pytest.raises(ValidationFailed) as failed:
        repo.create(entry(source_param="contact", **nps), staff["manager"], NOW)
    assert codes(failed.value) == {"param": kpi_measures.NPS_WITHOUT_SCORE}
    assert repo.list(2025) == []
    uid = repo.create(entry(source_param="claim", **nps), staff["manager"], NOW)   # 事故対応 asks it
    with pytest.raises(ValidationFailed):
        repo.update(uid, entry(source_param="contact", **nps), staff["manager"])
    assert repo.get(uid)["source_param"] == "claim"
