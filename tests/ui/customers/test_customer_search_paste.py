"""A whole page pasted into the customers' search box: the list answers (no match) and says it searched by the start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from customer_fixtures import customers  # noqa: F401
from form_fixtures import drafts, ime_type  # noqa: F401
from test_customers_page import listed, never_block, page  # noqa: F401


def test_a_50_kb_paste_finds_nothing_and_says_the_search_was_cut(qtbot, page):  # noqa: F811
    QApplication.clipboard().setText("山田" * 25_000)
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.count_text == "0 customers (searched by the first 200 characters)", timeout=5000)
    assert listed(page) == []
    assert not page.banner.isVisible()  # no error said
    qtbot.keyClick(page.search_box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.search_box, Qt.Key.Key_Delete)
    ime_type(page.search_box, "山田")
    qtbot.waitUntil(lambda: listed(page) == ["山田 太郎"] and "searched by" not in page.count_text, timeout=5000)
