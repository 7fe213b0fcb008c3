"""The merge rules (domain/merge.py): per field the later version wins, tombstones, which pairs are conflicts."""

from __future__ import annotations

import json

from agency_app.domain.merge import CREATED, DELETED, Change, concurrent_pairs, record_state

COLUMNS = ["summary", "status", "body"]


def change(field, new, *, old=None, node="a", version=1, seq=0, uid=None):
    return Change(uid or f"{node}{version}{field}", "voices", "v1", field, old, new, f"2026-11-0{version % 9 + 1} 09:00",
                  f"staff-{node}", node.upper(), node, version, seq)


def created(values, node="a", version=1):
    return change(CREATED, json.dumps(values, ensure_ascii=False), node=node, version=version)


def test_each_field_takes_the_latest_change_whatever_the_order_they_came_in():
    changes = [created({"summary": "一", "status": "new"}), change("summary", "二", old="一", node="b", version=5),
               change("status", "done", old="new", node="a", version=3)]
    for order in (changes, changes[::-1], [changes[1], changes[0], changes[2]]):
        state = record_state(order, COLUMNS)
        assert state.values == {"summary": "二", "status": "done"} and state.exists  # body: never set
        assert state.last.version == 5 and state.created.version == 1


def test_a_tie_in_version_is_broken_by_the_node_the_same_everywhere():
    first = [created({"summary": "一"}), change("summary", "A", old="一", node="a", version=7),
             change("summary", "B", old="一", node="b", version=7)]
    assert record_state(first, COLUMNS).values["summary"] == record_state(first[::-1], COLUMNS).values["summary"] == "B"


def test_a_tombstone_wins_over_a_later_edit_made_elsewhere_and_the_edit_stays_known():
    changes = [created({"summary": "一"}), change(DELETED, None, node="a", version=2),
               change("summary", "二", old="一", node="b", version=9)]
    state = record_state(changes, COLUMNS)
    assert not state.exists and state.deleted.version == 2


def test_an_edit_that_replaced_what_it_saw_is_no_conflict_one_that_did_not_is():
    base = created({"summary": "一"})
    seen = [base, change("summary", "二", old="一", node="b", version=2),
            change("summary", "三", old="二", node="a", version=3)]
    assert concurrent_pairs(seen, COLUMNS) == []
    unseen = [base, change("summary", "二", old="一", node="b", version=2),
              change("summary", "三", old="一", node="a", version=3)]
    [(column, kept, lost)] = concurrent_pairs(unseen, COLUMNS)
    assert (column, kept.new, lost.new) == ("summary", "三", "二")


def test_the_same_value_written_on_two_nodes_is_no_conflict():
    changes = [created({"summary": "一"}), change("summary", "二", old="一", node="b", version=2),
               change("summary", "二", old="一", node="a", version=3)]
    assert concurrent_pairs(changes, COLUMNS) == []


def test_edits_of_one_node_never_conflict_with_each_other():
    changes = [created({"summary": "一"}), change("summary", "二", old="x", node="a", version=2),
               change("summary", "三", old="y", node="a", version=3)]
    assert concurrent_pairs(changes, COLUMNS) == []


def test_a_number_and_its_text_are_one_value():
    changes = [created({"status": 1}), change("status", "2", old="1", node="b", version=2)]
    assert concurrent_pairs(changes, COLUMNS) == []


def test_a_change_an_erasure_rewrote_is_never_half_of_a_conflict():
    """Its old value was rewritten to 削除済み: it no longer says what its office had seen."""
    erased = Change("e", "voices", "v1", "summary", "削除済み", "削除済み", "2026-11-03 09:00", "m", "HQ", "b", 3,
                    erased=True)
    changes = [created({"summary": "消去 太郎様"}), erased]
    assert concurrent_pairs(changes, COLUMNS) == []


def test_a_column_a_created_row_leaves_out_is_not_set_by_it():
    """Left out: empty then, or a column added after the record was made (voices.team) — the table's default or
    what a later change wrote, never a NULL forced over it."""
    changes = [created({"summary": "一"}), change("body", "本文", old=None, node="a", version=2)]
    assert record_state(changes, COLUMNS).values == {"summary": "一", "body": "本文"}


def test_the_same_record_made_at_two_offices_keeps_the_first_and_lists_the_other():
    """A record known by its code (a branch registered at head office, made again by `init --branch` there): the
    later '*created' sets nothing — it would undo edits made since — and where it differs a person is asked."""
    changes = [created({"summary": "大阪支店"}, node="a", version=1), created({"summary": "OSA"}, node="b", version=2)]
    assert record_state(changes, COLUMNS).values == {"summary": "大阪支店"}
    [(column, kept, lost)] = concurrent_pairs(changes, COLUMNS)
    assert (column, kept.node, lost.node) == ("summary", "a", "b")
    same = [created({"summary": "大阪支店"}, node="a", version=1), created({"summary": "大阪支店"}, node="b", version=2)]
    assert concurrent_pairs(same, COLUMNS) == []


def test_a_record_seeded_at_every_office_keeps_an_edit_made_before_another_office_seeded_it():
    """Head office edits a shipped checklist; a branch set up later seeds the same record: the edit stays."""
    changes = [created({"summary": "既定"}, node="a", version=1), change("summary", "本部の手順", old="既定", node="a",
                                                                      version=2),
               created({"summary": "既定"}, node="b", version=3)]
    assert record_state(changes, COLUMNS).values == {"summary": "本部の手順"}
    [(column, kept, lost)] = concurrent_pairs(changes, COLUMNS)
    assert (kept.version, lost.version) == (2, 3)
