"""A customer's whole record beside the list: details, linked voices / cases / elderly records, relative contacts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QGroupBox, QHeaderView, QLabel, QPlainTextEdit, QPushButton,
    QScrollArea, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.ui.kit import labels
from agency_app.ui.kit.customer_texts import (
    ELDERLY_AGE, age_of, age_text, customer_field_label, elderly_text, obtained_by_label, outcome_label,
    product_lines_text,
)
from agency_app.ui.kit.date_fields import display_date, display_datetime

KIND_ROLE = Qt.ItemDataRole.UserRole
UID_ROLE = Qt.ItemDataRole.UserRole + 1
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _tree(headers: list[str], parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


class CustomerDetail(QScrollArea):
    """The whole record of one customer, its linked records (Enter opens one) and relative contacts."""

    open_record = Signal(str, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget(self)
        self.setWidget(inner)
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in ("name", "kana", "birth_date", "phone", "postal_code", "address", "product_lines"):
            value = QLabel(inner)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            form.addRow(customer_field_label(name), value)
        self.elderly = QLabel(inner)
        self.elderly.setObjectName("elderlyNotice")
        self.elderly.setStyleSheet("background: #fff6e0; color: #5c4400; border: 1px solid #e6cf8f;"
                                   " padding: 3px; border-radius: 3px;")
        self.notes = QPlainTextEdit(inner)
        self.notes.setReadOnly(True)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(120)
        self.linked = _tree([self.tr("Type"), self.tr("Date"), self.tr("Subject"), self.tr("Status")], inner)
        self.linked.itemActivated.connect(self._activated)  # Enter, or a double-click
        self.relatives = _tree([self.tr("Recorded on"), self.tr("Result"), self.tr("Relative"),
                                self.tr("Phone"), self.tr("Obtained by"), self.tr("Product")], inner)
        self.add_relative_button = QPushButton(self.tr("Register relative contact"), inner)
        self.empty = QLabel(self.tr("Choose a customer from the list."), inner)

        linked_box = QGroupBox(self.tr("Voices, cases and elderly sales"), inner)
        QVBoxLayout(linked_box).addWidget(self.linked)
        relatives_box = QGroupBox(self.tr("Relative contacts"), inner)
        relatives_layout = QVBoxLayout(relatives_box)
        relatives_layout.addWidget(self.relatives)
        relatives_layout.addWidget(self.add_relative_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(inner)
        layout.addWidget(self.empty)
        layout.addWidget(self.elderly)
        layout.addLayout(form)
        layout.addWidget(QLabel(customer_field_label("notes"), inner))
        layout.addWidget(self.notes)
        layout.addWidget(linked_box, 1)
        layout.addWidget(relatives_box, 1)
        self.parts = [self.elderly, self.notes, linked_box, relatives_box, *self.values.values()]
        self.show_customer(None, {}, date.today())

    def show_customer(self, row: dict | None, linked: dict, today: date, elderly_age: int = ELDERLY_AGE) -> None:
        self.empty.setVisible(row is None)
        for part in self.parts:
            part.setVisible(row is not None)
        self.add_relative_button.setEnabled(row is not None)
        self.linked.clear()
        self.relatives.clear()
        if row is None:
            return
        v = self.values
        v["name"].setText(row["name"])
        v["kana"].setText(row["kana"])
        age = age_of(row["birth_date"], today)
        birth = display_date(row["birth_date"])
        v["birth_date"].setText(f"{birth}（{age_text(age)}）" if age is not None else birth)
        # Said in words, not only by the colour of the strip: 70 and over need the R16–R20 steps.
        self.elderly.setText("⚠ " + elderly_text())
        self.elderly.setVisible(age is not None and age >= elderly_age)
        v["phone"].setText(row["phone"])
        v["postal_code"].setText(row["postal_code"])
        v["address"].setText(row["address"])
        v["product_lines"].setText(product_lines_text(row["product_lines"]))
        self.notes.setPlainText(row["notes"])
        self.notes.setVisible(bool(row["notes"]))
        self._fill_linked(linked)
        for r in linked.get("relatives", []):
            registered = r["outcome"] == "registered"
            who = f"{r['relative_name']}（{r['relation']}）" if registered else r["decline_reason"]
            QTreeWidgetItem(self.relatives, [display_date(r["recorded_on"]), outcome_label(r["outcome"]), who,
                                             r["phone"], obtained_by_label(r["obtained_by"]),
                                             labels.product_line_label(r["product_line"])])

    def _fill_linked(self, linked: dict) -> None:
        def add(kind: str, uid: str, texts: list[str]) -> None:
            item = QTreeWidgetItem(self.linked, texts)
            item.setData(0, KIND_ROLE, kind)
            item.setData(0, UID_ROLE, uid)

        for v in linked.get("voices", []):
            add("voice", v["uid"], [self.tr("Voice"), display_datetime(v["received_at"]),
                                    f"{labels.kind_label(v['kind'])}: {v['summary']}",
                                    labels.status_label(v["status"])])
        for c in linked.get("cases", []):
            due = self.tr("due {date}").format(date=display_date(c["due_date"])) if c["due_date"] else ""
            add("case", c["uid"], [self.tr("Case"), due, c["title"], labels.status_label(c["status"])])
        for s in linked.get("sales", []):
            state = self.tr("Complete") if s["is_complete"] else self.tr("Steps open")
            add("sale", s["uid"], [self.tr("Elderly sale"), display_date(s["sale_date"]),
                                   labels.product_line_label(s["product_line"]), state])

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.open_record.emit(item.data(0, KIND_ROLE), item.data(0, UID_ROLE))
