"""R3: the two shipped category presets, agency (seed 002, one level) and insurer (seed 001, two levels)."""

import json

from agency_app import paths
from agency_app.domain.taxonomy import Category, load_preset

PRESETS = paths.resources_dir() / "taxonomy"


def test_agency_preset_has_the_six_one_level_groups_of_seed_002():
    taxonomy = load_preset(PRESETS / "agency.json")
    assert taxonomy.name == "agency"
    assert taxonomy.groups() == ["満期案内・契約手続関連", "変更・解約・保全関連", "保険料収納関連",
                                 "保険金関連", "個人情報関連", "その他"]
    assert all(c.item == "" for c in taxonomy.categories)
    assert taxonomy.items("保険金関連") == []


def test_insurer_preset_has_five_groups_with_9_7_5_3_1_items_of_seed_001():
    taxonomy = load_preset(PRESETS / "insurer.json")
    assert taxonomy.groups() == ["募集業務", "契約管理業務", "保険金支払い業務", "顧客情報", "その他"]
    assert [len(taxonomy.items(g)) for g in taxonomy.groups()] == [9, 7, 5, 3, 1]
    assert len(taxonomy.categories) == 25
    assert taxonomy.items("募集業務")[0] == "ご契約の更新手続きの連絡不十分・遅延に関するもの"
    assert taxonomy.items("その他") == ["上記以外のもの"]


def test_same_item_name_in_two_groups_stays_two_categories():
    taxonomy = load_preset(PRESETS / "insurer.json")
    manners = [c for c in taxonomy.categories if c.item == "社員や代理店の言葉遣い・マナーに関するもの"]
    assert [c.group for c in manners] == ["募集業務", "契約管理業務", "保険金支払い業務"]


def test_category_label_shows_group_and_item_or_group_alone():
    assert Category("募集業務", "誤送付に関するもの").label() == "募集業務 ／ 誤送付に関するもの"
    assert Category("その他").label() == "その他"


def test_a_preset_file_keeps_the_order_it_is_written_in(tmp_path):
    file = tmp_path / "mine.json"
    file.write_text(json.dumps({"name": "mine", "label": "自社", "groups": [
        {"group": "Z群", "items": ["b", "a"]}, {"group": "A群", "items": []}]}, ensure_ascii=False),
        encoding="utf-8")
    taxonomy = load_preset(file)
    assert taxonomy.label == "自社"
    assert taxonomy.groups() == ["Z群", "A群"]
    assert taxonomy.items("Z群") == ["b", "a"]
