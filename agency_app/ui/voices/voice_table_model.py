"""The voice list's table model: the kit's paged model over a VoiceQuery, building each cell when the view asks (R8/R9 marks)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from agency_app.domain import codes
from agency_app.domain.workflow import callback_state
from agency_app.ui.kit import labels, style
from agency_app.ui.kit.paged_model import UID_ROLE, PagedTableModel

__all__ = ["VoiceTableModel", "UID_ROLE", "OVERDUE_ROLE", "COLUMNS", "COLUMN_KEYS", "column_of", "sort_key_of",
           "column_of_sort", "SECONDARY"]

OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 1

# (key, sort column of VoiceQuery or None when the column cannot be sorted). What today's work needs comes
# first — 要旨, 状況, 期限, 折り返し stay on screen at 1024 px —; category, assignee and branch, which the
# filter bar also shows, come last and are scrolled to on a narrow screen.
COLUMNS = (
    ("received_at", "received_at"), ("kind", "kind"), ("customer", "customer_name"), ("summary", None),
    ("status", "status"), ("due", "due_date"), ("callback", None),
    ("category", None), ("assignee", None), ("branch", "branch_code"),
)
SECONDARY = ("category", "assignee", "branch")
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
_INDEX = {key: i for i, key in enumerate(COLUMN_KEYS)}
_CENTRED = {_INDEX["received_at"], _INDEX["due"], _INDEX["callback"]}
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_R = Qt.ItemDataRole
_DISPLAY, _TOOLTIP, _FONT, _ALIGNMENT = (int(_R.DisplayRole), int(_R.ToolTipRole), int(_R.FontRole),
                                         int(_R.TextAlignmentRole))
_BACKGROUND, _FOREGROUND = int(_R.BackgroundRole), int(_R.ForegroundRole)
_UID, _OVERDUE = int(UID_ROLE), int(OVERDUE_ROLE)


def column_of(key: str) -> int:
    return _INDEX[key]


def sort_key_of(column: int) -> str | None:
    return COLUMNS[column][1] if 0 <= column < len(COLUMNS) else None


def column_of_sort(sort: str) -> int:
    return next((i for i, (_, s) in enumerate(COLUMNS) if s == sort), 0)


def _slash(stored: str | None) -> str:
    return (stored or "").replace("-", "/")


class VoiceTableModel(PagedTableModel):
    """The voice list's columns and marks over the kit's PagedTableModel (pages, count, uid ↔ row, sort requests).

    The model never runs a search itself: the search controller hands it a query whose first
    page is already read, then the count. `sort` only asks for a new search (`sort_requested`).
    """

    columns = COLUMN_KEYS
    sorts = tuple(sort for _, sort in COLUMNS)

    def __init__(self, *, branch_names: dict[str, str] | None = None, today: date | None = None,
                 parent=None):
        super().__init__(parent)
        self.branch_names = dict(branch_names or {})
        self.today = today or date.today()
        self.sort_column, self.descending = "received_at", True
        self._bold = self._look.bold
        self._brushes = {
            "overdue_bg": self._look.overdue_bg, "overdue_fg": self._look.overdue_fg,
            "today_bg": QBrush(style.TODAY_BACKGROUND), "today_fg": QBrush(style.TODAY_FOREGROUND),
            "closed_fg": self._look.closed_fg,
        }
        self._roles.update({
            _DISPLAY: self._display, _UID: lambda v, _k, _c: v.uid, _OVERDUE: lambda v, _k, _c: bool(v.overdue),
            _TOOLTIP: lambda v, k, _c: self._tooltip(v, k),
            _BACKGROUND: self._background, _FOREGROUND: self._foreground, _FONT: self._font,
            _ALIGNMENT: self._alignment,
        })
        self._headers = {
            "received_at": self.tr("Received"), "branch": self.tr("Branch"), "kind": self.tr("Kind"),
            "category": self.tr("Category"), "customer": self.tr("Customer"),
            "summary": self.tr("Summary"), "status": self.tr("Status"), "assignee": self.tr("Assignee"),
            "due": self.tr("Due"), "callback": self.tr("Call-back"),
        }

    def widest_texts(self) -> dict[str, list[str]]:
        """The longest texts the due and call-back columns show, to size them (the view measures them)."""
        return {"due": [self.tr("{date} Overdue").format(date="2025/04/01")],
                "callback": [self.tr("{time} missed").format(time="04/01 14:00"),
                             self.tr("Made {time}").format(time="04/01 14:00")]}

    def set_today(self, today: date) -> None:
        if today != self.today:
            self.today = today
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, len(COLUMNS) - 1))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole \
                and 0 <= section < len(COLUMNS) and COLUMNS[section][1] is not None:
            return self.tr("Click to sort")
        return super().headerData(section, orientation, role)

    def _display(self, voice, key: str, _column: int):
        return self._text(voice, key)

    def _background(self, voice, key: str, _column: int):
        if key == "due" and voice.overdue:
            return self._brushes["overdue_bg"]
        if key == "callback":
            state = self._callback_state(voice)
            if state:
                return self._brushes["today_bg" if state == "today" else "overdue_bg"]
        return None

    def _foreground(self, voice, key: str, _column: int):
        if key == "due" and voice.overdue:
            return self._brushes["overdue_fg"]
        if key == "callback":
            state = self._callback_state(voice)
            if state:
                return self._brushes["today_fg" if state == "today" else "overdue_fg"]
        if voice.status in codes.CLOSED_STATUSES:
            return self._brushes["closed_fg"]
        return None

    def _font(self, voice, key: str, _column: int):
        if (key == "due" and voice.overdue) or (key == "callback" and self._callback_state(voice)):
            return self._bold
        return None

    def _alignment(self, _voice, _key: str, column: int):
        return _ALIGN_CENTER if column in _CENTRED else None

    # --- cell texts -----------------------------------------------------------------------
    def _callback_state(self, voice) -> str:
        """'today' or 'missed' for an open promise that needs attention, else '' (the rule is R9's, in domain)."""
        state = callback_state(voice.callback_at, voice.status, self.today,
                               "made" if voice.callback_done else None)
        return state if state in ("today", "missed") else ""

    def _text(self, voice, key: str) -> str:
        if key == "received_at":
            return _slash(voice.received_at)[:16]
        if key == "branch":
            return self.branch_names.get(voice.branch_code, voice.branch_code or "")
        if key == "kind":  # a dissatisfaction judged a complaint (R2) shows as 苦情: short, and what counts
            return labels.complaint_label() if voice.is_complaint else labels.kind_label(voice.kind)
        if key == "category":
            return voice.category_item or voice.category_group or ""
        if key == "customer":
            return voice.customer_name or ""
        if key == "summary":
            return voice.summary or ""
        if key == "status":
            return labels.status_label(voice.status)
        if key == "assignee":
            return voice.assignee_name or ""
        if key == "due":
            due = _slash(voice.due_date)[:10]
            return self.tr("{date} Overdue").format(date=due) if voice.overdue else due
        if key == "callback":  # a promise is days away, so month/day and time are enough here
            state = self._callback_state(voice)
            if state == "today":
                return self.tr("Today {time}").format(time=voice.callback_at[11:16])
            text = _slash(voice.callback_at)[5:16]
            if voice.callback_done:
                return self.tr("Made {time}").format(time=text)
            return self.tr("{time} missed").format(time=text) if state == "missed" else text
        return ""

    def _tooltip(self, voice, key: str) -> str | None:
        if key == "kind" and voice.is_complaint:
            return f"{labels.kind_label(voice.kind)}（{labels.complaint_label()}）"
        if key == "summary":
            return voice.summary or None
        if key == "category":
            parts = [p for p in (voice.category_group, voice.category_item) if p]
            return " ／ ".join(parts) or None
        if key == "due" and voice.overdue:
            return self.tr("Past the due date and not yet closed")
        if key == "callback" and voice.callback_at:
            when = _slash(voice.callback_at)[:16]
            if voice.callback_done:
                return self.tr("The promised call-back has been made") + f"\n{when}"
            state = self._callback_state(voice)
            if state == "today":
                return self.tr("A call-back is promised for today") + f"\n{when}"
            if state == "missed":
                return self.tr("A promised call-back is past and the voice is still open") + f"\n{when}"
            return when
        return None
