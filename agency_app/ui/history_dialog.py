"""A customer's or an elderly-sale record's change history (R11) in a window of its own: who, when, before, after."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget,
)

from agency_app.storage.customers import CustomerNotFound, CustomerRepository
from agency_app.storage.database import Store
from agency_app.storage.elderly_sales import ElderlySaleRepository
from agency_app.storage.masters import MasterData
from agency_app.ui import customer_texts, elderly_texts
from agency_app.ui.history_panel import HistoryModel
from agency_app.ui.messages import field_label as common_field_label
from agency_app.ui.widgets import display_date

translate = QCoreApplication.translate


class RecordHistoryModel(HistoryModel):
    """The voice history table with another record's field names and value texts."""

    def __init__(self, label: Callable[[str], str], values: dict[str, Callable[[str], str]], parent=None):
        super().__init__(parent)
        self.label, self.values = label, values

    def _text(self, entry, column: int) -> str:
        if column == 2:  # '*created' (the record was made) reads the same for every kind of record
            return common_field_label(entry.field) if entry.field.startswith("*") else self.label(entry.field)
        return super()._text(entry, column)

    def value_text(self, field: str, value: str | None) -> str:
        if value not in (None, "") and field in self.values:
            return self.values[field](value)
        return super().value_text(field, value)


class HistoryDialog(QDialog):
    """Read-only; newest change first. Esc or 閉じる closes it."""

    def __init__(self, title: str, heading: str, model: RecordHistoryModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.model = model
        model.setParent(self)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        label = QLabel(heading, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a customer's name is never markup
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(820, 420)

    def row_count(self) -> int:
        return self.model.rowCount()


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
