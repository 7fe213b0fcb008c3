"""The insurer list follows the product line: 生保 offers life insurers, 損保 non-life ones, 団体 all."""

from __future__ import annotations

from agency_app.domain.insurers import insurer_group, insurers_for
from agency_app.storage.masters import DEFAULT_INSURERS

LIFE = ["日本生命", "第一生命", "明治安田生命", "住友生命"]
NONLIFE = ["東京海上日動", "損害保険ジャパン", "三井住友海上", "あいおいニッセイ同和損保"]


def test_the_shipped_insurers_are_each_known_as_life_or_non_life():
    assert [n for n in DEFAULT_INSURERS if insurer_group(n) == "life"] == LIFE
    assert [n for n in DEFAULT_INSURERS if insurer_group(n) == "nonlife"] == NONLIFE
    assert insurer_group("アフラック生命保険") == "life" and insurer_group("日新火災海上保険") == "nonlife"
    assert insurer_group("チューリッヒ保険") is None


def test_life_offers_life_insurers_and_non_life_lines_offer_non_life_ones():
    assert insurers_for(list(DEFAULT_INSURERS), "life") == LIFE
    for line in ("nonlife_auto", "nonlife_fire", "nonlife_accident", "nonlife_other"):
        assert insurers_for(list(DEFAULT_INSURERS), line) == NONLIFE, line


def test_group_or_no_line_offers_every_insurer():
    assert insurers_for(list(DEFAULT_INSURERS), "group") == list(DEFAULT_INSURERS)
    assert insurers_for(list(DEFAULT_INSURERS), "") == list(DEFAULT_INSURERS)
    assert insurers_for(list(DEFAULT_INSURERS), None) == list(DEFAULT_INSURERS)


def test_a_name_that_does_not_say_is_offered_for_every_line():
    names = [*DEFAULT_INSURERS, "チューリッヒ保険"]
    assert "チューリッヒ保険" in insurers_for(names, "life")
    assert "チューリッヒ保険" in insurers_for(names, "nonlife_auto")


def test_the_insurer_already_on_a_record_stays_offered():
    assert insurers_for(list(DEFAULT_INSURERS), "life", keep="東京海上日動") == [*LIFE, "東京海上日動"]
    assert insurers_for(list(DEFAULT_INSURERS), "life", keep="日本生命") == LIFE
    assert insurers_for(list(DEFAULT_INSURERS), "life", keep="  ") == LIFE


def test_a_life_insurer_of_a_non_life_group_is_life():
    # 損保 agencies sell the life insurer of their group: its name says both 海上/損保 and 生命. It is a
    # life insurer, and must not be offered for a car or fire policy.
    for name in ("東京海上日動あんしん生命", "三井住友海上あいおい生命", "損保ジャパンひまわり生命"):
        assert insurer_group(name) == "life", name
    names = [*DEFAULT_INSURERS, "東京海上日動あんしん生命"]
    assert "東京海上日動あんしん生命" not in insurers_for(names, "nonlife_auto")
    assert "東京海上日動あんしん生命" in insurers_for(names, "life")
