"""A note centred over an empty list (「該当する声はありません」) once a search has found nothing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel


class EmptyListNote(QLabel):
    """Says `text` over `view` while its model's last search (its `query`) found no row; hidden otherwise.

    Nothing is said before the first search has answered: an empty list while reading is not "no match".
    """

    def __init__(self, view: QAbstractItemView, text: str):
        super().__init__(text, view.viewport())
        self.view = view
        self.setObjectName("emptyListNote")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setStyleSheet("color: #555; font-size: 11pt;")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks still reach the list
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.update_shown)
        view.viewport().installEventFilter(self)
        self.update_shown()

    def update_shown(self, *_args) -> None:
        model = self.view.model()
        searched = getattr(model, "query", True) is not None
        self.setVisible(searched and model.rowCount() == 0)
        self.setGeometry(self.view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return super().eventFilter(watched, event)
