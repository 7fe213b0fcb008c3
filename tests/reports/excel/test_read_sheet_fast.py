"""The sheet reader's own XML parsing gives what openpyxl's read-only data_only reading gives, cell for cell."""

import re
import tracemalloc
from time import perf_counter
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from agency_app.reports.excel import read_sheet as S
from agency_app.reports.excel.read_sheet import SheetFileError, read_rows, sheet_names

# Date formats agencies' sheets carry: Excel's built-ins, ISO, 年月日 and 和暦 custom formats, a time, a duration.
DATE_FORMATS = ["yyyy/m/d", "mm-dd-yy", "yyyy-mm-dd", 'yyyy"年"m"月"d"日"', '[$-411]ggge"年"m"月"d"日"',
                '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@', "[$-411]ge.m.d", "m/d/yy h:mm", "h:mm:ss", "[h]:mm:ss",
                "d-mmm-yy", 'yyyy"年"m"月"']
NUMBER_FORMATS = ["General", "0", "0.00", "#,##0", "0.0%", '"受付"0"件"', "@", '[Red]"d"0']


def openpyxl_rows(path: Path, sheet: str | None = None) -> list[tuple]:
    """What openpyxl reads (read-only, cached values), as read_sheet read it before it parsed the XML itself."""
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        worksheet = book[sheet or book.sheetnames[0]]
        worksheet.reset_dimensions()
        return [tuple(row) for row in worksheet.iter_rows(values_only=True)]
    finally:
        book.close()


def both_readers(path: Path, sheet: str | None = None) -> tuple[list[tuple], list[tuple]]:
    """The rows by the fast reader and by the lxml reader (no merges in these sheets: those are read_rows' part)."""
    book = S._open(path)
    try:
        part = book[sheet or book.sheetnames[0]]
        return list(S._sheet_rows_fast(book, part)), list(S._sheet_rows_lxml(book, part))
    finally:
        book.close()


def assert_same_as_openpyxl(path: Path, sheet: str | None = None) -> list[tuple]:
    expected = openpyxl_rows(path, sheet)
    fast, careful = both_readers(path, sheet)
    assert fast == expected
    assert careful == expected
    assert list(read_rows(path, sheet)) == expected
    # Types too: 1 and True and 1.0 are equal in Python, not in a sheet.
    assert [[type(v) for v in row] for row in fast] == [[type(v) for v in row] for row in expected]
    return expected


def rewrite(path: Path, part: str, change) -> None:
    """Change one XML part of a saved workbook, as another writer (or Excel) would have written it."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts[part] = change(parts[part].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(parts: dict[str, bytes], sst: str) -> None:
    """Give a package (openpyxl writes every text inline) a shared strings part, as Excel writes texts."""
    parts["xl/sharedStrings.xml"] = sst.encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST_TYPE}"/></Types>').encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Type="{SST_REL}" Target="sharedStrings.xml" Id="rIdS"/></Relationships>'
    ).encode()


def inline_to_shared(path: Path) -> None:
    """Every inline text of the first sheet moved to shared strings."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    texts: list[str] = []

    def shared(match) -> str:
        texts.append(match.group(2))
        return f'{match.group(1)} t="s"><v>{len(texts) - 1}</v></c>'

    sheet = re.sub(r'(<c r="[A-Z]+\d+"(?: s="\d+")?) t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>',
                   shared, parts["xl/worksheets/sheet1.xml"].decode())
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with_shared_strings(parts, '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        + "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in texts) + "</sst>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


# Cell values of random grids; texts with what XML escapes, line ends, spaces, Japanese and Excel's own escapes.
texts = st.text(alphabet=st.sampled_from(list("aZ 09&<>\"'\n\t受付日令和㈱ｱｶﾞ①－_x005F")), min_size=0, max_size=12)
days = st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0))
cells = st.one_of(
    st.none(), st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False, width=32),
    texts, st.booleans(), days.map(lambda d: ("date", d)), st.integers(1, 3000000).map(lambda n: ("serial", n)),
    st.sampled_from(["=1+1", "=SUM(A1:A2)", '="x"&"y"']),
)
grids = st.lists(st.lists(cells, max_size=8), max_size=12)


def build(tmp_path: Path, grid, formats, epoch_1904: bool = False, sheet_title: str = "声") -> Path:
    book = Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = sheet_title
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            number_format = None
            if isinstance(value, tuple):
                kind, value = value
                number_format = formats[(r + c) % len(formats)] if kind == "date" else \
                    formats[(r * c) % len(formats)]
            cell = sheet.cell(r, c, value)
            if number_format:
                cell.number_format = number_format
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.number_format = NUMBER_FORMATS[(r + c) % len(NUMBER_FORMATS)]
    path = tmp_path / "grid.xlsx"
    book.save(path)
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=grids, formats=st.lists(st.sampled_from(DATE_FORMATS), min_size=1, max_size=4), epoch_1904=st.booleans(),
       no_refs=st.booleans(), shared=st.booleans())
def test_random_grids_read_as_openpyxl_reads_them(tmp_path, grid, formats, epoch_1904, no_refs, shared):
    path = build(tmp_path, grid, formats, epoch_1904)
    if shared:
        inline_to_shared(path)
    if no_refs:  # some writers leave out the cells' r= (each cell follows the one before)
        rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(r'(<c) r="[A-Z]+\d+"', r"\1", xml))
    assert_same_as_openpyxl(path)


def test_dates_in_every_format_come_back_as_openpyxl_gives_them(tmp_path):
    grid = [[("date", datetime(2025, 4, 1) + timedelta(days=d, hours=d % 3)) for d in range(len(DATE_FORMATS))]
            for _ in range(3)] + [[("serial", 45748), ("serial", 0.5), ("serial", 45748.25)]]
    for epoch_1904 in (False, True):
        rows = assert_same_as_openpyxl(build(tmp_path, grid, DATE_FORMATS, epoch_1904))
        assert any(isinstance(v, datetime) for v in rows[0])
        assert any(isinstance(v, timedelta) for v in rows[0])   # [h]:mm:ss: a duration, as openpyxl reads it
        assert rows[3][1] == time(12, 0)                         # a serial below 1 in a date format is a time


def test_a_1904_workbook_gives_the_same_days(tmp_path):
    grid = [[("date", datetime(2025, 4, 1))]]
    assert list(read_rows(build(tmp_path, grid, ["yyyy/m/d"], epoch_1904=True))) == [(datetime(2025, 4, 1),)]


def test_excels_japanese_built_in_date_formats_are_dates(tmp_path):
    """Ids 27–36 and 50–58 (和暦, 年月日) have no format code in the file; openpyxl reads them as plain numbers,
    the importer needs the day (an agency's Excel writes them for 令和7年4月1日)."""
    book = Workbook()
    for column in range(1, 6):
        book.active.cell(1, column, 45748).number_format = "yyyy/m/d"
    path = tmp_path / "wareki.xlsx"
    book.save(path)
    ids = iter(["28", "31", "57", "14", "3"])  # 和暦, 年月日, 和暦, m/d/yy (known to both), #,##0 (no date)
    rewrite(path, "xl/styles.xml",
            lambda xml: re.sub(r'(<xf [^>]*numFmtId=")(\d+)(")', lambda m: m.group(1) + (
                next(ids, m.group(2)) if m.group(2) != "0" else "0") + m.group(3), xml))
    styles = re.findall(r'<c r="[A-E]1" s="(\d+)"', zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode())
    assert len(set(styles)) == 1  # one style for the five cells: make each its own below
    rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        r'<c r="([A-E])1" s="\d+"', lambda m: f'<c r="{m.group(1)}1" s="{"ABCDE".index(m.group(1)) + 1}"', xml))
    rewrite(path, "xl/styles.xml", lambda xml: _five_styles(xml))
    row = list(read_rows(path))[0]
    assert row == (datetime(2025, 4, 1),) * 4 + (45748,)
    assert openpyxl_rows(path)[0] == (45748, 45748, 45748, datetime(2025, 4, 1), 45748)


def _five_styles(xml: str) -> str:
    """cellXfs with the default and five styles of numFmtId 28, 31, 57, 14, 3."""
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' + "".join(
        f'<xf numFmtId="{n}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        for n in (28, 31, 57, 14, 3))
    xml = re.sub(r'<numFmts[^>]*>.*?</numFmts>', "", xml, flags=re.S)
    return re.sub(r"<cellXfs[^>]*>.*?</cellXfs>", f'<cellXfs count="6">{xfs}</cellXfs>', xml, flags=re.S)


# A sheet as Excel and other writers save it, with what openpyxl cannot write: cached formula values (number,
# text, error, boolean), inline and rich strings, phonetic guides, cells and rows without r=, sparse and
# out-of-order cells, entities, CR LF, a date as ISO text.
SST = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
<si><t>受付日</t></si>
<si><r><rPr><b/></rPr><t>ご</t></r><r><t xml:space="preserve">不満 </t></r></si>
<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>A &amp; B &lt;x&gt; _x005F_x000D_</t></si>
<si><t/></si>
</sst>"""
ROWS = """<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>
<row r="2"><c r="A2" s="1"><f>DATE(2025,4,1)</f><v>45748</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c>
<c r="C2" t="e"><f>NA()</f><v>#N/A</v></c><c r="D2" t="b"><f>TRUE</f><v>1</v></c><c r="E2"><f>1/0</f></c>
<c r="F2" t="s"><v>3</v></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>インライン</t></is></c><c r="B4" t="inlineStr"><is><r><t>リッチ</t></r><r><rPr><i/></rPr><t>文字</t></r><rPh sb="0" eb="1"><t>ﾘｯﾁ</t></rPh></is></c>
<c r="C4" t="inlineStr"><is><t xml:space="preserve">  空白  </t></is></c><c r="D4" t="inlineStr"/><c r="E4" t="inlineStr"><is><t/></is></c></row>
<row><c t="s"><v>4</v></c><c><v>1.5</v></c><c><v>2E3</v></c><c s="1"><v>45749.5</v></c></row>
<row r="7"><c r="C7"><v>3</v></c><c r="A7"><v>1</v></c></row>
<row r="9"><c r="B9" t="d"><v>2025-04-01T09:30:00</v></c><c r="C9" t="inlineStr"><is><t>一行目\r\n二行目</t></is></c><c r="D9" s="1"/><c r="E9"><v></v></c></row>
<row r="8"><c r="A8"><v>99</v></c></row>
<row r="11"/>
<row r="12"><c r="B12" t="n"><v>-0.25</v></c></row>
<row/><row><c><v>5</v></c></row><row r="16"/>"""


def hand_made(tmp_path: Path, rows: str = ROWS, sheet_xml=None) -> Path:
    book = Workbook()
    book.active.title = "一覧"
    book.active["A1"] = "x"
    book.active["B1"] = "y"
    book.active["A2"] = 1
    book.active["A2"].number_format = "yyyy/m/d"
    second = book.create_sheet("令和7年度 受付簿")
    second["A1"] = "2枚目"
    path = tmp_path / "hand.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = re.sub(r"<sheetData>.*</sheetData>", lambda m: "<sheetData>" + rows + "</sheetData>", sheet, flags=re.S)
    if sheet_xml:
        sheet = sheet_xml(sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with_shared_strings(parts, SST)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_sheet_as_excel_saves_it_reads_as_openpyxl_reads_it(tmp_path):
    rows = assert_same_as_openpyxl(hand_made(tmp_path))
    assert rows[0] == ("受付日", "ご不満 ", None, "山田")                  # rich runs joined, the reading left out
    assert rows[1] == (datetime(2025, 4, 1), "a&b", "#N/A", True, None, "A & B <x> _x000D_")
    assert rows[2] == ()                                                  # a row Excel left out
    assert rows[3] == ("インライン", "リッチ文字", "  空白  ", None, "")
    assert rows[4] == ("", 1.5, 2000.0, datetime(2025, 4, 2, 12))        # no r=: each follows the one before
    assert rows[6] == (1,)                   # cells out of order: as wide as the last one, as openpyxl makes it
    assert rows[8][:3] == (None, datetime(2025, 4, 1, 9, 30), "一行目\n二行目")
    assert rows[10] == () and rows[11] == (None, -0.25)
    assert rows[12:] == [(), (5,), (), ()]   # empty rows count: one without r= follows the one before


def test_the_second_sheet_named_in_japanese_is_read(tmp_path):
    path = hand_made(tmp_path)
    assert sheet_names(path) == ["一覧", "令和7年度 受付簿"]
    assert assert_same_as_openpyxl(path, "令和7年度 受付簿") == [("2枚目",)]


@pytest.mark.parametrize("change", [
    lambda xml: xml.replace("<row r=\"4\">", "<!-- a note --><row r=\"4\">"),              # a comment
    lambda xml: xml.replace("<t>インライン</t>", "<t><![CDATA[インライン]]></t>"),           # CDATA
    lambda xml: re.sub(r"<(/?)(row|c|v|f|is|t|r|rPh)\b", r"<\1x:\2", xml).replace(         # a prefix
        "<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '),
])
def test_unusual_xml_is_read_the_careful_way_and_gives_the_same(tmp_path, change):
    path = hand_made(tmp_path, sheet_xml=change)
    book = S._open(path)
    try:
        assert not S._scan(book, book["一覧"]).plain
    finally:
        book.close()
    (tmp_path / "plain").mkdir()
    assert list(read_rows(path)) == openpyxl_rows(hand_made(tmp_path / "plain"))


def test_a_sheet_whose_xml_is_broken_is_corrupt_before_any_row(tmp_path):
    path = hand_made(tmp_path, sheet_xml=lambda xml: xml.replace("</row>\n<row r=\"4\">", "</row>\n<row r=\"4\"><c>"))
    rows = read_rows(path)
    with pytest.raises(SheetFileError) as raised:
        next(rows)  # said at once: no row of a broken sheet is given
    assert raised.value.code == S.CORRUPT


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_rows_cut_across_read_chunks_are_read_whole(tmp_path, monkeypatch, chunk):
    path = hand_made(tmp_path)
    expected = openpyxl_rows(path)
    monkeypatch.setattr(S, "_CHUNK", chunk)
    assert list(read_rows(path)) == expected


def test_merged_ranges_are_filled_by_the_fast_reader(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["表題"])
    sheet.merge_cells("A1:C1")
    sheet.append(["受付日", "内容", None])
    sheet.merge_cells("B2:C3")
    sheet.append([date(2025, 4, 1)])
    path = tmp_path / "merged.xlsx"
    book.save(path)
    assert list(read_rows(path)) == [("表題",) * 3, ("受付日", "内容", "内容"), (datetime(2025, 4, 1), "内容", "内容")]


def test_the_file_is_closed_after_reading(tmp_path):
    path = hand_made(tmp_path)
    list(read_rows(path))
    renamed = path.with_name("moved.xlsx")
    path.rename(renamed)  # on Windows a file left open cannot be renamed
    rows = read_rows(renamed)
    next(rows)
    rows.close()
    renamed.unlink()


def one_sheet(tmp_path: Path, rows_xml: str, name: str = "plain.xlsx") -> Path:
    """A workbook whose first sheet's <sheetData> is `rows_xml`, as another writer spells it."""
    book = Workbook()
    book.active["A1"] = "x"
    path = tmp_path / name
    book.save(path)
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda xml: re.sub(r"<sheetData>.*</sheetData>|<sheetData\s*/>", f"<sheetData>{rows_xml}</sheetData>",
                               xml, flags=re.S))
    return path


def test_a_sheet_damaged_inside_its_compressed_data_is_corrupt_not_a_traceback(tmp_path):
    # A file damaged on a USB stick or in a mail: the deflate stream itself is broken (zlib.error, no zip error).
    path = one_sheet(tmp_path, "".join(f'<row r="{i}"><c r="A{i}"><v>{i * 7919 % 10007}</v></c></row>'
                                       for i in range(1, 20000)))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    for at in range(start, start + 200):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(SheetFileError) as raised:
        list(read_rows(path))
    assert raised.value.code == S.CORRUPT and "壊れている" in raised.value.message


def test_a_workbook_part_damaged_inside_its_compressed_data_is_corrupt(tmp_path):
    path = one_sheet(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/workbook.xml"] += b"<!-- " + bytes(range(256)) * 64 + b" -->"  # enough deflate data to damage
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    for at in range(start, start + info.compress_size // 2):
        data[at] ^= 0x5A
    path.write_bytes(bytes(data))
    for reading in (lambda: sheet_names(path), lambda: list(read_rows(path))):
        with pytest.raises(SheetFileError) as raised:
            reading()
        assert raised.value.code == S.CORRUPT


def test_a_row_end_tag_with_a_space_is_read_not_dropped(tmp_path):
    # XML allows "</row >": the rows were cut at b"</row>" only, so every row of such a sheet was lost silently.
    path = one_sheet(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row ><row r="2"><c r="A2"><v>2</v></c></row\n>')
    assert openpyxl_rows(path) == [(1,), (2,)]
    assert list(read_rows(path)) == [(1,), (2,)]  # the careful way (the fast reader cuts at b"</row>")


def test_character_references_read_as_xml_reads_them(tmp_path):
    # html.unescape read &#128; as "€" (HTML's windows-1252 rule) and dropped &#127;; XML gives the characters.
    path = one_sheet(tmp_path, '<row r="1"><c r="A1" t="str"><v>&#128;&#x7f;&#150;&amp;copy&#x9;</v></c>'
                               '<c r="B1" t="inlineStr"><is><t>&#x80;&#13;x</t></is></c></row>')
    assert assert_same_as_openpyxl(path) == [("\x80\x7f\x96&copy\t", "\x80\rx")]


def test_a_long_stretch_without_rows_is_read_in_linear_time(tmp_path):
    # A 70 KB file whose sheet inflates to 64 MB of spaces after its row took 28 s (each 1 MB read copied all the
    # text since the last </row> twice): 256 MB took minutes, a zip bomb hung the window. Now a few seconds.
    path = tmp_path / "bomb.xlsx"
    source = one_sheet(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row>')
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    head, _, tail = parts.pop("xl/worksheets/sheet1.xml").partition(b"</row>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head + b"</row>")
            spaces = b" " * (1 << 20)
            for _ in range(64):
                sheet.write(spaces)
            sheet.write(tail)
    started = perf_counter()
    assert list(read_rows(path)) == [(1,)]
    assert perf_counter() - started < 8


@pytest.mark.parametrize("rows_xml", [
    '<row r="1"><c r="A1"><v>1</v></c></row><row r="2000000000"><c r="A2"><v>2</v></c></row>',
    '<row r="1"><c r="A1"><v>1</v></c></row><!-- the careful way --><row r="2000000000"/>',
])
def test_a_row_number_past_excels_last_row_is_corrupt_not_hours_of_empty_rows(tmp_path, rows_xml):
    # A 2 KB file with r="2000000000" gave two billion empty rows (minutes of the reader, then the importer's).
    path = one_sheet(tmp_path, rows_xml)
    rows = read_rows(path)
    assert next(rows) == (1,)
    started = perf_counter()
    with pytest.raises(SheetFileError) as raised:
        for _ in rows:
            pass
    assert raised.value.code == S.CORRUPT and perf_counter() - started < 1


def test_excels_last_row_is_still_read(tmp_path):
    path = one_sheet(tmp_path, '<row r="1048576"><c r="A1048576"><v>1</v></c></row>')
    rows = list(read_rows(path))
    assert len(rows) == 1_048_576 and rows[-1] == (1,)


def test_whole_column_merges_cost_no_memory_per_row_covered(tmp_path):
    # Ten merges A1:A1048576 … J1:J1048576 in a 2 KB file took 1 GB and 7 s (an entry per row each covers):
    # a few dozen such merges would stop the import for want of memory.
    path = one_sheet(tmp_path, '<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="B3"><v>2</v></c></row>')
    merges = "".join(f'<mergeCell ref="{column}1:{column}1048576"/>' for column in "ABCDEFGHIJ")
    rewrite(path, "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace("</sheetData>", f'</sheetData><mergeCells count="10">{merges}</mergeCells>'))
    tracemalloc.start()
    try:
        rows = list(read_rows(path))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rows == [(1,) + (None,) * 9, (1,) + (None,) * 9, (1,) + (None,) * 9]
    assert peak < 20 * 1024 * 1024
