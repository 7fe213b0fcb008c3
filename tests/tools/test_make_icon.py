"""The committed app.ico holds every size Windows asks for, and tools/make_icon.py writes an .ico Qt reads back pixel for pixel."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

from PySide6.QtGui import QImage, QImageReader

ROOT = Path(__file__).resolve().parents[2]
ICO = ROOT / "resources" / "icons" / "app.ico"

spec = importlib.util.spec_from_file_location("make_icon", ROOT / "tools" / "make_icon.py")
make_icon = importlib.util.module_from_spec(spec)
spec.loader.exec_module(make_icon)


def directory(data: bytes) -> list[tuple[int, bytes]]:
    """(side in px, image bytes) of each entry, read as Windows reads the container."""
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)  # an icon, not a cursor
    entries = []
    for index in range(count):
        width, height, _, _, _, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * index)
        assert width == height and bits == 32
        entries.append((width or 256, data[offset:offset + size]))
    return entries


def read_all(path: Path) -> list[QImage]:
    reader = QImageReader(str(path))
    images = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        images.append(reader.read())
    return images


def test_the_committed_icon_has_every_size_from_16_to_256():
    entries = directory(ICO.read_bytes())
    assert [side for side, _ in entries] == [16, 20, 24, 32, 40, 48, 64, 128, 256]
    for side, blob in entries:
        if side == 256:
            assert blob.startswith(b"\x89PNG")  # the large one compressed, as Windows Vista+ expects
        else:
            assert struct.unpack_from("<IiiHH", blob) == (40, side, 2 * side, 1, 32)  # BMP with alpha
    images = read_all(ICO)
    assert [image.width() for image in images] == [16, 20, 24, 32, 40, 48, 64, 128, 256]
    assert all(not image.isNull() for image in images)


def test_the_icon_is_opaque_in_the_middle_and_clear_in_the_corner():
    for image in read_all(ICO):
        side = image.width()
        assert image.pixelColor(side // 2, side // 3).alpha() == 255, side  # the bubble
        assert image.pixelColor(side - 1, side - 1).alpha() == 0, side  # beside its tail: the desktop shows through


def test_the_writer_round_trips_every_size(qapp, tmp_path):
    drawn = [make_icon.draw(side) for side in make_icon.SIZES]
    path = tmp_path / "app.ico"
    data = make_icon.ico_bytes(drawn)
    assert [blob[:4] == b"\x89PNG" for _, blob in directory(data)] == [False] * 8 + [True]
    path.write_bytes(data)
    back = read_all(path)
    assert len(back) == len(drawn)
    for original, read in zip(drawn, back):
        fmt = QImage.Format.Format_ARGB32
        assert read.convertToFormat(fmt) == original.convertToFormat(fmt), original.width()
