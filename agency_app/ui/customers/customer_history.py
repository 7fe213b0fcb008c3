"""A customer's change history (R11) in a window of its own: who changed the address, and when."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from agency_app.storage.customers import CustomerRepository
from agency_app.storage.database import Store
from agency_app.storage.masters import MasterData
from agency_app.ui.kit import customer_texts
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.widgets import display_date

translate = QCoreApplication.translate


def _staff_names(store: Store) -> dict[str, str]:
    return {s.uid: s.name for s in MasterData(store).staff(include_inactive=True)}


def customer_history(store: Store, uid: str, parent: QWidget | None = None) -> HistoryDialog:
    """The history of one customer record (an address changed, and by whom: seed 004's lost mail)."""
    repo = CustomerRepository(store)
    row = repo.get(uid)
    model = RecordHistoryModel(customer_texts.customer_field_label,
                               {"birth_date": display_date, "product_lines": customer_texts.product_lines_text})
    model.set_entries(list(reversed(repo.history(uid))), _staff_names(store))
    return HistoryDialog(translate("HistoryDialog", "Change history"),
                         translate("HistoryDialog", "Customer: {name}").format(name=row["name"]), model, parent)

