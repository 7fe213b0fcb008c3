"""An A4 printed document: HTML text and tables, vector charts, a header on every page and 「N / M ページ」 page numbers."""

from __future__ import annotations

import errno
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QBuffer, QByteArray, QCoreApplication, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout, QColor, QFont, QFontDatabase, QFontMetricsF, QImage, QPageLayout, QPageSize,
    QPainter, QPalette, QPdfWriter, QPen, QTextBlockFormat, QTextCursor, QTextDocument,
)

from agency_app.ui.kit.charts import paint_chart  # Qt Charts itself is imported when a chart is first drawn
from agency_app.ui.kit.style import choose_font_family
from agency_app.ui.printing.pdf_unicode import readable_text

# The text is laid out once at 96 dots per inch — the same on every PC whatever its screen's scaling — and the
# painter is scaled to the printer's or PDF's resolution; CSS "px" in the sheets' HTML is thus 1/96 inch.
LAYOUT_DPI = 96
MM = LAYOUT_DPI / 25.4        # layout units per millimetre
MARGIN_MM = 15.0              # around the page (printers cannot print the outer ~5 mm; 15 reads calm)
HEADER_MM = 16.0              # title line, team and range, a rule, a little space before the text
FOOTER_MM = 8.0               # a rule and 「N / M ページ」
BODY_POINTS = 9.0             # body text: small enough for a week on few pages, large enough to read at arm's length
CHART_POINTS = 6.0            # the chart's base font (its labels are drawn a little larger than this)
PDF_DPI = 300                 # the PDF's resolution (text and charts stay vectors; this is only the grid)
KEEP_WITH_HEADING_MM = 18.0   # below a heading, room for a table's header row and a first row, or it starts a page


class PrintFailed(Exception):
    """The sheet could not be printed or saved; `message_ja` says why and what to do, for the screen or the CLI."""

    def __init__(self, message_ja: str):
        super().__init__(message_ja)
        self.message_ja = message_ja


@dataclass(frozen=True)
class Chart:
    """A chart placed in the text: its data for ui/kit/charts.paint_chart and its printed size in millimetres."""

    data: object
    width_mm: float
    height_mm: float


def chart_marker(index: int) -> str:
    """The text a sheet's HTML writes where chart `index` goes (replaced by the chart itself)."""
    return f"[[chart-{index}]]"


def font_family() -> str | None:
    """The Japanese font the screens use (游ゴシック / Meiryo UI on Windows, Noto Sans CJK / IPAex elsewhere)."""
    return choose_font_family(QFontDatabase.families())


def _layout_device() -> QImage:
    """A paint device of exactly LAYOUT_DPI: text measured on it lays out the same on every machine."""
    image = QImage(1, 1, QImage.Format.Format_RGB32)
    dots_per_metre = round(LAYOUT_DPI / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    return image


class _PageFonts:
    """The header's and footer's fonts for a painter scaled from layout units to the device."""

    def __init__(self, base: QFont, scale: float):
        self.base, self.scale = base, scale
        self.device = _layout_device()

    def make(self, points: float, bold: bool = False) -> QFont:
        font = QFont(self.base)
        font.setPointSizeF(points / self.scale)
        font.setBold(bold)
        return font

    def _measured(self, points: float, bold: bool) -> QFontMetricsF:
        font = QFont(self.base)
        font.setPointSizeF(points)
        font.setBold(bold)
        return QFontMetricsF(font, self.device)

    def height(self, points: float, bold: bool = False) -> float:
        """A line of this size, in layout units."""
        return self._measured(points, bold).height() * 1.15

    def advance(self, points: float, text: str, bold: bool = False) -> float:
        return self._measured(points, bold).horizontalAdvance(text)


def _keep_headings_with_next(doc: QTextDocument) -> None:
    """A heading (h3) with too little room below it on its page starts the next page: a section's title is not left
    alone at the foot of a page, its table on the next. Headings are top-level blocks, laid out in order."""
    page = doc.pageSize().height()
    layout = doc.documentLayout()
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        if fmt.headingLevel() and block.next().isValid():
            rect = layout.blockBoundingRect(block)
            page_top = (rect.top() // page) * page
            # the room wanted, or all that is left of the document when that is less (it may end on this page)
            wanted = min(KEEP_WITH_HEADING_MM * MM, layout.blockBoundingRect(doc.lastBlock()).bottom() - rect.bottom())
            if rect.top() > page_top + 1 and page_top + page - rect.bottom() < wanted:
                fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
        block = block.next()


def _placeholder_image() -> QImage:
    """A transparent dot the text lays out at each chart's size, keeping its place on the page (see text_document)."""
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


def _paint_chart(painter: QPainter, rect: QRectF, chart: Chart, font: QFont) -> None:
    """The shared chart painter (ui/kit/charts.py) over the chart's place, given in device units untransformed:
    the chart lays itself out for the device's resolution. The font is the sheet's, a little smaller."""
    device_rect = painter.transform().mapRect(rect)
    painter.save()
    painter.resetTransform()
    painter.setClipping(False)
    chart_font = QFont(font)
    chart_font.setPointSizeF(CHART_POINTS)
    paint_chart(painter, device_rect, chart.data, font=chart_font)
    painter.restore()


@dataclass
class PrintedDocument:
    """One sheet ready to print: the header's title, team and range; the body as HTML with chart markers."""

    title: str
    team: str
    period: str
    html: str
    charts: list[Chart] = field(default_factory=list)
    stamp: str = ""  # printed large beside the title when set: 「未締め」, 「プレビュー（会議未開始）」
    landscape: bool = False  # A4 on its side: a sheet of wide tables (the KPI sheet's years side by side)

    # --- layout -------------------------------------------------------------------
    def _page_rect_mm(self) -> tuple[float, float]:
        size = QPageSize(QPageSize.PageSizeId.A4).size(QPageSize.Unit.Millimeter)
        if self.landscape:
            return size.height(), size.width()
        return size.width(), size.height()

    def body_size(self) -> QSizeF:
        """The text area of one page, in layout units: the page less margins, header and footer."""
        width, height = self._page_rect_mm()
        return QSizeF((width - 2 * MARGIN_MM) * MM, (height - 2 * MARGIN_MM - HEADER_MM - FOOTER_MM) * MM)

    def text_document(self) -> QTextDocument:
        """The body laid out on A4 pages (table headers repeat on each page a table runs onto).

        Each chart holds its place in the text as an image of its size (a transparent dot, scaled) and is painted
        over it as vectors: PySide cannot register a Python text-object handler (Qt's qobject_cast to
        QTextObjectInterface fails for a Python class), so the text cannot draw the chart itself."""
        doc = QTextDocument()
        self._device = _layout_device()  # kept alive as long as the layout uses it
        doc.documentLayout().setPaintDevice(self._device)
        font = QFont(font_family() or doc.defaultFont().family())
        font.setPointSizeF(BODY_POINTS)
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setPageSize(self.body_size())
        html = self.html
        for index, chart in enumerate(self.charts):
            name = f"chart-{index}"
            doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), _placeholder_image())
            html = html.replace(chart_marker(index), f'<img src="{name}" width="{round(chart.width_mm * MM)}" '
                                                     f'height="{round(chart.height_mm * MM)}">')
        doc.setHtml(html)
        _keep_headings_with_next(doc)
        return doc

    def chart_places(self, doc: QTextDocument) -> list[tuple[QRectF, Chart]]:
        """Where each chart's placeholder was laid out, in the document's coordinates (pages stacked)."""
        places = []
        block = doc.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat() and fmt.toImageFormat().name().startswith("chart-"):
                    index = int(fmt.toImageFormat().name().removeprefix("chart-"))
                    chart = self.charts[index]
                    layout = block.layout()
                    offset = fragment.position() - block.position()
                    line = layout.lineForTextPosition(offset)
                    x, _ = line.cursorToX(offset)
                    width, height = chart.width_mm * MM, chart.height_mm * MM
                    top = line.y() + line.ascent() - height
                    places.append((QRectF(layout.position().x() + x, layout.position().y() + top, width, height),
                                   chart))
                iterator += 1
            block = block.next()
        return places

    def page_count(self) -> int:
        return self.text_document().pageCount()

    # --- painting -----------------------------------------------------------------
    def paint(self, painter: QPainter, device, new_page) -> int:
        """Paint every page onto `painter` (begun on `device`); `new_page()` starts the next. Returns the pages."""
        doc = self.text_document()
        pages = max(1, doc.pageCount())
        places = self.chart_places(doc)
        scale = device.logicalDpiY() / LAYOUT_DPI
        # Fonts the painter sets itself are sized for the device, then scaled with everything else: a point size
        # divided by the scale prints at that size (the body's fonts were measured on the layout device already).
        fonts = _PageFonts(doc.defaultFont(), scale)
        body = self.body_size()
        for page in range(pages):
            if page:
                new_page()
            painter.save()
            painter.scale(device.logicalDpiX() / LAYOUT_DPI, scale)
            # The device's origin is the page layout's printable corner: our margins are set on the device.
            self._paint_header(painter, fonts, body.width())
            painter.save()
            painter.translate(0, HEADER_MM * MM)
            painter.setClipRect(QRectF(0, 0, body.width(), body.height()))
            painter.translate(0, -page * body.height())
            clip = QRectF(0, page * body.height(), body.width(), body.height())
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = clip
            context.palette.setColor(QPalette.ColorRole.Text, QColor("black"))
            doc.documentLayout().draw(painter, context)
            for rect, chart in places:
                # A chart laid out at the top of a page touches the page before it (to rounding): painted
                # unclipped there, it ran over that page's footer. Only where it really is.
                if rect.intersected(clip).height() > 1:
                    _paint_chart(painter, rect, chart, doc.defaultFont())
            painter.restore()
            self._paint_footer(painter, fonts, body, page + 1, pages)
            painter.restore()
        return pages

    def _paint_header(self, painter: QPainter, fonts: "_PageFonts", width: float) -> None:
        title_font = fonts.make(13, bold=True)
        painter.setPen(QColor("black"))
        painter.setFont(title_font)
        line = fonts.height(13)
        painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self.title)
        if self.stamp:  # 「未締め」: framed in red at the top right of every page, not to be missed
            painter.setFont(fonts.make(11, bold=True))
            box = QRectF(0, 0, fonts.advance(11, self.stamp, bold=True) + 4 * MM, line)
            box.moveTopRight(QPointF(width, 0))
            painter.setPen(QPen(QColor("#a4161a"), 0.5 * MM))
            painter.drawRect(box)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self.stamp)
            painter.setPen(QColor("black"))
        painter.setFont(fonts.make(9.5))
        painter.drawText(QRectF(0, line + 0.5 * MM, width, fonts.height(9.5)), Qt.AlignmentFlag.AlignLeft,
                         "　".join(part for part in (self.team, self.period) if part))
        painter.setPen(QPen(QColor("#333333"), 0.3 * MM))
        rule = HEADER_MM * MM - 3 * MM
        painter.drawLine(QPointF(0, rule), QPointF(width, rule))

    def _paint_footer(self, painter: QPainter, fonts: "_PageFonts", body: QSizeF, page: int, pages: int) -> None:
        top = (HEADER_MM * MM) + body.height() + 2 * MM
        painter.setPen(QPen(QColor("#999999"), 0.2 * MM))
        painter.drawLine(QPointF(0, top), QPointF(body.width(), top))
        painter.setFont(fonts.make(8.5))
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(0, top + 0.8 * MM, body.width(), fonts.height(8.5)),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, page_label(page, pages))

    # --- output -------------------------------------------------------------------
    def pdf_bytes(self) -> tuple[bytes, int]:
        """The whole PDF in memory (real text with the font embedded, charts as vectors) and its page count."""
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        writer = QPdfWriter(buffer)
        writer.setResolution(PDF_DPI)
        writer.setTitle(f"{self.title} {self.team} {self.period}".strip())
        writer.setCreator("agency-app")
        writer.setPageLayout(_a4_layout(self.landscape))
        painter = QPainter()
        if not painter.begin(writer):
            raise PrintFailed("PDF を作成できませんでした。")
        try:
            pages = self.paint(painter, writer, writer.newPage)
        finally:
            painter.end()
        buffer.close()
        return readable_text(bytes(data.data())), pages

    def write_pdf(self, path: Path) -> int:
        """Save as a PDF at `path` and return its pages. The file appears whole or not at all: it is written beside
        it first, so a full disk or a PDF open in another program never leaves a broken file (raises PrintFailed)."""
        path = Path(path)
        content, pages = self.pdf_bytes()
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
        try:
            with open(partial, "wb") as file:
                file.write(content)
                file.flush()
                os.fsync(file.fileno())
            from agency_app.storage.file_moves import replace_retrying
            replace_retrying(partial, path)
        except OSError as error:
            try:
                partial.unlink(missing_ok=True)
            except OSError:
                pass
            raise PrintFailed(write_error_message(path, error)) from error
        return pages

    def print_to(self, printer) -> int:
        """Print on `printer` (a QPrinter: the real one or the preview's); returns the pages."""
        printer.setPageLayout(_a4_layout(self.landscape))
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintFailed("印刷を始められませんでした。プリンターの電源と接続を確かめてください"
                              "（ファイルに印刷する場合は、保存先のフォルダーがあるか確かめてください）。")
        try:
            return self.paint(painter, printer, printer.newPage)
        finally:
            painter.end()

    def preview(self, parent=None):
        """A print preview (QPrintPreviewDialog) of this sheet; its print button prints on the chosen printer.
        Returned unopened: the caller shows it (exec or open)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(_a4_layout(self.landscape))
        printer.setDocName(f"{self.title} {self.team}".strip())
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.kept_printer = printer  # the dialog does not own its printer: without this Python frees it (a crash)
        dialog.setWindowTitle(QCoreApplication.translate("PrintedDocument", "Print preview — {title}").format(
            title=self.title))
        dialog.paintRequested.connect(lambda on: self._print_from_preview(dialog, on))
        return dialog

    def _print_from_preview(self, dialog, printer) -> None:
        """Paint for the preview or its print button; a printer (or print-to-file path) that cannot start is said
        over the preview, which stays open: nothing is lost, the user can choose another printer and try again."""
        try:
            self.print_to(printer)
        except PrintFailed as error:
            from PySide6.QtWidgets import QMessageBox
            box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("PrintedDocument", "Print"),
                              error.message_ja, QMessageBox.StandardButton.Ok, dialog)
            box.open()


def page_label(page: int, pages: int) -> str:
    return f"{page} / {pages} ページ"


def _a4_layout(landscape: bool = False) -> QPageLayout:
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, margins,
                       QPageLayout.Unit.Millimeter)


def write_error_message(path: Path, error: OSError) -> str:
    """What a person can do about a PDF that could not be saved, in Japanese."""
    number = error.errno
    winerror = getattr(error, "winerror", None)
    if number == errno.ENOSPC or winerror in (39, 112):
        return f"ディスクの空きが足りないため PDF を保存できませんでした: {path}\n不要なファイルを削除するか、別の場所に保存してください。"
    if isinstance(error, FileNotFoundError) or not path.parent.is_dir():
        return f"保存先のフォルダーが見つかりません: {path.parent}\n別の場所を選んでください。"
    if isinstance(error, PermissionError) or winerror in (5, 32, 33):
        if path.is_dir():
            return f"同じ名前のフォルダーがあるため保存できませんでした: {path}\n別のファイル名を指定してください。"
        return (f"PDF を保存できませんでした: {path}\nこのファイルを別のプログラム（PDF の表示ソフトなど）で開いていれば"
                "閉じてから、もう一度保存してください。保存先に書き込む権限がない場合は別の場所を選んでください。")
    if path.is_dir():
        return f"同じ名前のフォルダーがあるため保存できませんでした: {path}\n別のファイル名を指定してください。"
    return f"PDF を保存できませんでした: {path}（{error.strerror or error}）"
