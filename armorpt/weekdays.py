"""The days of the week, in one list: the diary's headings, the reminders' days and the
clinics' opening hours all read it."""

from django.db import models


class Weekday(models.TextChoices):
    MONDAY = "mo", "Monday"
    TUESDAY = "tu", "Tuesday"
    WEDNESDAY = "we", "Wednesday"
    THURSDAY = "th", "Thursday"
    FRIDAY = "fr", "Friday"
    SATURDAY = "sa", "Saturday"
    SUNDAY = "su", "Sunday"


# Numbered as date.weekday() numbers them, 0 for Monday: how a date finds its day's hours.
WEEKDAY_NUMBERS = list(enumerate(Weekday.labels))
