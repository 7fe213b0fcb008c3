"""The computed KPI measures (DOMAIN R23, issue 11 point 2): code, Japanese name, unit, direction, what each counts, its parameter."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from agency_app.domain import codes, elderly, trainings
from agency_app.domain.errors import FieldError, ValidationFailed
from agency_app.domain.kpi import AT_LEAST, AT_MOST

HAND = "hand"   # a KPI's source when its result is typed by the manager, not computed

# Parameter kinds: what a measure needs to know besides the period and branch.
VOICE_KIND = "voice_kind"            # one of codes.KINDS
ELDERLY_MEASURE = "elderly_measure"  # one of elderly.MEASURES
SURVEY_TYPE = "survey_type"          # a survey type's code; the set is data (storage), passed in to check
MEETING_KIND = "meeting_kind"        # one of MEETING_KINDS (trainings.KINDS)

# R26 meeting kinds: the trainings' own codes (domain/trainings.py), one list for the records and the catalogue.
MEETING_KINDS = trainings.KINDS

PARAM_CHOICES: dict[str, tuple[str, ...] | None] = {   # None: the choices are data, checked against `survey_types`
    VOICE_KIND: codes.KINDS, ELDERLY_MEASURE: elderly.MEASURES, SURVEY_TYPE: None, MEETING_KIND: MEETING_KINDS,
}
PARAM_VALUE_LABELS_JA = {
    VOICE_KIND: {codes.KIND_PRAISE: "感謝", codes.KIND_DISSATISFACTION: "不満", codes.KIND_REQUEST: "要望",
                 codes.KIND_OTHER: "その他"},
    ELDERLY_MEASURE: {elderly.RELATIVE_PRESENT: "親族同席", elderly.MULTIPLE_MEETINGS: "複数回面談",
                      elderly.SECOND_AGENT: "複数募集人", elderly.PHONE_CHECK: "電話確認",
                      elderly.WRITTEN_CHECK: "書面確認"},
    MEETING_KIND: dict(trainings.KIND_LABELS),
}

# Message codes (the UI turns them into Japanese).
UNKNOWN_MEASURE = "kpi_unknown_measure"        # params: measure
PARAM_REQUIRED = "kpi_measure_param_required"  # params: measure, param (the parameter kind)
PARAM_NOT_ALLOWED = "kpi_measure_param_not_allowed"  # a parameter given to a measure that takes none
BAD_PARAM = "kpi_measure_bad_param"            # params: param, value
UNIT_MISMATCH = "kpi_measure_unit_mismatch"    # params: unit (the measure's)
NPS_WITHOUT_SCORE = "kpi_nps_type_without_score"  # NPS of a survey that does not ask the 0–10 score (always データなし)


@dataclass(frozen=True)
class Measure:
    """One computed measure: a function of the records of a period and branch, with no hand-typed input."""

    code: str
    name_ja: str
    unit: str
    direction: str        # the default direction for a new KPI on this measure
    places: int           # the default shown precision
    counts_ja: str        # one line: which records it counts (shown under "why is it 97?")
    param: str | None = None      # the parameter kind, if any
    param_required: bool = False  # False: no parameter means all (every kind, every measure…)


MEASURES: tuple[Measure, ...] = (
    Measure("voices", "お客様の声の件数", "件", AT_LEAST, 0,
            "期間内に受け付けたお客様の声（種別を指定したときはその種別のみ）", VOICE_KIND),
    Measure("improvements_done", "改善件数", "件", AT_LEAST, 0,
            "期間内に完了した改善"),
    Measure("followup_omissions", "対応漏れ件数", "件", AT_MOST, 0,
            "期間内に期限を過ぎて完了した声と、完了後に再開された声"),
    Measure("elderly_sales", "高齢者募集の件数", "件", AT_LEAST, 0,
            "期間内の高齢のお客様への募集記録（確認方法を指定したときはその方法のみ）", ELDERLY_MEASURE),
    Measure("relative_contacts_registered", "親族連絡先の登録件数", "件", AT_LEAST, 0,
            "期間内に登録された高齢のお客様の親族連絡先"),
    Measure("relative_contacts_declined", "親族連絡先の登録辞退件数", "件", AT_MOST, 0,
            "期間内に親族連絡先の登録を辞退された記録"),
    Measure("nps", "NPS", "pt", AT_LEAST, 1,
            "期間内の指定したアンケート種別の回答の推奨度（0〜10）", SURVEY_TYPE, True),
    Measure("satisfaction", "満足度", "%", AT_LEAST, 1,
            "期間内の指定したアンケート種別の回答のうち上位の評価の割合", SURVEY_TYPE, True),
    Measure("survey_answers", "アンケート回答数", "件", AT_LEAST, 0,
            "期間内のアンケート回答（種別を指定したときはその種別のみ）", SURVEY_TYPE),
    Measure("meetings_held", "会議・研修の実施回数", "回", AT_LEAST, 0,
            "期間内に実施した会議・勉強会・ロールプレイング（種類を指定したときはその種類のみ）", MEETING_KIND),
    Measure("role_play_participants", "ロールプレイング参加者数", "名", AT_LEAST, 0,
            "期間内のロールプレイングに参加した職員（一人は一回と数える）"),
    Measure("role_play_pass_rate", "ロールプレイング合格率", "%", AT_LEAST, 1,
            "期間内のロールプレイング参加者のうち合格した人（追試での合格を含む）の割合"),
    Measure("qualified_staff", "資格保有者数", "名", AT_LEAST, 0,
            "期間末に資格を1つ以上保有している職員"),
    Measure("qualified_staff_share", "資格保有者の割合", "%", AT_LEAST, 1,
            "期間末の在籍職員のうち資格を1つ以上保有している職員の割合"),
    Measure("face_to_face_share", "対面募集率", "%", AT_LEAST, 1,
            "期間内の募集記録のうち対面で行った募集の割合"),
)
BY_CODE = {m.code: m for m in MEASURES}


def measure(code: str) -> Measure:
    """The measure with this code; KeyError for an unknown one (a stored code the catalogue lost is a bug)."""
    return BY_CODE[code]


def check_source(source: str, param: str | None = None, *, unit: str | None = None,
                 survey_types: Collection[str] | None = None) -> None:
    """A KPI's source is HAND (no parameter) or a known measure with a valid parameter, and — when `unit` is
    given — the KPI's unit is the measure's (a 件 target on a % measure could never be judged).
    `survey_types`: the known survey type codes; None skips that check (the storage layer passes them)."""
    if source == HAND:
        if param is not None:
            raise ValidationFailed([FieldError("param", PARAM_NOT_ALLOWED)])
        return
    found = BY_CODE.get(source)
    if found is None:
        raise ValidationFailed([FieldError("source", UNKNOWN_MEASURE, {"measure": source})])
    problems = []
    if param is None or param == "":
        if found.param_required:
            problems.append(FieldError("param", PARAM_REQUIRED, {"measure": source, "param": found.param}))
    elif found.param is None:
        problems.append(FieldError("param", PARAM_NOT_ALLOWED))
    else:
        choices = PARAM_CHOICES[found.param]
        if choices is None:
            choices = tuple(survey_types) if survey_types is not None else None
        if choices is not None and param not in choices:
            problems.append(FieldError("param", BAD_PARAM, {"param": found.param, "value": param}))
    if unit is not None and unit != found.unit:
        problems.append(FieldError("unit", UNIT_MISMATCH, {"unit": found.unit}))
    if problems:
        raise ValidationFailed(problems)


def label_ja(source: str, param: str | None = None, survey_type_names: dict[str, str] | None = None) -> str:
    """How a source reads in a list: '手入力', 'お客様の声の件数（不満）', 'NPS（事故対応）'."""
    if source == HAND:
        return "手入力"
    found = BY_CODE.get(source)
    if found is None:
        return source
    if not param:
        return found.name_ja
    if found.param == SURVEY_TYPE:
        shown = (survey_type_names or {}).get(param, param)
    else:
        shown = PARAM_VALUE_LABELS_JA.get(found.param or "", {}).get(param, param)
    return f"{found.name_ja}（{shown}）"
