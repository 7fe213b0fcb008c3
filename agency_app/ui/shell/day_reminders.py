"""R9 for the main window: today's work at the start of the day, open call-backs again before closing after 16:00."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QMessageBox

from agency_app.domain.workflow import is_end_of_day
from agency_app.storage import my_work as work
from agency_app.ui.kit.style import widen_message_box

# The texts keep the main window's translation context: self.tr() in a base class would look them up
# under the window's class name anyway.
translate = QCoreApplication.translate

# A write to these may change what today's list holds (a customer's name is shown on it).
WORK_TABLES = ("voices", "cases", "elderly_sales", "customers", "improvements", "circulations", "circulation_reads")


class DayReminders:
    """Mixed into MainWindow (which provides ops, staff_uid, tabs, drafts, today(), now(), new_voice())."""

    def work_items(self) -> list:
        """Today's list, read at once on the UI thread's connection (only when closing: the answer is needed now)."""
        return work.my_work(self.ops.read.conn, self.staff_uid, self.now())

    def open_promises(self) -> list[dict]:
        """Call-backs promised by this staff member for today or earlier and not yet made: voices and cases."""
        return [{"callback_at": item.callback_at, "customer_name": item.customer, "summary": item.title}
                for item in self.work_items() if item.reason in (work.CALLBACK, work.MISSED_CALLBACK)]

    def update_work_badge(self, then=None) -> None:
        """The number of today's items on the 今日の仕事 tab, so it is seen from every tab; counted in a worker.
        `then(count)` runs once the number is shown."""
        staff, now = self.staff_uid, self.now()

        def show(count: int) -> None:
            self.tabs.set_badge("work", count)
            if then is not None:
                then(count)
        # A newer count replaces a running one — except the start of the day's, whose answer is awaited.
        key = ("work-badge", id(self)) if then is None else None
        self.ops.query(self, lambda data: work.counts_for_badge(data.conn, staff, now), key=key).success(show).run()

    def start_of_day(self) -> None:
        """After the window shows: today's work (call-backs first) if there is any, then a left-over draft."""
        from agency_app.ui.voices.voice_form import VoiceFormDialog

        def begin(count: int) -> None:
            if count:
                self.tabs.go_to("work")
            if VoiceFormDialog.has_draft(self.drafts, self.staff_uid):
                self.new_voice()
        self.update_work_badge(then=begin)

    def _confirm_end_of_day(self) -> bool:
        """From 16:00, open promises are shown once more (once a day) and closing must be confirmed."""
        if self._end_of_day_shown_on == self.today() or not is_end_of_day(self.now()):
            return True
        promises = self.open_promises()
        if not promises:
            return True
        self._end_of_day_shown_on = self.today()
        if self.ask_end_of_day(promises):
            return True
        QTimer.singleShot(0, lambda: self.tabs.go_to("work"))
        return False

    def ask_end_of_day(self, promises: list[dict]) -> bool:
        """Lists the open promises; True = quit anyway, False = stay and see them (the default)."""
        lines = [f"{(p['callback_at'] or '')[5:16].replace('-', '/')}　{p['customer_name'] or ''}　"
                 f"{p['summary']}" for p in promises[:8]]
        if len(promises) > 8:
            lines.append("…")
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MainWindow", "Call-backs remain"),
                          translate("MainWindow", "{count} promised call-backs are still open.\n"
                                                  "Quit anyway?").format(count=len(promises)), parent=self)
        box.setInformativeText("\n".join(lines))
        widen_message_box(box)
        show = box.addButton(translate("MainWindow", "Show the call-backs"), QMessageBox.ButtonRole.RejectRole)
        box.addButton(translate("MainWindow", "Quit"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(show)
        box.setEscapeButton(show)
        box.exec()
        return box.clickedButton() is not show
