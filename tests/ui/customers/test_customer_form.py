"""The customer form: keyboard entry, the age beside the date of birth, errors at the field, drafts, conflicts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from agency_app.storage.customers import CustomerRepository
from agency_app.storage.errors import DiskFull
from agency_app.ui.kit import form_drafts
from agency_app.ui.customers.customer_form import CustomerFormDialog, draft_key
from customer_fixtures import NOW, clock, customers  # noqa: F401
from form_fixtures import drafts, focused, ime_type, shown  # noqa: F401


def count(store) -> int:
    return store.conn.execute("SELECT COUNT(*) FROM customers").fetchone()[0]


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    """A real question box would wait forever in a test."""
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)  # as if closed: back to the input


@pytest.fixture
def form(qtbot, ops, staff, drafts):
    return shown(qtbot, CustomerFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))


def test_a_whole_customer_by_keyboard(qtbot, form, store, staff):
    saved = []
    form.saved.connect(saved.append)
    assert focused() is form.inputs["name"]
    for name, text in (("name", "𠮷田 髙﨑"), ("kana", "ﾖｼﾀﾞ ﾀｶｻｷ"), ("birth_date", "１９５６／０２／２９"),
                       ("phone", "０９０ー１２３４ー５６７８"), ("postal_code", "1234567"), ("address", "東京都")):
        assert focused() is form.inputs[name], name
        ime_type(focused(), text)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.inputs["product_lines"].boxes["life"]
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # 損保（自動車）
    for _ in range(5):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is form.inputs["notes"]
    ime_type(focused(), "😀" + "長" * 4_999)
    # Only pressed: the form locks while it saves, so the keys' release would reach a locked form.
    qtbot.keyPress(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(saved) == 1 and not form.isVisible()
    row = CustomerRepository(store).get(saved[0])
    assert (row["name"], row["kana"], row["birth_date"]) == ("𠮷田 髙﨑", "ヨシダ タカサキ", "1956-02-29")
    assert (row["phone"], row["postal_code"], row["product_lines"]) == ("090-1234-5678", "123-4567",
                                                                        "life,nonlife_auto")
    assert row["notes"] == "😀" + "長" * 4_999
    assert row["created_by"] == staff["sato"]


@pytest.mark.parametrize("typed, shown_age", [
    ("1956/02/29", "69 yrs"),                         # 29 Feb birthday: 70 only from 1 March
    ("1956/02/28", "70 yrs（Elderly customer）"),      # birthday today: the new age today
    ("2026/03/01", ""),                               # future: no age, the error comes on saving
    ("1956/02/", ""),                                 # still typing
])
def test_the_age_is_shown_live_beside_the_date_of_birth(form, typed, shown_age):
    form.inputs["birth_date"].setText(typed)
    assert form.age_label.text() == shown_age


@pytest.mark.parametrize("field, typed, message", [
    ("birth_date", "2026/03/01", "The date of birth is in the future."),
    ("birth_date", "1905/02/27", "more than 120 years ago"),
    ("phone", "090-1234-567a", "10 or 11 digits"),
    ("kana", "yamada", "kana"),
])
def test_a_bad_field_is_marked_focused_and_nothing_is_saved(qtbot, form, store, field, typed, message):
    form.inputs["name"].setText("山田 太郎")
    form.inputs[field].setText(typed)
    before = count(store)
    form.save()
    assert count(store) == before
    assert form.isVisible() and form.saved_uid is None
    assert message in form.boxes[field].error.text()
    assert focused() is form.inputs[field]
    assert form.inputs[field].text() == typed  # everything typed stays
    assert "Nothing was saved" in form.banner.text()


def test_the_first_bad_field_gets_the_focus(qtbot, form, store):
    form.inputs["phone"].setText("12")
    form.save()
    assert form.isVisible() and count(store) == 0
    assert form.boxes["name"].has_error() and form.boxes["phone"].has_error()
    assert focused() is form.inputs["name"]


def test_plain_enter_never_saves(qtbot, form, store):
    ime_type(form.inputs["name"], "山田 太郎")
    qtbot.keyClick(form.inputs["name"], Qt.Key.Key_Return)
    assert form.isVisible() and count(store) == 0


def test_esc_with_typed_text_asks_and_going_back_keeps_the_text(qtbot, form, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    ime_type(form.inputs["name"], "途中")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert asked and form.isVisible() and form.inputs["name"].text() == "途中"


def test_esc_discard_closes_and_deletes_the_draft(qtbot, form, drafts, monkeypatch):
    monkeypatch.setattr(form_drafts, "confirm_discard", lambda parent: True)
    form.inputs["name"].setText("捨てる")
    form.flush_draft()
    assert drafts.load(form.key) is not None
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert not form.isVisible() and drafts.load(form.key) is None


def test_a_draft_survives_a_crash_and_is_restored(qtbot, ops, staff, drafts):
    first = shown(qtbot, CustomerFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))
    ime_type(first.inputs["name"], "𠮷田 髙﨑")
    first.inputs["product_lines"].boxes["group"].setChecked(True)
    first.inputs["notes"].setPlainText("電話中😀")
    key = draft_key(staff["sato"])
    assert key == f"customer-new-{staff['sato']}"
    qtbot.waitUntil(lambda: (drafts.load(key) or {}).get("form", {}).get("notes") == "電話中😀", timeout=2000)
    first.hide()
    first.deleteLater()

    assert CustomerFormDialog.has_draft(drafts, staff["sato"])
    assert not CustomerFormDialog.has_draft(drafts, staff["suzuki"])  # nobody else sees it
    second = shown(qtbot, CustomerFormDialog(ops, staff["sato"], drafts=drafts, clock=clock))
    assert second.inputs["name"].text() == "𠮷田 髙﨑"
    assert second.inputs["product_lines"].codes() == ["group"]
    assert "Restored" in second.banner.text()
    second.save()
    assert second.saved_uid and not second.isVisible()
    assert not CustomerFormDialog.has_draft(drafts, staff["sato"])


def test_disk_full_keeps_the_text_and_the_draft(qtbot, form, drafts, monkeypatch):
    def full(self, *args, **kwargs):
        raise DiskFull("database or disk is full")
    monkeypatch.setattr(CustomerRepository, "create", full)
    form.inputs["name"].setText("山田 太郎")
    form.save()
    assert form.isVisible() and form.isEnabled() and form.inputs["name"].text() == "山田 太郎"
    assert "not enough free disk space" in form.banner.text()
    assert drafts.load(form.key)["form"]["name"] == "山田 太郎"


def test_an_edit_shows_the_record_and_a_conflict_keeps_both_changes(qtbot, customers, file_ops, drafts):
    store, staff, uids = customers
    uid = uids["yamada"]
    form = shown(qtbot, CustomerFormDialog(file_ops, staff["sato"], uid, drafts=drafts, clock=clock))
    assert form.key == f"customer-edit-{staff['sato']}-{uid}"
    assert form.inputs["birth_date"].text() == "1956/02/29"
    assert form.inputs["product_lines"].codes() == ["life", "nonlife_auto"]
    repo = CustomerRepository(store)
    other = repo.as_input(uid)
    other.address = "別の人が訂正した住所"
    repo.update(uid, other, by=staff["suzuki"], now=NOW)
    form.inputs["notes"].setPlainText("私の変更")
    form.save()
    assert not form.isEnabled()  # locked while the save is written
    qtbot.waitUntil(lambda: "Someone else changed this customer" in form.banner.text())
    assert form.isVisible() and form.isEnabled()
    assert form.inputs["address"].text() == "別の人が訂正した住所"
    assert form.inputs["notes"].toPlainText() == "私の変更"
    with qtbot.waitSignal(form.saved):
        form.save()
    assert not form.isVisible()
    row = repo.get(uid)
    assert (row["notes"], row["address"]) == ("私の変更", "別の人が訂正した住所")


def test_long_notes_with_rare_kanji_come_back_intact_in_the_form(qtbot, customers, file_ops, drafts):
    _store, staff, uids = customers
    form = shown(qtbot, CustomerFormDialog(file_ops, staff["sato"], uids["yoshida"], drafts=drafts, clock=clock))
    assert form.inputs["name"].text() == "𠮷田 髙﨑"
    assert form.inputs["notes"].toPlainText() == "😀" + "長" * 4_999
    assert form.age_label.text() == ""
