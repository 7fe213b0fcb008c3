"""Weekly bar charts (ui/kit/charts.py): what they show, a sane empty week, the highlight, vector PDFs, lazy Qt Charts."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtWidgets import QWidget

from agency_app.ui.kit.charts import BarSeries, WeeklyBars, chart_view, paint_chart, value_axis_range

ROOT = Path(__file__).resolve().parents[3]  # the checkout whose code the subprocess must run
WEEKS = ("04/07", "04/14", "04/21", "04/28", "05/05", "05/12", "05/19", "05/26", "06/02")
NINE_WEEKS = WeeklyBars("週ごとの声の件数", WEEKS,
                        (BarSeries("不満", (3, 5, 2, 0, 4, 6, 3, 2, 7)),
                         BarSeries("要望", (1, 2, 4, 3, 0, 2, 5, 1, 3))), highlight=8)
QUIET = WeeklyBars("週ごとの声の件数", WEEKS, (BarSeries("不満", (0,) * 9), BarSeries("要望", (0,) * 9)),
                   highlight=8)


def shown(qtbot, data):
    widget = chart_view(data)
    qtbot.addWidget(widget)
    widget.resize(900, 450)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def parts(widget):
    """The chart's bar series, its week axis and its count axis, read back through Qt Charts."""
    from PySide6 import QtCharts
    chart = widget.findChild(QtCharts.QChartView).chart()
    (bars,) = chart.series()
    weeks = next(a for a in bars.attachedAxes() if isinstance(a, QtCharts.QBarCategoryAxis))
    counts = next(a for a in bars.attachedAxes() if isinstance(a, QtCharts.QCategoryAxis))
    return chart, bars, weeks, counts


def shown_values(bars):
    return {bar_set.label(): [int(bar_set.at(i)) for i in range(bar_set.count())] for bar_set in bars.barSets()}


def test_the_widget_shows_each_series_per_week_side_by_side_with_the_numbers_on_the_bars(qtbot):
    widget = shown(qtbot, NINE_WEEKS)
    chart, bars, weeks, counts = parts(widget)
    assert chart.title() == "週ごとの声の件数"
    assert weeks.categories() == list(WEEKS)
    assert shown_values(bars) == {"不満": [3, 5, 2, 0, 4, 6, 3, 2, 7], "要望": [1, 2, 4, 3, 0, 2, 5, 1, 3]}
    assert bars.isLabelsVisible() and chart.legend().isVisible()
    # Whole counts with 件 on a round step, and room above the tallest bar (7) for its number.
    assert counts.categoriesLabels() == ["2件", "4件", "6件", "8件", "10件"]
    assert (counts.min(), counts.max()) == (0, 10)
    # The rest of the app sees a plain QWidget, never a Qt Charts type (so the route can change later).
    assert isinstance(widget, QWidget) and "QtCharts" not in " ".join(c.__module__ for c in type(widget).__mro__)


def test_a_week_without_voices_keeps_a_readable_axis_from_0_to_4(qtbot):
    widget = shown(qtbot, QUIET)
    _, bars, _, counts = parts(widget)
    assert (counts.min(), counts.max()) == (0, 4)
    assert counts.categoriesLabels() == ["1件", "2件", "3件", "4件"]
    assert shown_values(bars)["不満"] == [0] * 9
    assert not widget.grab().isNull()


def test_a_series_shorter_than_the_weeks_counts_the_missing_weeks_as_0(qtbot):
    widget = shown(qtbot, WeeklyBars("t", WEEKS[:3], (BarSeries("不満", (2,)),), highlight=None))
    chart, bars, _, _ = parts(widget)
    assert shown_values(bars) == {"不満": [2, 0, 0]}
    assert not chart.legend().isVisible()  # one series: its name would only repeat the title


@pytest.mark.parametrize("tallest", list(range(0, 60)) + [99, 100, 101, 499, 999, 1000, 4321, 123456])
def test_the_count_axis_has_whole_round_steps_and_room_above_the_tallest_bar(tallest):
    data = WeeklyBars("t", ("05/26",), (BarSeries("不満", (tallest,)),), highlight=0)
    top, step = value_axis_range(data)
    assert step in (1, 2, 5) or str(step).rstrip("0") in ("1", "2", "25", "5")
    assert top % step == 0 and 4 <= top // step <= 7
    assert top - tallest >= 0.15 * top  # the bar's number fits above it at every zoom


def test_the_highlighted_week_stands_out_in_the_strong_colour_with_a_band_behind_it(qtbot):
    widget = shown(qtbot, NINE_WEEKS)
    chart, bars, _, _ = parts(widget)
    for bar_set in bars.barSets():
        assert bar_set.selectedBars() == [8]
        assert bar_set.selectedColor() != bar_set.color()  # the other weeks paler
    plot = chart.plotArea()
    qtbot.waitUntil(lambda: chart.band.rect().width() > 0)
    band = chart.band.rect()
    week_width = plot.width() / len(WEEKS)
    assert band.left() == pytest.approx(plot.left() + 8 * week_width, abs=1)
    assert band.width() == pytest.approx(week_width, abs=1)

    widget.set_data(WeeklyBars(NINE_WEEKS.title, WEEKS, NINE_WEEKS.series, highlight=3))
    chart, bars, _, _ = parts(widget)
    assert [bar_set.selectedBars() for bar_set in bars.barSets()] == [[3], [3]]
    qtbot.waitUntil(lambda: chart.band.rect().left() == pytest.approx(chart.plotArea().left() + 3 * week_width,
                                                                      abs=1))

    widget.set_data(WeeklyBars(NINE_WEEKS.title, WEEKS, NINE_WEEKS.series, highlight=None))
    chart, bars, _, _ = parts(widget)
    assert [bar_set.selectedBars() for bar_set in bars.barSets()] == [[], []]
    assert not hasattr(chart, "band")


def test_set_data_replaces_the_weeks_and_counts(qtbot):
    widget = shown(qtbot, NINE_WEEKS)
    later = WeeklyBars("別のチーム", WEEKS[1:] + ("06/09",), (BarSeries("要望", (9,) * 9),), highlight=8)
    widget.set_data(later)
    chart, bars, weeks, counts = parts(widget)
    assert widget.data == later and chart.title() == "別のチーム"
    assert weeks.categories() == list(WEEKS[1:]) + ["06/09"]
    assert shown_values(bars) == {"要望": [9] * 9}
    assert counts.max() == value_axis_range(later)[0]


def test_the_screens_zoom_grows_every_text_of_the_chart(qtbot):
    widget = shown(qtbot, NINE_WEEKS)
    chart, bars, weeks, _ = parts(widget)
    before = (chart.titleFont().pointSizeF(), weeks.labelsFont().pointSizeF(), chart.legend().font().pointSizeF(),
              bars.barSets()[0].labelFont().pointSizeF())
    widget.set_font_scale(1.5)
    chart, bars, weeks, _ = parts(widget)
    after = (chart.titleFont().pointSizeF(), weeks.labelsFont().pointSizeF(), chart.legend().font().pointSizeF(),
             bars.barSets()[0].labelFont().pointSizeF())
    assert after == pytest.approx(tuple(size * 1.5 for size in before))
    assert widget.font_scale == 1.5


def pdf_streams(pdf: bytes) -> list[bytes]:
    found = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", match.end())
        raw = pdf[match.end():end]
        try:
            found.append(zlib.decompress(raw))
        except zlib.error:
            found.append(raw)
    return found


def test_paint_chart_writes_vectors_and_text_into_a_pdf_not_a_picture(qtbot, tmp_path):
    path = tmp_path / "chart.pdf"
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape)
    writer.setResolution(1200)  # a printer's resolution: the chart must not come out tiny or as pixels
    painter = QPainter(writer)
    paint_chart(painter, QRectF(0, 0, writer.width(), writer.height() * 0.6), NINE_WEEKS)
    painter.end()
    pdf = path.read_bytes()
    assert b"/Subtype /Image" not in pdf and b"/Subtype/Image" not in pdf  # no bitmap anywhere
    page = max(pdf_streams(pdf), key=lambda stream: stream.count(b" l\n"))
    assert page.count(b" l\n") > 20 and page.count(b"re\n") + page.count(b"f\n") + page.count(b"f*\n") > 10
    assert b"BT" in page and b"/FontFile" in pdf  # text drawn with an embedded font
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        for word in ("週ごとの声の件数", "不満", "要望", "04/07", "06/02", "10件"):
            assert word in text
        assert re.search(r"\b7\b", text)  # the highlighted week's count as text


# The chart module is imported first, as a screen that shows charts will import it: Qt Charts must still wait.
CHILD = """
import sys
from pathlib import Path
from agency_app.ui.kit import charts
from agency_app.app import run_gui
code = run_gui(Path(sys.argv[1]), smoke_test=True)
started = "PySide6.QtCharts" in sys.modules
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication([])
from agency_app.ui.kit.charts import BarSeries, WeeklyBars, chart_view
chart_view(WeeklyBars("t", ("05/26",), (BarSeries("不満", (1,)),), highlight=0))
print("RESULT", code, started, "PySide6.QtCharts" in sys.modules)
"""


def test_starting_the_window_does_not_load_qt_charts_and_the_first_chart_does(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AGENCY_APP_DATA=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path / "fresh.db")], env=env,
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    lines = [line for line in result.stdout.splitlines() if line.startswith("RESULT ")]
    assert lines == ["RESULT 0 False True"], (result.stdout[-1000:], result.stderr[-3000:])
