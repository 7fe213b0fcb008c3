"""Printing from the command line: Qt without a window, offscreen only where there is no display to use."""

from agency_app.ui.printing.headless import needs_offscreen


def test_offscreen_only_on_a_linux_without_a_display():
    assert needs_offscreen("linux", {}) is True
    assert needs_offscreen("linux", {"DISPLAY": ":0"}) is False
    assert needs_offscreen("linux", {"WAYLAND_DISPLAY": "wayland-0"}) is False
    assert needs_offscreen("linux", {"QT_QPA_PLATFORM": "xcb"}) is False  # what the user chose stands
    assert needs_offscreen("win32", {}) is False   # Windows' platform starts without a display setting
    assert needs_offscreen("darwin", {}) is False
