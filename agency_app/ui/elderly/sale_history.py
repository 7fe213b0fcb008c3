"""An elderly-sale record's change history (R11, R19) in a window of its own: every measure and check as entered."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from agency_app.storage.customers import CustomerNotFound
from agency_app.storage.services import Services
from agency_app.ui.elderly import elderly_texts
from agency_app.ui.kit.history import HistoryDialog, RecordHistoryModel
from agency_app.ui.kit.date_fields import display_date

translate = QCoreApplication.translate


def sale_history(reading: Services, uid: str, parent: QWidget | None = None) -> HistoryDialog:
    """The history of one elderly-sale record: every measure, check and answer as it was entered (R19)."""
    repo = reading.elderly_sales
    row = repo.get(uid)
    names = reading.staff_names()
    try:
        customer = reading.customers.get(row["customer_id"])["name"]
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
