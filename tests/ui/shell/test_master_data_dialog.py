"""Staff and branch master data: a manager adds and edits (audited); anyone else is refused."""

from __future__ import annotations

from agency_app.storage.masters import MasterData
from agency_app.ui.shell.master_data_dialog import MasterDataDialog
from form_fixtures import POPUP_NOISE, ime_type, shown


def audit_rows(store, entity: str, uid: str) -> list[tuple]:
    return store.conn.execute("SELECT field, old_value, new_value, changed_by FROM audit_log "
                              "WHERE entity = ? AND record_uid = ? ORDER BY id", (entity, uid)).fetchall()


@POPUP_NOISE
def test_a_manager_edits_a_staff_member_and_the_change_is_audited(qtbot, ops, store, staff):
    d = shown(qtbot, MasterDataDialog(ops, staff["manager"]))
    assert d.can_edit
    editor = d.staff_editor
    row = next(r for r in range(editor.table.rowCount()) if editor.table.item(r, 0).text() == "鈴木 次郎")
    editor.table.setCurrentCell(row, 0)
    editor.inputs["team"].setEditText("")
    editor.inputs["team"].setFocus()
    ime_type(editor.inputs["team"], "損保")
    editor.inputs["active"].setChecked(False)
    d.save_current()
    assert d.banner.text() == "Saved."
    assert editor.table.item(row, 2).text() == "損保"  # the list shows the change
    person = MasterData(store).staff_member(staff["suzuki"])
    assert person.team == "損保" and not person.active
    changes = {field: (old, new, by) for field, old, new, by in audit_rows(store, "staff", staff["suzuki"])}
    assert changes["team"] == ("生保", "損保", staff["manager"])
    assert changes["active"][:2] == ("1", "0")


def test_a_manager_adds_a_staff_member_and_a_branch(qtbot, ops, store, staff):
    d = shown(qtbot, MasterDataDialog(ops, staff["manager"]))
    editor = d.staff_editor
    editor.start_new()
    d.save_current()  # the name is required
    assert editor.boxes["name"].has_error() and d.banner.text() != "Saved."
    assert len(MasterData(store).staff()) == 3
    ime_type(editor.inputs["name"], "髙橋 𠮷子")
    editor.inputs["kana"].setText("たかはし よしこ")
    d.save_current()
    assert d.banner.text() == "Saved." and not editor.boxes["name"].has_error()
    assert "髙橋 𠮷子" in [s.name for s in MasterData(store).staff()]
    assert editor.table.item(editor.table.currentRow(), 0).text() == "髙橋 𠮷子"  # listed and selected

    d.tabs.setCurrentWidget(d.branch_editor)
    branches = d.branch_editor
    branches.start_new()
    branches.inputs["code"].setText("HQ")
    branches.inputs["name"].setText("重複")
    d.save_current()  # a code already in use would overwrite that branch
    assert "already used" in branches.boxes["code"].error.text()
    assert "重複" not in [b.name for b in MasterData(store).branches()]
    branches.inputs["code"].setText("OSK")
    branches.inputs["name"].setText("大阪支店")
    d.save_current()
    assert d.banner.text() == "Saved."
    assert ("OSK", "大阪支店") in [(b.code, b.name) for b in MasterData(store).branches()]
    assert branches.inputs["code"].isReadOnly()  # now editing it: the code never changes


def test_a_manager_cannot_lock_themselves_out(qtbot, ops, store, staff):
    d = shown(qtbot, MasterDataDialog(ops, staff["manager"]))
    editor = d.staff_editor
    row = next(r for r in range(editor.table.rowCount()) if editor.table.item(r, 0).text() == "山田 花子")
    editor.table.setCurrentCell(row, 0)
    editor.inputs["role"].set_code("staff")
    d.save_current()
    assert "own manager role" in editor.boxes["role"].error.text()
    assert MasterData(store).staff_member(staff["manager"]).is_manager


def test_anyone_but_a_manager_is_refused(qtbot, ops, store, staff):
    d = shown(qtbot, MasterDataDialog(ops, staff["sato"]))
    assert not d.can_edit
    assert d.staff_editor is None and d.tabs.count() == 0
    assert "Only a manager" in d.banner.text()
    d.save_current()  # Ctrl+Enter does nothing: there is nothing to save
    assert "Only a manager" in d.banner.text()


def test_on_a_file_saving_a_new_staff_member_twice_quickly_adds_one_person(qtbot, voice_db, file_ops):
    """A double click on Save (or Ctrl+Enter pressed twice) while the first save is written must not add the
    same person twice to every staff list."""
    from list_fixtures import settle
    store, staff, _uids = voice_db
    d = shown(qtbot, MasterDataDialog(file_ops, staff["manager"]))
    editor = d.staff_editor
    editor.start_new()
    ime_type(editor.inputs["name"], "髙橋 𠮷子")
    editor.inputs["kana"].setText("たかはし よしこ")
    editor.save_button.click()
    editor.save_button.click()  # before the first write has come back
    settle(qtbot, file_ops)
    assert d.banner.text() == "Saved."
    assert [s.name for s in MasterData(store).staff()].count("髙橋 𠮷子") == 1
