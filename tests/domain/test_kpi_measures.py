"""The computed measures' catalogue (R23): every measure the issue names, and a KPI's source checked."""

import pytest

from agency_app.domain import codes, elderly
from agency_app.domain import kpi as K
from agency_app.domain import kpi_measures as M
from agency_app.domain import trainings
from agency_app.domain.errors import ValidationFailed


def test_the_catalogue_has_every_measure_the_issue_names_with_a_unit_and_a_direction():
    names = {m.code for m in M.MEASURES}
    assert {"voices", "improvements_done", "followup_omissions", "elderly_sales", "relative_contacts_registered",
            "relative_contacts_declined", "nps", "satisfaction", "survey_answers", "meetings_held",
            "role_play_participants", "role_play_pass_rate", "qualified_staff", "face_to_face_share"} <= names
    assert len(names) == len(M.MEASURES)   # codes are unique: they are stored
    for m in M.MEASURES:
        assert m.unit in K.UNITS and m.direction in K.DIRECTIONS and m.name_ja and m.counts_ja
        assert 0 <= m.places <= K.MAX_PLACES and "\n" not in m.counts_ja
        assert m.param is None or m.param in M.PARAM_CHOICES
    # omissions and declines are better low; NPS in pt at one decimal (R24)
    assert M.measure("followup_omissions").direction == K.AT_MOST
    assert (M.measure("nps").unit, M.measure("nps").places) == ("pt", 1)


def test_a_hand_entered_kpi_and_a_measure_with_a_valid_parameter_are_accepted():
    M.check_source(M.HAND)
    M.check_source("voices")                                  # no kind: all voices
    M.check_source("voices", codes.KIND_DISSATISFACTION, unit="件")
    M.check_source("elderly_sales", elderly.PHONE_CHECK)
    M.check_source("meetings_held", trainings.KIND_ROLEPLAY, unit="回")
    M.check_source("nps", "accident", unit="pt", survey_types={"accident", "contract"})
    M.check_source("nps", "anything")                          # survey types unknown here: storage checks them


@pytest.mark.parametrize("source,param,extra,field,code", [
    ("no_such_measure", None, {}, "source", M.UNKNOWN_MEASURE),
    ("nps", None, {}, "param", M.PARAM_REQUIRED),
    ("satisfaction", "", {}, "param", M.PARAM_REQUIRED),
    ("voices", "complaint", {}, "param", M.BAD_PARAM),
    ("elderly_sales", "face_to_face", {}, "param", M.BAD_PARAM),
    ("nps", "maturity", {"survey_types": {"accident"}}, "param", M.BAD_PARAM),
    ("improvements_done", "x", {}, "param", M.PARAM_NOT_ALLOWED),
    (M.HAND, "x", {}, "param", M.PARAM_NOT_ALLOWED),
    ("nps", "accident", {"unit": "%"}, "unit", M.UNIT_MISMATCH),
])
def test_a_bad_source_is_refused_with_its_own_code(source, param, extra, field, code):
    with pytest.raises(ValidationFailed) as failed:
        M.check_source(source, param, **extra)
    assert [(e.field, e.code) for e in failed.value.errors] == [(field, code)]


def test_sources_read_in_japanese():
    assert M.label_ja(M.HAND) == "手入力"
    assert M.label_ja("voices", codes.KIND_DISSATISFACTION) == "お客様の声の件数（不満）"
    assert M.label_ja("elderly_sales", elderly.RELATIVE_PRESENT) == "高齢者募集の件数（親族同席）"
    assert M.label_ja("nps", "accident", {"accident": "事故対応"}) == "NPS（事故対応）"
    assert M.label_ja("improvements_done") == "改善件数"
