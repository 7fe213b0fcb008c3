"""Rules versions of the elderly-sale record: defaults on first use, immutable versions, only managers add one."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from agency_app.domain import elderly as X
from agency_app.domain.elderly import DEFAULT_RULES, ElderlyRules
from agency_app.domain.errors import ValidationFailed
from agency_app.storage.elderly_rules import ElderlyRulesStore, NotManager, RulesVersionNotFound

NOW = datetime(2025, 11, 20, 10, 0)
SEED_ORDER = ElderlyRules(preference=(X.RELATIVE_PRESENT, X.SECOND_AGENT, X.MULTIPLE_MEETINGS))


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM elderly_rules").fetchone()[0]


def test_version_1_with_the_defaults_is_made_once_on_first_use(store):
    rules = ElderlyRulesStore(store)
    assert count(store) == 0
    assert rules.current(now=NOW) == (1, DEFAULT_RULES)
    assert rules.current(now=NOW) == (1, DEFAULT_RULES)
    assert count(store) == 1
    assert rules.get(1) == DEFAULT_RULES


def test_manager_adds_a_version_and_it_becomes_current(store, staff):
    rules = ElderlyRulesStore(store)
    version = rules.save_new_version(SEED_ORDER, by=staff["manager"], effective_from=date(2025, 4, 1), now=NOW)
    assert version == 2  # the defaults stay on record as version 1 for older sales
    assert rules.current() == (2, SEED_ORDER)
    assert rules.get(1) == DEFAULT_RULES
    listed = rules.versions()
    assert [(v.version, v.effective_from, v.created_by_name) for v in listed] == [
        (2, date(2025, 4, 1), "山田 花子"), (1, date(2025, 11, 20), None)]
    audit = store.conn.execute("SELECT field, changed_by FROM audit_log WHERE entity = 'elderly_rules' "
                               "ORDER BY id").fetchall()
    assert audit == [("*created", None), ("*created", staff["manager"])]


def test_staff_who_is_not_a_manager_cannot_change_the_rules(store, staff):
    rules = ElderlyRulesStore(store)
    with pytest.raises(NotManager):
        rules.save_new_version(SEED_ORDER, by=staff["sato"], effective_from=date(2025, 4, 1))
    with pytest.raises(PermissionError):
        rules.save_new_version(SEED_ORDER, by="unknown", effective_from=date(2025, 4, 1))
    assert count(store) == 0


def test_invalid_rules_are_refused_and_nothing_is_written(store, staff):
    rules = ElderlyRulesStore(store)
    rules.current()
    with pytest.raises(ValidationFailed) as caught:
        rules.save_new_version(ElderlyRules(thresholds={"life": 120, "nonlife": 70, "group": 70}),
                               by=staff["manager"], effective_from=date(2025, 4, 1))
    assert caught.value.fields() == {"threshold_life", "strict_age"}
    assert count(store) == 1


def test_unknown_version(store):
    with pytest.raises(RulesVersionNotFound):
        ElderlyRulesStore(store).get(7)
