"""A customer's change history (R11) in a window of its own: who changed the address, and when."""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from agency_app.storage.erasure import ERASED_FIELD
from agency_app.storage.services import Services
from agency_app.ui.kit import customer_texts
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.date_fields import display_date

translate = QCoreApplication.translate


def customer_history(reading: Services, uid: str, parent: QWidget | None = None) -> HistoryDialog:
    """The history of one customer record (an address changed, and by whom: seed 004's lost mail)."""
    repo = reading.customers
    row = repo.get(uid)
    model = RecordHistoryModel(_field_label, {"birth_date": display_date, "product_lines": customer_texts.product_lines_text,
                                              ERASED_FIELD: _erasure_text})
    model.set_entries(list(reversed(repo.history(uid))), reading.staff_names())
    return HistoryDialog(translate("HistoryDialog", "Change history"),
                         translate("HistoryDialog", "Customer: {name}").format(name=row["name"]), model, parent)



def _field_label(field: str) -> str:
    if field == ERASED_FIELD:
        return translate("HistoryDialog", "Personal data erased")
    return customer_texts.customer_field_label(field)


def _erasure_text(value: str) -> str:
    """The erasure's row: its reason, and how many history rows it rewrote (the rows' ids are for the check)."""
    try:
        said = json.loads(value)
        reason, rows = str(said["reason"]), len(said["history_rows"])
    except (ValueError, KeyError, TypeError):
        return value
    return translate("HistoryDialog", "Reason: {reason} ({rows} history rows erased)").format(reason=reason, rows=rows)
