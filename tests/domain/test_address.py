"""The town of an address (市区町村 + 町名) as the customer lists show it to tell namesakes apart."""

from __future__ import annotations

import pytest

from agency_app.domain.address import TOWN_MAX, town_of


@pytest.mark.parametrize("address, town", [
    ("東京都港区芝公園4-2-8", "港区芝公園"),
    ("大阪府大阪市北区梅田1-1", "大阪市北区梅田"),
    ("北海道札幌市中央区北1条西2丁目", "札幌市中央区北1条西"),
    ("京都府京都市中京区寺町通御池上る上本能寺前町488", "京都市中京区上本能寺前町"),
    ("京都府京都市中京区河原町通三条下る大黒町44", "京都市中京区大黒町"),
    ("神奈川県横浜市港北区日吉本町1-2-3", "横浜市港北区日吉本町"),
    ("神奈川県横浜市港北区日吉2丁目1-1 日吉ハイツ101", "横浜市港北区日吉"),
    ("長野県北佐久郡軽井沢町大字軽井沢1323", "軽井沢町軽井沢"),
    ("長野県北佐久郡軽井沢町", "軽井沢町"),
    ("東京都千代田区千代田1-1", "千代田区千代田"),
    ("東京都八王子市元本郷町三丁目24番1号", "八王子市元本郷町"),
    ("三重県四日市市諏訪町1-5", "四日市市諏訪町"),
    ("千葉県市川市八幡1-1-1", "市川市八幡"),
    ("東京都町田市森野2-2-22", "町田市森野"),
    ("愛知県名古屋市中区三の丸三丁目1番1号", "名古屋市中区三の丸"),
    ("〒223-0061 神奈川県横浜市港北区日吉１－２－３", "横浜市港北区日吉"),  # full width, postal code first
    ("埼玉県川口市", "川口市"),
    # 番町 towns: the kanji numeral is the town's name, not a block number
    ("東京都千代田区一番町10-2", "千代田区一番町"),
    ("東京都千代田区五番町", "千代田区五番町"),
    ("宮城県仙台市青葉区一番町四丁目7-17", "仙台市青葉区一番町"),
    ("東京都千代田区丸の内一丁目1番1号 丸の内ビル", "千代田区丸の内"),
    ("東京都中央区日本橋三丁目1番地", "中央区日本橋"),
    ("", ""),
    ("1-2-3", ""),
])
def test_the_town_of_real_address_shapes(address, town):
    assert town_of(address) == town


def test_the_town_is_short():
    assert len(town_of("鹿児島県鹿児島郡十島村大字中之島とても長い長い長い地名の集落1番地")) <= TOWN_MAX
