"""The relative-contact form (R20): registered or declined, only that outcome's fields typed, nothing saved on error."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.storage.relatives import RelativeContactRepository
from agency_app.ui.kit import form_drafts
from agency_app.ui.customers.relative_contact_form import RelativeContactDialog, draft_key
from customer_fixtures import add_customer, clock, customers  # noqa: F401
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401
from list_fixtures import settle


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # as if closed: back to the input


@pytest.fixture
def dialog(qtbot, customers, file_ops):
    _store, staff, uids = customers
    return shown(qtbot, RelativeContactDialog(file_ops, staff["sato"], uids["yamamoto"], clock=clock))


def contacts(store) -> int:
    return store.conn.execute("SELECT count(*) FROM relative_contacts").fetchone()[0]


def no_draft_write_pending(dialog) -> bool:
    """Nothing left to write the draft later: its timer (0.5 s after the last change) is stopped."""
    return not dialog._draft_timer.isActive()


def test_opens_for_registering_today_with_the_customer_named(dialog):
    assert dialog.customer.text() == "山本 花子（ヤマモト ハナコ）80 yrs　…2222"
    assert dialog.inputs["outcome"].code() == "registered"
    assert dialog.inputs["recorded_on"].text() == "2026/02/28"
    assert dialog.inputs["obtained_by"].code() == ""  # chosen consciously, never by default
    assert dialog.inputs["phone"].isEnabled() and not dialog.inputs["decline_reason"].isEnabled()


def test_a_registered_contact_by_keyboard(qtbot, dialog, customers):
    store, staff, uids = customers
    saved = []
    dialog.saved.connect(saved.append)
    dialog.inputs["outcome"].buttons["registered"].setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    for text in ("山本 一郎", "長男", "０９０－１１１１－２２２２"):
        ime_type(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    # the reason box is disabled while registering, so Tab goes on to how it was obtained
    assert focused() is dialog.inputs["obtained_by"].buttons["meeting"]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    dialog.inputs["product_line"].set_code("life")
    # Only pressed: the form locks while it saves, so the keys' release would reach a locked form.
    qtbot.keyPress(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isEnabled()  # nothing can be typed into a form that is about to close
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert len(saved) == 1
    row = RelativeContactRepository(store).get(saved[0])
    assert (row["relative_name"], row["relation"], row["phone"], row["obtained_by"]) == (
        "山本 一郎", "長男", "090-1111-2222", "meeting")
    assert (row["recorded_on"], row["recorded_by"], row["product_line"]) == ("2026-02-28", staff["sato"], "life")


def test_declining_enables_only_the_reason_and_saves_it(qtbot, dialog, customers):
    store, _staff, _uids = customers
    dialog.inputs["outcome"].buttons["declined"].setChecked(True)
    assert not dialog.inputs["phone"].isEnabled() and dialog.inputs["decline_reason"].isEnabled()
    dialog.inputs["decline_reason"].setPlainText("ご家族に知られたくないとのこと𠮷😀")
    dialog.inputs["obtained_by"].buttons["mail"].setChecked(True)
    dialog.inputs["product_line"].set_code("group")
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert not dialog.isVisible()
    [row] = RelativeContactRepository(store).for_customer(dialog.customer_uid)
    assert (row["outcome"], row["decline_reason"], row["obtained_by"]) == (
        "declined", "ご家族に知られたくないとのこと𠮷😀", "mail")


def test_missing_fields_are_marked_and_nothing_is_saved(qtbot, dialog, customers):
    store, _staff, _uids = customers
    dialog.inputs["phone"].setText("090-1111")
    dialog.inputs["recorded_on"].setText("2026/03/01")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.boxes["relative_name"].has_error())
    assert contacts(store) == 0 and dialog.isVisible() and dialog.isEnabled()
    assert "Nothing was saved" in dialog.banner.text()
    for name in ("relative_name", "relation", "phone", "obtained_by", "product_line", "recorded_on"):
        assert dialog.boxes[name].has_error(), name
    assert "10 or 11 digits" in dialog.boxes["phone"].error.text()
    assert "future" in dialog.boxes["recorded_on"].error.text()
    assert focused() is dialog.inputs["relative_name"]


def test_a_customer_with_one_product_line_has_it_chosen(qtbot, customers, file_ops):
    store, staff, _uids = customers
    uid = add_customer(store, staff["sato"], name="高橋 一", kana="たかはし はじめ", product_lines=["nonlife_fire"])
    dialog = shown(qtbot, RelativeContactDialog(file_ops, staff["sato"], uid, clock=clock))
    assert dialog.inputs["product_line"].code() == "nonlife_fire"


def test_esc_after_typing_asks_first(qtbot, dialog, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    dialog.inputs["relative_name"].setText("途中")
    qtbot.keyClick(dialog.inputs["relative_name"], Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


# --- drafts ---------------------------------------------------------------------------

@pytest.fixture
def drafted(qtbot, customers, file_ops, drafts):
    """Open the form of `who` for `customer` with drafts kept, as the customers page does."""
    def open_form(who="sato", customer="yamamoto") -> RelativeContactDialog:
        _store, staff, uids = customers
        return shown(qtbot, RelativeContactDialog(file_ops, staff[who], uids[customer], drafts=drafts, clock=clock))
    return open_form


def type_relative(dialog) -> None:
    dialog.inputs["relative_name"].setText("山本 一郎𠮷")
    dialog.inputs["relation"].setText("長男")
    dialog.inputs["phone"].setText("090-1111-2222")


def test_typing_is_kept_shortly_after_and_offered_back_to_its_writer_for_that_customer(qtbot, customers, drafts,
                                                                                       drafted):
    _store, staff, uids = customers
    dialog = drafted()
    type_relative(dialog)
    dialog.inputs["obtained_by"].buttons["meeting"].setChecked(True)
    key = draft_key(staff["sato"], uids["yamamoto"])
    assert key == f"relative-new-{staff['sato']}-{uids['yamamoto']}"
    qtbot.waitUntil(lambda: drafts.load(key) is not None, timeout=2000)  # 0.5 s after the last change
    assert drafts.load(key)["form"]["relative_name"] == "山本 一郎𠮷"
    dialog.put_aside()  # closes without asking (the never_block fixture would keep it open otherwise)
    assert not dialog.isVisible()

    again = drafted()
    assert [again.inputs[n].text() for n in ("relative_name", "relation", "phone")] == [
        "山本 一郎𠮷", "長男", "090-1111-2222"]
    assert again.inputs["obtained_by"].code() == "meeting"
    assert again.banner.isVisible() and "Restored" in again.banner.text()
    assert again.is_dirty()  # Esc still asks: the restored text is not saved yet

    for who, customer in (("suzuki", "yamamoto"), ("sato", "yamada")):
        other = drafted(who, customer)
        assert other.inputs["relative_name"].text() == "" and not other.banner.isVisible(), (who, customer)


def test_a_declined_contact_comes_back_declined(qtbot, customers, drafts, drafted):
    dialog = drafted()
    dialog.inputs["outcome"].buttons["declined"].setChecked(True)
    dialog.inputs["decline_reason"].setPlainText("ご家族に知られたくない")
    dialog.inputs["product_line"].set_code("life")
    dialog.put_aside()
    again = drafted()
    assert again.inputs["outcome"].code() == "declined"
    assert again.inputs["decline_reason"].toPlainText() == "ご家族に知られたくない"
    assert again.inputs["decline_reason"].isEnabled() and not again.inputs["phone"].isEnabled()
    assert again.inputs["product_line"].code() == "life"


def test_leaving_a_field_keeps_the_draft_at_once(qtbot, customers, drafts, drafted):
    _store, staff, uids = customers
    dialog = drafted()
    dialog.inputs["relative_name"].setFocus()
    ime_type(dialog.inputs["relative_name"], "山本 一郎")
    qtbot.keyClick(dialog.inputs["relative_name"], Qt.Key.Key_Tab)
    assert drafts.load(draft_key(staff["sato"], uids["yamamoto"]))["form"]["relative_name"] == "山本 一郎"


def test_saving_removes_the_draft(qtbot, customers, drafts, drafted):
    _store, staff, uids = customers
    dialog = drafted()
    type_relative(dialog)
    dialog.inputs["obtained_by"].buttons["meeting"].setChecked(True)
    dialog.inputs["product_line"].set_code("life")
    dialog.flush_draft()
    key = draft_key(staff["sato"], uids["yamamoto"])
    assert drafts.load(key) is not None
    dialog.inputs["relation"].setText("長男（同居）")  # typed just before saving: the draft is due again
    with qtbot.waitSignal(dialog.saved):
        dialog.save()
    assert drafts.load(key) is None
    assert no_draft_write_pending(dialog)  # no late timer writes it back
    again = drafted()
    assert again.inputs["relative_name"].text() == "" and not again.banner.isVisible()


def test_a_failed_save_keeps_the_draft(qtbot, customers, file_ops, drafts, drafted):
    _store, staff, uids = customers
    dialog = drafted()
    dialog.inputs["relative_name"].setText("山本 一郎")
    dialog.flush_draft()
    dialog.save()  # relation, phone … missing
    settle(qtbot, file_ops)
    assert dialog.isVisible() and dialog.boxes["relation"].has_error()
    assert drafts.load(draft_key(staff["sato"], uids["yamamoto"])) is not None


def test_esc_confirmed_discards_the_draft_and_esc_declined_keeps_it(qtbot, customers, drafts, drafted,
                                                                     monkeypatch):
    _store, staff, uids = customers
    key = draft_key(staff["sato"], uids["yamamoto"])
    dialog = drafted()
    dialog.inputs["relative_name"].setText("途中")
    dialog.flush_draft()
    qtbot.keyClick(dialog.inputs["relative_name"], Qt.Key.Key_Escape)  # "back to input"
    assert dialog.isVisible() and drafts.load(key) is not None
    dialog.inputs["relation"].setText("長男")  # typed again: the draft is due again
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: True)
    qtbot.keyClick(dialog.inputs["relative_name"], Qt.Key.Key_Escape)
    assert not dialog.isVisible() and drafts.load(key) is None
    assert no_draft_write_pending(dialog)  # nothing writes it back later


def test_an_unwritable_draft_folder_is_said_quietly(qtbot, customers, drafts, drafted, monkeypatch):
    dialog = drafted()

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(drafts, "save", refuse)
    dialog.inputs["relative_name"].setText("山本 一郎")
    dialog.flush_draft()
    assert dialog.draft_warning.isVisible() and "No space left" in dialog.draft_warning.text()
    assert dialog.isVisible() and dialog.inputs["relative_name"].text() == "山本 一郎"
