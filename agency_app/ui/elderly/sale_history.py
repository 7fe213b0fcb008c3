"""An elderly-sale record's change history (R11, R19) in a window of its own: every measure and check as entered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from agency_app.storage.customers import CustomerNotFound, CustomerRepository
from agency_app.storage.database import Store
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.storage.masters import MasterData
from agency_app.ui.elderly import elderly_texts
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.widgets import display_date

translate = QCoreApplication.translate


def _staff_names(store: Store) -> dict[str, str]:
    return {s.uid: s.name for s in MasterData(store).staff(include_inactive=True)}


def sale_history(store: Store, uid: str, parent: QWidget | None = None) -> HistoryDialog:
    """The history of one elderly-sale record: every measure, check and answer as it was entered (R19)."""
    repo = ElderlySaleRepository(store)
    row = repo.get(uid)
    names = _staff_names(store)
    try:
        customer = CustomerRepository(store).get(row["customer_id"])["name"]
    except CustomerNotFound:
        customer = ""

    def yes_no(value: str) -> str:
        return translate("HistoryPanel", "Yes") if value not in ("0", "no") else translate("HistoryPanel", "No")
    staff = {name: (lambda v: names.get(v, v)) for name in ("seller_id", "second_agent_id", "phone_checker_id")}
    dates = {name: display_date for name in ("sale_date", "phone_checked_on", "written_confirmed_on",
                                             "due_date", "completed_on")}
    model = RecordHistoryModel(elderly_texts.field_label, {
        **staff, **dates, "measure": elderly_texts.measure_label, "face_to_face": yes_no, "is_complete": yes_no,
        "answer_public_insurance": elderly_texts.answer_label, "answer_product_reason": elderly_texts.answer_label,
        "meeting_dates": lambda v: "、".join(display_date(d) for d in v.split(",") if d),
        "customer_id": lambda v: customer if v == row["customer_id"] else v,
    })
    model.set_entries(list(reversed(repo.history(uid))), names)
    return HistoryDialog(translate("HistoryDialog", "Change history"),
                         translate("HistoryDialog", "Elderly-customer record: {name}, sale on {date}").format(
                             name=customer, date=display_date(row["sale_date"])), model, parent)
