"""Which insurers a product line offers: life insurers for 生保, non-life insurers for 損保, all for 団体 or none chosen."""

from __future__ import annotations

from agency_app.domain import codes

# How Japanese insurers name themselves: a life insurer's name says 生命 (日本生命, アフラック生命保険…), a
# non-life insurer's says 損保, 損害保険, 海上 or 火災 (東京海上日動, 日新火災…). A name that says neither
# (チューリッヒ保険, a 共済) is offered for every line: staff are never kept from choosing it.
_LIFE_MARKS = ("生命", "ライフ", "Life", "LIFE")
_NONLIFE_MARKS = ("損保", "損害保険", "海上", "火災", "少額短期")


def insurer_group(name: str) -> str | None:
    """codes.PRODUCT_GROUP_LIFE or _NONLIFE from the insurer's name; None when the name does not say."""
    life = any(mark in name for mark in _LIFE_MARKS)
    if "生命" in name:  # 東京海上日動あんしん生命, 三井住友海上あいおい生命: a non-life group's life insurer
        return codes.PRODUCT_GROUP_LIFE
    nonlife = any(mark in name for mark in _NONLIFE_MARKS)
    if life == nonlife:
        return None
    return codes.PRODUCT_GROUP_LIFE if life else codes.PRODUCT_GROUP_NONLIFE


def insurers_for(names: list[str], product_line: str | None, keep: str = "") -> list[str]:
    """The insurers offered for `product_line`, in the master's order; `keep` (the one already on the record)
    stays offered whatever the line. 団体 (group cover is sold by life and non-life insurers alike), an unknown
    line or none chosen offer all."""
    group = codes.product_group(product_line)
    if group in (codes.PRODUCT_GROUP_LIFE, codes.PRODUCT_GROUP_NONLIFE):
        offered = [n for n in names if insurer_group(n) in (group, None)]
    else:
        offered = list(names)
    keep = keep.strip()
    if keep and keep not in offered:
        offered.append(keep)
    return offered
