from django import forms

from .models import Difficulty, Equipment, Kind, Position

OFF_THE_FLOOR = "off_floor"


def any_of(choices, label="Any"):
    return [("", label), *choices]


class ExerciseFilterForm(forms.Form):
    """The list page's filters: GET parameters that work the same with or without JavaScript."""

    q = forms.CharField(label="Search", max_length=100, required=False)
    kind = forms.ChoiceField(label="Type", choices=any_of(Kind.choices), required=False)
    position = forms.ChoiceField(
        label="Position",
        choices=any_of(
            [*Position.choices, (OFF_THE_FLOOR, "No need to get down on the floor")], "Any"
        ),
        required=False,
    )
    equipment = forms.ChoiceField(
        label="What you need", choices=any_of(Equipment.choices), required=False
    )
    difficulty = forms.ChoiceField(
        label="How hard", choices=any_of(Difficulty.choices), required=False
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
