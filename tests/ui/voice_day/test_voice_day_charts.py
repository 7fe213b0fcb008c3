"""The voice day's charts: by kind and by category, the meeting's week highlighted, week labels whole, zoomed once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from meeting_keys import CTRL, press


def test_the_charts_show_the_weeks_counts_with_the_meetings_week_highlighted(qtbot, make_page):
    page = make_page()
    kinds, categories = page.summary.charts
    assert kinds.data.highlight == 8 and kinds.data.labels[-1] == "11/14"
    by_name = {series.name: series.values for series in kinds.data.series}
    assert by_name["不満"] == tuple(page.summary.counts_of("不満"))
    assert [series.name for series in kinds.data.series] == ["不満", "要望", "感謝", "その他"]
    assert categories.data.highlight == 8


def test_the_week_labels_are_never_cut_at_1024_pixels(qtbot, make_page):
    page = make_page()
    page.resize(1024, 700)
    chart = page.summary.charts[0]._view.chart()
    weeks = chart.axes(Qt.Orientation.Horizontal)[0]
    assert not weeks.truncateLabels()


def test_the_zoom_reaches_the_charts_by_their_font_scale_only(qtbot, make_page):
    page = make_page()
    chart = page.summary.charts[0]
    base = chart.font().pointSizeF()
    press(qtbot, page, Qt.Key.Key_Plus, CTRL)
    assert chart.font_scale == page.zoom_factor == 1.15
    assert chart.font().pointSizeF() == base  # not grown a second time by the page's font


def test_an_empty_week_keeps_sane_charts(qtbot, make_page):
    page = make_page()
    page.team.setCurrentIndex(page.team.findText("生保"))
    page.team.activated.emit(page.team.currentIndex())
    qtbot.waitUntil(lambda: page.loaded.review.team == "生保")
    kinds, categories = page.summary.charts
    assert all(value == 0 for series in kinds.data.series for value in series.values)
    assert categories.data.series == ()  # no category had a voice: nothing to draw, no error
