"""The days of the week, in one list: the diary's headings, the reminders' days and the
clinics' opening hours all read it, in the language of the page."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.TextChoices):
    MONDAY = "mo", _("Monday")
    TUESDAY = "tu", _("Tuesday")
    WEDNESDAY = "we", _("Wednesday")
    THURSDAY = "th", _("Thursday")
    FRIDAY = "fr", _("Friday")
    SATURDAY = "sa", _("Saturday")
    SUNDAY = "su", _("Sunday")


def english_name(number: int) -> str:
    """Monday for 0, whatever the language of the page: schema.org's and the content files' name."""
    return Weekday.names[number].title()


def number_of(english: str) -> int:
    """0 for Monday: a day as the content files name it, numbered as date.weekday() numbers it."""
    return Weekday.names.index(english.upper())


# Numbered as date.weekday() numbers them, 0 for Monday: how a date finds its day's hours.
WEEKDAY_NUMBERS = list(enumerate(Weekday.labels))
