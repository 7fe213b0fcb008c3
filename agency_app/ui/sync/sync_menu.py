"""送受信(X): the send/receive entries and keys of the main window, and the status bar's 競合 count.

F9 sends and receives through the exchange folder (Outlook's 送受信 key, known in every office); Shift+F9 writes a
file to send, Ctrl+F9 imports received files; Ctrl+Shift+F opens 競合…, Ctrl+Shift+X 同期状況…. The modules behind
them are imported when an entry is chosen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QLabel

from agency_app.sync import bundle_file, conflicts
from agency_app.ui.sync.sync_dialog import PassphraseKeeper

translate = QCoreApplication.translate

KEYS = {"folder": "F9", "export": "Shift+F9", "import": "Ctrl+F9", "conflicts": "Ctrl+Shift+F",
        "status": "Ctrl+Shift+X"}


def _filter() -> str:
    return translate("SyncMenu", "Branch exchange files (*{suffix})").format(suffix=bundle_file.SUFFIX)


class SyncMenus:
    """Mixed into MainWindow (ops, staff_uid, settings, clock, statusBar())."""

    def _build_sync_menu(self) -> None:
        self.sync_passphrase = PassphraseKeeper()
        self.sync_window = None  # the open 競合 or 同期状況 dialog

        def action(text: str, slot, key: str | None = None) -> QAction:
            act = QAction(text, self)
            if key:
                act.setShortcut(QKeySequence(key))
            act.triggered.connect(lambda _=False: slot())
            self.addAction(act)
            return act

        self.sync_actions = {
            "export": action(translate("SyncMenu", "&Write a file to send…"), self.sync_export, KEYS["export"]),
            "import": action(translate("SyncMenu", "&Import received files…"), self.sync_import, KEYS["import"]),
            "folder": action(translate("SyncMenu", "Send and receive through the exchange &folder"),
                             self.sync_folder, KEYS["folder"]),
            "choose": action(translate("SyncMenu", "C&hoose the exchange folder…"), self.choose_sync_folder),
            "conflicts": action(translate("SyncMenu", "&Conflicts…"), self.show_conflicts, KEYS["conflicts"]),
            "status": action(translate("SyncMenu", "Sync &status…"), self.show_sync_status, KEYS["status"]),
        }
        self.sync_menu = self.menuBar().addMenu(translate("SyncMenu", "E&xchange"))
        for key in ("export", "import", None, "folder", "choose", None, "conflicts", "status"):
            if key is None:
                self.sync_menu.addSeparator()
            else:
                self.sync_menu.addAction(self.sync_actions[key])
        # Head office notices waiting pairs in the status bar; a click opens them.
        self.conflict_label = QLabel()
        self.conflict_label.setObjectName("conflictCount")
        self.conflict_label.setContentsMargins(6, 0, 6, 0)
        self.conflict_label.linkActivated.connect(lambda _link: self.show_conflicts())
        self.statusBar().addPermanentWidget(self.conflict_label)
        # Pairs arise only from an import and leave only by 確認 / 元に戻す, all run from here: counted after each
        # (not on every save's change signal, which may come after the window has closed its reading connection).
        self.update_conflict_count()

    def update_conflict_count(self) -> None:
        count = conflicts.open_count(self.ops.read.conn)
        text = translate("SyncMenu", "Conflicts: {count}").format(count=count)
        self.conflict_label.setText(f'<a href="conflicts">{text}</a>' if count else "")
        self.conflict_label.setToolTip(translate("SyncMenu", "Changes made at two offices to the same field: "
                                                             "a manager confirms or reverses them (競合…)."))
        self.conflict_label.setVisible(bool(count))

    def sync_staff_switched(self) -> None:
        """Another person signs in: the passphrase is theirs to type, and an open 競合 list is closed (it was
        opened with the previous person's rights)."""
        self.sync_passphrase.forget()
        if self.sync_window is not None and self.sync_window.isVisible():
            self.sync_window.close()

    # --- the entries ---------------------------------------------------------------------------
    def _sync_dialog(self, **kwargs):
        from agency_app.ui.sync.sync_dialog import SyncDialog
        dialog = SyncDialog(self.ops, self, keeper=self.sync_passphrase, **kwargs)
        dialog.finished_job.connect(lambda _outcome: self.update_conflict_count())
        dialog.finished.connect(dialog.deleteLater)
        return dialog.begin()

    def sync_export(self):
        """送信ファイルを作成…: what the other offices lack, to a file chosen here (the folder remembered)."""
        from agency_app.sync.bundle_export import bundle_name
        from agency_app.sync.node import this_node
        from agency_app.ui.sync.sync_jobs import export_job
        node = this_node(self.ops.read.conn)
        folder = self.settings.sync_save_folder or str(Path.home())
        proposal = Path(folder) / bundle_name(node.branch, node.node_id, self.clock())
        chosen, _ = QFileDialog.getSaveFileName(self, translate("SyncMenu", "Write a file to send"), str(proposal),
                                                _filter())
        if not chosen:
            return None
        path = Path(chosen)
        if not path.name.endswith(bundle_file.SUFFIX):
            path = path.with_name(path.name + bundle_file.SUFFIX)
        self.settings.sync_save_folder = str(path.parent)
        intro = translate("SyncMenu", "The changes the other offices do not hold yet are written to\n{name}\n"
                                      "in {folder}.\nThe file is encrypted with the agency's passphrase.").format(
            name=path.name, folder=path.parent)
        return self._sync_dialog(title=translate("SyncMenu", "Write a file to send"), intro=intro,
                                 job=export_job(path), confirm=True)

    def sync_import(self):
        """受信ファイルを取り込む…: one or more files from the other offices."""
        from agency_app.ui.sync.sync_jobs import import_job
        folder = self.settings.sync_save_folder or str(Path.home())
        chosen, _ = QFileDialog.getOpenFileNames(self, translate("SyncMenu", "Import received files"), folder,
                                                 _filter())
        if not chosen:
            return None
        paths = [Path(p) for p in chosen]
        self.settings.sync_save_folder = str(paths[0].parent)
        intro = translate("SyncMenu", "Files to import ({count}):\n{names}").format(
            count=len(paths), names="\n".join(f"・{p.name}" for p in paths))
        return self._sync_dialog(title=translate("SyncMenu", "Import received files"), intro=intro,
                                 job=import_job(paths), confirm=False,
                                 retry_job=lambda outcome: import_job(outcome.remaining))

    def choose_sync_folder(self) -> str:
        """The exchange folder of this database on this PC (a shared folder, or a USB stick's): chosen once."""
        db = self.ops.services.path
        chosen = QFileDialog.getExistingDirectory(
            self, translate("SyncMenu", "Choose the exchange folder"),
            self.settings.sync_exchange_folder(db) or str(Path.home()))
        if chosen:
            self.settings.set_sync_exchange_folder(db, chosen)
        return chosen or ""

    def sync_folder(self):
        """交換フォルダーで送受信 (F9): take the other offices' new files there, then leave ours."""
        from agency_app.ui.sync.sync_jobs import folder_job
        folder = self.settings.sync_exchange_folder(self.ops.services.path) or self.choose_sync_folder()
        if not folder:
            return None
        intro = translate("SyncMenu", "Exchange folder: {folder}\nThe other offices' new files there are imported, "
                                      "then this office's changes are left there for them.").format(folder=folder)
        return self._sync_dialog(title=translate("SyncMenu", "Send and receive"), intro=intro,
                                 job=folder_job(Path(folder)), confirm=True,
                                 retry_job=lambda _outcome: folder_job(Path(folder)))

    def show_conflicts(self):
        """競合… (Ctrl+Shift+F): the pairs to confirm or reverse; non-modal, one at a time."""
        from agency_app.ui.sync.conflicts_dialog import ConflictsDialog
        window = self.sync_window
        if window is not None and window.isVisible():
            window.close()
        dialog = ConflictsDialog(self.ops, self.staff_uid, clock=self.clock, parent=self)
        dialog.resolved.connect(self.update_conflict_count)
        return self._show_sync_window(dialog)

    def show_sync_status(self):
        """同期状況… (Ctrl+Shift+X): per branch the last file received; the branches gone quiet."""
        from agency_app.ui.sync.status_dialog import SyncStatusDialog
        window = self.sync_window
        if window is not None and window.isVisible():
            window.close()
        dialog = SyncStatusDialog(self.ops, clock=self.clock, open_conflicts=self.show_conflicts, parent=self)
        return self._show_sync_window(dialog)

    def _show_sync_window(self, dialog):
        from PySide6.QtCore import Qt
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: setattr(self, "sync_window", None)
                                 if getattr(self, "sync_window", None) is dialog else None)
        self.sync_window = dialog
        dialog.show()
        return dialog
