"""The customer picker: type part of a name, kana or phone; choose with Down/Enter; typing again drops the pick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from agency_app.ui.kit.customer_picker import CustomerPicker
from customer_fixtures import clock, customers  # noqa: F401
from form_fixtures import POPUP_NOISE, focused, ime_type, shown


def make(qtbot, ops):
    host = QWidget()
    picker = CustomerPicker(ops.read, host, clock=clock)
    after = QLineEdit(host)
    layout = QVBoxLayout(host)
    layout.addWidget(picker)
    layout.addWidget(after)
    shown(qtbot, host)
    picker.setFocus()
    picker.host = host  # the test holds the window through the picker
    return picker, after


def test_focus_goes_to_the_typing_field(qtbot, customers, file_ops):
    picker, _after = make(qtbot, file_ops)
    assert focused() is picker.edit


@POPUP_NOISE
def test_hiragana_katakana_and_half_width_find_the_same_customer(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    for typed in ("やまだ", "ヤマダ", "ﾔﾏﾀﾞ", "山田 太郎", "山田太郎"):
        picker.edit.clear()
        ime_type(picker.edit, typed)
        picker.search_now()
        assert picker.matches() == ["山田 太郎（やまだ たろう）69 yrs　…5678　千代田区千代田"], typed


@POPUP_NOISE
def test_matches_pop_up_after_a_short_pause(qtbot, qtmodeltester, customers, file_ops):
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "やま")
    qtbot.waitUntil(lambda: picker.completer.popup().isVisible(), timeout=2000)
    assert sorted(picker.matches()) == ["山本 花子（ヤマモト ハナコ）80 yrs　…2222", "山田 太郎（やまだ たろう）69 yrs　…5678　千代田区千代田"]
    qtmodeltester.check(picker.model)


@POPUP_NOISE
def test_down_and_enter_pick_a_customer(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    seen = []
    picker.customer_changed.connect(seen.append)
    ime_type(picker.edit, "ヤマ")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    popup = picker.completer.popup()
    assert popup.isVisible()
    picked_label = popup.currentIndex().data()
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert picker.customer_uid() in (uids["yamada"], uids["yamamoto"])
    assert picker.text() == picked_label
    assert seen == [picker.customer_uid()]


@POPUP_NOISE
def test_enter_takes_the_only_match_without_down(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "よしだ")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer_uid() == uids["yoshida"]
    assert picker.text() == "𠮷田 髙﨑（よしだ たかさき）\u3000…3456"  # no birth date: no age


@POPUP_NOISE
def test_phone_digits_find_the_customer(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "５６７８")  # full-width, as the IME gives them
    picker.search_now()
    assert picker.matches() == ["山田 太郎（やまだ たろう）69 yrs　…5678　千代田区千代田"]


@POPUP_NOISE
def test_typing_after_a_pick_clears_it(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    picker.set_customer(uids["yamada"])
    seen = []
    picker.customer_changed.connect(seen.append)
    qtbot.keyClick(picker.edit, Qt.Key.Key_Backspace)
    assert picker.customer_uid() is None
    assert seen == [""]


def test_set_customer_shows_and_clears(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    seen = []
    picker.customer_changed.connect(seen.append)
    picker.set_customer(uids["yamamoto"])
    assert picker.text() == "山本 花子（ヤマモト ハナコ）80 yrs　…2222"
    picker.set_customer(None)
    assert (picker.text(), picker.customer_uid()) == ("", None)
    picker.set_customer("no-such-uid")
    assert picker.customer_uid() is None
    assert seen == [uids["yamamoto"], ""]


@POPUP_NOISE
def test_text_matching_nobody_shows_no_list_and_picks_nothing(qtbot, customers, file_ops):
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "いない人")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.matches() == []
    assert not picker.completer.popup().isVisible()
    assert picker.customer_uid() is None


@POPUP_NOISE
def test_a_search_typed_just_before_closing_does_not_run_after(qtbot, customers, file_ops):
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "やま")
    picker.host.hide()
    assert not picker._timer.isActive()
    assert picker.matches() == []


@POPUP_NOISE
def test_namesakes_are_told_apart_by_age_and_the_last_digits_of_the_phone(qtbot, customers, file_ops):
    from customer_fixtures import add_customer
    store, staff, _uids = customers
    add_customer(store, staff["sato"], birth_date="1956/02/29", phone="03-9999-0001")
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "やまだたろう")
    picker.search_now()
    assert sorted(picker.matches()) == ["山田 太郎（やまだ たろう）69 yrs\u3000…0001",
                                        "山田 太郎（やまだ たろう）69 yrs\u3000…5678\u3000千代田区千代田"]
    assert all("090" not in label and "03-" not in label for label in picker.matches())


# --- a pick moves on; a link is never lost to typing (issue 8, point 1) ---------------------------

@POPUP_NOISE
def test_down_enter_moves_to_the_next_field_and_typing_there_keeps_the_link(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, after = make(qtbot, file_ops)
    ime_type(picker.edit, "やまだ")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Down)
    qtbot.keyClick(picker.completer.popup(), Qt.Key.Key_Return)
    assert focused() is after
    qtbot.keyClicks(focused(), "next field")
    assert after.text() == "next field"
    assert picker.customer_uid() == uids["yamada"]
    assert picker.text().startswith("山田 太郎") and picker.state_text() == "Linked"


@POPUP_NOISE
def test_enter_on_the_only_match_moves_on(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, after = make(qtbot, file_ops)
    ime_type(picker.edit, "よしだ")
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)
    assert picker.customer_uid() == uids["yoshida"] and focused() is after


@POPUP_NOISE
def test_a_click_on_a_match_moves_on(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, after = make(qtbot, file_ops)
    ime_type(picker.edit, "やまもと")
    picker.search_now()
    popup = picker.completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    rect = popup.visualRect(picker.model.index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.customer_uid() == uids["yamamoto"] and focused() is after


def test_typing_into_a_linked_customer_keeps_the_link_and_says_how_to_unlink(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    picker.set_customer(uids["yamada"])
    label = picker.text()
    seen = []
    picker.customer_changed.connect(seen.append)
    picker.edit.setFocus()
    qtbot.keyClicks(picker.edit, "abc")
    ime_type(picker.edit, "要旨")
    assert (picker.customer_uid(), picker.text(), seen) == (uids["yamada"], label, [])
    assert picker.state_text() == "Linked — Delete to unlink"


def test_delete_or_the_cross_unlinks_visibly_and_the_field_takes_a_new_search(qtbot, customers, file_ops):
    _store, _staff, uids = customers
    picker, _after = make(qtbot, file_ops)
    picker.set_customer(uids["yamada"])
    assert picker.unlink_button.isVisible()
    picker.edit.setFocus()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Delete)
    assert (picker.customer_uid(), picker.text(), picker.state_text()) == (None, "", "Link removed")
    assert not picker.unlink_button.isVisible()
    ime_type(picker.edit, "やまもと")
    assert picker.text() == "やまもと" and picker.state_text() == "Not linked"
    picker.set_customer(uids["yamamoto"])
    picker.unlink_button.click()
    assert (picker.customer_uid(), picker.text(), picker.state_text()) == (None, "", "Link removed")


@POPUP_NOISE
def test_five_namesakes_are_told_apart_by_their_town(qtbot, customers, file_ops):
    """Issue 8, point 11: five 高橋 誠, same age, same last phone digits: the town tells them apart."""
    from customer_fixtures import add_customer
    store, staff, _uids = customers
    towns = {"神奈川県横浜市港北区日吉本町1-2-3": "横浜市港北区日吉本町", "東京都港区芝公園4-2-8": "港区芝公園",
             "大阪府大阪市北区梅田1-1": "大阪市北区梅田", "北海道札幌市中央区北1条西2丁目": "札幌市中央区北1条西",
             "長野県北佐久郡軽井沢町大字軽井沢1323": "軽井沢町軽井沢"}
    for n, address in enumerate(towns):
        add_customer(store, staff["sato"], name="高橋 誠", kana="たかはし まこと", birth_date="1995/06/01",
                     phone=f"090-{n}000-9005", address=address)
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "たかはし まこと")
    picker.search_now()
    labels = picker.matches()
    assert len(labels) == 5 and len(set(labels)) == 5
    assert sorted(label.rsplit("\u3000", 1)[1] for label in labels) == sorted(towns.values())


def test_the_keypads_enter_moves_on_from_a_linked_customer_as_enter_does(qtbot, customers, file_ops):
    """The numeric keypad's Enter (phone digits are keyed there) carries the keypad modifier: still Enter."""
    _store, _staff, uids = customers
    picker, after = make(qtbot, file_ops)
    picker.set_customer(uids["yamada"])
    picker.edit.setFocus()
    qtbot.keyClick(picker.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert focused() is after and picker.customer_uid() == uids["yamada"]


@POPUP_NOISE
def test_an_enter_while_the_ime_still_composes_never_picks_and_drops_the_words(qtbot, customers, file_ops):
    """'よしだ' committed, then 'たかさき' still being converted: an Enter handed on while composing is the IME's
    (as in the call-back dialog's note) — it must not link the only match of 'よしだ' and throw 'たかさき' away."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    picker, _after = make(qtbot, file_ops)
    ime_type(picker.edit, "よしだ")
    QApplication.sendEvent(picker.edit, QInputMethodEvent("たかさき", []))  # composing
    qtbot.keyClick(picker.edit, Qt.Key.Key_Return)  # a platform that hands the composing Enter on
    assert picker.customer_uid() is None and focused() is picker.edit
    commit = QInputMethodEvent("", [])
    commit.setCommitString("たかさき")
    QApplication.sendEvent(picker.edit, commit)
    assert picker.text() == "よしだたかさき"
