"""Importing voices from an agency's own sheet: the dry run row by row, then all rows or none, never twice."""

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from agency_app.domain import codes
from agency_app.domain.periods import Period
from agency_app.domain.progress import JobControl, Stopped
from agency_app.reports.excel import sheet_import as SI
from agency_app.reports.excel.import_match import category_value
from agency_app.reports.excel.import_voices import NOTE_HEADING
from agency_app.domain.taxonomy import Category
from agency_app.storage import records
from agency_app.storage.voice_counts import dissatisfaction_by_category, voices_by_kind
from agency_app.storage.voice_filter import VoiceFilter
from agency_app.storage.voice_query import VoiceQuery


def with_cached_values(path: Path, values: dict[str, str]) -> None:
    """Give formulas the results Excel would have saved with them (openpyxl writes formulas without one)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    for ref, value in values.items():
        xml, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\1\2<v>{value}</v>", xml)
        assert count == 1, ref
    parts["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


HEADER = ["受付日\n(必須)", "種 別", "分類", "内容", "", "対応状況", "完了日", "担当", "保険会社"]


@pytest.fixture
def messy(tmp_path) -> Path:
    """Title block with a merged title, a merged 内容 header over two columns, 和暦 and serial dates, blank and
    total rows, a date by formula with its cached value."""
    book = Workbook()
    sheet = book.active
    sheet.title = "R7年度"
    sheet.append(["お客様の声 管理表"])
    sheet.merge_cells("A1:I1")
    sheet.append(["作成: 本部"])
    sheet.append([])
    sheet.append(HEADER)                                                                           # row 4
    sheet.merge_cells("D4:E4")
    sheet.append([datetime(2025, 4, 1), "ご不満", "保険金関連", "支払いが遅いと電話", None, "完了", "R7.4.3",
                  "佐藤", "東京海上日動"])                                                          # row 5
    sheet.append(["令和7年4月10日", "お褒め", None, "説明が丁寧だった", None, "対応済", None, "さとう いちろう",
                  None])                                                                            # 6
    sheet.append([])                                                                                # 7
    sheet.append(["=DATE(2025,4,12)", "要望", "変更・解約・保全関連", "Web で住所変更したい", None, "対応中", None,
                  "鈴木 次郎", "損害保険ジャパン"])                                                 # 8
    sheet.append([45760, "苦情", "個人情報関連", "書類の送付先違い", None, "見送り", "2025/4/20", None, None])  # 9
    sheet.append(["R7.4.15", "クレーム(重)", "謎の分類", "対応が遅い", None, "未対応", None, "田中", "謎保険"])  # 10
    sheet.append(["2025/13/1", "不満", None, "日付が変", None, None, None, None, None])             # 11
    sheet.append(["合計", "=COUNTA(B5:B11)"])                                                       # 12
    path = tmp_path / "声.xlsx"
    book.save(path)
    with_cached_values(path, {"A8": "45759", "B12": "7"})
    return path


def plan(store, path, **choices):
    return SI.plan_import(store.conn, SI.TARGET_VOICES, path, SI.ImportChoices(**choices))


def by_number(result: SI.ImportPlan) -> dict[int, SI.PlannedRow]:
    return {row.number: row for row in result.rows}


def counts(store) -> tuple[int, int, int]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("voices", "imports", "imported_rows"))


def test_the_dry_run_says_row_by_row_what_would_happen_and_writes_nothing(store, staff, messy):
    result = plan(store, messy)
    assert result.header_row == 4 and result.sheet == "R7年度" and result.sheets == ("R7年度",)
    assert ("保険会社", "insurer") in result.columns
    rows = by_number(result)
    assert {n: r.action for n, r in rows.items()} == {
        5: SI.ADD, 6: SI.ADD, 7: SI.SKIP, 8: SI.ADD, 9: SI.ADD, 10: SI.REJECT, 11: SI.REJECT, 12: SI.SKIP}
    assert rows[5].line.startswith("5行目: 取込 2025-04-01 不満 完了")
    assert "対応内容が記録されていません" in rows[5].notes         # R7 lacks: imported all the same, with a note
    assert "見送りの理由が記録されていません" in rows[9].notes
    assert any("クレーム(重)" in p for p in rows[10].problems)
    assert any("謎の分類" in p for p in rows[10].problems) is False   # a row is judged by the reader first
    assert "2025/13/1" in rows[11].problems[0]
    assert all(r.problems for r in result.rows if r.action == SI.REJECT)
    assert all(r.line.startswith(f"{r.number}行目") for r in result.rows)
    assert counts(store) == (0, 0, 0)
    unknown = {(u.field, u.value): u for u in result.unknown_values}
    assert ("kind", "クレーム(重)") in unknown
    assert ("dissatisfaction", "不満") in unknown[("kind", "クレーム(重)")].choices


def test_an_import_stores_voices_as_the_application_would_and_history_without_a_made_up_due_date(
        store, staff, messy):
    result = SI.apply_import(store, plan(store, messy), by=staff["manager"])
    assert (result.added, result.already, result.rejected) == (4, 0, 2)
    voices = {v["summary"]: v for v in records.dicts(store.conn.execute("SELECT * FROM voices"))}
    closed = voices["支払いが遅いと電話"]
    assert closed["received_at"] == "2025-04-01 00:00" and closed["status"] == codes.STATUS_DONE
    assert closed["completed_on"] == "2025-04-03" and closed["completed_by"] == staff["sato"]   # 佐藤 alone
    assert closed["assignee_id"] == staff["sato"] and closed["insurer"] == "東京海上日動"
    assert closed["due_date"] is None            # closed history: no due date computed now (R23 omissions)
    assert closed["body"].startswith(NOTE_HEADING) and "対応内容が記録されていません" in closed["body"]
    assert closed["created_by"] == staff["manager"] and closed["branch_code"] == "HQ"
    praise = voices["説明が丁寧だった"]
    assert praise["assignee_id"] == staff["sato"]                    # by kana, spaces and width folded
    assert praise["completed_on"] == "2025-04-10"                    # no 完了日: the day received, with a note
    assert "完了日の代わりに受付日を完了日とします" in praise["body"]
    open_voice = voices["Web で住所変更したい"]
    assert open_voice["received_at"].startswith("2025-04-12")        # the formula's cached value
    assert open_voice["due_date"] == "2025-04-19"                    # R8: an open voice has its due date
    dropped = voices["書類の送付先違い"]
    assert dropped["is_complaint"] == 1 and dropped["status"] == codes.STATUS_DROPPED
    assert dropped["close_reason"] and dropped["completed_on"] == "2025-04-20"
    assert counts(store) == (4, 1, 4)
    history = store.conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'voices' AND field = '*created'")
    assert history.fetchone()[0] == 4
    imports = records.dicts(store.conn.execute("SELECT * FROM imports"))[0]
    assert (imports["target"], imports["file_name"], imports["sheet"], imports["rows_added"]) == (
        "voices", "声.xlsx", "R7年度", 4)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(store, staff, messy):
    SI.apply_import(store, plan(store, messy), by=staff["manager"])
    again = plan(store, messy)
    assert again.count(SI.ALREADY) == 4 and again.count(SI.ADD) == 0
    assert "取り込み済み" in by_number(again)[5].line
    result = SI.apply_import(store, again, by=staff["manager"])
    assert (result.added, result.already) == (0, 4)
    assert counts(store) == (4, 1, 4)


def test_two_imports_planned_together_add_the_rows_once(store, staff, messy):
    first, second = plan(store, messy), plan(store, messy)
    SI.apply_import(store, first, by=staff["manager"])
    result = SI.apply_import(store, second, by=staff["manager"])   # its dry run saw none of them imported
    assert (result.added, result.already) == (0, 4)
    assert counts(store) == (4, 1, 4)


def test_the_mapping_table_makes_unknown_values_importable(store, staff, messy):
    mapping = {"kind": {"クレーム(重)": "complaint"},
               "category": {"謎の分類": category_value(Category("その他"))},
               "insurer": {"謎保険": ""}, "assignee": {"田中": staff["suzuki"]}}
    first = plan(store, messy)
    assert {(u.field, u.value) for u in first.unknown_values} >= {("kind", "クレーム(重)")}
    second = by_number(plan(store, messy, value_mapping={"kind": mapping["kind"]}))[10]
    # Once the kind is known, the row's category and insurer are matched, and are unknown in turn.
    assert second.action == SI.REJECT and any("謎の分類" in p for p in second.problems)
    assert any("謎保険" in p for p in second.problems)
    row = by_number(plan(store, messy, value_mapping=mapping))[10]
    assert row.action == SI.ADD
    assert row.values["is_complaint"] == 1 and row.values["category_group"] == "その他"
    assert row.values["insurer"] is None and row.values["assignee_id"] == staff["suzuki"]


def test_an_unknown_staff_name_is_imported_without_the_staff_and_the_name_kept_in_the_note(store, staff, tmp_path):
    book = Workbook()
    book.active.append(["受付日", "種別", "内容", "担当"])
    book.active.append(["2025/5/1", "要望", "駐車場がほしい", "田中"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = plan(store, path)
    row = result.rows[0]
    assert row.action == SI.ADD and row.values["assignee_id"] is None
    assert any("田中" in n for n in row.notes)
    assert [(u.field, u.value, u.rows) for u in result.unknown_values] == [("assignee", "田中", 1)]
    SI.apply_import(store, result, by=None)
    assert "田中" in store.conn.execute("SELECT body FROM voices").fetchone()[0]


def test_names_repeated_on_many_rows_are_matched_on_each_and_every_row_counted(store, staff, tmp_path):
    """A sheet repeats its few names on every row (the importer matches each distinct one once)."""
    book = Workbook()
    book.active.append(["受付日", "種別", "分類", "内容", "担当", "保険会社", "お客様名"])
    for n in range(6):
        book.active.append(["2025/5/1", "要望", "保険金関連" if n % 2 else "謎の分類", f"ＡＢＣ１２３（至急）ｶﾞｽ{n}",
                            "田中" if n < 2 else "さとう", "謎保険" if n < 3 else "東京海上日動", "ﾔﾏﾀﾞ"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = plan(store, path)
    assert [row.action for row in result.rows] == [SI.REJECT, SI.REJECT, SI.REJECT, SI.ADD, SI.REJECT, SI.ADD]
    assert [(u.field, u.value, u.rows) for u in result.unknown_values] == [
        ("assignee", "田中", 2), ("category", "謎の分類", 3), ("insurer", "謎保険", 3)]
    assert all(any("謎保険" in p for p in row.problems) for row in result.rows[:3])
    assert [row.values["assignee_id"] for row in result.rows] == [None, None] + [staff["sato"]] * 4
    assert result.rows[5].values["summary"] == "ABC123（至急）ガス5"           # one width, 「（）」 kept
    assert result.rows[5].values["customer_name"] == "ヤマダ"
    # A mapping written in another width or spacing of the sheet's value applies to every row carrying it.
    mapped = plan(store, path, value_mapping={"insurer": {"謎　保険": "東京海上日動", "謎保険": ""},
                                             "category": {"謎 の 分類": ""}})
    assert [row.action for row in mapped.rows] == [SI.ADD] * 6
    assert [row.values["insurer"] for row in mapped.rows] == ["東京海上日動"] * 6   # the first alike wins
    assert [(u.field, u.value, u.rows) for u in mapped.unknown_values] == [("assignee", "田中", 2)]


def test_a_sheet_without_a_header_row_says_so_and_which_headers_it_looks_for(store, staff, tmp_path):
    book = Workbook()
    for n in range(5):
        book.active.append(["メモ", n, "なにか"])
    path = tmp_path / "no-header.xlsx"
    book.save(path)
    result = plan(store, path)
    assert result.header_row is None and not result.importable
    assert "見出しの行が見つかりません" in result.message and "受付日" in result.message
    assert SI.apply_import(store, result, by=None).added == 0
    assert counts(store) == (0, 0, 0)


def test_a_failure_midway_writes_nothing(store, staff, messy, monkeypatch):
    calls = []
    real = records.insert_row

    def failing(conn, table, row):
        calls.append(table)
        if len(calls) == 3:
            raise RuntimeError("disk went away")
        real(conn, table, row)
    monkeypatch.setattr(records, "insert_row", failing)
    with pytest.raises(RuntimeError):
        SI.apply_import(store, plan(store, messy), by=staff["manager"])
    assert len(calls) == 3
    assert counts(store) == (0, 0, 0)
    assert store.conn.execute("SELECT count(*) FROM audit_log WHERE entity = 'voices'").fetchone()[0] == 0


def test_stopping_writes_nothing(store, staff, messy):
    asked = []

    def stop_on_second_ask() -> bool:
        asked.append(1)
        return len(asked) >= 2
    result = plan(store, messy)
    with pytest.raises(Stopped):
        SI.apply_import(store, result, by=staff["manager"], control=JobControl(should_stop=stop_on_second_ask))
    assert counts(store) == (0, 0, 0)


def test_progress_is_reported_at_least_every_thousand_rows(store, staff, tmp_path):
    book = Workbook()
    book.active.append(["受付日", "種別", "内容"])
    for n in range(2500):
        book.active.append([date(2025, 4, 1 + n % 28), "要望", f"要望 {n}"])
    path = tmp_path / "many.xlsx"
    book.save(path)
    seen = []
    control = JobControl(progress=lambda done, total, what: seen.append((done, what)))
    result = SI.plan_import(store.conn, SI.TARGET_VOICES, path, control=control)
    reading = [done for done, what in seen if what == SI.READING]
    assert reading[:3] == [0, 1000, 2000]
    seen.clear()
    assert SI.apply_import(store, result, by=None, control=control).added == 2500
    assert [done for done, _what in seen] == [0, 1000, 2000, 2500]


def test_an_imported_voice_counts_in_the_counts_and_is_found_by_the_search(store, staff, messy):
    SI.apply_import(store, plan(store, messy), by=staff["manager"])
    q1 = Period(2025, "quarter", 1)
    kinds = voices_by_kind(store.conn, q1)
    assert (kinds.by_kind[codes.KIND_DISSATISFACTION], kinds.by_kind[codes.KIND_PRAISE]) == (2, 1)
    assert kinds.complaints == 1
    by_category = {c.group: c.count for c in dissatisfaction_by_category(store.conn, q1).rows}
    assert by_category["保険金関連"] == 1
    found = VoiceQuery(store.conn, VoiceFilter(text="住所変更", today=date(2025, 11, 20))).first_page()
    assert [row.summary for row in found] == ["Web で住所変更したい"]
    words = VoiceQuery(store.conn, VoiceFilter(text="支払", today=date(2025, 11, 20))).first_page()
    assert [row.summary for row in words] == ["支払いが遅いと電話"]
    assert store.conn.execute("SELECT count(*) FROM voices_words_pending").fetchone()[0] == 0


def test_a_row_received_in_the_future_is_refused(store, staff, tmp_path):
    book = Workbook()
    book.active.append(["受付日", "種別", "内容"])
    book.active.append(["2099/1/1", "要望", "未来"])
    path = tmp_path / "future.xlsx"
    book.save(path)
    row = plan(store, path).rows[0]
    assert row.action == SI.REJECT and "未来" in row.problems[0]


def test_the_template_has_the_headers_the_importer_finds(store, staff, tmp_path):
    from openpyxl import load_workbook
    path = tmp_path / "template.xlsx"
    SI.write_template(path, SI.TARGET_VOICES)
    book = load_workbook(path)
    assert book.sheetnames == ["お客様の声", "記入例"]
    blank, example = book.worksheets
    assert blank.freeze_panes == "A2" and blank.max_row == 1 and blank["A1"].font.name == "游ゴシック"
    assert example["A2"].font.i and example["A2"].font.color.rgb.endswith("808080")
    assert blank.column_dimensions["F"].width == 40
    result = SI.plan_import(store.conn, SI.TARGET_VOICES, path, SI.ImportChoices(sheet="記入例"))
    assert result.header_row == 1 and not {name for _h, name in result.columns} - {name for name, _l in result.fields}
    assert [r.action for r in result.rows] == [SI.ADD]


# Text a workbook can hold (openpyxl refuses control characters, as Excel does).
CELLS = st.one_of(st.none(), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12), st.integers(-10, 3_000_000), st.floats(allow_nan=False,
                  allow_infinity=False), st.dates(date(1900, 3, 1), date(2100, 1, 1)),
                  st.sampled_from(["完了", "見送り", "苦情", "合計", "R7.4.1", "令和元年5月1日", "佐藤", "保険金関連",
                                   "=1+1", "", "　"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=8))
def test_no_cells_crash_the_dry_run_and_every_rejected_row_says_why(store, staff, tmp_path_factory, rows):
    book = Workbook()
    book.active.append(HEADER)
    for cells in rows:
        book.active.append(cells)
    path = tmp_path_factory.mktemp("prop") / "p.xlsx"
    book.save(path)
    result = plan(store, path)
    for row in result.rows:
        assert row.action in (SI.ADD, SI.ALREADY, SI.SKIP, SI.REJECT)
        assert row.line
        if row.action == SI.REJECT:
            assert row.problems and all(p.strip() for p in row.problems)


def test_a_staff_name_written_in_the_everyday_kanji_finds_the_staff_registered_in_the_old_form(store, staff, tmp_path):
    from agency_app.storage.masters import MasterData
    takahashi = MasterData(store).save_staff(name="髙橋 健", kana="たかはし けん", team="損保", branch_code="HQ")
    book = Workbook()
    book.active.append(["受付日", "種別", "内容", "担当", "対応状況"])
    book.active.append(["2025/5/1", "要望", "駐車場がほしい", "高橋", "対応中"])
    book.active.append(["2025/5/2", "要望", "駐輪場もほしい", "高橋 健", "対応中"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = plan(store, path)
    assert [row.values["assignee_id"] for row in result.rows] == [takahashi, takahashi]
    assert result.unknown_values == () and all(not row.notes for row in result.rows)


def test_a_body_longer_than_the_screen_allows_is_cut_with_a_note_and_the_voice_can_still_be_edited(
        store, staff, tmp_path):
    from agency_app.domain.voice import BODY_MAX
    from agency_app.storage.voices import VoiceRepository
    book = Workbook()
    book.active.append(["受付日", "種別", "内容", "詳細", "対応状況", "担当"])
    book.active.append(["2025/5/1", "要望", "長い申出", "あ" * (BODY_MAX + 500), "対応中", "佐藤"])
    book.active.append(["2025/5/2", "要望", "長い申出と注記", "い" * BODY_MAX, "完了", "佐藤"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = plan(store, path)
    assert [row.action for row in result.rows] == [SI.ADD, SI.ADD]
    for row in result.rows:
        assert any("詳細" in note and str(BODY_MAX) in note for note in row.notes)
    SI.apply_import(store, result, by=staff["manager"])
    repo = VoiceRepository(store)
    for uid, body in store.conn.execute("SELECT uid, body FROM voices ORDER BY received_at"):
        assert len(body) <= BODY_MAX and NOTE_HEADING in body and str(BODY_MAX) in body
        repo.update(uid, repo.as_input(uid), by=staff["manager"])          # the screen's save takes it as it is
    second = store.conn.execute("SELECT body FROM voices WHERE summary = '長い申出と注記'").fetchone()[0]
    assert "対応内容が記録されていません" in second                        # the R7 note is not cut away


def test_a_closed_imported_voice_without_a_due_date_can_be_edited_on_the_screen_and_keeps_none(store, staff, messy):
    from agency_app.domain.errors import ValidationFailed
    from agency_app.domain.workflow import StatusChange
    from agency_app.storage.voices import VoiceRepository
    SI.apply_import(store, plan(store, messy), by=staff["manager"])
    repo = VoiceRepository(store)
    uid = store.conn.execute("SELECT uid FROM voices WHERE summary = '支払いが遅いと電話'").fetchone()[0]
    entry = repo.as_input(uid)
    repo.update(uid, type(entry).from_dict({**entry.__dict__, "summary": "支払いが遅いと電話（誤字修正）"}),
                by=staff["manager"])
    after = repo.get(uid)
    assert after["summary"] == "支払いが遅いと電話（誤字修正）" and after["due_date"] is None  # R23: no made-up lateness
    with pytest.raises(ValidationFailed):   # a due date typed into a closed voice is still refused
        repo.update(uid, type(entry).from_dict({**repo.as_input(uid).__dict__, "due_date": "2025-04-05"}),
                    by=staff["manager"])


def test_full_width_letters_and_half_width_kana_are_stored_as_the_screen_stores_them_and_found(store, staff, tmp_path):
    book = Workbook()
    book.active.append(["受付日", "種別", "内容", "詳細", "お客様名", "対応状況"])
    book.active.append(["2025/5/1", "要望", "ＡＢＣ１２３の件", "ｶﾞｲﾄﾞの再送", "ﾔﾏﾀﾞ ﾀﾛｳ", "対応中"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    SI.apply_import(store, plan(store, path), by=staff["manager"])
    voice = records.dicts(store.conn.execute("SELECT summary, body, customer_name FROM voices"))[0]
    assert voice == {"summary": "ABC123の件", "body": "ガイドの再送", "customer_name": "ヤマダ タロウ"}
    found = VoiceQuery(store.conn, VoiceFilter(text="ABC123", today=date(2025, 11, 20))).first_page()
    assert [row.summary for row in found] == ["ABC123の件"]


def test_a_header_of_two_rows_with_merged_cells_is_read_as_one_and_its_second_row_is_no_voice(store, staff, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["お客様の声 一覧"])
    sheet.append(["受付日", "種別", "分類", None, "内容", "対応状況", "担当"])
    sheet.append([None, None, "大分類", "小分類", None, None, None])
    for ref in ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3"):
        sheet.merge_cells(ref)
    sheet.append(["2025/5/1", "ご不満", "保険金関連", "支払遅延", "支払いが遅い", "対応中", "佐藤"])
    path = tmp_path / "a.xlsx"
    book.save(path)
    result = plan(store, path, value_mapping={"category": {"保険金関連 ／ 支払遅延": "保険金関連"}})
    assert result.header_row == 3
    assert ("大分類", "category_group") in result.columns and ("小分類", "category_item") in result.columns
    assert ("受付日", "received_at") in result.columns
    assert [(row.number, row.action) for row in result.rows] == [(4, SI.ADD)]
    assert result.unknown_values == ()
    unmapped = plan(store, path)
    assert [u.value for u in unmapped.unknown_values] == ["保険金関連 ／ 支払遅延"]   # the 小分類 is read, not lost


def test_serial_numbers_of_a_1904_workbook_are_counted_from_1904(store, staff, tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    book = Workbook()
    book.epoch = CALENDAR_MAC_1904           # a workbook made on an old Mac: its serials count from 1904-01-01
    book.active.append(["受付日", "種別", "内容", "対応状況", "完了日", "期限"])
    book.active.append([44286, "要望", "日付の列が数値のまま", "完了", "44288", 44289])   # 2025-04-01, -03, -04
    book.active.append([datetime(2025, 4, 2), "要望", "日付の書式の列", "対応中", None, None])
    path = tmp_path / "mac.xlsx"
    book.save(path)
    rows = plan(store, path).rows
    assert rows[0].values["received_at"] == "2025-04-01 00:00" and rows[0].values["completed_on"] == "2025-04-03"
    assert rows[0].values["due_date"] == "2025-04-04"
    assert rows[1].values["received_at"] == "2025-04-02 00:00"


def test_a_sheet_in_the_applications_own_voice_list_layout_keeps_its_body_and_two_level_category(
        store, staff, tmp_path):
    from agency_app.reports.excel.list_export import VOICE_COLUMNS
    book = Workbook()
    book.active.append([column.header for column in VOICE_COLUMNS])
    # 受付日 拠点 種別 分類 保険会社 お客様名 要旨 内容 対応内容 状況 担当 期限 折り返し 完了日 見送り理由
    book.active.append([datetime(2025, 5, 1), "本店", "不満（苦情）", "募集業務 / ご契約の引受制限に関するもの", None, None, "支払いが遅い",
                        "先月請求したがまだ振り込まれないとのこと", "確認中", "対応中", "佐藤 一郎",
                        datetime(2025, 5, 8), None, None, None])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = plan(store, path)
    assert dict(result.columns)["要旨"] == "summary" and dict(result.columns)["内容"] == "body"
    row = result.rows[0]
    assert row.action == SI.ADD, row.problems
    assert row.values["summary"] == "支払いが遅い" and row.values["body"].startswith("先月請求したが")
    assert (row.values["category_group"], row.values["category_item"]) == ("募集業務", "ご契約の引受制限に関するもの")
    assert row.values["is_complaint"] == 1


def test_a_dry_run_pauses_the_cycle_collector_and_leaves_it_as_it_found_it(store, messy):
    """Its millions of short-lived cells hold no cycles (the collector walking them cost a tenth of the time)."""
    import gc
    assert gc.isenabled()
    during: list[bool] = []
    SI.plan_import(store.conn, SI.TARGET_VOICES, messy,
                   control=JobControl(progress=lambda done, total, what: during.append(gc.isenabled())))
    assert during and not any(during) and gc.isenabled()
    with pytest.raises(Stopped):
        SI.plan_import(store.conn, SI.TARGET_VOICES, messy, control=JobControl(should_stop=lambda: True))
    assert gc.isenabled()                                  # stopped: put back all the same
    gc.disable()
    try:
        plan(store, messy)
        assert not gc.isenabled()                          # paused by the caller: stays so
    finally:
        gc.enable()
