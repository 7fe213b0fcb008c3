"""Fixed code lists of a voice (DOMAIN R2, R4, R5, R6): stored as codes; their Japanese is in labels_ja.py."""

from __future__ import annotations

# Kinds (種別, R2). "dissatisfaction" can additionally be judged a complaint (苦情).
KIND_PRAISE = "praise"              # 感謝・お褒め
KIND_DISSATISFACTION = "dissatisfaction"  # 不満
KIND_REQUEST = "request"            # 要望
KIND_OTHER = "other"                # その他
KINDS = (KIND_PRAISE, KIND_DISSATISFACTION, KIND_REQUEST, KIND_OTHER)

# Channels (受付経路, R4), in the order staff meet them most.
CHANNELS = ("phone", "counter", "visit", "mail", "email", "web", "survey", "other")

# Product lines (R5): 生保, 損保 by kind of cover, 団体.
PRODUCT_LINES = (
    "life",            # 生保
    "nonlife_auto",    # 損保（自動車）
    "nonlife_fire",    # 損保（火災）
    "nonlife_accident",  # 損保（傷害）
    "nonlife_other",   # 損保（新種・その他）
    "group",           # 団体
)

# Follow-up statuses (対応状況, R6).
STATUS_NEW = "new"                  # 未対応
STATUS_IN_PROGRESS = "in_progress"  # 対応中
STATUS_DONE = "done"                # 完了
STATUS_DROPPED = "dropped"          # 見送り
STATUSES = (STATUS_NEW, STATUS_IN_PROGRESS, STATUS_DONE, STATUS_DROPPED)
OPEN_STATUSES = (STATUS_NEW, STATUS_IN_PROGRESS)
CLOSED_STATUSES = (STATUS_DONE, STATUS_DROPPED)

# Staff roles.
ROLE_STAFF = "staff"
ROLE_MANAGER = "manager"
ROLES = (ROLE_STAFF, ROLE_MANAGER)

# The three lines the agency reports by (seed 004 counts 生保 / 損保 / 団体).
PRODUCT_GROUP_LIFE = "life"
PRODUCT_GROUP_NONLIFE = "nonlife"
PRODUCT_GROUP_GROUP = "group"
PRODUCT_GROUPS = (PRODUCT_GROUP_LIFE, PRODUCT_GROUP_NONLIFE, PRODUCT_GROUP_GROUP)


def product_group(product_line: str | None) -> str | None:
    """'nonlife_fire' → 'nonlife'; the reporting line of a product line (None when unknown)."""
    if not product_line:
        return None
    if product_line.startswith("nonlife"):
        return PRODUCT_GROUP_NONLIFE
    return product_line if product_line in (PRODUCT_GROUP_LIFE, PRODUCT_GROUP_GROUP) else None
