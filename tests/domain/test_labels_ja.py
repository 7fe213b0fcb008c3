"""Every code the application stores has its Japanese label in domain/labels_ja.py, and nothing else speaks for it."""

from agency_app.domain import codes, elderly, labels_ja as ja, relatives
from agency_app.storage import counts


def test_every_code_has_a_japanese_label():
    for table, codes_ in ((ja.KIND, codes.KINDS), (ja.CHANNEL, codes.CHANNELS), (ja.PRODUCT_LINE, codes.PRODUCT_LINES),
                          (ja.PRODUCT_GROUP, codes.PRODUCT_GROUPS), (ja.STATUS, codes.STATUSES),
                          (ja.MEASURE, elderly.MEASURES), (ja.ANSWER, elderly.ANSWERS),
                          (ja.OUTCOME, relatives.OUTCOMES), (ja.OBTAINED_BY, relatives.OBTAINED_BY),
                          (ja.OMISSION_REASON, counts.OMISSION_REASONS)):
        assert set(table) == set(codes_)
        assert all(label and label.strip() == label for label in table.values())


def test_the_words_staff_know():
    assert [ja.KIND[k] for k in codes.KINDS] == ["感謝", "不満", "要望", "その他"]
    assert [ja.STATUS[s] for s in codes.STATUSES] == ["未対応", "対応中", "完了", "見送り"]
    assert ja.MEASURE[elderly.SECOND_AGENT] == "複数募集人" and ja.PRODUCT_GROUP["nonlife"] == "損保"


def test_an_unknown_code_shows_as_itself_and_none_as_nothing():
    assert ja.label(ja.CHANNEL, "fax") == "fax"
    assert ja.label(ja.PRODUCT_LINE, None) == ""
