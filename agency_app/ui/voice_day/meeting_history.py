"""The meeting's history (R11): closes, reopens, attendees and decisions, as staff read them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from agency_app.domain import voice_day as D
from agency_app.ui.kit.date_fields import display_date, display_datetime
from agency_app.ui.kit.history import HistoryModel
from agency_app.ui.kit.messages import field_label
from agency_app.ui.voice_day import voice_day_texts as T

translate = QCoreApplication.translate

_FIELDS = {
    "held_on": lambda: translate("VoiceDay", "Meeting day"),
    "range_from": lambda: translate("VoiceDay", "Range from"),
    "range_to": lambda: translate("VoiceDay", "Range to"),
    "leader_id": lambda: translate("VoiceDay", "Leader"),
    "notes": lambda: translate("VoiceDay", "Notes"),
    "closed_at": lambda: translate("VoiceDay", "Closed at"),
    "closed_by": lambda: translate("VoiceDay", "Closed by"),
    "attendees": lambda: translate("VoiceDay", "Attendees"),
}


class MeetingHistoryModel(HistoryModel):
    """Field names and values of a voice day; a decision row names its voice by its summary."""

    def __init__(self, summaries: dict[str, str], improvement_titles: dict[str, str] | None = None, parent=None):
        super().__init__(parent)
        self.summaries = summaries
        self.improvement_titles = improvement_titles or {}

    def field_name(self, field: str) -> str:
        if field.startswith("decision:"):
            parts = field.split(":")
            summary = self.summaries.get(parts[1], "")
            name = translate("VoiceDay", "Decision")
            if len(parts) > 2 and parts[2] != "decision":  # one column of a decision changed (its reason, its improvement)
                column = {"reason": lambda: translate("VoiceDay", "Reason"),
                          "improvement_id": lambda: translate("VoiceDay", "Improvement")}.get(
                    parts[2], lambda: field_label(parts[2]))()
                name = f"{name}（{column}）"
            return f"{name}：{summary}" if summary else name
        if field == "status":
            return translate("VoiceDay", "Meeting state")
        return _FIELDS[field]() if field in _FIELDS else field_label(field)

    def value_text(self, field: str, value: str | None) -> str:
        if value in (None, ""):
            return ""
        if field.startswith("decision:") and (field.count(":") == 1 or field.endswith(":decision")):
            return T.decision_label(value)
        if field.startswith("decision:") and field.endswith(":improvement_id"):
            return self.improvement_titles.get(value, value)
        if field in ("attendees", "leader_id", "closed_by"):
            return self._names.get(value, value)
        if field == "status" and value in (D.MEETING_OPEN, D.MEETING_CLOSED):
            return translate("VoiceDay", "Closed") if value == D.MEETING_CLOSED else translate("VoiceDay", "Open")
        if field in ("held_on", "range_from", "range_to"):
            return display_date(value)
        if field == "closed_at":
            return display_datetime(value)
        return super().value_text(field, value)
