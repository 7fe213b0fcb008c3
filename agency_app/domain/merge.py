"""How changes from several offices merge (issue 14, R30): per field, the later version wins; both stay in history.

A record's state follows from its changes alone, whatever order they arrived in, so every office that holds the same
changes holds the same record:
- each field takes the value of the latest change that set it (a '*created' change sets every field it names, and
  leaves the others empty);
- "latest" is the version of the change (a hybrid logical clock, storage/hybrid_clock.py), then the node id, then its
  place in that node's own chain — one total order on every PC;
- a '*deleted' change is a tombstone: the record is gone for good, whatever came later (an edit made elsewhere
  before the deletion was known stays in the history, nothing of it is lost);
- two changes of one field made on different nodes are concurrent (a 競合) when the later one did not replace the
  earlier one's value (its old value is not the value the earlier one wrote) and wrote another value. The later one
  is kept, and a person confirms or reverses the pair.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

__all__ = ["BASELINE", "CREATED", "DELETED", "Change", "RecordState", "as_text", "concurrent_pairs", "order_key", "created_values",
           "record_state", "value_set_by"]

CREATED, DELETED = "*created", "*deleted"
# The values a record had when its office first could send it (migration 0017), for records whose history alone
# cannot make them (older than the history's values): they set each column they name, at their version, like an edit.
BASELINE = "*baseline"


@dataclass(frozen=True)
class Change:
    """One history row as the merge sees it."""

    uid: str
    entity: str
    record_uid: str
    field: str
    old: Any
    new: Any
    changed_at: str
    changed_by: str | None
    branch: str | None
    node: str
    version: int | None
    seq: int = 0  # its place among the rows of its node (the local id: the same order on every PC)
    erased: bool = False  # its values were rewritten by a recorded erasure: they no longer say what it saw


def order_key(change: Change) -> tuple:
    """The one order of changes on every PC; rows from before versions existed sort first, in their chain's order."""
    return (change.version or 0, change.node, change.seq)


def as_text(value: Any) -> str | None:
    """A value as the history holds it (text): 1 and '1' are the same value, as SQLite's column affinity makes them."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return str(value)


def created_values(change: Change) -> dict[str, Any]:
    """The values a '*created' change names (a JSON object; columns that were empty are left out)."""
    try:
        values = json.loads(change.new or "{}")
    except (TypeError, ValueError):
        return {}
    return values if isinstance(values, dict) else {}


def value_set_by(change: Change, column: str) -> Any:
    """The value `change` gives `column` (a '*created' change: its value there, or empty)."""
    if change.field in (CREATED, BASELINE):
        return created_values(change).get(column)
    return change.new


@dataclass
class RecordState:
    """What a record is once all its known changes are merged."""

    created: Change | None = None  # the first '*created' change (who made it, when, where)
    deleted: Change | None = None  # a tombstone
    last: Change | None = None  # the latest change (updated_at / updated_by)
    values: dict[str, Any] = field(default_factory=dict)  # column -> value, for each column some change set
    winners: dict[str, Change] = field(default_factory=dict)  # column -> the change whose value it holds

    @property
    def exists(self) -> bool:
        return self.created is not None and self.deleted is None


def record_state(changes: list[Change], columns: list[str]) -> RecordState:
    """Merge the changes of one record into its state (`columns`: the audited columns of its table).

    The first '*created' change makes the record; another office's '*created' change of the same record (one known
    by its code, or seeded alike everywhere) sets nothing: it would put back, over edits made since, the values the
    record was made with. Where its values differ, concurrent_pairs lists it for a person."""
    state = RecordState()
    wanted = set(columns)
    for change in sorted(changes, key=order_key):
        if change.field == DELETED:
            state.deleted = state.deleted or change
            continue
        if change.field == CREATED and state.created is not None:
            continue
        if change.field in (CREATED, BASELINE):
            state.created = state.created or change
            values = created_values(change)
            for column in columns:
                # Left out: the record had nothing there — or the column did not exist yet when the row was written
                # (a record older than the column): either way this change does not set it.
                if column in values:
                    state.winners[column] = change
                    state.values[column] = values[column]
        elif change.field in wanted:
            state.winners[change.field] = change
            state.values[change.field] = change.new
        else:
            continue  # '*erased', '*lost_tail' and other rows about the history itself set no field
        state.last = change
    return state


def concurrent_pairs(changes: list[Change], columns: list[str]) -> list[tuple[str, Change, Change]]:
    """(column, kept, lost) for each field two nodes changed without the later one having seen the earlier one's value,
    and for each value another office's '*created' change of the same record would have given it (kept: the value
    the record holds at that point)."""
    pairs = []
    wanted = set(columns)
    by_column: dict[str, list[Change]] = {}
    made = False
    for change in sorted(changes, key=order_key):
        if change.field == BASELINE:  # the values its office held: what a later change is compared with, never a pair
            for column in created_values(change):
                if column in wanted:
                    by_column.setdefault(column, []).append(change)
            continue
        if change.field == CREATED:
            for column in columns:
                by_column.setdefault(column, []).append(change)
            made = True
        elif change.field in wanted:
            by_column.setdefault(change.field, []).append(change)
    if not made:
        return pairs
    for column, ordered in by_column.items():
        current: Change | None = None  # the change whose value the column holds
        for change in ordered:
            if (change.field == BASELINE and current is not None and current.field == BASELINE
                    and change.node != current.node and column in created_values(change)
                    and as_text(value_set_by(change, column)) != as_text(value_set_by(current, column))):
                # Two offices' values of one record (known by its code) from before 0.9, each written at its upgrade:
                # neither saw the other's, the later one is kept.
                pairs.append((column, change, current))
            if current is not None and change.field == CREATED:  # sets nothing (record_state): a pair if it would have
                # (before 0.9 too: two offices could make one record known by its code, each its own way)
                kept = as_text(value_set_by(current, column))
                if (change.node != current.node and not change.erased and not current.erased
                        and column in created_values(change) and as_text(value_set_by(change, column)) != kept
                        and not _took_it_up(ordered, change, kept, column)):
                    pairs.append((column, current, change))
                continue
            # Before versions (0.9) no office had another's records: a change without one is never half of a pair.
            if current is None or change.field == BASELINE or change.version is None or current.version is None:
                current = change
                continue
            if change.node != current.node and not change.erased and not current.erased:
                current_value = as_text(value_set_by(current, column))
                # Not seen (its old value is not what the earlier one wrote), and something to choose between (two
                # offices writing the same value lose nothing: an erasure repeated at each office, say).
                if as_text(change.old) != current_value and as_text(change.new) != current_value:
                    pairs.append((column, change, current))
            current = change
    return pairs


def _took_it_up(ordered: list[Change], made_again: Change, kept: str | None, column: str) -> bool:
    """The office that made the record again later wrote the kept value itself (a branch joining takes head office's
    record of itself): it agreed, and there is nothing left for a person to decide."""
    later = ordered[ordered.index(made_again) + 1:]
    return any(c.node == made_again.node and c.field != CREATED and as_text(value_set_by(c, column)) == kept
               for c in later)
