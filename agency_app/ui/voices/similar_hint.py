"""The quiet line "似た声が過去にN件あります" with the first few of them, and the list it opens (R13, a recurrence)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from agency_app.ui.kit.date_fields import display_date

LIST_KEY = "Ctrl+Shift+Y"  # opens the list: free in the README's table and in design10 (似: "yoku nita")
PREVIEW = 3                # shown under the line without opening anything
UID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Alike:
    """One voice to show: what both a similar voice and an alike earlier one give."""

    uid: str
    received_at: str
    summary: str
    reasons: frozenset[str] = frozenset()


class SimilarHint(QWidget):
    """Says how many similar voices there are, or that the text is too short to look; never takes the focus
    unless the list is opened (`open_list`, the key or a click on the line). Enter or a click on a row emits
    chosen(uid); Esc closes the list and gives the focus back."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.items: list[Alike] = []
        self._back_to: QWidget | None = None
        self.line = QLabel(self)
        self.line.setTextFormat(Qt.TextFormat.RichText)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)  # a click, never Tab
        self.line.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.line.linkActivated.connect(lambda _link: self.toggle_list())
        self.preview = QLabel(self)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)  # customer text is never markup
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.preview.setWordWrap(True)
        quiet = self.preview.palette()
        quiet.setColor(QPalette.ColorRole.WindowText, quiet.color(QPalette.ColorRole.PlaceholderText))
        self.preview.setPalette(quiet)
        self.line.setPalette(quiet)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 7)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        self.list.installEventFilter(self)
        self.list.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(2)
        for widget in (self.line, self.preview, self.list):
            layout.addWidget(widget)
        self.clear()

    # --- what it says ------------------------------------------------------------------
    def clear(self) -> None:
        """Nothing to say (no text yet, or nothing alike): the line takes no room."""
        self.items = []
        self.line.clear()
        self.preview.clear()
        self.preview.hide()
        self.close_list()
        self.list.clear()

    def show_too_short(self) -> None:
        self.clear()
        self.line.setText(self.tr("The text is too short to look for similar voices."))

    def show_alike(self, items: list[Alike], *, more: bool = False, too_short: bool = False) -> None:
        """The voices found (best first); `more`: there are others beyond them; `too_short` adds that the text
        itself was not compared."""
        was_open = self.list.isVisible()
        if was_open and items:
            self.list.clear()  # the list stays open, and keeps the focus when it is being read
        else:
            self.clear()
        self.items = list(items)
        lines = []
        if items:
            count = (self.tr("There are {count} or more similar earlier voices") if more
                     else self.tr("There are {count} similar earlier voices")).format(count=len(items))
            lines.append(f'<a href="list">{_escape(count)}</a> '
                         + _escape(self.tr("(list: {key})").format(key=LIST_KEY)))
        if too_short:
            lines.append(_escape(self.tr("The text is too short to look for similar voices.")))
        self.line.setText("<br>".join(lines))
        self.preview.setText("\n".join(self._row_text(item) for item in items[:PREVIEW]))
        self.preview.setVisible(bool(items))
        for item in items:
            row = QListWidgetItem(self._row_text(item), self.list)
            row.setData(UID_ROLE, item.uid)
        if was_open and items:
            self.preview.hide()
            self.list.setCurrentRow(0)  # a fresh answer while the list is read keeps it open (the focus stays)
        self._relayout()

    def _relayout(self) -> None:
        """The rows just set wrap to more lines than before: the panel's form lays the line out again. Left to
        itself, the voice detail's form kept the old height and cut the wrapped rows at the top and bottom."""
        def again() -> None:
            parent = self.parentWidget()
            if parent is not None and parent.layout() is not None:
                parent.layout().invalidate()
        QTimer.singleShot(0, self, again)  # once the line's own layout has taken the new rows

    def text(self) -> str:
        """What the line says, as plain text (tests, and what a screen reader would read)."""
        return self.line.text().replace("<br>", "\n").replace('<a href="list">', "").replace("</a>", "") \
            .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")

    def _row_text(self, item: Alike) -> str:
        reasons = [text for reason, text in (("customer", self.tr("same customer")),
                                              ("category", self.tr("same category")))
                   if reason in item.reasons]
        suffix = f"（{'・'.join(reasons)}）" if reasons else ""
        return f"{display_date(item.received_at)}  {item.summary}{suffix}"

    # --- the list --------------------------------------------------------------------------
    def toggle_list(self) -> None:
        if self.list.isVisible():
            self.close_list()
        else:
            self.open_list()

    def open_list(self) -> bool:
        """Show the list and put the focus in it (the user asked); False when there is nothing to list."""
        if not self.items:
            return False
        focus = self.window().focusWidget() if self.window() else None
        self._back_to = focus if focus is not None and focus is not self.list else self._back_to
        self.preview.hide()  # the list shows the same rows and more
        self.list.show()
        self.list.setCurrentRow(0)
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def close_list(self) -> None:
        had_focus = self.list.hasFocus()
        self.list.hide()
        self.preview.setVisible(bool(self.items))
        if had_focus and self._back_to is not None:
            self._back_to.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched, event) -> bool:
        # Esc in the open list closes the list only: in a form it must not close the form (and lose nothing).
        if watched is self.list and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.close_list()
            return True
        return super().eventFilter(watched, event)

    def _chosen(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.data(UID_ROLE))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
