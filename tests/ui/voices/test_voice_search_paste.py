"""A thousand words pasted into the voices' search box: the list answers and says it searched by the first words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication



def test_a_thousand_pasted_words_give_a_count_and_say_the_search_was_cut(qtbot, window):
    QApplication.clipboard().setText(" ".join(chr(0x4E00 + i) for i in range(1000)))
    edit = window.filter_bar.search_edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.filter_bar.count_label.text()
                    == "0 voices (searched by the first 30 words, 200 characters each)", timeout=10000)
    qtbot.keyClick(edit, Qt.Key.Key_Escape)  # Esc clears the search: every voice again, no note
    qtbot.waitUntil(lambda: window.search.is_idle() and window.filter_bar.count_label.text().endswith("voices"),
                    timeout=5000)
