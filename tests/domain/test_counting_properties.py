"""R28 as properties: every share is the exact count ratio rounded half-up, checked against integer arithmetic.

share() works in Decimal; the reference here never leaves the integers: for one decimal,
q, r = divmod(part * 1000, whole) and the tenths are q + (2r >= whole) — a remainder of exactly half goes up.
Counts go up to SQLite's largest integer, far beyond any agency, so no size of count can round differently.
"""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from agency_app.domain.counting import NO_SHARE, scaled, share, share_text

SQLITE_MAX = 2**63 - 1
wholes = st.one_of(st.integers(min_value=1, max_value=2_000), st.integers(min_value=1, max_value=SQLITE_MAX))


@st.composite
def part_and_whole(draw):
    whole = draw(wholes)
    return draw(st.integers(min_value=0, max_value=whole)), whole


def half_up(part: int, whole: int, places: int) -> Decimal:
    """part / whole in percent to `places` decimals, rounded half-up, by integer division only."""
    q, r = divmod(part * 100 * 10**places, whole)
    return Decimal(q + (2 * r >= whole)).scaleb(-places)


@given(part_and_whole())
def test_a_share_is_the_integer_half_up_ratio_to_one_decimal(pw):
    part, whole = pw
    q, r = divmod(part * 1000, whole)
    tenths = q + (2 * r >= whole)
    assert share(part, whole) == Decimal(tenths) / 10
    assert share_text(part, whole) == f"{tenths // 10}.{tenths % 10}%"


@given(part_and_whole(), st.integers(min_value=0, max_value=4))
def test_a_share_to_any_precision_is_the_integer_half_up_ratio(pw, places):
    part, whole = pw
    assert share(part, whole, places) == half_up(part, whole, places)
    assert share(part, whole, places).as_tuple().exponent == -places  # always shown to that precision


@given(part_and_whole())
def test_a_share_lies_between_0_and_100(pw):
    part, whole = pw
    value = share(part, whole)
    assert Decimal(0) <= value <= Decimal(100)
    assert (value == 100) == (2 * (whole - part) * 1000 <= whole)  # 100.0% only when at most 0.05% is missing
    assert (value == 0) == (2 * part * 1000 < whole)


@given(wholes, st.data())
def test_a_share_never_falls_as_the_part_grows(whole, data):
    smaller = data.draw(st.integers(min_value=0, max_value=whole))
    larger = data.draw(st.integers(min_value=smaller, max_value=whole))
    assert share(smaller, whole) <= share(larger, whole)
    assert share(whole, whole) == Decimal("100.0") and share(0, whole) == Decimal("0.0")


@given(st.integers(min_value=-5, max_value=0), st.integers(min_value=0, max_value=100))
def test_nothing_to_divide_by_gives_no_share(whole, part):
    assert share(part, whole) is None
    assert share_text(part, whole) == NO_SHARE == "―"  # in cp932 (a Windows console can print it)


counts = st.dictionaries(st.text(alphabet="abcdefgh", min_size=1, max_size=3),
                         st.integers(min_value=0, max_value=100_000), min_size=1, max_size=8)
factors = st.one_of(st.sampled_from([0.0, 0.01, 0.1, 0.25, 0.5, 1.0, 2.0, 10.0]),
                    st.floats(min_value=0.0, max_value=20.0, allow_nan=False, allow_infinity=False))


@given(counts, factors)
def test_scaled_keeps_the_rounded_total_and_each_part_within_one_of_exact(parts, factor):
    out = scaled(parts, factor)
    assert list(out) == list(parts)
    exact_total = sum(parts.values()) * Fraction(factor)
    assert sum(out.values()) == round(sum(parts.values()) * factor)
    assert abs(sum(out.values()) - exact_total) <= Fraction(1, 2) + Fraction(1, 10**6)  # float rounding only
    for key, n in parts.items():
        assert out[key] >= 0 and abs(out[key] - n * Fraction(factor)) < 1


@given(counts)
def test_scaled_by_one_changes_nothing(parts):
    assert scaled(parts, 1.0) == parts
