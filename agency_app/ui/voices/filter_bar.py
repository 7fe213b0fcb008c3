"""The bar above the voice list: search box, fiscal period (R1), kind, category, status, branch, staff, overdue/open checkboxes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget,
)

from agency_app.domain.periods import Period
from agency_app.domain.search_limits import SEARCH_TERMS_MAX, SEARCH_TEXT_MAX, terms_are_cut
from agency_app.storage.voice_query import VoiceFilter
from agency_app.ui.kit import labels
from agency_app.ui.kit.flow_layout import FlowLayout, together
from agency_app.ui.kit.period_choice import PERIOD_PARTS, part_label

class FilterBar(QWidget):
    """Emits `changed` whenever a condition changes; the owner debounces and runs the search."""

    changed = Signal()
    to_list = Signal()  # Down or Enter in the search box: go to the list

    def __init__(self, *, fiscal_years: list[int], groups: list[str],
                 branches: list[tuple[str, str]], staff: list[tuple[str, str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search customer, summary, details (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self.overdue_check = QCheckBox(self.tr("Overdue only"))
        self.open_check = QCheckBox(self.tr("Open only"))
        self.reset_button = QPushButton(self.tr("Clear conditions"))
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.count_label.setMinimumWidth(160)

        self.year_combo = self._combo([(None, self.tr("All periods"))]
                                      + [(y, self.tr("FY{year}").format(year=y)) for y in fiscal_years])
        self.part_combo = self._combo([(f"{k}:{n}", part_label(k, n)) for k, n in PERIOD_PARTS])
        self.kind_combo = self._combo([(None, self.tr("All"))] + labels.choices("kind"))
        self.group_combo = self._combo([(None, self.tr("All"))] + [(g, g) for g in groups], width=14)
        self.status_combo = self._combo([(None, self.tr("All"))] + labels.choices("status"))
        self.branch_combo = self._combo([(None, self.tr("All"))] + [(c, n) for c, n in branches])
        self.staff_combo = self._combo([(None, self.tr("All"))] + [(u, n) for u, n in staff], width=8)
        self.part_combo.setEnabled(False)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search_edit, 1)
        top.addSpacing(8)
        top.addWidget(self.overdue_check)
        top.addWidget(self.open_check)
        top.addWidget(self.reset_button)
        top.addStretch(0)
        top.addWidget(self.count_label)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 2)
        grid.setVerticalSpacing(4)
        grid.addLayout(top, 0, 0)
        # The conditions wrap to a second line on a narrow screen (1024 px, or 1366 px at 125 %) rather than
        # widening the window past it; a label stays with its combos.
        bottom = FlowLayout(spacing=10)
        self._labels: dict[QWidget, QLabel] = {}
        self._groups: dict[QWidget, QWidget] = {}
        for text, widgets in ((self.tr("Period"), (self.year_combo, self.part_combo)),
                              (self.tr("Kind"), (self.kind_combo,)),
                              (self.tr("Category"), (self.group_combo,)),
                              (self.tr("Status"), (self.status_combo,)),
                              (self.tr("Branch"), (self.branch_combo,)),
                              (self.tr("Staff (received or assigned)"), (self.staff_combo,))):
            label = QLabel(text)
            label.setBuddy(widgets[0])
            self._labels[widgets[0]] = label
            self._groups[widgets[0]] = together(self, label, *widgets)
            bottom.addWidget(self._groups[widgets[0]])
        grid.addLayout(bottom, 1, 0)

        order = [self.search_edit, self.overdue_check, self.open_check, self.reset_button,
                 self.year_combo, self.part_combo, self.kind_combo, self.group_combo,
                 self.status_combo, self.branch_combo, self.staff_combo]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)

        self.search_edit.textChanged.connect(self.changed)
        for check in (self.overdue_check, self.open_check):
            check.toggled.connect(self.changed)
        for combo in (self.part_combo, self.kind_combo, self.group_combo, self.status_combo,
                      self.branch_combo, self.staff_combo):
            combo.currentIndexChanged.connect(self.changed)
        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.reset_button.clicked.connect(self.reset)
        self.search_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Esc clears it; Down or Enter moves to the list (hands stay on the keys)."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_edit.text():
                self.search_edit.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.to_list.emit()
                return True
        return super().eventFilter(watched, event)

    def _combo(self, items: list[tuple[object, str]], width: int | None = None) -> QComboBox:
        combo = QComboBox()
        for value, text in items:
            combo.addItem(text, value)
        if width:
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(width)
        return combo

    def _year_changed(self) -> None:
        self.part_combo.setEnabled(self.year_combo.currentData() is not None)
        self.changed.emit()

    # --- reading and setting the conditions ---------------------------------------------
    def period(self) -> Period | None:
        year = self.year_combo.currentData()
        if year is None:
            return None
        kind, number = str(self.part_combo.currentData()).split(":")
        return Period(int(year), kind, int(number))

    def current_filter(self, today: date) -> VoiceFilter:
        def one(combo: QComboBox) -> tuple:
            value = combo.currentData()
            return () if value is None else (value,)

        return VoiceFilter(
            period=self.period(), kinds=one(self.kind_combo),
            category_group=self.group_combo.currentData() or None, category_item=None,
            statuses=one(self.status_combo), branch_code=self.branch_combo.currentData() or None,
            staff_uid=self.staff_combo.currentData() or None,
            overdue_only=self.overdue_check.isChecked(), open_only=self.open_check.isChecked(),
            text=self.search_edit.text().strip(), today=today)

    def is_default(self) -> bool:
        return not any((self.search_edit.text(), self.overdue_check.isChecked(), self.open_check.isChecked(),
                        self.year_combo.currentIndex(), self.kind_combo.currentIndex(),
                        self.group_combo.currentIndex(), self.status_combo.currentIndex(),
                        self.branch_combo.currentIndex(), self.staff_combo.currentIndex()))

    def reset(self) -> None:
        """Back to all voices, emitting `changed` once."""
        widgets = (self.search_edit, self.overdue_check, self.open_check, self.year_combo,
                   self.part_combo, self.kind_combo, self.group_combo, self.status_combo,
                   self.branch_combo, self.staff_combo)
        for widget in widgets:
            widget.blockSignals(True)
        self.search_edit.clear()
        self.overdue_check.setChecked(False)
        self.open_check.setChecked(False)
        for combo in widgets[3:]:
            combo.setCurrentIndex(0)
        self.part_combo.setEnabled(False)
        for widget in widgets:
            widget.blockSignals(False)
        self.changed.emit()

    def set_period(self, period: Period | None) -> None:
        if period is None:
            self.year_combo.setCurrentIndex(0)
            return
        index = self.year_combo.findData(period.fiscal_year)
        if index < 0:
            return
        self.year_combo.setCurrentIndex(index)
        self.part_combo.setCurrentIndex(self.part_combo.findData(f"{period.kind}:{period.number}"))

    def show_branch(self, shown: bool) -> None:
        """Hide the branch condition for a single-office agency (it would always be 'all')."""
        if not shown:
            self.branch_combo.setCurrentIndex(0)
        self.branch_combo.setVisible(shown)
        self._labels[self.branch_combo].setVisible(shown)
        self._groups[self.branch_combo].setVisible(shown)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def set_count(self, count: int | None) -> None:
        """'1,234 件', or a note while counting."""
        if count is None:
            self.count_label.setText(self.tr("Counting…"))
        else:
            text = self.tr("{count} voices").format(count=f"{count:,}")
            if terms_are_cut(self.search_edit.text()):  # a long paste: the searches read its start (SQLite's limits)
                text += " " + self.tr("(searched by the first {terms} words, {max} characters each)").format(
                    terms=SEARCH_TERMS_MAX, max=SEARCH_TEXT_MAX)
            self.count_label.setText(text)
