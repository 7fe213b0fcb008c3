"""個人情報を消去… on the customers tab: a manager's action (Ctrl+Shift+Del), a dialog that asks why and for the name,
then the customer shows 削除済み; others are told that a manager does it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QTableView

from agency_app.storage.customers import CustomerRepository
from agency_app.ui.customers.customers_page import CustomersPage
from agency_app.ui.customers.erase_dialog import EraseCustomerDialog
from customer_fixtures import clock, customers  # noqa: F401
from form_fixtures import drafts, ime_type, shown  # noqa: F401

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


def page_for(qtbot, customers, file_ops, drafts, who: str) -> CustomersPage:
    _store, staff, uids = customers
    page = shown(qtbot, CustomersPage(file_ops, staff[who], drafts=drafts, clock=clock))
    page.show_record(uids["yamada"])
    qtbot.waitUntil(lambda: page.detail.values["name"].text() == "山田 太郎")
    page.table.setFocus()
    return page


def open_dialog(qtbot, page) -> EraseCustomerDialog:
    qtbot.keyClick(page.table, Qt.Key.Key_Delete, CTRL_SHIFT)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), EraseCustomerDialog))
    return QApplication.activeWindow()


def test_a_manager_erases_a_customer_with_a_reason_and_the_name_typed(qtbot, customers, file_ops, drafts):
    store, staff, uids = customers
    page = page_for(qtbot, customers, file_ops, drafts, "manager")
    assert page.erase_action.isVisible() and page.erase_action in page.record_actions()
    drafts.save(f"customer-edit-{staff['sato']}-{uids['yamada']}", {"name": "山田 太郎"})
    dialog = open_dialog(qtbot, page)
    assert "山田 太郎" in dialog.heading.text() and "cannot be undone" in dialog.explain.text()
    assert QApplication.focusWidget() is dialog.reason
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # no reason yet: said, nothing erased
    assert dialog.isVisible() and "reason" in dialog.banner.text()
    assert QApplication.focusWidget() is dialog.reason
    ime_type(dialog.reason, "ご本人から電話で依頼")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    ime_type(dialog.name_edit, "山田 次郎")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # the wrong name: said, what was typed kept
    assert dialog.isVisible() and "山田 太郎" in dialog.banner.text()
    assert dialog.reason.toPlainText() == "ご本人から電話で依頼"
    dialog.name_edit.clear()
    ime_type(dialog.name_edit, "山田太郎")  # the space does not matter
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.detail.values["name"].text() == "削除済み", timeout=5000)
    qtbot.waitUntil(lambda: not page.banner.isHidden() and "erased" in page.banner.text(), timeout=5000)
    assert CustomerRepository(store).get(uids["yamada"])["phone"] == "削除済み"
    assert drafts.keys() == []


def test_cancel_erases_nothing(qtbot, customers, file_ops, drafts):
    store, _staff, uids = customers
    page = page_for(qtbot, customers, file_ops, drafts, "manager")
    dialog = open_dialog(qtbot, page)
    ime_type(dialog.reason, "依頼")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert CustomerRepository(store).get(uids["yamada"])["name"] == "山田 太郎"


def test_escape_while_erasing_does_not_hide_that_it_was_done(qtbot, customers, file_ops, drafts, monkeypatch):
    """Esc (or 閉じる) in the half second before the progress shows closed the dialog while the erasure went on:
    the customer stayed shown with their name and nothing said it was erased — it reads as cancelled."""
    import threading

    from agency_app.ui.customers import erase_dialog
    store, _staff, uids = customers
    real = erase_dialog.erase_customer
    pressed = threading.Event()

    def slow(*args, **kwargs):  # on the operations' writer thread: still erasing when Esc is pressed
        pressed.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(erase_dialog, "erase_customer", slow)
    page = page_for(qtbot, customers, file_ops, drafts, "manager")
    dialog = open_dialog(qtbot, page)
    ime_type(dialog.reason, "依頼")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)
    ime_type(dialog.name_edit, "山田 太郎")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    pressed.set()
    qtbot.waitUntil(lambda: CustomerRepository(store).get(uids["yamada"])["name"] == "削除済み", timeout=5000)
    qtbot.waitUntil(lambda: not page.banner.isHidden() and "erased" in page.banner.text(), timeout=5000)
    assert page.detail.values["name"].text() == "削除済み"


def test_staff_do_not_see_the_action_and_the_key_says_a_manager_does_it(qtbot, customers, file_ops, drafts):
    page = page_for(qtbot, customers, file_ops, drafts, "sato")
    assert not page.erase_action.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete, CTRL_SHIFT)
    qtbot.waitUntil(lambda: not page.banner.isHidden())
    assert "manager" in page.banner.text()
    assert not any(isinstance(w, EraseCustomerDialog) and w.isVisible() for w in QApplication.topLevelWidgets())


def test_switching_to_a_manager_offers_the_action(qtbot, customers, file_ops, drafts):
    _store, staff, _uids = customers
    page = page_for(qtbot, customers, file_ops, drafts, "sato")
    page.set_staff(staff["manager"])
    assert page.erase_action.isVisible()
    dialog = open_dialog(qtbot, page)
    dialog.reject()


def test_not_while_the_customers_form_is_open(qtbot, customers, file_ops, drafts):
    store, _staff, uids = customers
    page = page_for(qtbot, customers, file_ops, drafts, "manager")
    page.edit_customer()
    qtbot.waitUntil(lambda: page.form is not None and page.form.isVisible())
    page.erase_personal_data()
    assert "form is open" in page.banner.text()
    assert not any(isinstance(w, EraseCustomerDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    page.form.put_aside()


def test_not_while_a_form_about_the_customer_is_open_anywhere(qtbot, customers, file_ops, drafts):
    """A voice form open on the customer's voice (the 声 tab, another window) holds their name and keeps saving it
    as a draft while typed in, and after the erasure too: the erasure waits until it is saved or closed."""
    from agency_app.domain.voice import VoiceInput
    from agency_app.storage.voices import VoiceRepository
    from agency_app.ui.voices.voice_form import VoiceFormDialog
    from form_fixtures import shown as shown_form
    store, staff, uids = customers
    voice = VoiceRepository(store).create(VoiceInput(
        received_at="2026-02-20 09:00", kind="request", customer_id=uids["yamada"], customer_name="山田 太郎",
        summary="山田 太郎様より住所変更", assignee_id=staff["sato"]), by=staff["sato"])
    page = page_for(qtbot, customers, file_ops, drafts, "manager")
    form = shown_form(qtbot, VoiceFormDialog(file_ops, staff["sato"], voice, drafts=drafts))
    page.erase_personal_data()
    assert "form is open" in page.banner.text()
    assert not any(isinstance(w, EraseCustomerDialog) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert CustomerRepository(store).get(uids["yamada"])["name"] == "山田 太郎"
    form.put_aside()


def test_in_the_window_the_operate_menu_offers_it_to_a_manager_only(qtbot, voice_db, app_settings, tmp_path):
    from customer_fixtures import add_customer
    from list_fixtures import make_window
    store, staff, _uids = voice_db
    add_customer(store, staff["sato"])
    for who, offered in (("sato", False), ("manager", True)):
        window = make_window(qtbot, store, staff[who], app_settings, tmp_path)
        try:
            window.tab_actions[3].trigger()  # お客様
            page = window.tabs.current_page()
            qtbot.waitUntil(lambda: page.model.rowCount() == 1)
            page.table.setFocus()
            qtbot.keyClick(page.table, Qt.Key.Key_Down)
            qtbot.waitUntil(lambda: page.current_uid() is not None)
            entries = [a.text() for a in window.record_menu.actions() if a.isVisible()]
            assert ("Erase personal data…" in entries) == offered, entries
            qtbot.keyClick(page.table, Qt.Key.Key_Delete, CTRL_SHIFT)
            if offered:
                qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), EraseCustomerDialog))
                QApplication.activeWindow().reject()
            else:
                qtbot.waitUntil(lambda: "manager" in page.banner.text())
        finally:
            window.search.shutdown()
            window.close()


def test_the_history_shows_the_erasure_with_its_reason(qtbot, customers, file_ops, drafts):
    from agency_app.storage.erasure import erase_customer
    store, staff, uids = customers
    erase_customer(store, uids["yamada"], "ご本人の依頼", by=staff["manager"])
    page = page_for_erased(qtbot, customers, file_ops, drafts)
    qtbot.keyClick(page.table, Qt.Key.Key_H, CTRL_SHIFT)
    qtbot.waitUntil(lambda: page.findChild(QDialog) is not None and page.findChild(QDialog).isVisible())
    model = page.findChild(QDialog).findChild(QTableView).model()
    texts = [model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())]
    assert "Personal data erased" in texts
    assert any(t and "ご本人の依頼" in t for t in texts)
    assert not any(t and ("太郎" in t or "5678" in t) for t in texts)  # 山田 花子 is the manager who erased


def page_for_erased(qtbot, customers, file_ops, drafts) -> CustomersPage:
    _store, staff, uids = customers
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], drafts=drafts, clock=clock))
    page.show_record(uids["yamada"])
    qtbot.waitUntil(lambda: page.detail.values["name"].text() == "削除済み")
    page.table.setFocus()
    return page
