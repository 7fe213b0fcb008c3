"""The customers tab: search in any kana, a list with no more personal data than needed, the full record beside it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from agency_app.domain.customer import CustomerInput
from agency_app.domain.relatives import RelativeContactInput
from agency_app.storage.relatives import RelativeContactRepository
from agency_app.ui.customers.customer_form import CustomerFormDialog
from agency_app.ui.customers.customers_page import CustomersPage
from agency_app.ui.customers.relative_contact_form import RelativeContactDialog
from customer_fixtures import NOW, add_customer, clock, customers  # noqa: F401
from form_fixtures import add_voice, drafts, focused, ime_type, shown  # noqa: F401
from list_fixtures import settle


@pytest.fixture(autouse=True)
def never_block(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)


@pytest.fixture
def page(qtbot, customers, file_ops, drafts):
    """The page over the customers' database file, its saves written by the operations' writer thread."""
    _store, staff, _uids = customers
    return shown(qtbot, CustomersPage(file_ops, staff["sato"], drafts=drafts, clock=clock))


def listed(page) -> list[str]:
    return [page.model.index(r, 0).data() for r in range(page.model.rowCount())]


def cells(page) -> list[str]:
    return [page.model.index(r, c).data() or "" for r in range(page.model.rowCount())
            for c in range(page.model.columnCount())]


def current_name(page) -> str | None:
    """The name on the list's selected row."""
    index = page.table.currentIndex()
    return index.siblingAtColumn(0).data() if index.isValid() else None


def search(qtbot, page, text: str, finds: list[str]) -> None:
    """Type into the search box and wait for the list to show what it `finds` (after the short pause)."""
    page.search_box.setFocus()
    page.search_box.clear()
    ime_type(page.search_box, text)
    qtbot.waitUntil(lambda: listed(page) == finds, timeout=2000)


@pytest.mark.parametrize("typed", ["ヤマダ", "やまだ", "ﾔﾏﾀﾞ", "山田 太郎", "山田太郎", "５６７８"])
def test_search_in_any_kana_or_by_phone_digits(qtbot, page, typed):
    search(qtbot, page, typed, ["山田 太郎"])
    assert page.detail.values["name"].text() == "山田 太郎"  # the only match is shown at once


def test_the_list_stays_a_sound_model_through_searches_and_saves(qtbot, qtmodeltester, page, customers, file_ops):
    _store, staff, _uids = customers
    everyone = listed(page)
    qtmodeltester.check(page.model)  # watches every reset from here on
    search(qtbot, page, "やま", ["山田 太郎", "山本 花子"])
    search(qtbot, page, "該当なし", [])
    search(qtbot, page, "", everyone)
    file_ops.write(None, lambda data: data.customers.create(
        CustomerInput(name="高橋 一", kana="たかはし はじめ"), by=staff["sato"], now=NOW)).run()
    qtbot.waitUntil(lambda: "高橋 一" in listed(page))


def test_what_is_saved_elsewhere_is_shown_without_reloading(qtbot, page, customers, file_ops):
    """A voice linked on another screen, a new rule by the manager: the record beside the list follows."""
    from datetime import date
    from agency_app.domain.elderly import ElderlyRules
    from agency_app.domain.voice import VoiceInput
    _store, staff, uids = customers
    page.show_record(uids["yamada"])
    assert page.detail.linked.topLevelItemCount() == 0 and not page.detail.elderly.isVisible()
    file_ops.write(None, lambda data: data.voices.create(VoiceInput(
        received_at="2026-02-28 09:30", kind="request", summary="住所変更の依頼", customer_id=uids["yamada"]),
        by=staff["sato"])).run()
    qtbot.waitUntil(lambda: page.detail.linked.topLevelItemCount() == 1)
    assert page.detail.linked.topLevelItem(0).text(2) == "要望: 住所変更の依頼"
    page.hide()  # another tab is shown: the page catches up when it is shown again
    file_ops.write(None, lambda data: data.elderly_rules.save_new_version(
        ElderlyRules(thresholds={"life": 65, "nonlife": 70, "group": 70}), by=staff["manager"],
        effective_from=date(2026, 2, 1), now=NOW)).run()
    settle(qtbot, file_ops)
    page.show()
    qtbot.waitUntil(page.search.is_idle)
    assert page.detail.elderly.isVisible() and current_name(page) == "山田 太郎"  # 69: elderly for life now


def test_ctrl_f_goes_to_the_search_box(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert focused() is page.search_box


def test_the_list_shows_the_town_but_no_address_and_no_full_phone_number(page):
    text = " ".join(cells(page))
    assert "…5678" in text and "…2222" in text and "千代田区千代田" in text
    for private in ("090-1234-5678", "09012345678", "東京都千代田区", "千代田1-1", "100-0001", "1956"):
        assert private not in text
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers == ["Name", "Kana", "Age", "Phone", "Town", "Products"]


def test_ages_are_computed_for_the_pages_day(page):
    ages = {page.model.index(r, 0).data(): page.model.index(r, 2).data() for r in range(page.model.rowCount())}
    assert ages == {"山田 太郎": "69 yrs", "山本 花子": "80 yrs", "𠮷田 髙﨑": ""}


def test_the_detail_shows_the_whole_record_and_says_elderly_in_words(page, customers):
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    v = page.detail.values
    assert v["birth_date"].text() == "1945/06/01（80 yrs）"
    assert page.detail.elderly.isVisible() and "Elderly customer" in page.detail.elderly.text()
    page.show_record(uids["yamada"])
    assert (v["phone"].text(), v["postal_code"].text(), v["address"].text()) == (
        "090-1234-5678", "100-0001", "東京都千代田区千代田1-1")
    assert v["birth_date"].text() == "1956/02/29（69 yrs）"  # the day before 1 March: not 70 yet
    assert v["product_lines"].text() == "生保、損保（自動車）"
    assert not page.detail.elderly.isVisible()


def test_a_29_february_birthday_is_70_from_1_march(qtbot, customers, file_ops, drafts):
    from datetime import datetime
    _store, staff, uids = customers
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], clock=lambda: datetime(2026, 3, 1, 9, 0)))
    page.show_record(uids["yamada"])
    assert page.detail.values["birth_date"].text() == "1956/02/29（70 yrs）"
    assert page.detail.elderly.isVisible()


def test_rare_kanji_emoji_and_long_notes_are_shown_intact(page, customers):
    _store, _staff, uids = customers
    page.show_record(uids["yoshida"])
    assert page.detail.values["name"].text() == "𠮷田 髙﨑"
    assert page.detail.notes.toPlainText() == "😀" + "長" * 4_999
    assert page.detail.values["birth_date"].text() == ""


def test_linked_voices_and_relative_contacts_are_listed_and_enter_opens_one(qtbot, page, customers):
    store, staff, uids = customers
    voice = add_voice(store, staff["sato"], summary="住所変更の依頼", kind="request")
    store.conn.execute("UPDATE voices SET customer_id = ? WHERE uid = ?", (uids["yamada"], voice))
    RelativeContactRepository(store).create(RelativeContactInput(
        customer_id=uids["yamada"], product_line="life", outcome="registered", relative_name="山田 一郎",
        relation="長男", phone="090-1111-2222", obtained_by="meeting", recorded_on="2026/02/20"),
        by=staff["sato"], now=NOW)
    page.show_record(uids["yamada"])
    linked = page.detail.linked
    assert linked.topLevelItemCount() == 1
    item = linked.topLevelItem(0)
    assert [item.text(c) for c in range(4)] == ["Voice", "2025/11/20 09:00", "要望: 住所変更の依頼", "未対応"]
    relative = page.detail.relatives.topLevelItem(0)
    assert [relative.text(c) for c in range(6)] == ["2026/02/20", "登録", "山田 一郎（長男）",
                                                     "090-1111-2222", "面談", "生保"]
    opened = []
    page.open_record.connect(lambda kind, uid: opened.append((kind, uid)))
    linked.setFocus()
    linked.setCurrentItem(item)
    qtbot.keyClick(linked, Qt.Key.Key_Return)
    assert opened == [("voice", voice)]


def test_enter_in_the_list_opens_the_customer_for_editing_and_saving_refreshes(qtbot, page, customers):
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    form = page.form
    assert isinstance(form, CustomerFormDialog) and form.customer_uid == uids["yamamoto"]
    qtbot.waitExposed(form)
    assert form.inputs["name"].text() == "山本 花子"
    form.inputs["address"].setText("横浜市中区")
    form.save()
    qtbot.waitUntil(lambda: page.detail.values["address"].text() == "横浜市中区")
    assert not form.isVisible()
    assert page.current_uid() == uids["yamamoto"] and current_name(page) == "山本 花子"
    assert page.detail.values["name"].text() == "山本 花子"


def test_ctrl_n_opens_a_new_customer_form_and_the_new_customer_is_selected(qtbot, page):
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    assert form is not None and form.customer_uid is None
    qtbot.waitExposed(form)
    form.inputs["name"].setText("新規 顧客")
    form.save()
    qtbot.waitUntil(lambda: page.detail.values["name"].text() == "新規 顧客")
    assert not form.isVisible() and current_name(page) == "新規 顧客" and "新規 顧客" in listed(page)


def test_register_relative_contact_button(qtbot, page, customers):
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    qtbot.mouseClick(page.detail.add_relative_button, Qt.MouseButton.LeftButton)
    dialog = page.relative
    assert isinstance(dialog, RelativeContactDialog) and dialog.customer_uid == uids["yamamoto"]
    dialog.inputs["outcome"].buttons["declined"].setChecked(True)
    dialog.inputs["decline_reason"].setPlainText("不要とのこと")
    dialog.inputs["obtained_by"].buttons["mail"].setChecked(True)
    dialog.inputs["product_line"].set_code("life")
    dialog.save()
    qtbot.waitUntil(lambda: page.detail.relatives.topLevelItemCount() == 1)  # the change signal shows it
    assert page.detail.relatives.topLevelItem(0).text(2) == "不要とのこと"
    assert not dialog.isVisible() and page.detail.values["name"].text() == "山本 花子"


def test_switching_staff_keeps_the_open_form_as_the_writers_draft(qtbot, page, customers, drafts):
    _store, staff, _uids = customers
    page.new_customer()
    page.form.inputs["name"].setText("書きかけ")
    page.set_staff(staff["suzuki"])
    assert not page.form.isVisible()
    assert CustomerFormDialog.has_draft(drafts, staff["sato"])
    assert not CustomerFormDialog.has_draft(drafts, staff["suzuki"])
    page.new_customer()
    assert page.form.staff_uid == staff["suzuki"] and page.form.inputs["name"].text() == ""


def test_switching_staff_keeps_the_typed_relative_contact_as_the_writers_draft(qtbot, page, customers, drafts):
    store, staff, uids = customers
    page.show_record(uids["yamamoto"])
    page.add_relative()
    dialog = page.relative
    dialog.inputs["relative_name"].setText("山本 一郎")
    dialog.inputs["relation"].setText("長男")
    dialog.inputs["phone"].setText("090-1111-2222")
    page.set_staff(staff["suzuki"])  # at once, before the 0.5 s pause
    assert not dialog.isVisible()
    page.add_relative()  # 鈴木 does not see 佐藤's text
    assert page.relative.staff_uid == staff["suzuki"] and page.relative.inputs["relative_name"].text() == ""
    page.relative.reject()  # nothing typed: closes without asking
    page.set_staff(staff["sato"])
    page.add_relative()
    back = page.relative
    assert [back.inputs[n].text() for n in ("relative_name", "relation", "phone")] == [
        "山本 一郎", "長男", "090-1111-2222"]
    assert back.banner.isVisible()
    back.inputs["obtained_by"].buttons["meeting"].setChecked(True)
    back.inputs["product_line"].set_code("life")
    with qtbot.waitSignal(back.saved):
        back.save()
    assert not back.isVisible()
    assert [r["relative_name"] for r in RelativeContactRepository(store).for_customer(uids["yamamoto"])] == [
        "山本 一郎"]
    page.add_relative()  # saved: no draft is offered again
    assert page.relative.inputs["relative_name"].text() == "" and not page.relative.banner.isVisible()


def test_a_relative_draft_belongs_to_its_customer(qtbot, page, customers):
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    page.add_relative()
    first = page.relative
    first.inputs["relative_name"].setText("山本 一郎")
    page.add_relative()  # the same customer again: the open form is brought forward
    assert page.relative is first and first.isVisible()
    page.show_record(uids["yamada"])
    page.add_relative()  # another customer: the open form is put aside, not lost
    assert not first.isVisible() and page.relative.inputs["relative_name"].text() == ""
    page.relative.reject()
    page.show_record(uids["yamamoto"])
    page.add_relative()
    assert page.relative.inputs["relative_name"].text() == "山本 一郎"


def test_empty_search_lists_recent_customers_and_nothing_found_leaves_the_detail_empty(qtbot, page):
    assert len(listed(page)) == 3
    search(qtbot, page, "該当なし", [])
    assert page.detail.empty.isVisible() and not page.detail.add_relative_button.isEnabled()


def test_a_search_typed_just_before_leaving_the_tab_is_run_on_coming_back(qtbot, page):
    page.search_box.setFocus()
    ime_type(page.search_box, "やまもと")
    page.hide()  # another tab, before the short pause is over
    page.show()
    qtbot.waitUntil(lambda: listed(page) == ["山本 花子"], timeout=2000)
    assert page.detail.values["name"].text() == "山本 花子"


def test_down_in_the_search_box_goes_to_the_list_of_what_was_typed(qtbot, page):
    page.search.set_debounce(60_000)  # a pause longer than the test: only Down can start the search
    page.search_box.setFocus()
    ime_type(page.search_box, "やまもと")
    qtbot.keyClick(page.search_box, Qt.Key.Key_Down)  # at once, without waiting for the pause
    assert focused() is page.table
    qtbot.waitUntil(lambda: listed(page) == ["山本 花子"])
    assert listed(page) == ["山本 花子"] and current_name(page) == "山本 花子"
    assert page.detail.values["name"].text() == "山本 花子"


def test_who_is_marked_elderly_follows_the_managers_rules(qtbot, customers, file_ops, drafts):
    from datetime import date
    from agency_app.domain.elderly import ElderlyRules
    from agency_app.storage.elderly_rules import ElderlyRulesStore
    store, staff, uids = customers
    ElderlyRulesStore(store).save_new_version(ElderlyRules(thresholds={"life": 65, "nonlife": 70, "group": 70}),
                                              by=staff["manager"], effective_from=date(2026, 2, 1), now=NOW)
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], clock=clock))
    page.show_record(uids["yamada"])  # 69: elderly for life insurance under these rules
    assert page.detail.elderly.isVisible()


def test_the_search_pages_through_every_match_not_only_the_first_50(qtbot, qtmodeltester, customers, file_ops, drafts):
    store, staff, _uids = customers
    for i in range(300):  # more than a page of the list (256 rows) as well
        add_customer(store, staff["sato"], name=f"山田 {i:03d}", kana="ヤマダ ハナコ", birth_date="",
                     phone=f"03-0000-{i:04d}")
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], drafts=drafts, clock=clock))
    qtmodeltester.check(page.model)  # watches the first page, then the rows the count adds
    page.search_box.setFocus()
    ime_type(page.search_box, "ヤマダ")
    qtbot.waitUntil(lambda: page.model.rowCount() == 301, timeout=5000)  # 山田 太郎 too, once counted
    assert listed(page)[0] == "山田 太郎"  # equally good matches in kana order: his is in hiragana
    assert sorted(listed(page)[1:]) == [f"山田 {i:03d}" for i in range(300)]
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the last match
    assert current_name(page) == "山田 299" and page.detail.values["name"].text() == "山田 299"
    assert page.detail.values["phone"].text() == "03-0000-0299"


def test_a_retired_customer_opened_from_a_link_is_shown_beside_the_list_and_can_be_edited(
        qtbot, page, customers, file_ops):
    _store, staff, uids = customers
    file_ops.write(None, lambda data: data.customers.set_active(uids["yoshida"], False, by=staff["sato"])).run()
    qtbot.waitUntil(lambda: "𠮷田 髙﨑" not in listed(page), timeout=3000)  # the list holds active customers
    page.show_record(uids["yoshida"])  # e.g. from a voice recorded while she was a customer
    qtbot.waitUntil(page.search.is_idle)
    assert page.detail.values["name"].text() == "𠮷田 髙﨑" and "𠮷田 髙﨑" not in listed(page)
    page.edit_button.click()
    assert page.form.customer_uid == uids["yoshida"]
    qtbot.waitExposed(page.form)
    assert page.form.inputs["name"].text() == "𠮷田 髙﨑"
    page.form.close()


# --- the customer's actions have keys, pressed with the keyboard in the list --------------------------------

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def back_to_list(qtbot, page) -> None:
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()


def new_windows(before: set) -> list:
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in before]


def test_f2_ctrl_shift_h_and_ctrl_shift_r_act_on_the_customer_in_the_list(qtbot, page, customers):
    qtbot.waitUntil(lambda: page.shown_uid is not None)
    uid = page.shown_uid
    back_to_list(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.form is not None and page.form.isVisible() and page.form.customer_uid == uid
    page.form.close()
    back_to_list(qtbot, page)
    before = set(QApplication.topLevelWidgets())
    qtbot.keyClick(page.table, Qt.Key.Key_H, CTRL_SHIFT)
    history = new_windows(before)
    assert len(history) == 1  # the customer's change history
    history[0].close()
    back_to_list(qtbot, page)
    qtbot.keyClick(page.table, Qt.Key.Key_R, CTRL_SHIFT)
    assert page.relative is not None and page.relative.isVisible() and page.relative.customer_uid == uid
    page.relative.close()
    assert [a.shortcut().toString() for a in page.record_actions() if a.isVisible()] == ["F2", "Ctrl+Shift+H", "Ctrl+Shift+R"]


def test_a_search_with_no_match_says_so_and_offers_no_customer_action(qtbot, page, customers):
    search(qtbot, page, "該当しない名前ぬぬぬ", [])
    qtbot.waitUntil(page.search.is_idle)
    assert page.empty_note.isVisible() and page.empty_note.text() == "No customers match."
    assert page.shown_uid is None and not any(a.isEnabled() for a in page.record_actions())
    search(qtbot, page, "ヤマダ", ["山田 太郎"])
    assert not page.empty_note.isVisible()


def test_saving_a_customer_keeps_the_search_typed(qtbot, page, customers):
    _store, _staff, uids = customers
    search(qtbot, page, "やまだ", ["山田 太郎"])
    page.edit_customer()
    form = page.form
    form.inputs["notes"].setPlainText("電話は夕方")
    form.save()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: page.detail.notes.toPlainText() == "電話は夕方", timeout=3000)
    assert page.search_box.text() == "やまだ" and listed(page) == ["山田 太郎"]


def test_the_list_is_in_kana_order_and_namesakes_show_their_town(qtbot, customers, file_ops, drafts):
    store, staff, _uids = customers
    for kana, address in (("たかはし まこと", "神奈川県横浜市港北区日吉本町1-2-3"), ("タカハシ マコト", "東京都港区芝公園4-2-8"),
                          ("あべ まこと", "大阪府大阪市北区梅田1-1"), ("がくと", ""), ("かとう", "")):
        add_customer(store, staff["sato"], name="高橋 誠" if "たかはし" in kana.lower() or "タカハシ" in kana else kana,
                     kana=kana, phone="090-0000-9005", address=address)
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], drafts=drafts, clock=clock))
    qtbot.waitUntil(lambda: page.model.rowCount() == 8, timeout=3000)
    kanas = [page.model.index(r, 1).data() for r in range(page.model.rowCount())]
    assert kanas == ["あべ まこと", "がくと", "かとう", "たかはし まこと", "タカハシ マコト", "やまだ たろう",
                     "ヤマモト ハナコ", "よしだ たかさき"]
    town = page.model.columns.index("town")
    assert [page.model.index(r, town).data() for r in (3, 4)] == ["横浜市港北区日吉本町", "港区芝公園"]


def disk_full(monkeypatch, drafts) -> None:
    import errno

    def refused(key, data, **_):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(drafts, "save", refused)


def test_a_form_whose_draft_cannot_be_kept_stays_the_one_the_page_brings_forward(qtbot, page, customers, drafts,
                                                                                 monkeypatch):
    """Editing another customer while the open form's typing cannot be kept (disk full): the form stays open
    (closing it would lose the typing) and stays the page's — a second form for the same customer never opens
    beside it (two forms, one draft: the second one's save would overwrite the first one's typing)."""
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    page.edit_customer()
    first = page.form
    first.inputs["name"].setText("山本 花子（書きかけ）")
    disk_full(monkeypatch, drafts)
    page.show_record(uids["yamada"])
    page.edit_customer()
    assert first.isVisible() and first.inputs["name"].text() == "山本 花子（書きかけ）"
    assert first.draft_warning.isVisible()  # says why it stayed
    page.show_record(uids["yamamoto"])
    page.edit_customer()
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, CustomerFormDialog) and w.isVisible()]
    assert forms == [first] and page.form is first


def test_a_relative_contact_whose_draft_cannot_be_kept_stays_the_one_the_page_brings_forward(qtbot, page, customers,
                                                                                            drafts, monkeypatch):
    _store, _staff, uids = customers
    page.show_record(uids["yamamoto"])
    page.add_relative()
    first = page.relative
    first.inputs["relative_name"].setText("山本 一郎")
    disk_full(monkeypatch, drafts)
    page.show_record(uids["yamada"])
    page.add_relative()
    assert first.isVisible() and first.inputs["relative_name"].text() == "山本 一郎"
    page.show_record(uids["yamamoto"])
    page.add_relative()
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, RelativeContactDialog) and w.isVisible()]
    assert forms == [first] and page.relative is first


def test_head_office_chooses_a_branch_and_sees_only_its_customers(qtbot, customers, file_ops, drafts):
    store, staff, uids = customers  # head office HQ and the Yokohama office YK
    with store.write():  # 山本 is a customer of the Yokohama office, imported with its office
        store.conn.execute("UPDATE customers SET branch_code = 'YK' WHERE uid = ?", (uids["yamamoto"],))
    page = shown(qtbot, CustomersPage(file_ops, staff["sato"], drafts=drafts, clock=clock))
    qtbot.waitUntil(lambda: len(listed(page)) == 3, timeout=2000)
    everyone = listed(page)
    assert page.branch.box.isVisible()
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Tab)  # from the search box to 拠点, then the list
    assert focused() is page.branch.combo
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 本部
    qtbot.waitUntil(lambda: listed(page) == [n for n in everyone if n != "山本 花子"], timeout=2000)
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Down)  # 横浜支店
    qtbot.waitUntil(lambda: listed(page) == ["山本 花子"], timeout=2000)
    search(qtbot, page, "やま", ["山本 花子"])  # the search stays within the office chosen
    qtbot.keyClick(page.search_box, Qt.Key.Key_Tab)
    qtbot.keyClick(page.branch.combo, Qt.Key.Key_Home)  # 全拠点
    qtbot.waitUntil(lambda: listed(page) == ["山田 太郎", "山本 花子"], timeout=2000)


def test_a_single_office_agency_has_no_branch_choice(qtbot, ops, staff, drafts):
    page = shown(qtbot, CustomersPage(ops, staff["sato"], drafts=drafts, clock=clock))  # head office alone
    assert not page.branch.box.isVisible() and page.export_filter().branch_code is None
    page.search_box.setFocus()
    qtbot.keyClick(page.search_box, Qt.Key.Key_Tab)
    assert focused() is page.table  # Tab passes over the hidden choice
