"""Count tables and shares (R23, R28): totals by row and column, merged columns, half-up shares, scaling."""

from decimal import Decimal

import pytest

from agency_app.domain.counting import CountTable, Tally, scaled, share, share_text, total


def test_tally_adds_and_knows_its_open_part():
    assert Tally(5, 3) + Tally(2, 2) == Tally(7, 5)
    assert Tally(7, 5).incomplete == 2
    assert total([]) == Tally(0, 0)


def seed_004_table() -> CountTable:
    """Seed 004 H1 FY2025, split into the three reporting lines (生保 + 損保 = 111)."""
    cells = {("relative_present", "life"): Tally(7, 7), ("relative_present", "nonlife"): Tally(5, 5),
             ("second_agent", "life"): Tally(20, 19), ("multiple_meetings", "nonlife"): Tally(13, 13),
             ("phone_check", "life"): Tally(30, 30), ("phone_check", "nonlife"): Tally(36, 35),
             ("phone_check", "group"): Tally(750, 748), ("written_check", "group"): Tally(210, 210)}
    return CountTable(("relative_present", "multiple_meetings", "second_agent", "phone_check",
                       "written_check"), ("life", "nonlife", "group"), cells)


def test_row_column_and_grand_totals_reproduce_seed_004():
    table = seed_004_table()
    assert table.row_total("phone_check") == Tally(816, 813)
    assert table.row_total("phone_check", ("life", "nonlife")).total == 66
    assert table.column_total("life").total + table.column_total("nonlife").total == 111
    assert table.column_total("group").total == 960
    assert table.grand_total() == Tally(1071, 1067)
    assert table.cell("written_check", "life") == Tally()  # an empty cell is zero, not an error


def test_merged_columns_give_the_published_layout():
    merged = seed_004_table().merged({"life_nonlife": ("life", "nonlife"), "group": ("group",)})
    assert merged.columns == ("life_nonlife", "group")
    assert [merged.cell(r, "life_nonlife").total for r in merged.rows] == [12, 13, 20, 66, 0]
    assert [merged.cell(r, "group").total for r in merged.rows] == [0, 0, 0, 750, 210]
    assert merged.grand_total() == seed_004_table().grand_total()


@pytest.mark.parametrize("part, whole, expected", [
    (115, 349, "33.0"), (103, 349, "29.5"), (12, 349, "3.4"), (34, 349, "9.7"), (4, 349, "1.1"),
    (81, 349, "23.2"),                      # seed 002's complaint shares
    (1, 8, "12.5"), (1, 16, "6.3"),         # exactly half: up, not to even (6.25 → 6.3)
    (1, 3, "33.3"), (2, 3, "66.7"), (0, 5, "0.0"), (5, 5, "100.0"),
])
def test_shares_round_half_up_from_exact_counts(part, whole, expected):
    assert share(part, whole) == Decimal(expected)
    assert share_text(part, whole) == f"{expected}%"


def test_share_of_nothing_is_a_dash_not_a_crash():
    assert share(0, 0) is None
    assert share_text(3, 0) == "―"


def test_scaled_keeps_the_sum_and_proportions():
    seed = {"relative_present": 12, "second_agent": 20, "multiple_meetings": 13, "phone_check": 66}
    assert scaled(seed, 1.0) == seed
    tenth = scaled(seed, 0.1)
    assert sum(tenth.values()) == 11
    assert tenth["phone_check"] == 7 and all(v >= 1 for v in tenth.values())
    assert scaled({"phone_check": 750, "written_check": 210}, 0.5) == {"phone_check": 375, "written_check": 105}
    assert scaled(seed, 0) == dict.fromkeys(seed, 0)
