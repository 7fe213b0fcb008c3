"""The form of a meeting or training: date, kind, theme, who took part, and for a role-play its pass mark and results."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QApplication, QComboBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from agency_app.domain import trainings as T
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.storage.records import EditConflict
from agency_app.storage.trainings import typed_pass_mark
from agency_app.ui.kit.date_fields import DateEdit
from agency_app.ui.kit.input_method import commit_input_method, track_input_method
from agency_app.ui.kit.messages import known_error_text
from agency_app.ui.kit.screen_fit import fit_to_screen
from agency_app.ui.kit.widgets import (
    Banner, FieldBox, clear_field_errors, confirm_discard, save_cancel_row, show_field_errors,
)
from agency_app.ui.kpi import training_texts as X

UID_ROLE = Qt.ItemDataRole.UserRole
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
ACTIVE_ROLE = Qt.ItemDataRole.UserRole + 2


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "").replace("\u3000", "")


class ParticipantPicker(QWidget):
    """A checkable staff list: typing in the find box shows those whose name or kana matches, ↓ goes to the
    list, Space ticks the one under the keyboard; 全員 ticks everyone shown who is still on the staff (someone
    who has left is listed, marked, for a meeting entered late that they attended)."""

    changed = Signal()

    def __init__(self, staff: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.find = QLineEdit(self)
        self.find.setPlaceholderText(self.tr("Find by name or kana"))
        self.list = QListWidget(self)
        self.all_button = QPushButton(self.tr("&All"), self)
        self.all_button.setAutoDefault(False)
        for member in staff:
            item = QListWidgetItem(member.name if member.active else self.tr("{name} (left)").format(name=member.name))
            item.setData(UID_ROLE, member.uid)
            item.setData(KEY_ROLE, _key(member.name + member.kana))
            item.setData(ACTIVE_ROLE, bool(member.active))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.find.textChanged.connect(self._filter)
        self.find.installEventFilter(self)
        self.all_button.clicked.connect(self.tick_all)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.find, 1)
        row.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list, 1)
        self.setFocusProxy(self.find)

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def _filter(self, text: str) -> None:
        key = _key(text)
        first = None
        for item in self._items():
            hidden = bool(key) and key not in item.data(KEY_ROLE)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        if first is not None:
            self.list.setCurrentItem(first)

    def eventFilter(self, watched, event) -> bool:
        if watched is self.find and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.list.setFocus()
            return True
        return super().eventFilter(watched, event)

    def tick_all(self) -> None:
        for item in self._items():
            if not item.isHidden() and item.data(ACTIVE_ROLE):
                item.setCheckState(Qt.CheckState.Checked)

    def checked(self) -> list[str]:
        return [i.data(UID_ROLE) for i in self._items() if i.checkState() == Qt.CheckState.Checked]

    def set_checked(self, uids) -> None:
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(UID_ROLE) in uids else Qt.CheckState.Unchecked)


@dataclass
class Attempt:
    """One row of the results grid as typed: score text and outcome code ('' = not entered)."""

    score: str = ""
    outcome: str = ""

    def empty(self) -> bool:
        return not self.score.strip() and not self.outcome


class ResultsGrid(QTableWidget):
    """Each ticked participant's attempts: type the score, Space switches the outcome (合格 / 再テスト / —),
    Delete clears a row. With a pass mark the outcome follows the score. Rows typed for someone unticked are
    kept (ticking them again brings them back)."""

    NAME, ATTEMPT, SCORE, OUTCOME = range(4)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Attempt"), self.tr("Score"), self.tr("Outcome")])
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(triggers.AnyKeyPressed | triggers.DoubleClicked | triggers.EditKeyPressed)
        header = self.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (self.ATTEMPT, self.SCORE, self.OUTCOME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.attempts: dict[tuple[str, int], Attempt] = {}
        self.removed: set[tuple[str, int]] = set()   # re-test rows taken off the grid with Delete
        self.people: list[tuple[str, str]] = []
        self.pass_mark: int | None = None
        self._filling = False
        self.itemChanged.connect(self._edited)

    def load(self, results: list[dict]) -> None:
        self.attempts = {(r["staff_id"], r["attempt"]): Attempt("" if r["score"] is None else str(r["score"]),
                                                                 r["outcome"]) for r in results}

    def set_people(self, people: list[tuple[str, str]]) -> None:
        """(uid, name) of the ticked participants, in list order."""
        self.people = people
        self._fill()

    def set_pass_mark(self, mark: int | None) -> None:
        """A pass mark typed or changed decides the outcome of every score already typed (without one, the
        outcomes stay as entered by hand)."""
        self.pass_mark = mark
        if mark is None:
            return
        for attempt in self.attempts.values():
            text = unicodedata.normalize("NFKC", attempt.score).removesuffix("点").strip()
            if text.isdigit():
                attempt.outcome = T.outcome_for(int(text), mark)
        for row in range(self.rowCount()):
            self._show_outcome(row, self.attempts.get(self.item(row, self.NAME).data(UID_ROLE), Attempt()))

    def rows(self) -> list[tuple[str, int]]:
        keys = []
        for uid, _name in self.people:
            tries = sorted(a for (s, a) in self.attempts if s == uid) or [1]
            keys += [(uid, a) for a in range(1, max(tries) + 1)]
        return keys

    def _fill(self) -> None:
        current = self.currentRow(), self.currentColumn()
        names = dict(self.people)
        self._filling = True
        self.setRowCount(0)
        for uid, attempt in self.rows():
            row = self.rowCount()
            self.insertRow(row)
            typed = self.attempts.get((uid, attempt), Attempt())
            cells = [names[uid], self.tr("Re-test {n}").format(n=attempt - 1) if attempt > 1 else self.tr("First"),
                     typed.score, X.outcome_label(typed.outcome)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(UID_ROLE, (uid, attempt))
                if column != self.SCORE:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.setItem(row, column, item)
        self._filling = False
        if self.rowCount():
            self.setCurrentCell(min(max(current[0], 0), self.rowCount() - 1), max(current[1], self.SCORE))

    def _attempt_at(self, row: int) -> tuple[tuple[str, int], Attempt] | None:
        item = self.item(row, self.NAME)
        if item is None:
            return None
        key = item.data(UID_ROLE)
        return key, self.attempts.setdefault(key, Attempt())

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != self.SCORE:
            return
        _key_, attempt = self._attempt_at(item.row())
        attempt.score = item.text().strip()
        text = unicodedata.normalize("NFKC", attempt.score).removesuffix("点").strip()
        if self.pass_mark is not None and text.isdigit():
            attempt.outcome = T.outcome_for(int(text), self.pass_mark)
        self._show_outcome(item.row(), attempt)

    def _show_outcome(self, row: int, attempt: Attempt) -> None:
        self._filling = True
        self.item(row, self.OUTCOME).setText(X.outcome_label(attempt.outcome))
        self._filling = False

    def keyPressEvent(self, event) -> None:
        row = self.currentRow()
        if row >= 0 and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if event.key() == Qt.Key.Key_Space and self.currentColumn() == self.OUTCOME:
                _key_, attempt = self._attempt_at(row)
                cycle = ["", T.PASSED, T.RETEST]
                attempt.outcome = cycle[(cycle.index(attempt.outcome) + 1) % len(cycle)]
                self._show_outcome(row, attempt)
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != self.State.EditingState:
                self.clear_row(row)
                return
        super().keyPressEvent(event)

    def clear_row(self, row: int) -> None:
        key, attempt = self._attempt_at(row)
        attempt.score, attempt.outcome = "", ""
        last = max(a for (s, a) in self.attempts if s == key[0])
        if key[1] > 1 and key[1] == last:
            del self.attempts[key]  # an emptied re-test row goes; a first attempt stays as an empty row
            self.removed.add(key)   # … and a stored one is taken back on save
        self._fill()

    def add_retest(self) -> str | None:
        """A further attempt for the person of the current row; None, or why not."""
        got = self._attempt_at(self.currentRow()) if self.currentRow() >= 0 else None
        if got is None:
            return self.tr("Choose a participant's row first.")
        uid = got[0][0]
        last = max(a for (s, a) in self.attempts if s == uid)
        if self.attempts[(uid, last)].outcome != T.RETEST:
            return self.tr("A re-test follows only an attempt not passed.")
        self.attempts[(uid, last + 1)] = Attempt()
        self._fill()
        self.setCurrentCell(self.rows().index((uid, last + 1)), self.SCORE)
        return None

    def commit_editing(self) -> None:
        """A score still in its cell editor is taken (Ctrl+Enter straight after typing must not lose it)."""
        editor = QApplication.focusWidget()
        if self.state() == self.State.EditingState and editor is not None and self.isAncestorOf(editor):
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def entries(self) -> list[T.RolePlayResultInput]:
        """The attempts typed for ticked participants, in attempt order."""
        ticked = {uid for uid, _name in self.people}
        return [T.RolePlayResultInput(uid, a.score, a.outcome, attempt)
                for (uid, attempt), a in sorted(self.attempts.items(), key=lambda kv: kv[0][1])
                if uid in ticked and not a.empty()]

    def cleared(self) -> set[tuple[str, int]]:
        """Attempts emptied or removed here (a stored one is then taken back)."""
        return {key for key, a in self.attempts.items() if a.empty()} | (self.removed - self.attempts.keys())

    def state_key(self) -> tuple:
        return tuple(sorted((k, a.score, a.outcome) for k, a in self.attempts.items()))


class SavesOnce:
    """For a record dialog (a meeting, a qualification) whose save() sets `_saving` and writes through the operations
    with always(_ended).success(_written).failure(_refused): one save at a time, a refusal said at its field in
    `_problem_text(error)`'s words (everything typed kept), Esc asks before unsaved changes (`_state()` against
    `_baseline`) are lost."""

    _saving = False

    def _ended(self) -> None:
        self._saving = False

    def _written(self, uid: str) -> None:
        self.uid = uid
        self._baseline = self._state()
        self.accept()

    def _refused(self, error: Exception) -> None:
        if isinstance(error, ValidationFailed):
            problems = [FieldError(e.field, e.code, dict(e.params or {}, text=self._problem_text(e)))
                        for e in error.errors]
            show_field_errors(problems, self.boxes, self.banner)
        else:   # an edit conflict included: known_error_text says it was changed on another PC
            self.banner.show_message(known_error_text(error))

    def reject(self) -> None:
        if self._saving:
            return
        commit_input_method(self)
        if self._state() != self._baseline and not confirm_discard(self):
            return
        super().reject()


class TrainingDialog(SavesOnce, QDialog):
    """New or edit: Ctrl+Enter saves (Enter never does); a refusal keeps everything typed and says why at the field."""

    def __init__(self, ops, staff_uid: str, *, uid: str | None = None, clock, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.staff_uid, self.uid, self.clock = ops, staff_uid, uid, clock
        self._saving = False
        record = ops.read.trainings.get(uid) if uid else None
        self._version = record["version"] if record else None
        self._stored = {(r["staff_id"], r["attempt"]) for r in record["results"]} if record else set()
        # Those who have left too: a meeting entered late (March's, in April) names who was there then.
        staff = ops.read.masters.staff(include_inactive=True)
        self.names = {s.uid: s.name for s in staff}
        self.setWindowTitle(self.tr("Edit meeting") if uid else self.tr("New meeting"))
        self.banner = Banner(self)
        self.held_on = DateEdit(self, clock=clock)
        self.kind = QComboBox(self)
        for kind in T.KINDS:
            self.kind.addItem(X.kind_label(kind), kind)
        self.theme = QLineEdit(self)
        self.pass_mark = QLineEdit(self)
        self.pass_mark.setPlaceholderText(self.tr("e.g. 80 (empty: outcome entered by hand)"))
        self.participants = ParticipantPicker(staff, self)
        self.results = ResultsGrid(self)
        self.retest_button = QPushButton(self.tr("Add &re-test"), self)
        self.retest_button.setAutoDefault(False)
        self.retest_button.clicked.connect(self._add_retest)
        results_box = QWidget(self)
        results_layout = QVBoxLayout(results_box)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.results)
        results_layout.addWidget(QLabel(self.tr("Type the score; Space on the outcome switches it; Delete clears."),
                                        results_box))
        results_layout.addWidget(self.retest_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.boxes = {"held_on": FieldBox(self.held_on, self), "kind": FieldBox(self.kind, self),
                      "theme": FieldBox(self.theme, self), "participants": FieldBox(self.participants, self),
                      "pass_mark": FieldBox(self.pass_mark, self), "results": FieldBox(results_box, self)}
        form = QFormLayout()
        self.labels = {}
        for name, text in (("held_on", self.tr("&Date held")), ("kind", self.tr("&Kind")), ("theme", self.tr("&Theme")),
                           ("participants", self.tr("&Participants")), ("pass_mark", self.tr("Pass &mark")),
                           ("results", self.tr("Res&ults"))):
            label = QLabel(text, self)
            label.setBuddy(self.boxes[name].field if name != "results" else self.results)
            self.labels[name] = label
            form.addRow(label, self.boxes[name])
        self.save_button, self.cancel_button, buttons = save_cancel_row(
            self, self.save, save_text=self.tr("Save (Ctrl+Enter)"), cancel_text=self.tr("Cancel (Esc)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form, 1)
        layout.addLayout(buttons)
        if record:
            self.held_on.set_stored(record["held_on"])
            self.kind.setCurrentIndex(T.KINDS.index(record["kind"]))
            self.theme.setText(record["theme"])
            self.pass_mark.setText("" if record["pass_mark"] is None else str(record["pass_mark"]))
            self.participants.set_checked(set(record["participants"]))
            self.results.load(record["results"])
        else:
            self.held_on.setText(clock().date().strftime("%Y/%m/%d"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.participants.changed.connect(self._people_changed)
        self.pass_mark.textChanged.connect(self._mark_changed)
        self._mark_changed()
        self._people_changed()
        self._kind_changed()
        track_input_method(self)
        self._baseline = self._state()
        fit_to_screen(self, QSize(640, 720))

    # --- what the form holds ---------------------------------------------------------------------------
    def _state(self) -> tuple:
        return (self.held_on.text(), self.kind.currentData(), self.theme.text(), self.pass_mark.text(),
                tuple(self.participants.checked()), self.results.state_key())

    def _is_roleplay(self) -> bool:
        return self.kind.currentData() == T.KIND_ROLEPLAY

    def _kind_changed(self) -> None:
        for name in ("pass_mark", "results"):
            self.boxes[name].setVisible(self._is_roleplay())
            self.labels[name].setVisible(self._is_roleplay())

    def _people_changed(self) -> None:
        ticked = set(self.participants.checked())
        self.results.set_people([(uid, self.names[uid]) for uid in self.names if uid in ticked])

    def _mark_changed(self) -> None:
        try:
            self.results.set_pass_mark(typed_pass_mark(self.pass_mark.text()))
        except ValidationFailed:
            self.results.set_pass_mark(None)

    def _add_retest(self) -> None:
        why = self.results.add_retest()
        if why:
            self.boxes["results"].set_error(why)
        else:
            self.boxes["results"].clear_error()
        self.results.setFocus()

    # --- saving -------------------------------------------------------------------------------------
    def save(self) -> None:
        if self._saving:
            return
        commit_input_method(self)
        self.results.commit_editing()
        clear_field_errors(self.boxes, self.banner)
        entry = T.TrainingInput(self.held_on.value(), self.kind.currentData(), self.theme.text(),
                                self.participants.checked())
        mark, roleplay = self.pass_mark.text(), self._is_roleplay()
        results = self.results.entries() if roleplay else []
        # Results emptied in the grid are taken back whatever the kind now is: cleared, then made a 勉強会.
        cleared = {k for k in self.results.cleared() if k in self._stored}
        uid, by, now, version = self.uid, self.staff_uid, self.clock(), self._version
        self._saving = True
        self.ops.write(self, lambda services: _write(services, uid, entry, mark, results, cleared, by, now, version)) \
            .always(self._ended).success(self._written).failure(self._refused).run()

    def _problem_text(self, error: FieldError) -> str:
        text = X.error_text(error, self.names)
        attempt = (error.params or {}).get("attempt")
        if error.field == "results" and attempt:
            who = self.names.get(error.params.get("staff_id"), "")
            shown = self.tr("first") if attempt == 1 else self.tr("re-test {n}").format(n=attempt - 1)
            return f"{who}（{shown}）: {text}"
        return text



def _write(services, uid, entry, mark, results, cleared, by, now, version) -> str:
    """The meeting and its results in one transaction: a refused result leaves nothing half-saved."""
    repo = services.trainings
    with services.store.write():
        if uid:
            if version is not None and repo.get(uid)["version"] != version:   # before the results taken back
                raise EditConflict(uid)
            for staff_id, attempt in sorted(cleared, key=lambda k: -k[1]):  # taken back before unticking
                repo.remove_result(uid, staff_id, attempt, by, now)
            repo.update(uid, entry, by, None, pass_mark=mark, now=now,
                        rewritten={(r.staff_id, r.attempt) for r in results})
        else:
            uid = repo.create(entry, by, now, pass_mark=mark)
        for result in results:
            try:
                repo.set_result(uid, result, by, now)
            except ValidationFailed as failed:  # the first refusal, said at the grid with whose row it is
                raise ValidationFailed([FieldError("results", e.code, dict(
                    e.params or {}, staff_id=result.staff_id, attempt=result.attempt)) for e in failed.errors[:1]])
    return uid
