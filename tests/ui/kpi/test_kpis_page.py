"""KPIの設定 from the keyboard: define a KPI (refusals at the field, nothing typed lost), edit, delete, copy a year,
finalise a period (only after it ended) and unfreeze it with a reason; read-only for staff who are not managers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from agency_app.domain.kpi_definition import KpiInput
from agency_app.domain.periods import Period
from agency_app.storage.kpis import KpiRepository
from agency_app.ui.kpi.finalise_dialog import FinaliseDialog, UnfreezeDialog
from agency_app.ui.kpi.kpi_form import KpiFormDialog
from agency_app.ui.kpi.kpi_form_texts import direction_choices
from agency_app.ui.kpi.kpi_page import INNER_PAGES, KpiPage
from agency_app.ui.kpi.kpis_page import KpisPage
from form_fixtures import ime_type, shown  # noqa: F401

SEPTEMBER = datetime(2025, 9, 20, 10, 0)
OCTOBER = datetime(2025, 10, 2, 10, 0)
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def entry(**changes) -> KpiInput:
    values = dict(fiscal_year=2025, principle=2, title="早期更改率", target="80", unit="%", period="half1")
    values.update(changes)
    return KpiInput(**values)


def page_at(qtbot, ops, who, when=OCTOBER) -> KpisPage:
    page = shown(qtbot, KpisPage(ops, who, clock=lambda: when))
    page.tree.setFocus()
    return page


def titles(page: KpisPage) -> list[str]:
    found = []
    for i in range(page.tree.topLevelItemCount()):
        group = page.tree.topLevelItem(i)
        found += [group.child(j).text(1) for j in range(group.childCount())]
    return found


def opened(qtbot, page):
    """The dialog the page just opened, once it has the keyboard (as it has for a person)."""
    qtbot.waitUntil(lambda: page.dialog is not None and QApplication.activeWindow() is page.dialog)
    return page.dialog


def open_with_alt(qtbot, page, key):
    """Press a button's Alt letter (a mnemonic clicks a moment later) and wait for the dialog it opens."""
    page.dialog = None
    QTest.keyClick(page, key, ALT)
    return opened(qtbot, page)


def save_with_keys(form) -> None:
    QTest.keyClick(form.inputs["title"], Qt.Key.Key_Return, CTRL)


def test_the_page_is_the_second_inner_tab_of_the_kpi_tab(qtbot, ops, staff):
    assert [p.key for p in INNER_PAGES][:2] in (["kpis"], ["dashboard", "kpis"])
    tab = shown(qtbot, KpiPage(ops, staff["manager"], clock=lambda: OCTOBER))
    assert isinstance(tab.go_to("kpis"), KpisPage) and "kpi" in tab.kinds()


def test_a_manager_defines_a_kpi_and_a_refused_save_keeps_what_was_typed(qtbot, ops, staff):
    page = page_at(qtbot, ops, staff["manager"])
    QTest.keyClick(page.tree, Qt.Key.Key_N, CTRL)
    form = opened(qtbot, page)
    assert isinstance(form, KpiFormDialog) and form.isVisible()
    QTest.keyClick(form.inputs["principle"], Qt.Key.Key_Down)   # 1 方針の策定・公表 → 2
    QTest.keyClick(form.inputs["principle"], Qt.Key.Key_Down)
    ime_type(form.inputs["title"], "早期更改率")
    QTest.keyClicks(form.inputs["target"], "120")
    save_with_keys(form)
    assert form.isVisible()
    assert form.field_text("unit") == "Choose the unit of the target (%, cases, times, pt, people)."
    QTest.keyClick(form.inputs["unit"], Qt.Key.Key_Down)   # %
    save_with_keys(form)
    assert form.field_text("target") == "A percentage must be between 0 and 100."
    assert form.inputs["title"].text() == "早期更改率" and form.inputs["target"].text() == "120"
    form.inputs["target"].selectAll()
    QTest.keyClicks(form.inputs["target"], "80")
    save_with_keys(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert titles(page) == ["早期更改率"]
    group = page.tree.topLevelItem(0)
    assert group.text(0) == "Principle 2 顧客の最善の利益の追求"
    assert [group.child(0).text(c) for c in (0, 2, 3, 4)] == ["1", "80.0%以上", "年度", "手入力"]


def test_the_same_title_twice_is_refused_at_the_title(qtbot, ops, staff, store):
    KpiRepository(store).create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    QTest.keyClick(page.tree, Qt.Key.Key_N, CTRL)
    form = opened(qtbot, page)
    QTest.keyClick(form.inputs["principle"], Qt.Key.Key_Down)
    ime_type(form.inputs["title"], "早期更改率")
    QTest.keyClicks(form.inputs["target"], "90")
    QTest.keyClick(form.inputs["unit"], Qt.Key.Key_Down)
    save_with_keys(form)
    assert form.isVisible() and form.field_text("title") == "This year already has a KPI with this title."
    assert QApplication.focusWidget() is form.inputs["title"]


def test_choosing_a_measure_fills_its_unit_direction_and_precision(qtbot, ops, staff):
    page = page_at(qtbot, ops, staff["manager"])
    page.new_kpi()
    form = opened(qtbot, page)
    source = form.inputs["source"]
    source.setFocus()
    QTest.keyClick(source, Qt.Key.Key_Down)   # お客様の声の件数: 件, 以上, whole numbers, a voice kind or all
    assert (form.inputs["unit"].currentData(), form.inputs["direction"].currentData(),
            form.inputs["places"].value()) == ("件", ">=", 0)
    assert form.inputs["param"].isEnabled() and form.inputs["param"].itemText(0) == "All"
    QTest.keyClick(source, Qt.Key.Key_End)    # 対面募集率: %, one place, no detail
    assert (form.inputs["unit"].currentData(), form.inputs["places"].value()) == ("%", 1)
    assert not form.inputs["param"].isEnabled()
    source.setCurrentIndex(source.findData("nps"))   # a survey type is required: the types come from storage
    assert form.inputs["param"].itemData(0) == "contract" and form.inputs["unit"].currentData() == "pt"


def test_enter_edits_and_delete_removes_after_asking(qtbot, ops, staff, store):
    repo = KpiRepository(store)
    repo.create(entry(), staff["manager"])
    repo.create(entry(title="資格保有者数", principle=7, unit="名", target="10", period="year", places=0),
                staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    assert titles(page) == ["早期更改率", "資格保有者数"]
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    form = opened(qtbot, page)
    assert isinstance(form, KpiFormDialog) and form.inputs["title"].text() == "早期更改率"
    form.inputs["target"].selectAll()
    QTest.keyClicks(form.inputs["target"], "85")
    save_with_keys(form)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert page.tree.currentItem().text(2) == "85.0%以上"
    QTest.keyClick(page.tree, Qt.Key.Key_Delete)
    box = opened(qtbot, page)
    assert isinstance(box, QMessageBox) and "早期更改率" in box.text()
    QTest.keyClick(box, Qt.Key.Key_Return)   # the default answer keeps it
    assert titles(page) == ["早期更改率", "資格保有者数"]
    QTest.keyClick(page.tree, Qt.Key.Key_Delete)
    opened(qtbot, page)
    page.delete_confirm.click()
    qtbot.waitUntil(lambda: titles(page) == ["資格保有者数"])


def test_copying_last_year_says_how_many_and_skips_titles_already_there(qtbot, ops, staff, store):
    repo = KpiRepository(store)
    for title in ("早期更改率", "対面募集率", "NPS"):
        repo.create(entry(fiscal_year=2024, title=title), staff["manager"])
    repo.create(entry(title="対面募集率", target="70"), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    QTest.keyClick(page, Qt.Key.Key_C, ALT)   # the button's Alt letter (a mnemonic clicks a moment later)
    qtbot.waitUntil(lambda: page.banner.isVisible())
    assert page.banner.text() == ("Copied 2 KPIs from 2024年度. 1 were here already (same title) and were left "
                                  "as they are.")
    assert sorted(titles(page)) == ["NPS", "対面募集率", "早期更改率"]


def test_a_period_not_ended_is_refused_with_the_day_it_can_be_done(qtbot, ops, staff, store):
    uid = KpiRepository(store).create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"], when=SEPTEMBER)
    dialog = open_with_alt(qtbot, page, Qt.Key.Key_S)
    assert isinstance(dialog, FinaliseDialog)
    dialog.period.setCurrentIndex(dialog.period.findText("上期", Qt.MatchFlag.MatchStartsWith))
    QTest.keyClick(dialog.period, Qt.Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert dialog.box.error.text() == "⚠ This period has not ended yet. It can be finalised from 2025/10/01."
    assert KpiRepository(store).finalisations(2025) == [] and not KpiRepository(store).is_frozen(Period(2025, "half", 1))
    assert uid


def test_finalise_then_unfreeze_with_a_reason_that_is_in_the_history(qtbot, ops, staff, store):
    repo = KpiRepository(store)
    uid = repo.create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    page.values_for = lambda services, period, today: {(uid, "half", 1): Decimal("82.04")}
    dialog = open_with_alt(qtbot, page, Qt.Key.Key_S)
    assert dialog.chosen() == Period(2025, "half", 1)   # the first period that may be finalised today
    QTest.keyClick(dialog.period, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert page.banner.text() == "Finalised 2025年度 上期: 1 results frozen."
    assert repo.results(2025)[(uid, "half", 1)]["frozen_value"] == "82.04"
    assert page.tree.currentItem().text(6) == "Finalised"
    assert "2025年度 上期 finalised on" in page.final_label.text()
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    form = opened(qtbot, page)
    assert not form.inputs["target"].isEnabled() and form.inputs["description"].isEnabled()
    QTest.keyClick(form.inputs["description"], Qt.Key.Key_Escape)
    page.activateWindow()   # as the window manager gives the keyboard back
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)

    undo = open_with_alt(qtbot, page, Qt.Key.Key_U)
    assert isinstance(undo, UnfreezeDialog)
    QTest.keyClick(undo.reason, Qt.Key.Key_Return, CTRL)
    assert undo.isVisible()
    assert undo.boxes["reason"].error.text() == "⚠ Write why the period is unfrozen (it is kept in the history)."
    ime_type(undo.reason, "集計漏れの訂正")
    QTest.keyClick(undo.reason, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not undo.isVisible())
    assert not repo.is_frozen(Period(2025, "half", 1))
    page.tree.setFocus()
    QTest.keyClick(page.tree, Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)
    history = page.dialog
    qtbot.waitUntil(lambda: history.row_count() > 0)
    shown_texts = [history.model.index(r, c).data() for r in range(history.row_count()) for c in range(5)]
    assert "集計漏れの訂正" in shown_texts


def test_unfreezing_the_half_of_a_finalised_year_is_refused_at_the_period_keeping_the_reason(qtbot, ops, staff,
                                                                                             store):
    repo = KpiRepository(store)
    uid = repo.create(entry(), staff["manager"])
    for period in (Period(2025, "half", 1), Period(2025)):
        repo.finalise(period, {(uid, "half", 1): Decimal(82)}, staff["manager"], today=date(2026, 4, 1))
    page = page_at(qtbot, ops, staff["manager"], datetime(2026, 3, 31, 10, 0))   # FY2025 shown
    undo = open_with_alt(qtbot, page, Qt.Key.Key_U)
    undo.period.setFocus()
    QTest.keyClick(undo.period, Qt.Key.Key_Down)
    assert undo.period.currentData() == Period(2025, "half", 1)
    ime_type(undo.reason, "集計漏れの訂正")
    QTest.keyClick(undo.reason, Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: undo.boxes["period"].error.text() != "")
    assert undo.isVisible() and undo.reason.toPlainText() == "集計漏れの訂正"
    assert "Unfreeze 2025年度 first" in undo.boxes["period"].error.text()
    assert [r["status"] for r in repo.finalisations(2025)] == ["final", "final"]


def test_the_history_names_who_finalised_and_reads_the_finalisation_in_words(qtbot, ops, staff, store):
    # The KPI history showed 'Finalised by: df81355c…' (a staff id), 'Status: final → open' and a result made
    # as 'kpi_id: d5158d2d… / period_kind: half / period_number: 1'; the KPI made as 'Direction: >='.
    repo = KpiRepository(store)
    uid = repo.create(entry(), staff["manager"])
    repo.set_hand_value(uid, Period(2025, "half", 1), "81", staff["manager"])
    repo.finalise(Period(2025, "half", 1), {}, staff["manager"], today=date(2025, 10, 1))
    repo.unfreeze(Period(2025, "half", 1), "集計漏れの訂正", staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    qtbot.waitUntil(lambda: titles(page) == ["早期更改率"])
    page.tree.setCurrentItem(page.tree.topLevelItem(0).child(0))
    QTest.keyClick(page.tree, Qt.Key.Key_H, CTRL | Qt.KeyboardModifier.ShiftModifier)
    history = page.dialog
    qtbot.waitUntil(lambda: history.row_count() > 0)
    rows = [[history.model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or history.model.index(r, c).data()
             for c in range(5)] for r in range(history.row_count())]
    text = "\n".join(" | ".join(row) for row in rows)
    assert not any(who in text for who in staff.values())
    assert [row[3:] for row in rows if row[2] == "Finalised by"] == [["", "山田 花子"], ["山田 花子", ""]]
    assert [row[3:] for row in rows if row[2] == "Status"] == [["Finalised", "Unfrozen"]]
    finalised_at = [value for row in rows if row[2] == "Finalised at" for value in row[3:] if value]
    assert finalised_at and all(value[4] == "/" and "-" not in value for value in finalised_at)   # as dates show
    assert "period_kind" not in text and "kpi_id" not in text and "period_number" not in text
    assert "Direction: >=" not in text and "Direction: " + dict(direction_choices())[">="] in text
    assert "KPI: 早期更改率\nKind of period: 半期\nPeriod number: 1" in text, text


def test_staff_who_are_not_managers_see_the_list_read_only(qtbot, ops, staff, store):
    KpiRepository(store).create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["sato"])
    assert titles(page) == ["早期更改率"]
    assert page.read_only_note.isVisible() and "Only a manager" in page.read_only_note.text()
    assert not page.new_button.isEnabled() and not page.finalise_button.isEnabled()
    assert page.history_button.isEnabled()
    QTest.keyClick(page.tree, Qt.Key.Key_N, CTRL)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert page.dialog is None and page.banner.text() == "Only a manager can define KPIs and finalise periods."


def test_the_year_chooser_shows_another_years_kpis(qtbot, ops, staff, store):
    repo = KpiRepository(store)
    repo.create(entry(fiscal_year=2023, title="古いKPI"), staff["manager"])
    repo.create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    assert titles(page) == ["早期更改率"]
    page.year_box.setFocus()
    page.year_box.setCurrentIndex(page.year_box.findData(2023))
    qtbot.waitUntil(lambda: titles(page) == ["古いKPI"])
    assert page.year_box.currentText() == "2023年度"


def test_in_japanese_the_refusal_names_the_day_and_no_two_buttons_share_an_alt_letter(qtbot, ops, staff, store,
                                                                                       japanese):
    KpiRepository(store).create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"], when=SEPTEMBER)
    letters = [b.text().split("(&")[1][0] for b in page.findChildren(QPushButton) if "(&" in b.text()]
    assert len(letters) == len(set(letters)) == 7
    assert page.tree.topLevelItem(0).text(0) == "原則2 顧客の最善の利益の追求"
    dialog = open_with_alt(qtbot, page, Qt.Key.Key_S)
    dialog.period.setCurrentIndex(1)   # 上期
    assert dialog.box.error.text() == "⚠ この期間はまだ終わっていません。2025/10/01から確定できます。"


def test_f2_edits_the_selected_kpi_as_on_the_other_tabs(qtbot, ops, staff, store):
    KpiRepository(store).create(entry(), staff["manager"])
    page = page_at(qtbot, ops, staff["manager"])
    QTest.keyClick(page.tree, Qt.Key.Key_F2)
    form = opened(qtbot, page)
    assert isinstance(form, KpiFormDialog) and form.inputs["title"].text() == "早期更改率"
