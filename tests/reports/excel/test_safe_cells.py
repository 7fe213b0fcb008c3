"""Typed text in a cell: never read back as a formula, nothing openpyxl refuses, a cut text says so."""

from io import BytesIO

import openpyxl
from hypothesis import given, strategies as st
from openpyxl import Workbook

from agency_app.reports.excel.safe_cells import CELL_LIMIT, CUT_MARKER, cell_text

FORMULA_LIKE = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "\x01=", "\x00+"])
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())  # surrogates and control characters included


def written_and_read_back(texts: list[str]) -> list:
    """The texts through cell_text into a write-only workbook (as the exports write), read back by openpyxl."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("t")
    for text in texts:
        sheet.append([cell_text(text)])
    data = BytesIO()
    book.save(data)
    data.seek(0)
    read = openpyxl.load_workbook(data).active
    return [(row[0].value, row[0].data_type) for row in read.iter_rows()]


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(st.lists(st.one_of(st.text(ANY_CHARACTER), st.builds(str.__add__, FORMULA_LIKE, st.text(ANY_CHARACTER))),
                min_size=1, max_size=8))
def test_no_text_makes_openpyxl_fail_and_none_reads_back_as_a_formula(texts):
    for value, data_type in written_and_read_back(texts):
        assert data_type != "f"
        assert not str(value or "").startswith(("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠"))


@given(FORMULA_LIKE, st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20))
def test_a_formula_like_text_stays_visible_as_typed_after_a_quote(start, rest):
    typed = start + rest
    shown = cell_text(typed)
    assert shown.startswith("'")
    assert shown[1:] == typed.lstrip("\x00\x01")  # the removed control character only


def test_examples_as_a_reader_sees_them():
    assert cell_text("=HYPERLINK(\"http://x\",\"押して\")") == "'=HYPERLINK(\"http://x\",\"押して\")"
    assert cell_text("-3件") == "'-3件"
    assert cell_text("ご不満 =説明不足") == "ご不満 =説明不足"  # only a formula-like start is changed
    assert cell_text("折り返し\x07済\x1f") == "折り返し済"
    assert cell_text("改行\nと\r\nタブ\tは残る") == "改行\nと\r\nタブ\tは残る"
    assert cell_text(None) is None
    assert cell_text(12) == "12"


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=30),
       st.integers(min_value=-3, max_value=40))
def test_a_text_longer_than_a_cell_is_cut_and_says_so(piece, extra):
    # Built from a generated piece (Japanese, emoji counted twice by Excel) to land around the limit.
    typed = piece * (CELL_LIMIT // utf16_units(piece) + 1)
    typed = typed[: max(1, CELL_LIMIT + extra - (utf16_units(typed) - len(typed)))]
    shown = cell_text(typed)
    assert utf16_units(shown) <= CELL_LIMIT
    if utf16_units(typed) <= CELL_LIMIT - 1:  # room even for a quote: never cut
        assert not shown.endswith(CUT_MARKER) or typed.endswith(CUT_MARKER)
    if shown.removeprefix("'") != typed:
        assert shown.endswith(CUT_MARKER)
        kept = shown[: -len(CUT_MARKER)]
        assert typed.startswith(kept.removeprefix("'") if not typed.startswith("'") else kept)


def test_a_cut_text_is_written_and_read_back_with_its_marker():
    typed = "お客様の声😀" * 10_000
    (value, data_type), = written_and_read_back([typed])
    assert data_type == "s" and value.endswith(CUT_MARKER) and utf16_units(value) <= CELL_LIMIT
    assert typed.startswith(value[: -len(CUT_MARKER)])
    exact = "あ" * CELL_LIMIT
    assert cell_text(exact) == exact  # exactly the limit is kept whole
    assert cell_text(exact + "い").endswith(CUT_MARKER)


def test_characters_xml_cannot_hold_are_removed_so_the_export_does_not_fail():
    # A lone surrogate (text decoded badly somewhere) or U+FFFE/U+FFFF: lxml refuses to write them at all.
    assert written_and_read_back(["受付\ud800メモ\ufffe終\uffff"]) == [("受付メモ終", "s")]
