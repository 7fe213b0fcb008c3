"""Master data: a new database gets both category presets, its branch and insurers; staff changes are audited."""

import json
from datetime import datetime

import pytest

from agency_app.storage.database import open_store
from agency_app.storage.masters import DEFAULT_INSURERS, MasterData, initialise

T1 = datetime(2025, 11, 20, 10, 0)
T2 = datetime(2025, 11, 21, 9, 0)


def audit(store, uid):
    return [tuple(r) for r in store.conn.execute(
        "SELECT field, old_value, new_value, changed_at, changed_by FROM audit_log "
        "WHERE record_uid = ? ORDER BY id", (uid,))]


def test_initialise_installs_both_presets_with_their_seed_categories(store):
    masters = MasterData(store)
    insurer = masters.taxonomy("insurer")
    assert insurer.groups() == ["募集業務", "契約管理業務", "保険金支払い業務", "顧客情報", "その他"]
    assert [len(insurer.items(g)) for g in insurer.groups()] == [9, 7, 5, 3, 1]
    assert len(insurer.categories) == 25
    assert insurer.items("募集業務")[0] == "ご契約の更新手続きの連絡不十分・遅延に関するもの"
    agency = masters.taxonomy("agency")
    assert agency.groups() == ["満期案内・契約手続関連", "変更・解約・保全関連", "保険料収納関連",
                               "保険金関連", "個人情報関連", "その他"]
    assert masters.active_preset() == "agency"
    assert masters.taxonomy().groups() == agency.groups()


def test_initialise_sets_up_the_home_branch_and_the_usual_insurers(store):
    masters = MasterData(store)
    assert store.home_branch == "HQ"
    [branch] = masters.branches()
    assert (branch.code, branch.name, branch.is_head_office) == ("HQ", "本部", True)
    assert masters.insurers() == list(DEFAULT_INSURERS)


def test_a_branch_office_database_can_start_with_the_insurer_preset(tmp_path):
    store = open_store(tmp_path / "branch.db")
    initialise(store, branch_code="OSK", branch_name="大阪支店", is_head_office=False, preset="insurer")
    assert store.home_branch == "OSK"
    assert MasterData(store).active_preset() == "insurer"
    assert MasterData(store).branches()[0].is_head_office is False
    store.close()


def test_installing_a_preset_again_adds_nothing(store):
    masters = MasterData(store)
    before = store.conn.execute("SELECT count(*) FROM categories").fetchone()[0]
    assert masters.install_preset("insurer") == 0
    assert masters.install_preset("agency") == 0
    assert store.conn.execute("SELECT count(*) FROM categories").fetchone()[0] == before == 31


def test_a_failed_initialise_leaves_an_empty_database_that_can_be_initialised_again(tmp_path, monkeypatch):
    store = open_store(tmp_path / "agency.db")
    monkeypatch.setattr(MasterData, "save_insurer", lambda self, name: (_ for _ in ()).throw(OSError("boom")))
    with pytest.raises(OSError):
        initialise(store)
    assert store.conn.execute("SELECT count(*) FROM categories").fetchone()[0] == 0
    assert store.setting("home_branch") is None
    monkeypatch.undo()
    initialise(store)
    assert len(MasterData(store).insurers()) == len(DEFAULT_INSURERS)
    store.close()


def test_adding_and_editing_staff_is_audited_field_by_field(store, staff):
    masters = MasterData(store)
    manager = staff["manager"]
    uid = masters.save_staff(name="高橋 三郎", kana="たかはし さぶろう", team="損保", by=manager, now=T1)
    [(field, old, made, when, who)] = audit(store, uid)
    assert (field, old, when, who) == ("*created", None, "2025-11-20 10:00", manager)
    # What the member was created with; no branch was given, so none is recorded.
    assert json.loads(made) == {"name": "高橋 三郎", "kana": "たかはし さぶろう", "team": "損保", "role": "staff",
                                "active": 1}

    masters.save_staff(uid=uid, name="高橋 三郎", kana="たかはし さぶろう", team="生保", role="manager",
                       by=manager, now=T2)
    assert audit(store, uid)[1:] == [("team", "損保", "生保", "2025-11-21 09:00", manager),
                                     ("role", "staff", "manager", "2025-11-21 09:00", manager)]
    member = masters.staff_member(uid)
    assert (member.team, member.is_manager) == ("生保", True)


def test_inactive_staff_leave_the_pick_list_but_keep_their_record(store, staff):
    masters = MasterData(store)
    masters.save_staff(uid=staff["suzuki"], name="鈴木 次郎", kana="すずき じろう", team="生保",
                       branch_code="HQ", active=False)
    assert staff["suzuki"] not in [s.uid for s in masters.staff()]
    assert masters.staff_member(staff["suzuki"]).active is False
    assert [s.name for s in masters.staff()] == ["佐藤 一郎", "山田 花子"]  # sorted by kana


def test_staff_need_a_name_and_a_known_role(store):
    masters = MasterData(store)
    with pytest.raises(ValueError):
        masters.save_staff(name="  ")
    with pytest.raises(ValueError):
        masters.save_staff(name="田中", role="boss")
    assert masters.staff() == []


def test_renaming_a_branch_is_audited(store):
    MasterData(store).save_branch("HQ", "本社", is_head_office=True, by=None, now=T2)
    rows = audit(store, "HQ")
    assert rows[-1][:3] == ("name", "本部", "本社")


def test_an_insurer_is_listed_once(store):
    masters = MasterData(store)
    masters.save_insurer(" アクサ生命 ")
    masters.save_insurer("アクサ生命")
    assert masters.insurers().count("アクサ生命") == 1
    assert masters.insurers()[-1] == "アクサ生命"
