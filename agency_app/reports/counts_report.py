"""The counts report (集計): voices by kind and category, status by origin, elderly sales, relative contacts, omissions,
improvements by branch and voices still waiting for a voice day's decision by team."""

from __future__ import annotations

import sqlite3

from agency_app.domain import codes
from agency_app.domain import labels_ja as ja
from agency_app.domain.counting import CountTable, share
from agency_app.domain.periods import Period
from agency_app.domain.status_history import BUCKETS, DONE, DROPPED, OPEN
from agency_app.reports.report import BODY, DATE, PART, SHARE, TEXT, TOTAL, Column, RecordRef, Report, Row, Section
from agency_app.storage import counts as K
from agency_app.storage.database import read_snapshot
from agency_app.storage.improvement_counts import (
    ImprovementCounts, WaitingVoices, improvement_counts, waiting_voices,
)
from agency_app.storage.status_by_origin import CARRIED_OVER, RECEIVED, StatusByOrigin, status_by_origin
from agency_app.storage.voice_counts import (
    CategoryCounts, KindCounts, dissatisfaction_by_category, voices_by_kind,
)

TITLE = "お客様の声・対応状況の集計"
LIST_LIMIT = 500  # rows of the omission list: enough to work through, cheap to build at a million voices
TOTAL_LABEL = "計"
SHARE_LABEL = "構成比"
ROUNDING_NOTE = "構成比は件数から計算し小数第1位に四捨五入しているため、合計が100.0%にならないことがあります。"
BUCKET_LABELS = {DONE: ja.STATUS["done"], DROPPED: ja.STATUS["dropped"], OPEN: ja.STATUS["in_progress"]}


def counts_report(conn: sqlite3.Connection, period: Period, branch_code: str | None = None, *,
                  list_limit: int = LIST_LIMIT) -> Report:
    """Count everything for one period and branch (None: all) and lay it out; reads only, in one call, from one
    state of the database (a save committed meanwhile is in every table or in none)."""
    with read_snapshot(conn):
        omissions = K.follow_up_omissions(conn, period, branch_code)
        sections = [
            kind_section(voices_by_kind(conn, period, branch_code)),
            *category_sections(dissatisfaction_by_category(conn, period, branch_code)),
            status_section(status_by_origin(conn, period, branch_code), period),
            elderly_section(K.elderly_sales_counts(conn, period, branch_code)),
            relatives_section(K.relative_contact_counts(conn, period, branch_code)),
            omission_section(omissions),
            improvement_section(improvement_counts(conn, period, branch_code), period, _branch_names(conn)),
            waiting_section(waiting_voices(conn, period, branch_code)),
            omission_list_section(omissions, list_limit),
        ]
        name = K.branch_name(conn, branch_code) if branch_code else None
    return Report(TITLE, period, branch_code, name, tuple(sections))


def kind_section(counts: KindCounts) -> Section:
    whole = counts.total
    rows = []
    for kind in codes.KINDS:
        n = counts.by_kind.get(kind, 0)
        rows.append(Row(ja.KIND[kind], (n, share(n, whole))))
        if kind == codes.KIND_DISSATISFACTION:
            rows.append(Row(f"うち{ja.COMPLAINT}", (counts.complaints, share(counts.complaints, whole)), PART))
    rows.append(Row(TOTAL_LABEL, (whole, share(whole, whole)), TOTAL))
    return Section("voices_by_kind", "お客様の声（種別）", "種別", (Column("件数"), Column(SHARE_LABEL, SHARE)),
                   tuple(rows), (f"受付日で集計しています。うち{ja.COMPLAINT}は、不満のうち{ja.COMPLAINT}と判断したものです。",
                                 ROUNDING_NOTE))


def category_sections(counts: CategoryCounts) -> list[Section]:
    """不満 by group (a one-level taxonomy has only these), and by item within its group for a two-level one."""
    whole = counts.total
    columns = (Column("件数"), Column(SHARE_LABEL, SHARE), Column(f"うち{ja.COMPLAINT}"))
    note = "不満（苦情を含む）を、受付日で、受付時に記録した分類のまま集計しています（分類の変更で過去の記録は変わりません）。"
    groups = counts.by_group()
    rows = [Row(g.group or "未分類", (g.count, share(g.count, whole), g.complaints)) for g in groups]
    rows.append(Row(TOTAL_LABEL, (whole, share(whole, whole), sum(g.complaints for g in groups)), TOTAL))
    if not counts.two_level:
        return [Section("dissatisfaction_by_category", "不満の分類別件数", "分類", columns, tuple(rows),
                        (note, ROUNDING_NOTE))]
    by_group = Section("dissatisfaction_by_category", "不満の分類別件数（大分類）", "大分類", columns, tuple(rows),
                       (note, ROUNDING_NOTE))
    group_total = {g.group: g.count for g in groups}
    items = [Row(f"{r.group or '未分類'} ／ {r.item or '（小分類なし）'}",
                 (r.count, share(r.count, group_total[r.group]), r.complaints)) for r in counts.rows]
    items.append(Row(TOTAL_LABEL, (whole, None, sum(g.complaints for g in groups)), TOTAL))
    by_item = Section("dissatisfaction_by_item", "不満の分類別件数（小分類）", "大分類 ／ 小分類",
                      (Column("件数"), Column("大分類内の構成比", SHARE), Column(f"うち{ja.COMPLAINT}")), tuple(items),
                      ("構成比は、その大分類の件数に対する割合です。", ROUNDING_NOTE))
    return [by_group, by_item]


def status_section(counts: StatusByOrigin, period: Period) -> Section:
    """Seed 000's table: carried over / received in the period × 完了 / 見送り / 対応中, shares of each row."""
    columns = []
    for b in BUCKETS:
        columns += [Column(BUCKET_LABELS[b]), Column(SHARE_LABEL, SHARE)]
    rows = []
    for origin, label, role in ((CARRIED_OVER, "前期からの繰越", BODY), (RECEIVED, "期間内の受付", BODY),
                                (None, TOTAL_LABEL, TOTAL)):
        whole = counts.count(origin)
        values = []
        for b in BUCKETS:
            n = counts.count(origin, b)
            values += [n, share(n, whole)]
        rows.append(Row(label, (*values, whole), role))
    return Section("status_by_origin", "対応状況（繰越・新規）", "区分", (*columns, Column(TOTAL_LABEL)), tuple(rows), (
        f"前期からの繰越は、期間より前に受け付け、期間の初日に未完了だった声（期間中に再開したものを含む）です。"
        f"対応状況は期間末日"
        f"（{period.end:%Y/%m/%d}）時点で、それより後に完了・再開したものも末日の状況で数えます。"
        f"{BUCKET_LABELS[OPEN]}には{ja.STATUS['new']}を含みます。",
        "構成比は各行の計に対する割合で、件数から計算し小数第1位に四捨五入しています"
        "（合計が100.0%にならないことがあります）。"))


def elderly_section(table: CountTable) -> Section:
    """Seed 004's layout: 生保・損保 and 団体 side by side, with how many records are complete."""
    merged = table.merged({"life_nonlife": ("life", "nonlife"), "group": ("group",)})
    rows = []
    for measure in K.ELDERLY_ROWS:
        whole = merged.row_total(measure)
        if measure == K.NO_MEASURE and not whole.total:
            continue  # shown only while some record has no measure yet
        label = ja.NO_MEASURE if measure == K.NO_MEASURE else ja.MEASURE[measure]
        rows.append(Row(label, (merged.cell(measure, "life_nonlife").total, merged.cell(measure, "group").total,
                                whole.total, whole.complete, whole.incomplete)))
    grand = merged.grand_total()
    rows.append(Row(TOTAL_LABEL, (merged.column_total("life_nonlife").total, merged.column_total("group").total,
                                  grand.total, grand.complete, grand.incomplete), TOTAL))
    line = f"{ja.PRODUCT_GROUP['life']}・{ja.PRODUCT_GROUP['nonlife']}"
    return Section("elderly_sales", "高齢者対応件数", "対応方法", tuple(Column(c) for c in (
        line, ja.PRODUCT_GROUP["group"], TOTAL_LABEL, "うち完了", "うち未完了")), tuple(rows), (
        "高齢のお客様へのご契約件数です（申込日で集計）。未完了の記録は引き続き対応が必要です。",))


def relatives_section(counts: K.RelativeCounts) -> Section:
    registered, declined = ja.OUTCOME["registered"], ja.OUTCOME["declined"]
    columns = [Column(f"{registered}（{ja.OBTAINED_BY[b]}）") for b in K.OBTAINED_BY]
    columns += [Column(f"{registered} {TOTAL_LABEL}"), Column(declined)]
    rows = [Row(ja.PRODUCT_GROUP[g] if g else TOTAL_LABEL,
                (*(counts.count("registered", g, b) for b in K.OBTAINED_BY), counts.count("registered", g),
                 counts.count("declined", g)), TOTAL if g is None else BODY) for g in (*K.GROUPS, None)]
    return Section("relative_contacts", "親族連絡先登録", "種目", tuple(columns), tuple(rows), ("記録日で集計しています。",))


def omission_section(found: K.Omissions) -> Section:
    kinds = ("voice", "case")
    rows = [Row(ja.OMISSION_REASON[r], (*(found.count(r, k) for k in kinds), found.count(r)))
            for r in K.OMISSION_REASONS]
    rows.append(Row("対象件数", (*(len({x.uid for x in found.records if x.kind == k}) for k in kinds),
                                found.records_affected), TOTAL))
    return Section("omissions", "対応漏れ", "理由", (*(Column(ja.RECORD_KIND[k]) for k in kinds),
                                                   Column(TOTAL_LABEL)), tuple(rows), (
        "お客様の声は受付日、対応案件も受付日で集計し、期限を過ぎてから完了・見送りにしたもの、完了後に再開したものを"
        "数えます。対象件数は、どちらかに当たる記録の数です（両方に当たる記録は1件）。",))


def omission_list_section(found: K.Omissions, limit: int = LIST_LIMIT) -> Section:
    """The omissions one by one, each row naming its record; cut at `limit` rows with a note saying so."""
    shown = found.records[:limit]
    rows = tuple(Row(ja.OMISSION_REASON[x.reason], (ja.RECORD_KIND[x.kind], x.due_date, x.closed_on,
                                                     ja.label(ja.STATUS, x.status), x.title),
                     record=RecordRef(x.kind, x.uid)) for x in shown)
    notes = (f"全 {len(found.records):,} 件のうち、最初の {len(shown):,} 件を表示しています。",) \
        if len(shown) < len(found.records) else ()
    return Section("omission_list", "対応漏れの一覧", "理由", (
        Column("種類", TEXT), Column("期限", DATE), Column("完了日・再開日", DATE), Column("現在の状況", TEXT),
        Column("件名", TEXT)), rows, notes, listing=True)


def _branch_names(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT code, name FROM branches"))


def improvement_section(counts: ImprovementCounts, period: Period, names: dict[str, str]) -> Section:
    """R12's KPI: improvements opened in the period, done (完了) in it, and still open on its last day, by branch."""
    rows = [Row(f"{names[code]}（{code}）" if names.get(code, code) != code else code, (opened, done, still))
            for code, opened, done, still in counts.rows]
    rows.append(Row(TOTAL_LABEL, tuple(sum(row[k] for row in counts.rows) for k in (1, 2, 3)), TOTAL))
    return Section("improvements_by_branch", "改善（拠点別）", "拠点",
                   (Column("期間中に起票"), Column(f"期間中に{ja.STATUS['done']}"), Column("期末に未完了")),
                   tuple(rows), (
        f"起票日・完了日で集計しています。{ja.STATUS['done']}には{ja.STATUS['dropped']}を含みません。"
        f"期末に未完了は、期間末日（{period.end:%Y/%m/%d}）までに起票され、その日に{ja.STATUS['done']}・"
        f"{ja.STATUS['dropped']}になっていなかった改善です。",))


NO_TEAM_LABEL = "（チームなし）"


def waiting_section(counts: WaitingVoices) -> Section:
    """R14: voices received in the period that no closed voice day has gone through yet, by team."""
    rows = [Row(team or NO_TEAM_LABEL, (received, waiting, share(waiting, received)))
            for team, received, waiting in counts.rows]
    received = sum(row[1] for row in counts.rows)
    rows.append(Row(TOTAL_LABEL, (received, counts.waiting, share(counts.waiting, received)), TOTAL))
    return Section("voices_waiting_by_team", "声の日で未検討の声（チーム別）", "チーム",
                   (Column("期間内の受付"), Column("うち未検討"), Column("未検討の割合", SHARE)), tuple(rows), (
        "受付日で集計し、締めた声の日で共有・改善・改善不要のいずれも決めていない声を未検討として数えます"
        "（開いたままの声の日で決めたものは、締めるまで未検討です）。声の日の記録を始める前に受け付けた声も含みます。",
        "割合は件数から計算し小数第1位に四捨五入しています。"))
