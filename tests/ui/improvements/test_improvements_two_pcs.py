"""Two PCs on one improvement (each its own operations: no change signal between them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.ui.improvements.improvements_page import ImprovementsPage
from form_fixtures import drafts, shown  # noqa: F401
from list_fixtures import make_ops
from test_improvements_page import LATER, improvements, never_block  # noqa: F401


def test_a_voice_removed_on_the_other_pc_meanwhile_leaves_the_list_when_removed_here(
        qtbot, store, staff, drafts, improvements, monkeypatch):
    """Removing finds it removed already: nothing is written (so no change signal), and the list shows it gone."""
    repo, uids, voices = improvements
    page = shown(qtbot, ImprovementsPage(make_ops(store), staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: page.detail.uid == uids["notice"] and page.detail.voice_list.count() == 2)
    repo.unlink_voice(uids["notice"], voices["complaint"], by=staff["suzuki"], now=LATER)  # on the other PC
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole))
    page.detail.voice_list.setFocus()
    page.detail.voice_list.setCurrentRow(0)
    qtbot.keyClick(page.detail.voice_list, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.detail.voice_list.count() == 1, timeout=2000)


def test_a_voice_linked_on_the_other_pc_meanwhile_is_listed_once_linked_here(
        qtbot, store, staff, drafts, improvements):
    from agency_app.ui.improvements.voice_link_dialog import VoiceLinkDialog
    from form_fixtures import add_voice
    repo, uids, _voices = improvements
    third = add_voice(store, staff["manager"], summary="解約書類の郵送が遅い", received_at="2025-06-20 15:00")
    page = shown(qtbot, ImprovementsPage(make_ops(store), staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: page.detail.uid == uids["notice"] and page.detail.voice_list.count() == 2)
    page.detail.add_voice()  # Ctrl+Shift+I
    dialog = page.detail.dialog
    assert isinstance(dialog, VoiceLinkDialog)
    dialog.search_box.setText("郵送")
    dialog.search()
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=2000)
    repo.link_voice(uids["notice"], third, by=staff["suzuki"], now=LATER)  # on the other PC
    dialog.link_selected()
    qtbot.waitUntil(lambda: page.detail.voice_list.count() == 3, timeout=2000)
    assert len(repo.voices(uids["notice"])) == 3


def test_the_same_report_recorded_on_the_other_pc_meanwhile_is_shown_once_recorded_here(
        qtbot, store, staff, drafts, improvements):
    """Recording what the other PC recorded already writes nothing (so no change signal): the detail shows it."""
    repo, uids, _voices = improvements
    page = shown(qtbot, ImprovementsPage(make_ops(store), staff["sato"], drafts=drafts, clock=lambda: LATER))
    qtbot.waitUntil(lambda: page.detail.uid == uids["notice"])
    page.detail.mark_reported()
    dialog = page.detail.dialog
    dialog.date_edit.setText("2025/07/08")
    dialog.insurer.setEditText("東京海上日動")
    repo.mark_reported(uids["notice"], "2025/07/08", "東京海上日動", by=staff["suzuki"], now=LATER)  # other PC
    dialog.save()
    qtbot.waitUntil(lambda: page.detail.values["reported_on"].text() == "2025/07/08　東京海上日動", timeout=2000)
