"""`agency-app erase-customer`: a manager erases one customer's personal data; anyone else, no reason, or an unknown
customer is refused with a message and exit code 1, and nothing changes."""

from __future__ import annotations

from agency_app.cli import main
from agency_app.domain.customer import CustomerInput
from agency_app.storage.customers import CustomerRepository
from agency_app.storage.database import open_store
from agency_app.storage.drafts import DraftStore
from agency_app.storage.masters import MasterData, initialise

import pytest


@pytest.fixture
def db(tmp_path):
    """(path, customer uid) with a staff member 佐藤 and a manager 山田 花子."""
    path = tmp_path / "agency.db"
    store = open_store(path, daily_backup=False)
    try:
        initialise(store)
        masters = MasterData(store)
        sato = masters.save_staff(name="佐藤 一郎", kana="さとう いちろう", team="損保", branch_code="HQ")
        masters.save_staff(name="山田 花子", kana="やまだ はなこ", team="品質管理", role="manager", branch_code="HQ")
        uid = CustomerRepository(store).create(CustomerInput(name="鈴木 太郎", kana="すずき たろう",
                                                             phone="090-1234-5678"), by=sato)
    finally:
        store.close()
    return path, uid


def name_of(path, uid) -> str:
    store = open_store(path, daily_backup=False)
    try:
        return CustomerRepository(store).get(uid)["name"]
    finally:
        store.close()


def test_a_manager_erases_the_customer_and_their_drafts(db, tmp_path, capsys):
    path, uid = db
    drafts = DraftStore(tmp_path / "drafts")
    drafts.save(f"edit-{uid}", {"name": "鈴木 太郎"})
    code = main(["erase-customer", "--db", str(path), "--customer", uid, "--reason", "ご本人の依頼",
                 "--staff", "山田花子", "--drafts", str(drafts.folder)])
    assert code == 0
    assert "個人情報を消去しました" in capsys.readouterr().out
    assert name_of(path, uid) == "削除済み"
    assert drafts.keys() == []


@pytest.mark.parametrize("staff, reason, customer, message", [
    ("佐藤 一郎", "ご本人の依頼", None, "管理者だけ"),
    ("山田 花子", "  ", None, "理由を入力"),
    ("山田 花子", "ご本人の依頼", "nobody", "見つかりません"),
    ("田中", "ご本人の依頼", None, "見つかりません"),
])
def test_refused_with_a_message_and_exit_code_1_and_nothing_changes(db, tmp_path, capsys, staff, reason, customer,
                                                                     message):
    path, uid = db
    code = main(["erase-customer", "--db", str(path), "--customer", customer or uid, "--reason", reason,
                 "--staff", staff, "--drafts", str(tmp_path / "drafts")])
    assert code == 1
    assert message in capsys.readouterr().err
    assert name_of(path, uid) == "鈴木 太郎"


def test_a_missing_database_is_said(tmp_path, capsys):
    code = main(["erase-customer", "--db", str(tmp_path / "none.db"), "--customer", "x", "--reason", "r",
                 "--staff", "s"])
    assert code == 1 and "見つかりません" in capsys.readouterr().err


def test_without_drafts_the_drafts_of_this_database_are_erased(db, tmp_path, monkeypatch, capsys):
    """Drafts live in a folder per database (paths.drafts_dir_for): the command's default must be that folder,
    not the drafts root above it, where no draft of this database lies."""
    from agency_app import paths
    monkeypatch.setenv("AGENCY_APP_DATA", str(tmp_path / "data"))
    path, uid = db
    drafts = DraftStore(paths.drafts_dir_for(path))
    drafts.save(f"edit-{uid}", {"name": "鈴木 太郎", "phone": "090-1234-5678"})
    code = main(["erase-customer", "--db", str(path), "--customer", uid, "--reason", "ご本人の依頼",
                 "--staff", "山田花子"])
    assert code == 0 and "下書き 1 件" in capsys.readouterr().out
    assert drafts.keys() == []
