"""The follow-up cases list (R10) as a keyset-paged spec: its filter, its order (overdue first, open before closed, by due date), its rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agency_app.domain import codes
from agency_app.domain.cases import case_search_fold
from agency_app.domain.periods import now_tokyo
from agency_app.domain.text import fold_for_search, normalise_width
from agency_app.storage.keyset import ListSpec, SortKey, dict_rows, like_contains

_OPEN = "('" + "', '".join(codes.OPEN_STATUSES) + "')"
_CLOSED = "('" + "', '".join(codes.CLOSED_STATUSES) + "')"

# One sortable value: '0' for an open case or '1' for a closed one, then the due date. Open cases by
# due date ascending put the overdue ones first, then today's, then later ones; closed cases follow.
# Migration 0006's cases_list_order index is on exactly this expression (a test checks the plan).
ORDER_SQL = f"((c.status IN {_CLOSED}) || IFNULL(c.due_date, ''))"


@dataclass(frozen=True)
class CaseFilter:
    """What the cases tab selects."""

    status: str | None = None         # None (all), "open", "closed" or one status code
    case_type: str | None = None
    assignee_id: str | None = None
    overdue_only: bool = False        # open and past the due date (R8)
    customer_id: str | None = None
    text: str = ""                    # part of the title, details, customer name or kana
    today: date | None = None         # for overdue; None = today in Tokyo
    branch_code: str | None = None    # the office that owns the case; None = every office (head office's view)


def _conditions(flt: CaseFilter, params: dict) -> list[str]:
    today = (flt.today or now_tokyo().date()).isoformat()
    params["today"] = today
    where = []
    # Open, closed and overdue are ranges of the order expression: the index seeks straight to them.
    if flt.overdue_only:
        params["overdue_before"] = "0" + today
        where.append(f"{ORDER_SQL} > '0' AND {ORDER_SQL} < :overdue_before")  # '0' alone: open, no due date
    elif flt.status == "open":
        where.append(f"{ORDER_SQL} < '1'")
    if flt.status == "closed":
        where.append(f"{ORDER_SQL} >= '1'")
    elif flt.status in codes.STATUSES:
        params["status"] = flt.status
        where.append("c.status = :status")
    if flt.branch_code:
        # '+': tested on the order index's rows, not through an index of its own (the order stays the index's).
        params["branch_code"] = flt.branch_code
        where.append("+c.branch_code = :branch_code")
    for column in ("case_type", "assignee_id", "customer_id"):
        if getattr(flt, column):
            params[column] = getattr(flt, column)
            where.append(f"c.{column} = :{column}")
    needle = normalise_width(flt.text).strip()
    if needle:
        # The customer is found as in the customers tab: kana in any width, hiragana or katakana,
        # with or without the space between family and given name.
        params["text"], params["folded"] = like_contains(needle), like_contains(fold_for_search(needle))
        # Title and details are kept as typed; search_text is their one-width copy (migration 0010).
        params["case_text"] = like_contains(case_search_fold(needle))
        where.append("(c.search_text LIKE :case_text ESCAPE '\\' OR c.customer_id IN "
                     "(SELECT uid FROM customers WHERE name LIKE :text ESCAPE '\\' "
                     "OR search_key LIKE :folded ESCAPE '\\'))")
    return where


_ROW_NAMES = ("uid", "case_type", "title", "status", "due_date", "opened_on", "customer_id", "assignee_id",
              "callback_at", "customer_name", "assignee_name", "open_steps", "total_steps", "overdue")
_ROW_SQL = (
    "c.uid, c.case_type, c.title, c.status, c.due_date, c.opened_on, c.customer_id, c.assignee_id, "
    "c.callback_at, cu.name, s.name, "
    "(SELECT count(*) FROM case_steps st WHERE st.case_id = c.uid AND st.done_at IS NULL), "
    "(SELECT count(*) FROM case_steps st WHERE st.case_id = c.uid), "
    f"IFNULL(c.status IN {_OPEN} AND c.due_date < :today, 0)"
)

CASE_LIST = ListSpec(
    name="cases", table="cases", alias="c", row_sql=_ROW_SQL,
    joins="LEFT JOIN customers cu ON cu.uid = c.customer_id LEFT JOIN staff s ON s.uid = c.assignee_id",
    make_row=dict_rows(_ROW_NAMES, overdue=lambda row: bool(row["overdue"])),
    sorts={"due": SortKey(ORDER_SQL), "opened": SortKey("c.opened_on", descending=True)},
    default_sort="due", conditions=_conditions,
)
