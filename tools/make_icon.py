"""Draws the app icon (a calm teal speech bubble with a white 声) with Qt and writes resources/icons/app.ico.

    .venv/bin/python tools/make_icon.py            (writes resources/icons/app.ico; commit the result)

The .ico is committed, so a build never depends on the fonts of the machine it runs on; run this only
to change the design. No Pillow: the ICO container is written here (header, directory, images).
Sizes below 256 are 32-bit BMP entries with alpha (what every Windows version and icon tool reads), the
256 entry is PNG-compressed, as Windows Vista and later expect.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)
SMALLEST_WITH_KANJI = 32  # below this 声's strokes blur into a blot: two white lines of "text" instead
OUT = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app.ico"

BUBBLE = QColor("#1b7a8c")  # calm teal-blue, readable on light and dark taskbars
BUBBLE_EDGE = QColor("#125866")
MARK = QColor("#ffffff")
FONT_FAMILIES = ["Noto Sans CJK JP", "Yu Gothic UI", "Meiryo", "MS Gothic"]


def bubble_path(size: int) -> QPainterPath:
    """A rounded speech bubble filling the square, its tail at the bottom left."""
    s = float(size)
    margin = max(0.5, s * 0.04)
    body = QRectF(margin, margin, s - 2 * margin, s * 0.76 - margin)
    path = QPainterPath()
    path.addRoundedRect(body, s * 0.2, s * 0.2)
    tail = QPainterPath()
    tail.moveTo(QPointF(s * 0.22, body.bottom() - s * 0.05))
    tail.lineTo(QPointF(s * 0.16, s - margin))
    tail.lineTo(QPointF(s * 0.48, body.bottom() - s * 0.05))
    tail.closeSubpath()
    return path.united(tail)


def draw(size: int) -> QImage:
    """One size of the icon, drawn for that size (not scaled from the large one), transparent around it."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    outline = QPen(BUBBLE_EDGE, max(1.0, size / 48))
    outline.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(outline if size >= 24 else Qt.PenStyle.NoPen)
    painter.setBrush(BUBBLE)
    painter.drawPath(bubble_path(size))
    body_height = size * 0.76
    if size >= SMALLEST_WITH_KANJI:
        font = QFont()
        font.setFamilies(FONT_FAMILIES)
        font.setWeight(QFont.Weight.Bold)
        font.setPixelSize(round(size * 0.56))
        painter.setFont(font)
        painter.setPen(MARK)
        painter.drawText(QRectF(0, size * 0.02, size, body_height), Qt.AlignmentFlag.AlignCenter, "声")
    else:
        # Two lines of "text" on whole pixels, so they stay crisp at 16 px.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(MARK)
        thick = max(2, round(size / 8))
        left = round(size * 0.25)
        for top, width in ((round(body_height * 0.30), size * 0.5), (round(body_height * 0.62) - thick // 2, size * 0.34)):
            painter.drawRect(QRectF(left, top, round(width), thick))
    painter.end()
    return image


def _png(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def _bmp(image: QImage) -> bytes:
    """An ICO's BMP entry: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom-up, an empty AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)  # straight alpha; B,G,R,A bytes in memory
    width, height = image.width(), image.height()
    rows = bytes(image.constBits())
    stride = image.bytesPerLine()
    pixels = b"".join(rows[y * stride:y * stride + width * 4] for y in reversed(range(height)))
    mask_stride = ((width + 31) // 32) * 4  # 1 bit a pixel, rows padded to 4 bytes; alpha does the work
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(pixels), 0, 0, 0, 0)
    return header + pixels + bytes(mask_stride * height)


def ico_bytes(images: list[QImage]) -> bytes:
    """A multi-size .ico of square images: 6-byte header, 16 bytes a directory entry, then the images."""
    blobs = [_png(image) if image.width() >= 256 else _bmp(image) for image in images]
    offset = 6 + 16 * len(images)
    header = struct.pack("<HHH", 0, 1, len(images))  # reserved, type 1 = icon, count
    directory = b""
    for image, blob in zip(images, blobs):
        side = image.width() % 256  # 0 means 256
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return header + directory + b"".join(blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 — fonts need it
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(ico_bytes([draw(size) for size in SIZES]))
    print(f"{OUT}: {', '.join(map(str, SIZES))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
