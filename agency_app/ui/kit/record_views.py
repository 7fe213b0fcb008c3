"""What the record tabs share: the list's table model and view, the page's contract, and the read-only detail panel.

A page (cases, elderly sales, customers) is a RecordPage with a PageList (page_list.py); the cases and elderly lists
are PagedTableModels shown by record_table() beside their detail (list_beside_detail()); a voice or case is shown by
a RecordDetailPanel.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableView, QVBoxLayout, QWidget,
)

from agency_app.domain import codes
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.periods import now_tokyo
from agency_app.domain.workflow import is_overdue
from agency_app.storage.changes import Changes
from agency_app.storage.drafts import DraftStore
from agency_app.storage.keyset import PAGE_SIZE
from agency_app.storage.records import EditConflict, RecordNotFound
from agency_app.storage.services import Services
from agency_app.ui.kit.follow_changes import FollowsChanges
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.operations import Operations
from agency_app.ui.kit.page_keys import ListKeys
from agency_app.ui.kit.page_list import PageList
from agency_app.ui.kit.paged_model import PagedTableModel
from agency_app.ui.kit.record_actions import offer, record_action
from agency_app.ui.kit.widgets import ERROR_COLOUR, Banner
from agency_app.ui.kit.date_fields import display_date, display_datetime

translate = QCoreApplication.translate


# --- the list ---------------------------------------------------------------------------
def record_table(parent: QWidget, model: PagedTableModel | QAbstractTableModel, stretch: str) -> QTableView:
    """A read-only list of whole rows, one selected at a time; Tab leaves it; the `stretch` column takes the room.

    `model` names its columns in `columns` (a paged list's model, or a small list's own table model).

    The other columns fit their texts as read from one page at most: a header sizing itself to a
    column's contents would otherwise read a thousand rows after every search (Qt's default).
    """
    view = QTableView(parent)
    view.setModel(model)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    vertical = view.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # one height for every row: fast at any length
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(PAGE_SIZE)
    for column, key in enumerate(model.columns):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if key == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    return view


def list_beside_detail(parent: QWidget, view: QTableView, count_label: QLabel, detail: QWidget) -> QSplitter:
    """The list with its count under it on the left, the detail on the right (3 : 2)."""
    left = QWidget(parent)
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    left_layout.addWidget(view, 1)
    left_layout.addWidget(count_label)
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.addWidget(left)
    splitter.addWidget(detail)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    return splitter


# --- the page ---------------------------------------------------------------------------
class RecordPage(FollowsChanges, QWidget):
    """The page contract: built as cls(ops, staff_uid, drafts=, clock=, parent=); refresh(), set_staff(uid),
    show_record(uid), shutdown(), record_actions(); signals open_record(kind, uid) and count_said(text) (the
    list's count in words, for the status bar). It refreshes itself when a write touches `watched`.
    Its list, if any, is a PageList in `listing`."""

    open_record = Signal(str, str)
    count_said = Signal(str)  # how many records the list holds, in words (the main window's status bar says it)
    listing: PageList | None = None
    count_text = ""

    def __init__(self, ops: Operations, staff_uid: str, *, drafts: DraftStore | None = None, clock=now_tokyo,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts, self.clock = ops, staff_uid, drafts, clock
        self.follow_changes(ops)

    def say_count(self, text: str) -> None:
        """The list's count in words, for the status bar while this page's tab is shown."""
        self.count_text = text
        self.count_said.emit(text)

    def record_actions(self) -> list[QAction]:
        """The actions on the record shown, each with its key, for the main window's 操作 menu."""
        return []

    def shutdown(self) -> None:
        """The window closes: the list's searches stop (their worker threads end)."""
        if self.listing is not None:
            self.listing.shutdown()

    def closeEvent(self, event) -> None:  # a page shown as a window of its own (tests)
        self.shutdown()
        super().closeEvent(event)


class NewAndEditKeys(ListKeys):
    """For a RecordPage with a list `view` (its event filter installed on the page) and a `detail` panel:
    Ctrl+N makes a new record of the page (`new_from_keys`, claimed from the main window: see ClaimsKeys),
    Enter on the list edits the selected one."""

    def key_list(self) -> QWidget:
        return self.view

    def edit_from_keys(self) -> None:
        self.detail.edit()


# --- one record -------------------------------------------------------------------------
class RecordDetailPanel(FollowsChanges, QWidget):
    """One record read-only: its `shown` fields (those in `only_when_set` only once set), its buttons, its history.

    Every button is a QAction (`action_of`, keys in record_actions.py) whose key works anywhere inside the page
    that shows the panel (attach_actions), its list included; record_actions() lists them for the menu.
    Emits open_record(kind, uid) for links. Reads with `reader` (the UI thread's reading repository of its
    kind), writes through the operations; after any write that touches the record shown it shows it anew
    (the change signal), wherever the write came from. A subclass builds `buttons` and `tabs`, names its
    `table` (and `watched`), answers `_repository(services)` and the hooks below.
    """

    open_record = Signal(str, str)

    table = ""
    shown: tuple[str, ...] = ()
    only_when_set: frozenset[str] = frozenset()
    not_found: type[Exception] = RecordNotFound
    _moving = False  # a quick move (Start work, Call-back made…) is being written

    def __init__(self, ops: Operations, staff_uid: str, drafts: DraftStore | None, parent: QWidget | None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.drafts = ops, staff_uid, drafts
        self.uid: str | None = None
        self.record: dict | None = None
        self.dialog = None  # the edit or status dialog last opened (tests and the main window look at it)
        self._editors: dict[str, QWidget] = {}  # open edit forms by record uid
        self.buttons: dict[str, QWidget] = {}
        self.action_of: dict[str, QAction] = {}
        self.banner = Banner(self)
        self.values: dict[str, QLabel] = {}
        self.rows: dict[str, QLabel] = {}
        self.follow_changes(ops)

    @property
    def reader(self):
        """The repository of this kind over the UI thread's reading connection."""
        return self._repository(self.ops.read)

    # --- what a record kind says and does -------------------------------------------
    def _repository(self, services: Services):
        raise NotImplementedError

    def _field_label(self, name: str) -> str:
        raise NotImplementedError

    def _text(self, name: str, record: dict, names: dict[str, str]) -> str:
        raise NotImplementedError

    def _today(self) -> date:
        raise NotImplementedError

    def _overdue_text(self, due: str) -> str:
        raise NotImplementedError

    def _clear_more(self) -> None:
        """Empty what only this kind shows (its history, a checklist)."""

    def _show(self, uid: str) -> None:
        raise NotImplementedError

    def _editor(self, uid: str):
        raise NotImplementedError

    def _status_dialog(self, target: str):
        raise NotImplementedError

    def _changed_elsewhere_text(self) -> str:
        raise NotImplementedError

    def _error_text(self, error: FieldError) -> str:
        raise NotImplementedError

    # --- following the change signal ------------------------------------------------------
    def concerns(self, changes: Changes) -> bool:
        return bool(self.uid) and self.uid in changes.uids(self.table)

    def refresh(self) -> None:
        """Show the shown record as it is now (after a write to it, or when coming back to the tab)."""
        if self.uid:
            self._show(self.uid)

    # --- building ------------------------------------------------------------------------
    def _field_form(self, selectable: Qt.TextInteractionFlag) -> QFormLayout:
        """The labelled values, one row per `shown` field, in self.values and self.rows."""
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for name in self.shown:
            value = QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(selectable)
            value.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
            label = QLabel(self._field_label(name), self)
            self.values[name], self.rows[name] = value, label
            form.addRow(label, value)
        return form

    def _lay_out(self, button_rows: tuple[tuple[str, ...], ...], links: dict | None = None) -> None:
        """Banner, the button rows, then the tabs; each button becomes an action with its key (`links`: the
        slots of the kind's own buttons); Tab goes through the buttons as they are laid out, then the tabs."""
        slots = {"edit": lambda: self.edit(), "callback_made": lambda: self.mark_callback_made(),
                 "start": lambda: self.start_work(),
                 "done": lambda: self.change_status(codes.STATUS_DONE),
                 "drop": lambda: self.change_status(codes.STATUS_DROPPED),
                 "reopen": lambda: self.change_status(codes.STATUS_IN_PROGRESS), **(links or {})}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        # Two short rows, not one long one: the panel stays narrow and the list keeps its columns. A slot
        # given as a tuple holds buttons never shown together (対応開始 / 再開): one place, not two.
        def names_in(place) -> tuple[str, ...]:
            return place if isinstance(place, tuple) else (place,)
        order = [name for row in button_rows for place in row for name in names_in(place)]
        for row in button_rows:
            bar = QHBoxLayout()
            for slot in row:
                if isinstance(slot, tuple):
                    shared = QGridLayout()
                    shared.setContentsMargins(0, 0, 0, 0)
                    for name in slot:
                        shared.addWidget(self.buttons[name], 0, 0)
                    bar.addLayout(shared)
                else:
                    bar.addWidget(self.buttons[slot])
            bar.addStretch(1)
            layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)
        for name in order:
            button = self.buttons[name]
            self.action_of[name] = record_action(self, name, button.text(), slots[name], button)
            if name == "callback_made":  # its undo sits beside it in the menu
                self.action_of["undo_callback"] = record_action(
                    self, "undo_callback", translate("RecordDetailPanel", "Undo call-back made"), self._undo_callback)
        self.action_of["history"] = record_action(self, "history", translate("RecordDetailPanel", "Change history…"),
                                                self.show_history)
        self._button_order = order
        chain = [self.buttons[name] for name in order] + [self.tabs]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        self.clear()

    def record_actions(self) -> list[QAction]:
        """Every action on the record shown, in the order of the buttons (for the menu)."""
        return list(self.action_of.values())

    def attach_actions(self, host: QWidget) -> None:
        """The actions' keys work anywhere in `host` (the tab's page, the list staff work in included)."""
        host.addActions(self.record_actions())

    def tab_after(self, widget: QWidget) -> None:
        """Tab from `widget` (the list beside the panel) goes through the buttons in screen order, then the tabs."""
        chain = [widget] + [self.buttons[name] for name in self._button_order] + [self.tabs]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _offer(self, name: str, offered: bool) -> None:
        """The move `name` is possible now or not: its key, its menu entry and its button (shown, or its slot kept)."""
        offer(self.action_of[name], offered, self.buttons.get(name))

    def _undo_callback(self) -> None:
        undo = getattr(self, "undo_callback_made", None)
        if undo is not None:
            undo()

    def can_undo_callback_made(self) -> bool:
        """Whether the last 折り返し済 may still be undone (its flow, ui/kit/callback_undo.py, knows)."""
        flow = getattr(self, "_callback_flow", None)
        return flow is not None and flow.can_undo()

    def update_undo(self) -> None:
        """Offer Ctrl+Z while the last call-back made can be undone."""
        if "undo_callback" in self.action_of:
            self.action_of["undo_callback"].setEnabled(
                getattr(self, "undo_callback_made", None) is not None and self.can_undo_callback_made())

    def show_history(self) -> None:
        """The record's change history: the panel's History tab, with the keyboard in it."""
        if not self.uid:
            return
        self.tabs.setCurrentIndex(self.tabs.count() - 1)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- showing -------------------------------------------------------------------------
    def set_staff(self, uid: str) -> None:
        """Another person is at the PC: the previous person's call-back made is no longer theirs to undo."""
        self.staff_uid = uid
        flow = getattr(self, "_callback_flow", None)
        if flow is not None:
            flow.forget()

    def put_aside_editors(self) -> None:
        """Close every open edit form of this panel, keeping each one's text as its typist's draft."""
        for dialog in list(self._editors.values()):
            dialog.put_aside()

    def clear(self) -> None:
        self.uid = self.record = None
        for name, value in self.values.items():
            value.clear()
            self.rows[name].setVisible(name not in self.only_when_set)
            value.setVisible(name not in self.only_when_set)
        for name in self.action_of:
            self.action_of[name].setEnabled(False)
            if name in self.buttons:
                self.buttons[name].setEnabled(False)
        # …but not Ctrl+Z: it takes back the call-back marked last, whichever record is shown (its notice says
        # which), also once that record has left the list (e.g. moved to 対応中 out of a 未対応 list).
        self.update_undo()
        self._clear_more()
        self.banner.clear_message()

    def _load(self, uid: str) -> tuple[dict, dict[str, str]] | None:
        """Read the record and show its values (an overdue due date said in words); None when it is gone."""
        try:
            record = self.reader.get(uid)
        except self.not_found:
            self.clear()
            return None
        self.uid, self.record = uid, record
        self.banner.clear_message()
        names = self.ops.read.staff_names()
        for name, value in self.values.items():
            text = self._text(name, record, names)
            shown = bool(text) or name not in self.only_when_set
            self.rows[name].setVisible(shown)
            value.setVisible(shown)
            value.setText(text)
            value.setStyleSheet("")
        if is_overdue(record["status"], record["due_date"], self._today()):
            due = self.values["due_date"]
            due.setText(self._overdue_text(display_date(record["due_date"])))
            due.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        return record, names

    @staticmethod
    def _stamp_text(value: str | None, who: str) -> str:
        """A call-back promise or its being made: when, then who."""
        return f"{display_datetime(value)}　{who}".strip() if value else ""

    # --- acting --------------------------------------------------------------------------
    def edit(self) -> None:
        if not self.uid:
            return
        open_one = self._editors.get(self.uid)
        if open_one is not None:  # two forms on one record would share (and fight over) one draft
            open_one.raise_()
            open_one.activateWindow()
            return
        dialog = self._editor(self.uid)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        uid = self.uid
        self._editors[uid] = dialog
        dialog.destroyed.connect(lambda *_: self._editors.pop(uid, None))
        self.dialog = dialog
        dialog.show()

    def _quick(self, action: Callable[[Services], object]) -> None:
        """A move that needs no questions, written at once through the operations (`action` gets the writing
        Services). What it changed is shown by the change signal; a refusal or a conflict reloads and says why."""
        if not self.uid or not self.record or self._moving:
            return  # a second click while the first move is written would repeat it against the old version
        uid = self.uid
        self._moving = True

        def ended() -> None:
            self._moving = False

        def not_done(error: Exception) -> None:
            if isinstance(error, (EditConflict, ValidationFailed)) and uid == self.uid:
                self._show(uid)  # show what is stored now (what another person wrote), then say why
            if isinstance(error, EditConflict):
                self.banner.show_message(self._changed_elsewhere_text())
            elif isinstance(error, ValidationFailed):
                self.banner.show_message(self._error_text(error.errors[0]))
            else:
                self.banner.show_message(known_error_text(error))
        self.ops.write(self, action).always(ended).failure(not_done).run()

    def start_work(self) -> None:
        raise NotImplementedError

    def mark_callback_made(self) -> None:
        raise NotImplementedError

    def shown_anew(self) -> bool:
        """Read the record shown again before a move is asked for: another PC may have moved it since it was
        shown (no change signal comes from there). False when it is gone."""
        uid = self.uid
        if uid:
            self._show(uid)
        return bool(uid) and self.uid == uid and self.record is not None

    def change_status(self, target: str) -> None:
        if not self.shown_anew():
            return
        name = {codes.STATUS_DONE: "done", codes.STATUS_DROPPED: "drop"}.get(target, "reopen")
        if name in self.action_of and not self.action_of[name].isEnabled():
            # Closed (or reopened) on another PC meanwhile: no dialog whose typed text could only be refused.
            self.banner.show_message(self._changed_elsewhere_text())
            return
        dialog = self._status_dialog(target)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()  # window-modal, returns at once
