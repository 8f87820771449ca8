from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from armorpt.weekdays import Weekday

from .models import Difficulty, Equipment, Kind, Position
from .reminders import ReminderRequest, time_zone_names

OFF_THE_FLOOR = "off_floor"


ANY = pgettext_lazy("any kind, position, equipment", "Any")


def any_of(choices):
    return [("", ANY), *choices]


class ExerciseFilterForm(forms.Form):
    """The list page's filters: GET parameters that work the same with or without JavaScript."""

    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Type"), choices=any_of(Kind.choices), required=False)
    position = forms.ChoiceField(
        label=_("Position"),
        choices=any_of([*Position.choices, (OFF_THE_FLOOR, _("No need to get down on the floor"))]),
        required=False,
    )
    equipment = forms.ChoiceField(
        label=_("What you need"), choices=any_of(Equipment.choices), required=False
    )
    difficulty = forms.ChoiceField(
        label=_("How hard"), choices=any_of(Difficulty.choices), required=False
    )

    def filter(self, exercises):
        """Apply every filter that is valid; an invalid one is left out rather than failing."""
        data = self.cleaned_data
        if data.get("q"):
            exercises = exercises.matching(data["q"])
        if data.get("position") == OFF_THE_FLOOR:
            exercises = exercises.off_the_floor()
        elif data.get("position"):
            exercises = exercises.filter(position=data["position"])
        for field in ("kind", "equipment", "difficulty"):
            if data.get(field):
                exercises = exercises.filter(**{field: data[field]})
        return exercises

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)


MAX_REMINDER_WEEKS = 52
DEFAULT_REMINDER_TITLE = _("Exercise routine")


class ReminderForm(forms.Form):
    """The routine page's calendar reminders: plain GET parameters, checked before any .ics."""

    days = forms.MultipleChoiceField(
        label=_("On these days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Pick at least one day of the week."),
            "invalid_choice": _(
                "“%(value)s” is not a day of the week. Pick the days from the list."
            ),
        },
    )
    time = forms.TimeField(
        label=pgettext_lazy("at a time of day", "At"),
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter the time to be reminded, like 07:30."),
            "invalid": _("Enter a time like 07:30: hours 00 to 23, minutes 00 to 59."),
        },
    )
    weeks = forms.IntegerField(
        label=_("For how many weeks"),
        min_value=1,
        max_value=MAX_REMINDER_WEEKS,
        error_messages={
            "required": _("Enter for how many weeks, from 1 to 52."),
            "invalid": _("Enter a number of weeks, from 1 to 52."),
            "min_value": _("Enter at least 1 week."),
            "max_value": _("Reminders last at most 52 weeks (a year). Make a new file after that."),
        },
    )
    tz = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        help_text=_("Filled in from your device. A name like America/New_York."),
        error_messages={"required": _("Enter your time zone, like America/New_York.")},
    )
    title = forms.CharField(
        label=_("Title in your calendar"),
        max_length=60,
        required=False,
        help_text=_("Others who see your calendar see this. Leave it plain if you prefer."),
    )
    breaks = forms.BooleanField(
        label=_("Also remind me to get up and move every hour, 9 am to 5 pm on work days"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("time", "weeks", "tz", "title"):
            self.fields[name].widget.attrs["class"] = "form-control"
        for name in ("days", "breaks"):
            self.fields[name].widget.attrs["class"] = "form-check-input"
        self.fields["tz"].widget.attrs.update({"autocomplete": "off", "data-reminder-tz": ""})
        self.fields["title"].widget.attrs["placeholder"] = DEFAULT_REMINDER_TITLE

    def clean_tz(self):
        name = self.cleaned_data["tz"].strip()
        if name not in time_zone_names():
            raise forms.ValidationError(
                _("We do not know the time zone “%(name)s”. Use a name like America/New_York."),
                params={"name": name[:64]},
            )
        return name

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split()) or str(DEFAULT_REMINDER_TITLE)

    def reminder(self) -> ReminderRequest:
        data = self.cleaned_data
        return ReminderRequest(
            days=[day.upper() for day in data["days"]],
            at=data["time"],
            weeks=data["weeks"],
            time_zone=data["tz"],
            title=data["title"],
            movement_breaks=data["breaks"],
        )
