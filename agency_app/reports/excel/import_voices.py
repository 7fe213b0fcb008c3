"""Voices from an agency's sheet: each read row matched to staff, insurers and categories, and the voice row it writes."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from agency_app.domain import codes
from agency_app.domain import labels_ja as L
from agency_app.domain import sheet_headers as H
from agency_app.domain import sheet_rows as R
from agency_app.domain import sheet_values as V
from agency_app.domain.text import _FULL_WIDTH_ASCII, _HALF_WIDTH_KANA, normalise_width
from agency_app.domain.voice import BODY_MAX, default_due_date
from agency_app.reports.excel import import_match as M

# The fields a column may feed, with the Japanese the mapping table shows (domain/sheet_headers' codes).
FIELDS = (
    (H.RECEIVED_AT, "受付日"), (H.KIND, "種別"), (H.COMPLAINT, "苦情"), (H.CATEGORY_GROUP, "分類（大分類）"),
    (H.CATEGORY_ITEM, "小分類"), (H.SUMMARY, "内容"), (H.BODY, "詳細"), (H.RESPONSE, "対応内容"),
    (H.STATUS, "対応状況"), (H.CLOSED_AT, "完了日"), (H.ASSIGNEE, "担当"), (H.CLOSER, "完了者"),
    (H.REASON, "見送り理由"), (H.CUSTOMER_NAME, "お客様名"), (H.PRODUCT_LINE, "商品"), (H.INSURER, "保険会社"),
    (H.DUE_DATE, "期限"),
)
LABELS = dict(FIELDS)
CATEGORY = "category"   # the mapping table's field for a category (group and item together)
LOOKED_FOR = "受付日、種別、分類（大分類・小分類）、内容、対応状況、完了日、担当"

# Stored text, read in Japanese whatever the screen's language (as workflow's CALLBACK_NOTE_HEADING): what the
# sheet lacked stays with the voice, in its body, where a reader of the voice sees it and the search finds it.
NOTE_HEADING = "【取込時の注記】"
NO_REASON = "（取込元のシートに記録なし）"
BODY_CUT = f"詳細が長いため、この注記を含めて{BODY_MAX}文字に収まるよう末尾を切りました（全文は取込元のシートにあります）"


def kind_choices() -> tuple[tuple[str, str], ...]:
    return tuple((code, L.KIND[code]) for code in codes.KINDS) + (("complaint", "不満（苦情）"),)


def status_choices() -> tuple[tuple[str, str], ...]:
    return tuple((code, L.STATUS[code]) for code in codes.STATUSES)


class VoiceMatcher:
    """What the database knows to match a sheet's names against, loaded once per plan."""

    def __init__(self, conn: sqlite3.Connection, mapping: Mapping[str, Mapping[str, str]]):
        self.staff = M.StaffNames.load(conn)
        self.insurers = M.Insurers.load(conn)
        preset = (conn.execute("SELECT value FROM settings WHERE key = 'category_preset'").fetchone() or ["agency"])[0]
        self.categories = M.Categories.load(conn, preset)
        self.mapping = mapping
        # field → {written form compared (M.key) → app value}; of two written forms alike, the first wins
        self._keyed: dict[str, dict[str, str]] = {}
        for name, table in mapping.items():
            keyed = self._keyed[name] = {}
            for w, target in (table or {}).items():
                keyed.setdefault(M.key(w), target)
        # (field, written …) → (found, known, the value the mapping table shows): a sheet repeats its few names,
        # categories and insurers on every row, so each distinct one is matched once (each row still counted
        # for the mapping table). Written out in each method below rather than shared: three times a row.
        self._matched: dict[tuple[str, ...], tuple[object, bool, str]] = {}
        self.unknown: dict[tuple[str, str], int] = Counter()

    def _mapped(self, field: str, written: str) -> str | None:
        keyed = self._keyed.get(field)
        return keyed.get(M.key(written)) if keyed else None

    def staff_uid(self, field: str, written: str) -> tuple[str | None, bool]:
        """(uid or None, known): a name neither found nor mapped is unknown (the row goes without it)."""
        if not written:
            return None, True
        found = self._matched.get((field, written))
        if found is None:
            found = self._matched[(field, written)] = self._staff_uid(field, written)
        if not found[1]:
            self.unknown[(field, written)] += 1
        return found[0], found[1]

    def _staff_uid(self, field: str, written: str) -> tuple[str | None, bool, str]:
        mapped = self._mapped(field, written)
        if mapped is not None:
            return mapped or None, True, written
        uid = self.staff.find(written)
        return uid, uid is not None, written

    def insurer(self, written: str) -> tuple[str | None, bool]:
        if not written:
            return None, True
        found = self._matched.get((H.INSURER, written))
        if found is None:
            found = self._matched[(H.INSURER, written)] = self._insurer(written)
        if not found[1]:
            self.unknown[(H.INSURER, written)] += 1
        return found[0], found[1]

    def _insurer(self, written: str) -> tuple[str | None, bool, str]:
        mapped = self._mapped(H.INSURER, written)
        if mapped is not None:
            return mapped or None, True, written
        found = self.insurers.find(written)
        return found, found is not None, written

    def category(self, group: str, item: str) -> tuple[M.Category | None, bool]:
        if not (group or item):
            return None, True
        found = self._matched.get((CATEGORY, group, item))
        if found is None:
            found = self._matched[(CATEGORY, group, item)] = self._category(group, item)
        if not found[1]:
            self.unknown[(CATEGORY, found[2])] += 1   # as written, group and item together
        return found[0], found[1]

    def _category(self, group: str, item: str) -> tuple[M.Category | None, bool, str]:
        written = f"{group} ／ {item}" if group and item else group or item
        mapped = self._mapped(CATEGORY, written)
        if mapped is not None:
            return (M.category_of(mapped) if mapped else None), True, written
        found = self.categories.find(group, item)
        if found is None and not item and ("/" in group or "／" in group):
            # 「募集業務 / ご契約の…」 in one 分類 column, as the application's own voice list export writes it
            parts = [part.strip() for part in group.replace("／", "/").split("/", 1)]
            found = self.categories.find(parts[0], parts[1]) if all(parts) else None
        return found, found is not None, written

    def choices(self, field: str, written: str) -> tuple[tuple[str, str], ...]:
        if field in (H.ASSIGNEE, H.CLOSER):
            return tuple(self.staff.staff) + (("", "担当者なしで取り込む"),)
        if field == H.INSURER:
            return (tuple((n, n) for n in self.insurers.names)
                    + ((written, f"「{written}」のまま取り込む"), ("", "保険会社なしで取り込む")))
        if field == CATEGORY:
            return tuple((M.category_value(c), c.label()) for c in self.categories.all) + (("", "分類なしで取り込む"),)
        if field == H.KIND:
            return kind_choices()
        if field == H.STATUS:
            return status_choices()
        return ()


# normalise_width changes only its full-width letters, digits and marks and half-width kana (the domain's own
# tables, so the two cannot drift apart): text with none of them, most of a sheet, is kept as it is.
_WIDTH_CHANGES = re.compile("[" + re.escape("".join(map(chr, _FULL_WIDTH_ASCII))) + "]|" + _HALF_WIDTH_KANA.pattern)


def _width(text: str) -> str:
    return normalise_width(text) if _WIDTH_CHANGES.search(text) else text


def plan_row(row: R.SheetRow, cells: Sequence[object], header: H.Header, matcher: VoiceMatcher,
             today: date, date1904: bool = False) -> tuple[list[str], list[str], dict]:
    """A data row read without problems → (problems, notes, the voices row to insert) after matching."""
    v = row.voice
    problems: list[str] = []
    notes = [n.message for n in row.notes]
    received = date.fromisoformat(v["received_at"])
    received_iso = received.isoformat()
    if received > today:
        problems.append(f"受付日 {received_iso} が未来の日付です")
    if v["closed_at"] and date.fromisoformat(v["closed_at"]) > today:
        problems.append(f"完了日 {v['closed_at']} が未来の日付です")

    category, known = matcher.category(v["category_group"], v["category_item"])
    if not known:
        problems.append(f"分類「{v['category_group'] or v['category_item']}"
                        f"{' ／ ' + v['category_item'] if v['category_group'] and v['category_item'] else ''}」"
                        "が分類の一覧にありません（対応表で指定してください）")
    insurer, known = matcher.insurer(v["insurer"])
    if not known:
        problems.append(f"保険会社「{v['insurer']}」が保険会社の一覧にありません（対応表で指定してください）")
    assignee, known = matcher.staff_uid(H.ASSIGNEE, v["assignee"])
    if not known:
        notes.append(f"担当「{v['assignee']}」が職員にいないため、担当者なしで取り込みます")
    status = v["status"]
    closed = status in codes.CLOSED_STATUSES
    closer = None
    if closed and v["closer"] == v["assignee"]:
        closer = assignee  # no 完了者 column (or the same name): the assignee closed it, matched once
    elif closed and v["closer"]:
        closer, known = matcher.staff_uid(H.CLOSER, v["closer"])
        if not known:
            notes.append(f"完了者「{v['closer']}」が職員にいないため、完了者なしで取り込みます")

    due = None
    due_column = header.columns.get(H.DUE_DATE)
    due_cell = cells[due_column] if due_column is not None and due_column < len(cells) else None
    due_found = V.sheet_date(due_cell, date1904) if due_cell is not None else V.BLANK  # most sheets have no 期限
    if due_found.ok and due_found.value is not None and due_found.value >= received:
        due = due_found.value.isoformat()
    elif not due_found.ok:
        notes.append(f"期限「{due_found.params.get('value', '')}」は日付として読めないため、期限は既定の日数で決めます")
    # R8: every open item has a due date (the sheet's, or the default for its kind — so an old open voice is
    # overdue at once and shown so). A closed voice of the sheet's past keeps only a due date the sheet gave:
    # one computed now would count its history as closed late (R23's follow-up omissions).
    if status in codes.OPEN_STATUSES and due is None:
        due = default_due_date(received, v["kind"]).isoformat()

    completed_on = v["closed_at"] or None
    if closed and completed_on is None:
        # A closing needs its day (reports count a voice closed as of its completed_on); the earliest it can be.
        completed_on = received_iso
        notes.append("完了日の代わりに受付日を完了日とします")
    body = _width(v["body"])   # as validate_voice stores typed text: the search compares this form
    if notes or len(body) > BODY_MAX:
        def with_notes(text: str) -> str:
            suffix = NOTE_HEADING + "\n" + "\n".join(f"・{n}" for n in notes)
            return (text + "\n\n" + suffix) if text else suffix
        noted = with_notes(body)  # built once: most rows fit
        if len(noted) > BODY_MAX:
            # The screen refuses a body over BODY_MAX (an imported one could never be saved again): the
            # sheet's text is cut at its end, said in a note, and the notes themselves are never cut away.
            notes.append(BODY_CUT)
            body = body[:max(0, len(body) - (len(with_notes(body)) - BODY_MAX))]
            noted = with_notes(body)
        body = noted
    values = {
        "received_at": f"{received_iso} 00:00", "channel": v["channel"], "kind": v["kind"],
        "is_complaint": int(bool(v["is_complaint"])),
        "category_group": category.group if category else None,
        "category_item": (category.item or None) if category else None,
        "product_line": v["product_line"] or None, "insurer": insurer,
        "customer_name": _width(v["customer_name"]) or None, "summary": _width(v["summary"]),
        "body": body,
        "response": v["response"], "status": status, "assignee_id": assignee, "due_date": due,
        "completed_on": completed_on if closed else None,
        "completed_by": closer if closed else None,
        "close_reason": (v["reason"] or v["response"] or NO_REASON) if status == codes.STATUS_DROPPED else None,
    }
    return problems, notes, values


def unknown_from_problems(row: R.SheetRow, counter: Counter) -> None:
    """A kind or status the sheet's reader did not know: one more row carrying it, for the mapping table."""
    for problem in row.problems:
        if problem.code == V.UNKNOWN_KIND:
            counter[(H.KIND, problem.params.get("value", ""))] += 1
        elif problem.code == V.UNKNOWN_STATUS:
            counter[(H.STATUS, problem.params.get("value", ""))] += 1


def settings_of(default_kind: str | None, mapping: Mapping[str, Mapping[str, str]],
                date1904: bool = False) -> R.Settings:
    return R.Settings(default_kind=default_kind, kind_mapping=dict(mapping.get(H.KIND) or {}) or None,
                      status_mapping=dict(mapping.get(H.STATUS) or {}) or None, date1904=date1904)


def insert_values(db_conn: sqlite3.Connection, values: Mapping[str, object], *, uid: str, by: str | None,
                  branch: str, team: str, stamp: str) -> dict:
    """The whole voices row, as VoiceRepository.create stamps a new voice (the audit trigger records it)."""
    return dict(values, uid=uid, branch_code=branch, received_by=by, team=team, origin_branch=branch,
                created_at=stamp, created_by=by, updated_at=stamp, updated_by=by)

