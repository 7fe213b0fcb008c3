"""The date fields: what was understood is said beside the field as it is typed; leaving makes it canonical."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from agency_app.domain.date_input import read_date, read_datetime
from agency_app.ui.kit.widgets import ERROR_COLOUR, FieldBox
from agency_app.ui.kit.date_fields import DateEdit, DateTimeEdit, draft_text
from form_fixtures import focused, ime_type, shown  # noqa: F401

NOW = datetime(2026, 12, 5, 14, 30)  # Saturday


def clock() -> datetime:
    return NOW


class Host(QWidget):
    """A date field in its FieldBox, and a second field to Tab to."""

    def __init__(self, field: DateTimeEdit):
        super().__init__()
        self.field, self.box, self.after = field, FieldBox(field, self), QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addWidget(self.after)


@pytest.fixture
def when(qtbot):
    host = shown(qtbot, Host(DateTimeEdit(clock=clock)))
    host.field.setFocus()
    return host


@pytest.fixture
def day(qtbot):
    host = shown(qtbot, Host(DateEdit(clock=clock)))
    host.field.setFocus()
    return host


def leave(qtbot, host: Host) -> None:
    qtbot.keyClick(host.field, Qt.Key.Key_Tab)
    assert focused() is host.after


def test_a_time_typed_is_repeated_with_its_day_and_weekday_and_becomes_canonical_on_leaving(qtbot, when):
    qtbot.keyClicks(when.field, "15")
    ime_type(when.field, "時")
    assert when.field.hint.text() == "→ Today 12/05(Sat) 15:00"
    assert when.field.hint.isVisible()
    leave(qtbot, when)
    assert when.field.text() == "2026/12/05 15:00"
    assert when.field.hint.text() == "→ Today 12/05(Sat) 15:00"


def test_a_time_already_past_says_tomorrow(qtbot, when):
    qtbot.keyClicks(when.field, "930")
    assert when.field.hint.text() == "→ Tomorrow 12/06(Sun) 09:30"
    leave(qtbot, when)
    assert when.field.text() == "2026/12/06 09:30"


@pytest.mark.parametrize("typed, shown_text, canonical", [
    ("+2h", "→ Today 12/05(Sat) 16:30", "2026/12/05 16:30"),
    ("1500", "→ Today 12/05(Sat) 15:00", "2026/12/05 15:00"),
    ("12/24 10:00", "→ 2026/12/24(Thu) 10:00", "2026/12/24 10:00"),
    ("2025/04/01 09:30", "→ 2025/04/01(Tue) 09:30", "2025/04/01 09:30"),
])
def test_keyed_forms(qtbot, when, typed, shown_text, canonical):
    qtbot.keyClicks(when.field, typed)
    assert when.field.hint.text() == shown_text
    assert when.field.value() == canonical  # what the form saves, even before the field is left
    leave(qtbot, when)
    assert when.field.text() == canonical


def test_half_typed_text_is_not_nagged_about_until_the_field_is_left(qtbot, when):
    for key in "2025/1":  # ('202' reads as 2:02 and says so in grey: a hint, not a complaint)
        qtbot.keyClicks(when.field, key)
        assert ERROR_COLOUR not in when.field.hint.styleSheet() or not when.field.hint.text()
    assert when.field.hint.text() == ""
    leave(qtbot, when)
    assert "Enter a date and time" in when.field.hint.text()
    assert ERROR_COLOUR in when.field.hint.styleSheet()
    assert when.field.text() == "2025/1"  # nothing typed is lost


def test_an_impossible_date_says_why_at_once(qtbot, when):
    qtbot.keyClicks(when.field, "2025/13/45 10:00")
    assert when.field.hint.text() == "The month must be 1 to 12 (typed: 13)."
    assert ERROR_COLOUR in when.field.hint.styleSheet()
    qtbot.keyClicks(when.field, "\b" * 16 + "25:00")
    assert when.field.hint.text() == "The hour must be 0 to 23 (typed: 25)."


def test_a_date_without_a_time_asks_for_the_time_on_leaving(qtbot, when):
    ime_type(when.field, "明日")
    assert when.field.hint.text() == ""
    leave(qtbot, when)
    assert when.field.hint.text() == "Add the time too (e.g. 10:00 or 10時)."


def test_an_era_date_in_a_date_field(qtbot, day):
    qtbot.keyClicks(day.field, "S15.3.2")
    assert day.field.hint.text() == "→ 1940/03/02(Sat)"
    leave(qtbot, day)
    assert day.field.text() == "1940/03/02"


def test_an_era_boundary_is_explained(qtbot, day):
    ime_type(day.field, "平成31年5月1日")
    assert day.field.hint.text() == "平成 ended on 平成31年4月30日 (2019/04/30)."


def test_the_error_under_the_field_is_not_repeated_beside_it(qtbot, day):
    qtbot.keyClicks(day.field, "2025/2/30")
    assert day.field.hint.text() == "2/2025 has only 28 days."
    day.box.set_error("2/2025 has only 28 days.")
    assert day.field.hint.text() == ""
    qtbot.keyClicks(day.field, "\b\b28")
    assert day.field.hint.text() == "→ 2025/02/28(Fri)"


def test_the_placeholders_are_examples_not_dates():
    for field, read in ((DateTimeEdit(clock=clock), lambda t: read_datetime(t, NOW)),
                        (DateEdit(clock=clock), lambda t: read_date(t, NOW.date()))):
        assert field.placeholderText().startswith("e.g.")
        assert not read(field.placeholderText()).ok


def test_a_draft_keeps_the_day_a_relative_entry_meant(qtbot, when):
    qtbot.keyClicks(when.field, "930")  # still in the field: the text says 930, the draft the day
    assert draft_text(when.field) == "2026/12/06 09:30"
    assert draft_text(when.after) == ""


def test_a_stored_value_is_shown_in_the_display_form(qtbot, when):
    when.field.set_stored("2025-04-01 09:30")
    assert when.field.text() == "2025/04/01 09:30"
    assert when.field.value() == "2025/04/01 09:30"


def test_a_field_outside_a_field_box_never_draws_its_hint_over_the_text(qtbot):
    field = shown(qtbot, DateEdit(clock=clock))
    qtbot.keyClicks(field, "R7.4.1")
    assert field.hint.text() == "→ 2025/04/01(Tue)"
    assert not field.hint.isVisible()


def test_an_error_under_the_field_goes_once_the_date_is_retyped(qtbot, day):
    """After a refused save the reason is under the field; retyping it must not leave that reason beside a
    grey '→ 2025/02/28(Fri)' saying the new text is fine (two contradicting messages on one field)."""
    qtbot.keyClicks(day.field, "2025/2/30")
    day.box.set_error("2/2025 has only 28 days.")
    qtbot.keyClicks(day.field, "\b\b28")
    assert day.field.hint.text() == "→ 2025/02/28(Fri)"
    assert not day.box.has_error()


def test_an_error_under_the_field_stays_when_leaving_only_tidies_the_text(qtbot, day):
    """Leaving the field rewrites '2/28' as '2027/02/28': not a correction, so a refusal's reason stays."""
    qtbot.keyClicks(day.field, "2/28")
    day.box.set_error("Due date before the receipt.")
    leave(qtbot, day)
    assert day.field.text() == "2027/02/28" and day.box.has_error()


def test_a_forms_own_example_is_never_cut_off(qtbot):
    """The birth date's 「例: S31.2.29 / 1956/2/29」 was set after the field was sized and showed as 「…1956/2/…」."""
    from agency_app.ui.kit.date_fields import DateEdit
    field = DateEdit()
    qtbot.addWidget(field)
    field.setPlaceholderText("e.g. S31.2.29 / 1956/2/29 (a longer example than the field's own)")
    assert field.minimumWidth() > field.fontMetrics().horizontalAdvance(field.placeholderText())
