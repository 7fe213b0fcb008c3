"""Any list as Excel (voices, cases, elderly records, customers): exactly the rows the screen lists for its filter, in its order, streamed page by page, personal data masked unless asked (R31)."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator

from agency_app.domain import cases as C
from agency_app.domain import labels_ja as ja
from agency_app.domain.customer import parse_product_lines
from agency_app.domain.erasure import replace_name, replace_phone
from agency_app.domain.periods import now_tokyo
from agency_app.domain.progress import UNATTENDED, JobControl
from agency_app.reports.excel.workbook_style import COUNT, DATE, Column, ExcelBook, PageHeader
from agency_app.reports.insurer_report import MASK
from agency_app.storage.case_list import CASE_LIST, CaseFilter
from agency_app.storage.customer_list import CUSTOMER_LIST, CustomerFilter
from agency_app.storage.database import read_snapshot
from agency_app.storage.elderly_list import ELDERLY_LIST, ElderlyFilter
from agency_app.storage.voice_filter import VoiceFilter
from agency_app.storage.voice_query import VOICE_LIST

KINDS = ("voices", "cases", "elderly", "customers")
TITLES = {"voices": "お客様の声の一覧", "cases": "対応案件の一覧", "elderly": "高齢者対応記録の一覧",
          "customers": "お客様の一覧"}
# Read a page at a time through the screen's own keyset query: the screen's rows in the screen's order, and at
# most the query's page cache (16 pages) in memory, whatever the list's length.
PAGE_SIZE = 500
# The case types' Japanese as the cases tab shows them (their labels live in the UI's translations).
CASE_TYPE = {C.RENEWAL: "満期更改", C.ADDRESS_CHANGE: "住所変更", C.NAME_CHANGE: "名義変更",
             C.VEHICLE_CHANGE: "車両入替", C.OTHER_CHANGE: "その他の変更", C.CANCELLATION: "解約",
             C.CLAIM: "事故（保険金請求）", C.DOCUMENT_REQUEST: "資料請求", C.AFTERCARE: "アフターフォロー"}
HEADER_FILTER_MAX = 120  # characters of the filter in the printed page header (Excel holds 255 in all three parts)


def _day(stored: str | None) -> date | None:
    """A stored 'YYYY-MM-DD…' as a date cell; None (empty) when missing or unreadable."""
    if not stored:
        return None
    try:
        return date.fromisoformat(stored[:10])
    except ValueError:
        return None


def _minute(stored: str | None) -> str:
    return stored[:16].replace("-", "/").replace("T", " ") if stored else ""


def _slash(day: date | None) -> str:
    return day.strftime("%Y/%m/%d") if day else ""


def _age(birth: str | None, on: date) -> int | None:
    from agency_app.domain.age import age_on
    born = _day(birth)
    return age_on(born, on) if born and born <= on else None


def _private(show: bool) -> Callable[[object], object]:
    """A cell value of personal data: itself with personal data, else ＊＊＊ (nothing when empty)."""
    if show:
        return lambda value: value if value not in (None, "") else None
    return lambda value: MASK if value not in (None, "") else None


def _scrub(text: str | None, name: str | None, show: bool) -> str | None:
    """A typed text with the record's customer's name in it (a case titled 「事故（山田 太郎 様）」) masked as
    the name column is, whichever space (half-width, the IME's full-width, none) stands between family and given
    name; other names typed freely cannot be recognised and stay (domain/erasure.py, shared with the erasure)."""
    return text if show else replace_name(text, name, MASK)


def _scrub_phone(text: str | None, phone: str | None, show: bool) -> str | None:
    """A typed text with a known phone number in it masked as the phone column is, however its digits are
    grouped (090-1234-5678, 090 1234 5678, 090(1234)5678, 09012345678)."""
    return text if show else replace_phone(text, phone, MASK)


def _scrub_person(text: str | None, name: str | None, phone: str | None, show: bool) -> str | None:
    """A typed text with a person's name and phone number masked, as their own columns are."""
    return _scrub_phone(_scrub(text, name, show), phone, show)


def _in(conn: sqlite3.Connection, sql: str, uids: list[str]) -> list[sqlite3.Row | tuple]:
    """Rows of `sql` whose '{uids}' placeholder is the page's uids (at most PAGE_SIZE parameters)."""
    return conn.execute(sql.format(uids=", ".join("?" * len(uids))), uids).fetchall()


# --- voices -------------------------------------------------------------------------------------

VOICE_COLUMNS = (
    Column("受付日", 11, DATE), Column("拠点", 7), Column("種別", 7), Column("分類", 14), Column("保険会社", 10),
    Column("お客様名", 10), Column("要旨", 20), Column("内容", 32), Column("対応内容", 32), Column("状況", 7),
    Column("担当", 9), Column("期限", 11, DATE), Column("折り返し", 11), Column("完了日", 11, DATE),
    Column("見送り理由", 14),
)
_VOICE_TEXTS = ("SELECT v.uid, v.insurer, v.body, v.response, v.completed_on, v.close_reason "
                "FROM voices v WHERE v.uid IN ({uids})")


def _voice_rows(conn, rows, names: dict, private, show: bool) -> Iterator[list]:
    texts = {r[0]: r[1:] for r in _in(conn, _VOICE_TEXTS, [row.uid for row in rows])}
    for v in rows:
        insurer, body, response, completed_on, close_reason = texts.get(v.uid, (None, "", "", None, None))
        kind = ja.label(ja.KIND, v.kind) + (f"（{ja.COMPLAINT}）" if v.is_complaint else "")
        category = " / ".join(part for part in (v.category_group, v.category_item) if part)
        callback = _minute(v.callback_at) + ("（済）" if v.callback_at and v.callback_done else "")
        yield [_day(v.received_at), names.get(v.branch_code, v.branch_code), kind, category, insurer,
               private(v.customer_name), _scrub(v.summary, v.customer_name, show), _scrub(body, v.customer_name, show),
               _scrub(response, v.customer_name, show), ja.label(ja.STATUS, v.status), v.assignee_name,
               _day(v.due_date), callback, _day(completed_on), _scrub(close_reason, v.customer_name, show)]


# --- cases --------------------------------------------------------------------------------------

CASE_COLUMNS = (
    Column("受付日", 11, DATE), Column("種別", 12), Column("件名", 20), Column("お客様", 10), Column("保険会社", 10),
    Column("担当", 9), Column("期限", 11, DATE), Column("進捗", 6), Column("状況", 7), Column("内容", 32),
    Column("対応内容", 32), Column("完了日", 11, DATE), Column("見送り理由", 14),
)
_CASE_TEXTS = ("SELECT c.uid, c.insurer, c.body, c.response, c.completed_on, c.close_reason, cu.phone "
               "FROM cases c LEFT JOIN customers cu ON cu.uid = c.customer_id WHERE c.uid IN ({uids})")


def _case_rows(conn, rows, names: dict, private, show: bool) -> Iterator[list]:
    texts = {r[0]: r[1:] for r in _in(conn, _CASE_TEXTS, [row["uid"] for row in rows])}
    for c in rows:
        insurer, body, response, completed_on, close_reason, phone = texts.get(c["uid"], (None, "", "", None, None, ""))
        total = c["total_steps"]
        progress = f"{total - c['open_steps']}/{total}" if total else ""
        name = c["customer_name"]
        title, body, response, close_reason = (_scrub_person(text, name, phone, show)
                                               for text in (c["title"], body, response, close_reason))
        yield [_day(c["opened_on"]), CASE_TYPE.get(c["case_type"], c["case_type"]), title,
               private(c["customer_name"]), insurer, c["assignee_name"], _day(c["due_date"]), progress,
               ja.label(ja.STATUS, c["status"]), body, response, _day(completed_on), close_reason]


# --- elderly records ------------------------------------------------------------------------------

ELDERLY_COLUMNS = (
    Column("申込日", 11, DATE), Column("お客様", 10), Column("フリガナ", 10), Column("生年月日", 11),
    Column("年齢", 5, COUNT), Column("商品", 11), Column("保険会社", 10), Column("商品名", 12), Column("面談", 6),
    Column("対応方法", 10), Column("状態", 7), Column("期限", 11, DATE), Column("募集人", 9), Column("親族", 10),
    Column("続柄", 6), Column("お客様のご意見", 24), Column("備考", 24),
)
_ELDERLY_TEXTS = ("SELECT e.uid, e.insurer, e.product_name, e.relative_name, e.relative_relation, "
                  "e.customer_comment, e.notes, cu.phone FROM elderly_sales e "
                  "LEFT JOIN customers cu ON cu.uid = e.customer_id WHERE e.uid IN ({uids})")


def _elderly_rows(conn, rows, names: dict, private, show: bool) -> Iterator[list]:
    texts = {r[0]: r[1:] for r in _in(conn, _ELDERLY_TEXTS, [row["uid"] for row in rows])}
    for e in rows:
        insurer, product, relative, relation, comment, notes, phone = texts.get(e["uid"], (None, "", "", "", "", "", ""))
        # The customer's and the relative's names (and the customer's phone) are masked in the typed texts too.
        comment, notes = (_scrub(_scrub_person(text, e["customer_name"], phone, show), relative, show)
                          for text in (comment, notes))
        yield [_day(e["sale_date"]), private(e["customer_name"]), private(e["customer_kana"]),
               private(_slash(_day(e["birth_date"]))), e["age"], ja.label(ja.PRODUCT_LINE, e["product_line"]),
               insurer, product, "対面" if e["face_to_face"] else "非対面",
               ja.label(ja.MEASURE, e["measure"]) if e["measure"] else ja.NO_MEASURE,
               "完了" if e["is_complete"] else "未完了", None if e["is_complete"] else _day(e["due_date"]),
               e["seller_name"], private(relative), relation, comment, notes]


# --- customers ------------------------------------------------------------------------------------

CUSTOMER_COLUMNS = (
    Column("氏名", 12), Column("フリガナ", 12), Column("生年月日", 11), Column("年齢", 5, COUNT), Column("電話", 13),
    Column("郵便番号", 9), Column("住所", 24), Column("保有商品", 16), Column("拠点", 7), Column("親族連絡先", 22),
    Column("備考", 28), Column("更新日", 11, DATE),
)
_CUSTOMER_TEXTS = "SELECT cu.uid, cu.phone, cu.postal_code, cu.notes FROM customers cu WHERE cu.uid IN ({uids})"
_RELATIVES = ("SELECT r.customer_id, r.relative_name, r.relation, r.phone, r.outcome FROM relative_contacts r "
              "WHERE r.customer_id IN ({uids}) ORDER BY r.recorded_on, r.rowid")


def _customer_rows(conn, rows, names: dict, private, today: date, show: bool) -> Iterator[list]:
    uids = [row["uid"] for row in rows]
    texts = {r[0]: r[1:] for r in _in(conn, _CUSTOMER_TEXTS, uids)}
    relatives: dict[str, list[str]] = {}
    known: dict[str, list[tuple[str, str]]] = {}  # each customer's relatives' names and phones, masked in notes too
    for customer_id, name, relation, phone, outcome in _in(conn, _RELATIVES, uids):
        parts = [private(name) or "", f"（{relation}）" if relation else "", f" {private(phone)}" if phone else "",
                 f" {ja.label(ja.OUTCOME, outcome)}"]
        relatives.setdefault(customer_id, []).append("".join(parts).strip())
        known.setdefault(customer_id, []).append((name, phone))
    for cu in rows:
        phone, postal, notes = texts.get(cu["uid"], ("", "", ""))
        notes = _scrub_person(notes, cu["name"], phone, show)
        for relative, relative_phone in known.get(cu["uid"], ()):
            notes = _scrub_person(notes, relative, relative_phone, show)
        lines = "、".join(ja.label(ja.PRODUCT_LINE, code) for code in parse_product_lines(cu["product_lines"]))
        yield [private(cu["name"]), private(cu["kana"]), private(_slash(_day(cu["birth_date"]))),
               _age(cu["birth_date"], today), private(phone), private(postal), private(cu["address"]), lines,
               names.get(cu["branch_code"], cu["branch_code"]), "\n".join(relatives.get(cu["uid"], [])) or None,
               notes, _day(cu["updated_at"])]


# --- the filter in words ----------------------------------------------------------------------------

def describe(kind: str, flt, staff: dict[str, str] | None = None, *, with_personal_data: bool = True,
             branches: dict[str, str] | None = None) -> str:
    """The filter as a reader of the workbook should see it, e.g. 「状況: 対応中、期間: 2025/04/01〜2025/06/30」;
    「条件なし（すべて）」 when nothing narrows the list. Typed text that finds customers by name (every list's search
    box does: the voices' searches their customer's name too) is itself personal data: shown as ＊＊＊ unless
    `with_personal_data`. `staff` and `branches` give the names of the uids and codes the filter holds."""
    staff, branches = staff or {}, branches or {}
    parts: list[str] = []

    def typed(text: str) -> None:
        if text.strip():
            shown = text.strip() if with_personal_data else MASK
            parts.append(f"検索語: {shown}")

    if kind == "voices":
        assert isinstance(flt, VoiceFilter)
        if flt.period is not None:
            parts.append(f"期間: {_slash(flt.period.start)}〜{_slash(flt.period.end)}")
        if flt.kinds:
            parts.append("種別: " + "、".join(ja.label(ja.KIND, k) for k in flt.kinds))
        if flt.category_group or flt.category_item:
            parts.append("分類: " + " / ".join(p for p in (flt.category_group, flt.category_item) if p))
        if flt.statuses:
            parts.append("状況: " + "、".join(ja.label(ja.STATUS, s) for s in flt.statuses))
        if flt.open_only:
            parts.append("未完了（未対応・対応中）のみ")
        if flt.overdue_only:
            parts.append("期限超過のみ")
        if flt.branch_code:
            parts.append(f"拠点: {branches.get(flt.branch_code, flt.branch_code)}")
        if flt.staff_uid:
            parts.append(f"担当・受付: {staff.get(flt.staff_uid, flt.staff_uid)}")
        typed(flt.text)
    elif kind == "cases":
        assert isinstance(flt, CaseFilter)
        if flt.status:
            parts.append("状況: " + {"open": "未完了", "closed": "完了・見送り"}.get(
                flt.status, ja.label(ja.STATUS, flt.status)))
        if flt.case_type:
            parts.append(f"種別: {CASE_TYPE.get(flt.case_type, flt.case_type)}")
        if flt.assignee_id:
            parts.append(f"担当: {staff.get(flt.assignee_id, flt.assignee_id)}")
        if flt.overdue_only:
            parts.append("期限超過のみ")
        if flt.customer_id:
            parts.append("お客様を指定")
        typed(flt.text)
    elif kind == "elderly":
        assert isinstance(flt, ElderlyFilter)
        if flt.start or flt.end:
            parts.append(f"申込日: {_slash(flt.start)}〜{_slash(flt.end)}")
        if flt.open_only:
            parts.append("未完了のみ")
        if flt.seller_id:
            parts.append(f"募集人: {staff.get(flt.seller_id, flt.seller_id)}")
        if flt.customer_id:
            parts.append("お客様を指定")
        typed(flt.text)
    elif kind == "customers":
        assert isinstance(flt, CustomerFilter)
        typed(flt.text)
    else:
        raise ValueError(f"unknown list {kind!r}")
    if kind != "voices" and flt.branch_code:  # the voices' is among their conditions, as their filter bar has it
        parts.insert(0, f"拠点: {branches.get(flt.branch_code, flt.branch_code)}")
    return "、".join(parts) or "条件なし（すべて）"


# --- the workbook ---------------------------------------------------------------------------------

_SPECS = {"voices": (VOICE_LIST, VOICE_COLUMNS, VoiceFilter), "cases": (CASE_LIST, CASE_COLUMNS, CaseFilter),
          "elderly": (ELDERLY_LIST, ELDERLY_COLUMNS, ElderlyFilter),
          "customers": (CUSTOMER_LIST, CUSTOMER_COLUMNS, CustomerFilter)}


def screen_pages(conn: sqlite3.Connection, kind: str, list_filter, *, sort: str | None = None,
                 descending: bool | None = None) -> Iterator[list]:
    """The screen's rows for `list_filter`, page by page, through the same keyset query the screen reads, in the
    screen's order (its default, or the column the user sorted by)."""
    spec = _SPECS[kind][0]
    page_size = PAGE_SIZE
    query = spec.query(conn, list_filter, sort=sort, descending=descending, page_size=page_size)
    index = 0
    while True:
        rows = query.page(index)
        if rows:
            yield rows
        if len(rows) < page_size:
            return
        index += 1


def write_list_workbook(conn: sqlite3.Connection, path: Path, kind: str, list_filter, *,
                        with_personal_data: bool = False, control: JobControl = UNATTENDED,
                        title_note: str = "", sort: str | None = None, descending: bool | None = None) -> int:
    """Write the list `kind` selected by `list_filter` (the screen's own filter object) to `path`; return the rows
    written. `sort`/`descending`: the order the screen shows when the user sorted by a column (the list's own
    sort names, e.g. "status" for voices); by default the list's order. Stopped (中止) or any failure leaves no
    file (and the old one, if any, as it was)."""
    if kind not in _SPECS:
        raise ValueError(f"unknown list {kind!r}")
    filter_type = _SPECS[kind][2]
    if not isinstance(list_filter, filter_type):
        raise TypeError(f"{kind} takes a {filter_type.__name__}, not {type(list_filter).__name__}")
    # One read transaction from the count to the last page: a record another window changes meanwhile (a case
    # closed, a voice given another status) would otherwise move past the pages read and be written twice, or
    # before them and be left out; the workbook is the list as it stood when the export began.
    with read_snapshot(conn):
        return _write(conn, path, kind, list_filter, with_personal_data, control, title_note, sort, descending)


def _write(conn: sqlite3.Connection, path: Path, kind: str, list_filter, with_personal_data: bool,
           control: JobControl, title_note: str, sort: str | None, descending: bool | None) -> int:
    spec, columns, _ = _SPECS[kind]
    made = now_tokyo()
    staff = dict(conn.execute("SELECT uid, name FROM staff"))
    branches = dict(conn.execute("SELECT code, name FROM branches"))
    private = _private(with_personal_data)
    title = TITLES[kind] + (f"（{title_note}）" if title_note else "")
    words = describe(kind, list_filter, staff, with_personal_data=with_personal_data, branches=branches)
    what = f"{TITLES[kind]}を書いています"
    book = ExcelBook()
    try:
        control.step(0, 0, what)
        total = spec.query(conn, list_filter).count()
        header_words = words if len(words) <= HEADER_FILTER_MAX else words[:HEADER_FILTER_MAX - 1] + "…"
        sheet = book.list_sheet(TITLES[kind], columns,
                                PageHeader(title, header_words, f"作成 {made:%Y/%m/%d %H:%M}"))
        done = 0
        for rows in screen_pages(conn, kind, list_filter, sort=sort, descending=descending):
            if kind == "voices":
                values = _voice_rows(conn, rows, branches, private, with_personal_data)
            elif kind == "cases":
                values = _case_rows(conn, rows, staff, private, with_personal_data)
            elif kind == "elderly":
                values = _elderly_rows(conn, rows, staff, private, with_personal_data)
            else:
                values = _customer_rows(conn, rows, branches, private, made.date(), with_personal_data)
            sheet.extend(values)
            done += len(rows)
            control.step(done, max(total, done), what)
        _about_sheet(book, title, words, done, made, with_personal_data)
        control.step(done, max(total, done), "保存しています")
        book.save(path)
    except BaseException:
        book.discard()
        raise
    return done


def _about_sheet(book: ExcelBook, title: str, words: str, rows: int, made: datetime, personal: bool) -> None:
    """A second sheet saying what the list is: the list, its filter in words, how many rows, when, and whether
    personal data is in it — what a receiver asks first, and what the first sheet's frozen header has no room for."""
    about = book.list_sheet("出力条件", (Column("項目", 14), Column("内容", 90)), PageHeader(title, "出力条件"))
    about.extend([
        ("一覧", title), ("条件", words), ("件数", f"{rows:,} 件"), ("作成日時", f"{made:%Y/%m/%d %H:%M}"),
        ("個人情報", "含みます（取り扱いにご注意ください）" if personal
         else "お客様名・フリガナ・生年月日・電話番号・住所・親族の氏名と電話番号は伏せています（＊＊＊）"),
    ])
