"""Japanese labels of the domain's codes, in one place for the screens, the command line and the reports."""

from __future__ import annotations

# The application speaks Japanese only (DOMAIN: all UI text is Japanese), so these are plain data,
# not Qt Linguist entries: a report printed from the command line and the 集計 tab read the same words.

# Kinds (種別, R2); a 不満 can also be judged a 苦情.
KIND = {"praise": "感謝", "dissatisfaction": "不満", "request": "要望", "other": "その他"}
COMPLAINT = "苦情"

# Channels (受付経路, R4).
CHANNEL = {"phone": "電話", "counter": "来店", "visit": "訪問", "mail": "郵送", "email": "メール",
           "web": "Web", "survey": "アンケート", "other": "その他"}

# Product lines (R5) and the three lines the agency reports by.
PRODUCT_LINE = {"life": "生保", "nonlife_auto": "損保（自動車）", "nonlife_fire": "損保（火災）",
                "nonlife_accident": "損保（傷害）", "nonlife_other": "損保（新種・その他）", "group": "団体"}
PRODUCT_GROUP = {"life": "生保", "nonlife": "損保", "group": "団体"}

# Follow-up statuses (対応状況, R6).
STATUS = {"new": "未対応", "in_progress": "対応中", "done": "完了", "dropped": "見送り"}

# Elderly-customer measures (R17, R18) and the answers of a phone check.
MEASURE = {"relative_present": "親族同席", "multiple_meetings": "複数回面談", "second_agent": "複数募集人",
           "phone_check": "電話確認", "written_check": "書面確認"}
NO_MEASURE = "対応方法未選択"
ANSWER = {"yes": "はい", "no": "いいえ"}

# Relative contacts (R20): the outcome and how the contact was obtained.
OUTCOME = {"registered": "登録", "declined": "辞退"}
OBTAINED_BY = {"meeting": "面談", "mail": "郵送"}

# Why a record counts as a follow-up omission (R23).
OMISSION_REASON = {"closed_late": "期限後の完了・見送り", "reopened": "完了後の再開"}

# Kinds of record a list can open.
RECORD_KIND = {"voice": "お客様の声", "case": "対応案件", "customer": "お客様", "sale": "高齢者対応記録"}


def label(table: dict[str, str], code: str | None) -> str:
    """The Japanese of a code; an unknown code shows as itself (data from a newer version stays readable)."""
    if code is None:
        return ""
    return table.get(code, code)
