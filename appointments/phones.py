"""The phone rule: what the site accepts as a phone number and how it stores and shows one.

The request form, the location model's validator, the admin's search and every tap-to-call link
read numbers through these, so a number typed as (212) 555-0142 is the same number everywhere.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PHONE_EXAMPLE = _("Enter a phone number such as (212) 555-0142.")


def phone_e164(value: str) -> str:
    """A phone number however typed, in international form (+12125550142); US by default."""
    try:
        number = phonenumbers.parse(value, "US")
    except phonenumbers.NumberParseException as error:
        raise ValidationError(PHONE_EXAMPLE) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_EXAMPLE)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    phone_e164(value)


def tel_href(phone: str) -> str:
    """A tel: link in international format, so every phone dials it the same way."""
    return "tel:" + phone_e164(phone)


def phone_national(phone: str) -> str:
    """A stored number as people in the US write it, e.g. (212) 555-0142."""
    number = phonenumbers.parse(phone, "US")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
