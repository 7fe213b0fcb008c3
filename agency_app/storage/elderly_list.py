"""The elderly-sale records list (R16–R19) as a keyset-paged spec: newest sale first, 未完了のみ, with the age at the sale."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from agency_app.domain.elderly import age_at_sale
from agency_app.domain.text import fold_for_search, normalise_width
from agency_app.storage.keyset import ListSpec, SortKey, dict_rows, like_contains


@dataclass(frozen=True)
class ElderlyFilter:
    """What the elderly tab selects, and a customer's name or kana."""

    open_only: bool = False           # incomplete records only (still an open follow-up, R19)
    seller_id: str | None = None
    start: date | None = None         # sale date from, inclusive
    end: date | None = None           # sale date to, inclusive
    customer_id: str | None = None
    text: str = ""                    # part of the customer's name or kana, found as in the customers tab
    branch_code: str | None = None    # the office that owns the record; None = every office (head office's view)


def _conditions(flt: ElderlyFilter, params: dict) -> list[str]:
    where = []
    if flt.open_only:
        where.append("e.is_complete = 0")  # with the sale-date order: migration 0006's elderly_sales_open_date
    for column, value in (("seller_id", flt.seller_id), ("customer_id", flt.customer_id)):
        if value:
            params[column] = value
            where.append(f"e.{column} = :{column}")
    if flt.branch_code:  # '+': on the sale-date index's rows, the order stays the index's
        params["branch_code"] = flt.branch_code
        where.append("+e.branch_code = :branch_code")
    if flt.start:
        params["start"] = flt.start.isoformat()
        where.append("e.sale_date >= :start")
    if flt.end:
        params["end"] = flt.end.isoformat()
        where.append("e.sale_date <= :end")
    needle = normalise_width(flt.text).strip()
    if needle:
        params["text"], params["folded"] = like_contains(needle), like_contains(fold_for_search(needle))
        where.append("e.customer_id IN (SELECT uid FROM customers WHERE name LIKE :text ESCAPE '\\' "
                     "OR search_key LIKE :folded ESCAPE '\\')")
    return where


def _age(row: dict) -> int | None:
    birth = date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
    return age_at_sale(birth, date.fromisoformat(row["sale_date"]))


_ROW_NAMES = ("uid", "customer_id", "customer_name", "customer_kana", "birth_date", "sale_date", "product_line",
              "face_to_face", "measure", "seller_id", "seller_name", "is_complete", "due_date", "age")
_ROW_SQL = ("e.uid, e.customer_id, c.name, c.kana, c.birth_date, e.sale_date, e.product_line, e.face_to_face, "
            "e.measure, e.seller_id, s.name, e.is_complete, e.due_date, NULL")

ELDERLY_LIST = ListSpec(
    name="elderly_sales", table="elderly_sales", alias="e", row_sql=_ROW_SQL,
    joins="JOIN customers c ON c.uid = e.customer_id LEFT JOIN staff s ON s.uid = e.seller_id",
    make_row=dict_rows(_ROW_NAMES, age=_age),
    sorts={"sale_date": SortKey("e.sale_date", descending=True)},
    default_sort="sale_date", conditions=_conditions,
)
