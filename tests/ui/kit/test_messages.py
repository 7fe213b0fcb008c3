"""Every validation code and storage error has its own sentence; parameters are filled in."""

from __future__ import annotations

from pathlib import Path

import pytest

from agency_app.domain import errors as E
from agency_app.domain.errors import FieldError
from agency_app.storage import errors as S
from agency_app.ui.kit.messages import field_error_text, field_label, storage_error_text

CODES = [E.REQUIRED, E.TOO_LONG, E.UNKNOWN_CHOICE, E.BAD_DATETIME, E.BAD_DATE, E.IN_FUTURE,
         E.DUE_BEFORE_RECEIPT, E.CALLBACK_BEFORE_RECEIPT, E.CALLBACK_NEEDS_STAFF,
         E.COMPLETION_BEFORE_RECEIPT, E.TRANSITION_NOT_ALLOWED, E.COMPLAINT_ONLY_FOR_DISSATISFACTION,
         "checklist_open", E.BAD_MONTH, E.BAD_DAY, E.BAD_HOUR, E.BAD_MINUTE, E.TIME_MISSING,
         E.ERA_BEFORE_START, E.ERA_AFTER_END]


def test_each_code_has_its_own_message(qapp):
    texts = [field_error_text(FieldError("x", code, {"max": 200, "count": 2})) for code in CODES]
    assert len(set(texts)) == len(CODES)
    assert "Please check" not in " ".join(texts)
    assert field_error_text(FieldError("summary", E.TOO_LONG, {"max": 200})) == "Too long (max 200 characters)."
    assert field_error_text(FieldError("received_at", E.BAD_DATETIME)) == \
        "Enter a date and time, e.g. 15:00, tomorrow 10:00, +2h or 2025/04/01 09:30."


def test_an_impossible_date_says_what_is_wrong_with_the_typed_numbers(qapp):
    assert field_error_text(FieldError("due_date", E.BAD_MONTH, {"month": 13})) == \
        "The month must be 1 to 12 (typed: 13)."
    assert field_error_text(FieldError("due_date", E.BAD_DAY, {"year": 2025, "month": 2, "last": 28})) == \
        "2/2025 has only 28 days."
    assert field_error_text(FieldError("due_date", E.BAD_DAY, {"month": 2, "last": 29})) == \
        "Month 2 has only 29 days."
    assert field_error_text(FieldError("birth_date", E.ERA_AFTER_END, {
        "era": "平成", "last": "2019/04/30", "last_era": "平成31年4月30日"})) == \
        "平成 ended on 平成31年4月30日 (2019/04/30)."


def test_an_unknown_code_still_gets_a_sentence(qapp):
    assert field_error_text(FieldError("x", "something_new")) == "Please check this field."


@pytest.mark.parametrize("error, words", [
    (S.DiskFull("disk full"), "not enough free disk space"),
    (S.ReadOnly("readonly"), "read-only"),
    (S.DatabaseLocked("locked"), "Another copy of the application"),
    (S.DatabaseCorrupt(Path("a.db"), "bad"), "damaged"),
    (S.DatabaseTooNew(Path("a.db"), 9, "2.0.0"), "2.0.0"),
    (S.CannotOpen(Path("a.db"), "no"), "a.db"),
    (S.StorageError("other"), "Please try again"),
])
def test_storage_errors_say_what_happened(qapp, error, words):
    assert words in storage_error_text(error)


def test_field_labels_cover_the_created_marker(qapp):
    assert field_label("*created") == "Created"
    assert field_label("no_such_field") == "no_such_field"


def test_each_kpi_code_has_its_own_message_with_its_figures(qapp):
    from agency_app.domain import kpi, kpi_definition, kpi_freeze, kpi_measures
    kpi_codes = [kpi.NEEDS_UNIT, kpi.PERCENT_OVER_100, kpi.BAD_PRINCIPLE, kpi.BAD_PLACES, kpi.BAD_SCORE,
                 kpi.BAD_GRADE, kpi.BAD_SCALE, kpi_measures.UNKNOWN_MEASURE, kpi_measures.PARAM_REQUIRED,
                 kpi_measures.PARAM_NOT_ALLOWED, kpi_measures.BAD_PARAM, kpi_measures.UNIT_MISMATCH,
                 kpi_freeze.PERIOD_NOT_ENDED, kpi_freeze.ALREADY_FINAL, kpi_freeze.NOT_FINAL,
                 kpi_freeze.UNFREEZE_NEEDS_REASON, kpi_freeze.INSIDE_FINAL, kpi_definition.BAD_TARGET,
                 kpi_definition.NEGATIVE_TARGET,
                 kpi_definition.BAD_YEAR, kpi_definition.DUPLICATE_TITLE, kpi_definition.FROZEN_DEFINITION,
                 kpi_definition.HAS_FROZEN_RESULTS, kpi_definition.YEAR_FIXED, kpi_definition.RESULT_FROZEN,
                 kpi_definition.NOT_HAND, kpi_definition.BAD_VALUE]
    texts = [field_error_text(FieldError("x", code)) for code in kpi_codes]
    assert len(set(texts)) == len(kpi_codes) and "Please check" not in " ".join(texts)
    assert field_error_text(FieldError("period", kpi_freeze.PERIOD_NOT_ENDED, {"first": "2025-10-01"})) == \
        "This period has not ended yet. It can be finalised from 2025/10/01."
    assert field_error_text(FieldError("unit", kpi_measures.UNIT_MISMATCH, {"unit": "%"})) == \
        "This measure is counted in %: use % as the unit."
    assert field_error_text(FieldError("period", kpi_freeze.INSIDE_FINAL, {"outer": "2025年度"})) == \
        "2025年度 is finalised and holds this period's figures. Unfreeze 2025年度 first."


@pytest.mark.parametrize("error", [S.ReadOnly("readonly"), S.DiskFull("full"), S.StorageError("odd")])
def test_a_list_that_cannot_be_read_does_not_speak_of_typed_input(error):
    from agency_app.ui.kit.page_list import list_error_text
    assert "still here" not in list_error_text(error)
    assert "still here" in storage_error_text(error)  # a form's save: what was typed is kept, and said so


def test_a_disk_error_says_what_to_do_and_names_free_space_only_when_a_write_was_refused(qapp, japanese):
    """SQLITE_IOERR_*: free space first when the system refused a write (a full disk), else a read/write failure;
    both say what to do (空き容量, ネットワークドライブ, 管理者). 'Still here' only where something was typed."""
    refused, failed = S.DiskIOError("disk I/O error", writing=True), S.DiskIOError("disk I/O error")
    at_open = storage_error_text(refused, typed=False)
    assert at_open.startswith("ディスクに書き込めませんでした。空き容量が足りない可能性があります。ディスクの空き容量")
    assert "ネットワークドライブ" in at_open and "管理者" in at_open and "画面に残" not in at_open
    read = storage_error_text(failed, typed=False)
    assert read.startswith("ディスクの読み書きでエラーが発生しました。") and "可能性" not in read
    assert storage_error_text(refused).endswith("入力内容は消えていません（画面に残っています）。")
