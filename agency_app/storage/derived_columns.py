"""The search columns a table keeps beside its recorded values, made from those values as a save makes them.

Written by every path that sets recorded values without going through a repository's save: a merge of another
office's changes (sync/merge.py), a 競合 reversed (sync/conflicts.py) and an erasure (storage/erasure.py).
"""

from __future__ import annotations

from agency_app.domain.cases import case_search_text
from agency_app.domain.customer import normalise_phone, search_key
from agency_app.domain.improvements import improvement_search_text
from agency_app.domain.kana_order import kana_order_key

__all__ = ["derived_columns"]


def derived_columns(table: str, values: dict) -> dict:
    """column → value of `table`'s search columns for a record holding `values` ({} for a table without any)."""
    if table == "customers":
        name, kana, phone = values.get("name") or "", values.get("kana") or "", values.get("phone") or ""
        normalised = normalise_phone(phone) if phone else None
        digits = normalised[1] if normalised else "".join(c for c in phone if c.isdigit())
        return {"phone_digits": digits, "search_key": search_key(name, kana), "kana_key": kana_order_key(kana, name)}
    if table == "cases":
        return {"search_text": case_search_text(values.get("title") or "", values.get("body") or "")}
    if table == "improvements":
        return {"search_text": improvement_search_text(values.get("title") or "", values.get("cause") or "",
                                                       values.get("action") or "")}
    return {}
