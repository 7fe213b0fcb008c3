"""Translated texts about customers and relative contacts: field names, error sentences, how a customer is named."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication

from agency_app.domain import customer as C
from agency_app.domain import labels_ja as ja
from agency_app.domain import relatives as R
from agency_app.domain.address import town_of
from agency_app.domain.age import age_on
from agency_app.domain.customer import parse_product_lines
from agency_app.domain.errors import FieldError
from agency_app.ui.kit import labels
from agency_app.ui.kit.messages import field_error_text

# A plain alias: pyside6-lupdate finds translate("Context", "literal") calls, not wrappers.
translate = QCoreApplication.translate

ELDERLY_AGE = 70  # the age from which the customer list and detail say 高齢のお客様 (DOMAIN R16 default)

_FIELDS = {
    "name": lambda: translate("CustomerFields", "Name"),
    "kana": lambda: translate("CustomerFields", "Kana"),
    "birth_date": lambda: translate("CustomerFields", "Date of birth"),
    "age": lambda: translate("CustomerFields", "Age"),
    "phone": lambda: translate("CustomerFields", "Phone"),
    "postal_code": lambda: translate("CustomerFields", "Postal code"),
    "address": lambda: translate("CustomerFields", "Address"),
    "product_lines": lambda: translate("CustomerFields", "Products held"),
    "notes": lambda: translate("CustomerFields", "Notes"),
    "branch_code": lambda: translate("CustomerFields", "Branch"),
    "active": lambda: translate("CustomerFields", "In use"),
    "customer_id": lambda: translate("CustomerFields", "Customer"),
    "product_line": lambda: translate("CustomerFields", "Product"),
    "outcome": lambda: translate("CustomerFields", "Result"),
    "relative_name": lambda: translate("CustomerFields", "Relative's name"),
    "relation": lambda: translate("CustomerFields", "Relation"),
    "obtained_by": lambda: translate("CustomerFields", "Obtained by"),
    "decline_reason": lambda: translate("CustomerFields", "Reason for declining"),
    "recorded_on": lambda: translate("CustomerFields", "Recorded on"),
    "recorded_by": lambda: translate("CustomerFields", "Recorded by"),
    "*created": lambda: translate("CustomerFields", "Created"),
}


def customer_field_label(name: str) -> str:
    """The Japanese name of a customer or relative-contact field; unknown names are shown as they are."""
    return _FIELDS[name]() if name in _FIELDS else name


def customer_error_text(error: FieldError) -> str:
    """One sentence telling the user what to fix; shared codes (required, too long…) as everywhere else."""
    params = error.params or {}
    texts = {
        C.NOT_KANA: lambda: translate("CustomerMessages", "Enter the reading in kana (hiragana or katakana)."),
        C.BIRTH_IN_FUTURE: lambda: translate("CustomerMessages", "The date of birth is in the future."),
        C.BIRTH_TOO_OLD: lambda: translate(
            "CustomerMessages", "The date of birth is more than {max} years ago. Please check the year.").format(
            max=params.get("max", 120)),
        C.BAD_PHONE: lambda: translate(
            "CustomerMessages", "Enter a phone number of 10 or 11 digits starting with 0, like 090-1234-5678."),
        C.BAD_POSTAL_CODE: lambda: translate("CustomerMessages", "Enter a postal code of 7 digits, like 123-4567."),
        C.BIRTH_AFTER_SALE: lambda: translate(
            "CustomerMessages", "This customer has an elderly-customer record with a sale on {date}: "
            "the date of birth cannot be later.").format(date=str(params.get("sale_date", "")).replace("-", "/")),
        C.BIRTH_MAKES_SALE_NOT_ELDERLY: lambda: translate(
            "CustomerMessages", "With this date of birth the customer was not elderly at the sale of {date}, "
            "which has an elderly-customer record. Check the date, or ask a manager.").format(
            date=str(params.get("sale_date", "")).replace("-", "/")),
        C.BIRTH_NEEDED_BY_SALES: lambda: translate(
            "CustomerMessages", "This customer has elderly-customer records, which are judged by the age: "
            "the date of birth cannot be removed."),
        R.RECORDED_IN_FUTURE: lambda: translate("CustomerMessages", "The date is in the future."),
        R.CUSTOMER_UNKNOWN: lambda: translate("CustomerMessages", "Choose a customer from the list."),
    }
    make = texts.get(error.code)
    return make() if make else field_error_text(error)


def with_texts(errors: list[FieldError]) -> list[FieldError]:
    """The errors with their sentence in params['text'], which show_field_errors puts under the field."""
    return [FieldError(e.field, e.code, dict(e.params or {}, text=customer_error_text(e))) for e in errors]


def age_text(age: int) -> str:
    return translate("CustomerTexts", "{age} yrs").format(age=age)


def elderly_text() -> str:
    return translate("CustomerTexts", "Elderly customer")


def age_of(birth_date: str | None, today: date) -> int | None:
    """満年齢 on `today` from a stored 'YYYY-MM-DD'; None when unknown (or a date after today)."""
    if not birth_date:
        return None
    try:
        born = date.fromisoformat(birth_date[:10])
        return age_on(born, today)
    except ValueError:
        return None


def customer_label(row: dict, today: date) -> str:
    """'山田 太郎（ヤマダ タロウ）70歳　…5678　横浜市港北区日吉': how a customer is named in pickers and links.

    Namesakes are common (five 高橋 誠 in one agency is no surprise); the age, the last digits of the
    phone and the town of the address (not the address: domain/address.py) let staff on a call tell
    them apart — "the 高橋 様 in 日吉?" — without showing the whole number or where the customer lives.
    Customers carry no policy or customer number in this application, so none is shown.
    """
    text = row.get("name") or ""
    if row.get("kana"):
        text += f"（{row['kana']}）"
    age = age_of(row.get("birth_date"), today)
    if age is not None:
        text += age_text(age)
    if row.get("phone_digits"):
        text += f"　{phone_tail(row['phone_digits'])}"
    town = town_of(row.get("address") or "")
    if town:
        text += f"　{town}"
    return text


def phone_tail(phone_digits: str | None) -> str:
    """'…5678': enough of a phone number to tell two customers apart in a list, no more."""
    return f"…{phone_digits[-4:]}" if phone_digits else ""


def outcome_label(code: str) -> str:
    return ja.label(ja.OUTCOME, code)


def obtained_by_label(code: str) -> str:
    return ja.label(ja.OBTAINED_BY, code)


def product_lines_text(stored: str | None) -> str:
    return "、".join(labels.product_line_label(code) for code in parse_product_lines(stored))
