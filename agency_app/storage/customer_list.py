"""The customers list as a keyset-paged spec: all in 五十音 order, or found by name, kana or phone digits, best matches first."""

from __future__ import annotations

from dataclasses import dataclass

from agency_app.domain.customer import phone_search_digits
from agency_app.domain.search_limits import capped_text
from agency_app.domain.text import fold_for_search
from agency_app.storage.keyset import ListSpec, SortKey, dict_rows, like_contains


@dataclass(frozen=True)
class CustomerFilter:
    """What the customers tab's search box holds (as CustomerRepository.search takes it)."""

    text: str = ""  # name or kana (any width, hiragana or katakana, spaces ignored), or phone digits
    branch_code: str | None = None  # the office that owns the record; None = every office (head office's view)


def _conditions(flt: CustomerFilter, params: dict) -> list[str]:
    where = ["cu.active = 1"]
    params.update(prefix="", word="")  # the match orders' parameters, so any order runs with any text
    if flt.branch_code:  # '+': on the kana-order index's rows, the order stays the index's
        params["branch_code"] = flt.branch_code
        where.append("+cu.branch_code = :branch_code")
    if not flt.text.strip():
        return where
    text = capped_text(flt.text.strip())  # a 50 KB paste is past SQLite's LIKE limit
    digits = phone_search_digits(text)
    if digits is not None:
        pattern = like_contains(digits)
        params["pattern"], params["prefix"] = pattern, pattern[1:]
        where.append("cu.phone_digits LIKE :pattern ESCAPE '\\'")
    else:
        pattern = like_contains(fold_for_search(text))
        # search_key is "name kana" folded: a name or kana starting with the text starts the key or follows the space.
        params["pattern"], params["prefix"], params["word"] = pattern, pattern[1:], "% " + pattern[1:]
        where.append("cu.search_key LIKE :pattern ESCAPE '\\'")
    return where


def _best_first(flt: CustomerFilter) -> str:
    if not flt.text.strip():
        return "kana"
    return "phone" if phone_search_digits(flt.text) is not None else "name"


# Best matches first, as CustomerRepository.search orders them: a start of name or kana (or of the
# phone number) before a match inside, then kana, then name. The rank depends on the typed text, so
# no index can serve it; the LIKE that finds the matches reads every active customer's key anyway.
# kana_key (domain/kana_order.py) orders as 五十音, then the kana as written, then the name.
_THEN_BY_KANA = " || cu.kana_key"
_NAME_RANK = "(NOT (cu.search_key LIKE :prefix ESCAPE '\\' OR cu.search_key LIKE :word ESCAPE '\\'))"
_PHONE_RANK = "(cu.phone_digits NOT LIKE :prefix ESCAPE '\\')"

_ROW_NAMES = ("uid", "name", "kana", "birth_date", "phone_digits", "address", "product_lines", "branch_code",
              "updated_at")

CUSTOMER_LIST = ListSpec(
    name="customers", table="customers", alias="cu", row_sql=", ".join(f"cu.{n}" for n in _ROW_NAMES),
    make_row=dict_rows(_ROW_NAMES),
    sorts={
        "kana": SortKey("cu.kana_key"),  # migration 0010: customers_kana_order
        "recent": SortKey("cu.updated_at", descending=True),  # migration 0006: customers_updated
        "name": SortKey(_NAME_RANK + _THEN_BY_KANA),
        "phone": SortKey(_PHONE_RANK + _THEN_BY_KANA),
    },
    default_sort="kana", conditions=_conditions, sort_for=_best_first,
)
