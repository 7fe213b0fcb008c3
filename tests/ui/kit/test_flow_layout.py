"""The flow layout: items in a row that wraps when the row is full; a search box takes the room left."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from agency_app.ui.kit.flow_layout import FlowLayout


def bar(qtbot, width: int):
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, spacing=10)
    buttons = [QPushButton(f"condition {n}") for n in range(4)]
    search = QLineEdit()
    for widget in (*buttons, search):
        flow.addWidget(widget)
    host.resize(width, flow.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    return host, flow, buttons, search


def test_items_stay_on_one_line_when_there_is_room_and_the_search_box_takes_the_rest(qtbot):
    host, flow, buttons, search = bar(qtbot, 2000)
    assert {b.y() for b in buttons} == {search.y()}
    assert search.geometry().right() == host.width() - 1  # the spare width, not only its size hint


def test_items_wrap_to_a_second_line_within_the_width_on_a_narrow_window(qtbot):
    wide = bar(qtbot, 2000)
    narrow = sum(b.sizeHint().width() for b in wide[2]) // 2
    host, flow, buttons, search = bar(qtbot, narrow)
    assert flow.heightForWidth(narrow) > flow.heightForWidth(2000)
    assert len({w.y() for w in (*buttons, search)}) >= 2
    assert all(w.geometry().right() < narrow for w in (*buttons, search))


def test_a_hidden_item_takes_no_room(qtbot):
    host, flow, buttons, search = bar(qtbot, 2000)
    buttons[1].hide()
    host.layout().activate()
    assert buttons[2].x() == buttons[0].geometry().right() + 1 + 10
