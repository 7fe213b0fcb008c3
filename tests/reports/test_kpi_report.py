"""The KPI board: seed 003's FY2021 figures judged at the KPI's precision, データなし never 達成, frozen figures
with their change flag, stored or drafted texts, the earlier years' trend, one half, one branch, finalising."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from agency_app.domain.kpi import ACHIEVED, MISSED, RUNNING
from agency_app.domain.periods import HALF, QUARTER, Period
from agency_app.reports.kpi_report import board_text, build_board, finalise, frozen_values
from tests.reports.kpi_board_data import FakeMeasures, add_finalisation, add_kpi, board_services, set_result

TODAY = date(2026, 4, 20)
FY21 = Period(2021)


@pytest.fixture
def services(store, staff):
    return board_services(store)


def _row(board, title):
    return next(r for r in board.rows if r.title == title)


def test_seed_003_fy2021_figures_are_judged_at_the_kpis_precision(services, store):
    renew = add_kpi(store.conn, 2021, "早期更改率", "80.0")
    window = add_kpi(store.conn, 2021, "代理店事故窓口割合（自動車）", "85.0")
    add_kpi(store.conn, 2021, "NPS（事故対応）自動車", "60.0", "pt", source="nps", param="claim")
    set_result(store.conn, renew, FY21, hand="82.0")
    set_result(store.conn, window, FY21, hand="80.6")
    measures = FakeMeasures({("nps", "claim", FY21, None): "37.5"})

    board = build_board(services, 2021, today=TODAY, compute=measures)

    renew_cell = _row(board, "早期更改率").cells[0]
    assert (renew_cell.value, renew_cell.achievement, renew_cell.hand) == (Decimal("82.0"), ACHIEVED, True)
    assert _row(board, "代理店事故窓口割合（自動車）").cells[0].achievement == MISSED
    nps = _row(board, "NPS（事故対応）自動車")
    assert (nps.cells[0].value, nps.cells[0].achievement, nps.cells[0].hand) == (Decimal("37.5"), MISSED, False)
    assert nps.source_label == "NPS（事故対応）"
    text = board_text(board)
    assert "早期更改率" in text and "80.0%以上" in text and "82.0%" in text and "達成" in text
    assert "37.5pt" in text and "60.0pt以上" in text


def test_a_result_exactly_at_the_target_after_rounding_is_achieved_and_just_under_is_not(services, store):
    at = add_kpi(store.conn, 2021, "早期更改率", "80.0")
    under = add_kpi(store.conn, 2021, "継続率", "80.0")
    set_result(store.conn, at, FY21, hand="79.95")     # shows as 80.0 → 達成 (R22 at the shown precision)
    set_result(store.conn, under, FY21, hand="79.94")  # shows as 79.9 → 未達
    board = build_board(services, 2021, today=TODAY, compute=FakeMeasures())
    assert _row(board, "早期更改率").cells[0].achievement == ACHIEVED
    assert _row(board, "継続率").cells[0].achievement == MISSED


def test_no_data_is_shown_as_such_never_as_achieved_or_zero(services, store):
    add_kpi(store.conn, 2021, "苦情件数", "5", "件", direction="<=", places=0, source="voices", param="dissatisfaction")
    add_kpi(store.conn, 2021, "早期更改率", "80.0")   # hand, nothing typed
    board = build_board(services, 2021, today=TODAY, compute=FakeMeasures())
    for row in board.rows:
        assert row.cells[0].value is None and row.cells[0].achievement is None
    text = board_text(board)
    assert text.count("データなし") >= 4   # result and judgement of both
    assert "達成" not in text and " 0件" not in text


def test_a_frozen_result_shows_the_frozen_figure_and_flags_a_changed_recomputation(services, store, staff):
    kpi = add_kpi(store.conn, 2021, "改善件数", "90", "件", places=0, source="improvements_done")
    set_result(store.conn, kpi, FY21, frozen="97", frozen_at="2022-04-05 10:00:00", frozen_by=staff["manager"])
    add_finalisation(store.conn, FY21, staff["manager"], at="2022-04-05 10:00:00")
    measures = FakeMeasures({("improvements_done", None, FY21, None): "98"})

    cell = build_board(services, 2021, today=TODAY, compute=measures).rows[0].cells[0]

    assert (cell.value, cell.current, cell.frozen) == (Decimal("97"), Decimal("98"), True)
    assert cell.flag == "確定後に変更があります: 97件 → 98件"
    assert (cell.frozen_at[:10], cell.frozen_by) == ("2022-04-05", "山田 花子")
    text = board_text(build_board(services, 2021, today=TODAY, compute=measures))
    assert "確定 2022-04-05 山田 花子" in text and "確定後に変更があります: 97件 → 98件" in text
    assert "確定: 2021年度 2022-04-05 山田 花子" in text


def test_no_flag_when_the_recomputed_figure_reads_the_same_at_the_shown_precision(services, store, staff):
    kpi = add_kpi(store.conn, 2021, "早期更改率（計算）", "80.0", source="satisfaction", param="renewal")
    set_result(store.conn, kpi, FY21, frozen="97.04", frozen_at="2022-04-05 10:00:00", frozen_by=staff["manager"])
    cell = build_board(services, 2021, today=TODAY,
                       compute=FakeMeasures({("satisfaction", "renewal", FY21, None): "97.0"})).rows[0].cells[0]
    assert cell.frozen and cell.flag is None and cell.value == Decimal("97.04")


def test_a_frozen_no_data_result_stays_no_data_and_flags_a_figure_that_came_later(services, store, staff):
    kpi = add_kpi(store.conn, 2021, "NPS", "60.0", "pt", source="nps", param="claim")
    set_result(store.conn, kpi, FY21, frozen=None, frozen_at="2022-04-05 10:00:00", frozen_by=staff["manager"])
    cell = build_board(services, 2021, today=TODAY,
                       compute=FakeMeasures({("nps", "claim", FY21, None): "40"})).rows[0].cells[0]
    assert cell.value is None and cell.achievement is None
    assert cell.flag == "確定後に変更があります: データなし → 40.0pt"


def test_stored_texts_are_used_and_empty_ones_drafted(services, store):
    written = add_kpi(store.conn, 2021, "早期更改率", "80.0")
    drafted = add_kpi(store.conn, 2021, "継続率", "85.0")
    set_result(store.conn, written, FY21, hand="82.0", facts="早期更改率は82.0%でした。", evaluation="")
    set_result(store.conn, drafted, FY21, hand="80.6")
    board = build_board(services, 2021, today=TODAY, compute=FakeMeasures())
    cell = _row(board, "早期更改率").cells[0]
    assert (cell.facts, cell.facts_is_draft) == ("早期更改率は82.0%でした。", False)
    assert cell.evaluation_is_draft and cell.evaluation == "目標を達成しました。"
    other = _row(board, "継続率").cells[0]
    assert other.facts_is_draft and other.facts == "2021年度の継続率は80.6%（目標85.0%以上）でした。"
    assert "4.4ポイント届かず" in other.evaluation


def test_the_trend_is_the_same_title_in_up_to_four_earlier_years_frozen_if_final(services, store, staff):
    for year, value in ((2019, "70.0"), (2020, "75.0"), (2021, "82.0"), (2023, "85.5")):
        kpi = add_kpi(store.conn, year, "早期更改率", "80.0")
        set_result(store.conn, kpi, Period(year), hand=value)
    frozen = add_kpi(store.conn, 2022, "早期更改率", "84.0")
    set_result(store.conn, frozen, Period(2022), hand="99.0", frozen="83.0", frozen_at="2023-04-05 09:00:00",
               frozen_by=staff["manager"])
    add_kpi(store.conn, 2022, "別のKPI", "80.0")
    add_kpi(store.conn, 2024, "早期更改率", "80.0")   # no value yet: a point without data
    add_kpi(store.conn, 2025, "早期更改率", "80.0")

    row = build_board(services, 2025, today=TODAY, compute=FakeMeasures()).rows[0]

    assert [(p.fiscal_year, p.value, p.achievement) for p in row.trend] == [
        (2021, Decimal("82.0"), ACHIEVED), (2022, Decimal("83.0"), MISSED),   # 2022's own target: 84.0
        (2023, Decimal("85.5"), ACHIEVED), (2024, None, None)]               # 2019, 2020: more than 4 back
    text = board_text(build_board(services, 2025, today=TODAY, compute=FakeMeasures()))
    assert "2021年度" in text and "83.0%" in text and "2020年度" not in text


def test_the_draft_compares_with_the_previous_years_published_figure(services, store):
    before = add_kpi(store.conn, 2020, "早期更改率", "80.0")
    set_result(store.conn, before, Period(2020), hand="79.5")
    now = add_kpi(store.conn, 2021, "早期更改率", "80.0")
    set_result(store.conn, now, FY21, hand="82.0")
    cell = build_board(services, 2021, today=TODAY, compute=FakeMeasures()).rows[0].cells[0]
    assert "前年度は79.5%。" in cell.facts and "2.5ポイント上昇" in cell.evaluation


def test_an_earlier_year_whose_kpi_of_the_title_had_another_unit_is_not_shown_in_its_units(services, store):
    # the demo's お客様との接点強化・情報提供: a share (%) up to FY2025, a count (件) from FY2026
    before = add_kpi(store.conn, 2025, "お客様との接点強化・情報提供", "80.0")
    set_result(store.conn, before, Period(2025), hand="80.2")
    now = add_kpi(store.conn, 2026, "お客様との接点強化・情報提供", "200", "件", places=0)
    set_result(store.conn, now, Period(2026), hand="150")
    board = build_board(services, 2026, today=date(2027, 4, 20), compute=FakeMeasures())
    row = board.rows[0]
    assert row.trend == ()                                       # 80.2% is not "80件"
    assert "80件" not in board_text(board)
    assert "前年度" not in row.cells[0].facts and "前年度" not in row.cells[0].evaluation


def test_the_trend_finds_last_years_kpi_written_with_other_widths_or_spaces(services, store):
    # last year's title typed with the IME, this year's pasted from a sheet: one KPI, one trend
    before = add_kpi(store.conn, 2025, "NPS（事故対応）　自動車", "60.0", "pt")
    set_result(store.conn, before, Period(2025), hand="37.5")
    now = add_kpi(store.conn, 2026, "NPS(事故対応) 自動車", "60.0", "pt")
    set_result(store.conn, now, Period(2026), hand="40.0")
    board = build_board(services, 2026, today=date(2027, 4, 20), compute=FakeMeasures())
    assert [(p.fiscal_year, p.value) for p in board.rows[0].trend] == [(2025, Decimal("37.5"))]


def test_a_half_board_shows_year_kpis_over_the_half_as_interim_and_only_that_halfs_results(services, store):
    add_kpi(store.conn, 2025, "お客様の声", "100", "件", places=0, source="voices", sort_order=1)
    add_kpi(store.conn, 2025, "上期の研修", "2", "回", places=0, period="half1", source="meetings_held", sort_order=2)
    add_kpi(store.conn, 2025, "下期の研修", "2", "回", places=0, period="half2", source="meetings_held", sort_order=3)
    add_kpi(store.conn, 2025, "四半期の改善", "5", "件", places=0, period="quarter", source="improvements_done",
            sort_order=4)
    add_kpi(store.conn, 2025, "手入力の年度", "80.0", sort_order=5)
    first = Period(2025, HALF, 1)
    measures = FakeMeasures({("voices", None, first, None): "60", ("meetings_held", None, first, None): "3",
                             ("improvements_done", None, Period(2025, QUARTER, 1), None): "4",
                             ("improvements_done", None, Period(2025, QUARTER, 2), None): "6"})

    board = build_board(services, 2025, half=1, today=TODAY, compute=measures)

    assert [r.title for r in board.rows] == ["お客様の声", "上期の研修", "四半期の改善", "手入力の年度"]
    voices = _row(board, "お客様の声").cells
    assert [(c.period, c.value, c.interim) for c in voices] == [(first, Decimal("60"), True)]
    assert [(c.period.number, c.value) for c in _row(board, "四半期の改善").cells] == [
        (1, Decimal("4")), (2, Decimal("6"))]
    assert _row(board, "手入力の年度").cells[0].value is None   # a typed year result has no half figure
    text = board_text(board)
    assert "2025年度上期" in text and "上期（中間）" in text and "Q2" in text and "下期の研修" not in text


def test_a_half_outside_1_2_is_refused(services):
    with pytest.raises(ValueError):
        build_board(services, 2025, half=3, today=TODAY, compute=FakeMeasures())


def test_each_measure_period_and_parameter_is_computed_once(services, store):
    for year in range(2021, 2026):
        add_kpi(store.conn, year, "苦情件数", "10", "件", places=0, source="voices", param="dissatisfaction")
        add_kpi(store.conn, year, "不満の声（同じ計算）", "10", "件", places=0, source="voices",
                param="dissatisfaction")
    measures = FakeMeasures()
    build_board(services, 2025, today=TODAY, compute=measures)
    assert len(measures.calls) == len(set(measures.calls)) == 5   # 2025 and four earlier years


def test_a_branch_board_computes_the_branchs_figures_and_reads_nothing_as_final(services, store, staff):
    kpi = add_kpi(store.conn, 2021, "改善件数", "90", "件", places=0, source="improvements_done")
    set_result(store.conn, kpi, FY21, frozen="97", frozen_at="2022-04-05 10:00:00", frozen_by=staff["manager"])
    measures = FakeMeasures({("improvements_done", None, FY21, "HQ"): "12"})
    board = build_board(services, 2021, branch="HQ", today=TODAY, compute=measures)
    cell = board.rows[0].cells[0]
    assert (cell.value, cell.frozen, cell.flag) == (Decimal("12"), False, None)
    assert "拠点 HQ 本部" in board_text(board)


def test_finalising_a_half_stores_the_current_figures_of_the_results_inside_it(services, store):
    year = add_kpi(store.conn, 2025, "年度", "100", "件", places=0, source="voices")
    half1 = add_kpi(store.conn, 2025, "上期", "80.0", period="half1")
    add_kpi(store.conn, 2025, "下期", "80.0", period="half2")
    quarters = add_kpi(store.conn, 2025, "四半期", "5", "件", places=0, period="quarter", source="improvements_done")
    set_result(store.conn, half1, Period(2025, HALF, 1), hand="81.25")
    measures = FakeMeasures({("improvements_done", None, Period(2025, QUARTER, 1), None): "4"})

    values = frozen_values(services, Period(2025, HALF, 1), compute=measures)

    assert values == {(half1, HALF, 1): Decimal("81.25"), (quarters, QUARTER, 1): Decimal("4"),
                      (quarters, QUARTER, 2): None}
    assert (year, "year", 0) in frozen_values(services, Period(2025), compute=measures)


def test_principles_group_the_text_in_order(services, store):
    add_kpi(store.conn, 2021, "研修回数", "4", "回", principle=7, places=0, source="meetings_held")
    add_kpi(store.conn, 2021, "早期更改率", "80.0", principle=2)
    text = board_text(build_board(services, 2021, today=TODAY, compute=FakeMeasures()))
    assert text.index("■ 原則2 顧客の最善の利益の追求") < text.index("早期更改率") < text.index("■ 原則7") < text.index("研修回数")


def test_a_year_without_kpis_says_so(services):
    assert "この期間の KPI はありません。" in board_text(build_board(services, 2030, today=TODAY, compute=FakeMeasures()))


def test_finalise_freezes_the_figures_as_they_read_and_a_later_change_is_flagged(services, store, staff):
    kpi = add_kpi(store.conn, 2025, "改善件数", "90", "件", places=0, source="improvements_done")
    typed = add_kpi(store.conn, 2025, "早期更改率", "80.0")
    set_result(store.conn, typed, Period(2025), hand="82.04")
    measures = FakeMeasures({("improvements_done", None, Period(2025), None): "97"})

    finalise(services, Period(2025), staff["manager"], TODAY, compute=measures)
    measures.figures[("improvements_done", None, Period(2025), None)] = "98"   # a record edited afterwards
    board = build_board(services, 2025, today=TODAY, compute=measures)

    cell = _row(board, "改善件数").cells[0]
    assert (cell.value, cell.frozen, cell.frozen_by) == (Decimal("97"), True, "山田 花子")
    assert cell.flag == "確定後に変更があります: 97件 → 98件"
    assert _row(board, "早期更改率").cells[0].value == Decimal("82.04")
    assert board.finalisations[0]["status"] == "final" and kpi


def test_a_period_that_has_not_ended_is_not_finalised(services, store, staff):
    from agency_app.domain.errors import ValidationFailed
    add_kpi(store.conn, 2025, "改善件数", "90", "件", places=0, source="improvements_done")
    with pytest.raises(ValidationFailed):
        finalise(services, Period(2025), staff["manager"], date(2026, 3, 31), compute=FakeMeasures())
    assert not build_board(services, 2025, today=TODAY, compute=FakeMeasures()).rows[0].cells[0].frozen


def test_a_quarterly_kpis_earlier_years_are_its_q4s_and_said_on_that_line_only(services, store):
    add_kpi(store.conn, 2020, "苦情件数", "5", "件", direction="<=", places=0, period="quarter", source="voices")
    add_kpi(store.conn, 2021, "苦情件数", "5", "件", direction="<=", places=0, period="quarter", source="voices")
    measures = FakeMeasures({("voices", None, Period(2020, QUARTER, 4), None): "3",
                             ("voices", None, Period(2020, QUARTER, 1), None): "9"})
    board = build_board(services, 2021, today=TODAY, compute=measures)
    assert [(p.fiscal_year, p.value) for p in board.rows[0].trend] == [(2020, Decimal("3"))]
    lines = [line for line in board_text(board).splitlines() if line.startswith("苦情件数")]
    assert [line.split()[1] for line in lines] == ["Q1", "Q2", "Q3", "Q4"]
    assert lines[-1].endswith("3件") and not any(line.endswith(("3件", "9件", "—")) for line in lines[:-1])


def test_a_period_still_running_is_not_judged_until_the_day_after_its_last(services, store):
    # ≤ 0 対応漏れ read 達成 on the quarter's first day, and a count 未達 with months to go: neither is a result yet
    add_kpi(store.conn, 2025, "対応漏れ件数", "0", "件", places=0, period="quarter", direction="<=",
            source="followup_omissions")
    measures = FakeMeasures({("followup_omissions", None, Period(2025, QUARTER, n), None): "0" for n in (1, 2, 3)})
    on_the_last_day = build_board(services, 2025, today=date(2025, 12, 31), compute=measures).rows[0].cells
    assert [c.achievement for c in on_the_last_day] == [ACHIEVED, ACHIEVED, RUNNING, RUNNING]
    assert "12月31日現在0件です（目標0件）" in on_the_last_day[2].facts
    assert "期間終了後に判定します" in on_the_last_day[2].evaluation and "目標を達成しました" not in on_the_last_day[2].evaluation
    next_day = build_board(services, 2025, today=date(2026, 1, 1), compute=measures)
    assert [c.achievement for c in next_day.rows[0].cells] == [ACHIEVED, ACHIEVED, ACHIEVED, RUNNING]
    assert "集計中" in board_text(next_day)


def test_a_hand_kpi_on_a_branch_board_says_its_value_and_judgement_are_the_agencys(services, store):
    """A typed KPI has one figure, the agency's: on a branch's board it read as the branch's own (80.6% 未達),
    under the note that the branch's values are computed from its records. It is marked 全社, as the note says."""
    window = add_kpi(store.conn, 2021, "代理店事故窓口割合（自動車）", "85.0")
    set_result(store.conn, window, FY21, hand="80.6")
    add_kpi(store.conn, 2021, "研修の受講者数", "20", "名", places=0)   # nothing typed
    branch = build_board(services, 2021, branch="HQ", today=TODAY, compute=FakeMeasures())
    cell = _row(branch, "代理店事故窓口割合（自動車）").cells[0]
    assert (cell.value, cell.achievement, cell.agency) == (Decimal("80.6"), MISSED, True)
    text = board_text(branch)
    line = next(line for line in text.splitlines() if line.startswith("代理店事故窓口割合"))
    assert "80.6%（全社）" in line and "未達（全社）" in line
    assert "データなし（全社）" in next(line for line in text.splitlines() if line.startswith("研修の受講者数"))
    assert "手入力の KPI は全社の値です" in text
    agency = board_text(build_board(services, 2021, today=TODAY, compute=FakeMeasures()))
    assert "全社" not in agency and not _row(build_board(services, 2021, today=TODAY, compute=FakeMeasures()),
                                             "代理店事故窓口割合（自動車）").cells[0].agency
