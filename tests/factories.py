import datetime
import uuid

import factory
from django.contrib.auth import get_user_model

from appointments.models import (
    AppointmentRequest,
    ClosureDay,
    ContactMethod,
    Location,
    OpeningHours,
    PainArea,
    PainDuration,
    new_reference,
)
from exercises.content import shipped_figures
from exercises.models import (
    Difficulty,
    EducationPage,
    Equipment,
    Exercise,
    Kind,
    Position,
    Status,
)

WEEKDAYS_7_TO_7_SATURDAY_MORNING = [
    *((weekday, datetime.time(7), datetime.time(19)) for weekday in range(5)),
    (5, datetime.time(8), datetime.time(13)),
]


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@clinic.test")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()


class StaffUserFactory(UserFactory):
    is_staff = True


class SuperUserFactory(StaffUserFactory):
    is_superuser = True


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Armor PT Clinic {n}")
    street_address = "10 Test Street"
    locality = "New York"
    region = "NY"
    postal_code = "10018"
    phone = "(212) 555-0142"
    accepts_requests = True
    is_active = True
    display_order = factory.Sequence(lambda n: n * 10)

    class Params:
        translated = factory.Trait(name_es=factory.SelfAttribute("name"))

    @factory.post_generation
    def opening_hours(self, create, extracted, **kwargs):
        """Monday to Friday 7 am – 7 pm and Saturday 8 am – 1 pm, unless given (weekday,
        opens, closes) spans, e.g. opening_hours=[] for a location with no hours entered."""
        if not create:
            return
        spans = WEEKDAYS_7_TO_7_SATURDAY_MORNING if extracted is None else extracted
        OpeningHours.objects.bulk_create(
            OpeningHours(location=self, weekday=weekday, opens=opens, closes=closes)
            for weekday, opens, closes in spans
        )


class ClosureDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClosureDay

    location = factory.SubFactory(LocationFactory)
    date = datetime.date(2026, 12, 24)
    reason = "Staff training"


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    summary = "Eases a stiff hip."
    kind = Kind.STRETCH
    position = Position.LYING_BACK
    difficulty = Difficulty.GENTLE
    equipment = Equipment.MAT
    what_you_need = "A mat."
    starting_position = "Lie on your back."
    steps = "Bend your knees.\nHold."
    hold_seconds = 30
    reps = 2
    each_side = True
    tips = "Breathe slowly.\nGo gently."
    when_to_stop = "Sharp pain.\nNumbness."
    before_you_start = "Keep the movement small if your back is stiff."
    muscles = "Hip flexors"
    figure = factory.LazyFunction(lambda: shipped_figures()["clamshell"])
    illustration_alt = "A person lying on a mat."
    status = Status.PUBLISHED
    display_order = factory.Sequence(lambda n: n)

    class Params:
        # Spanish in every field whose English is required.
        translated = factory.Trait(
            name_es=factory.Sequence(lambda n: f"Ejercicio {n}"),
            summary_es="Alivia la cadera rígida.",
            what_you_need_es="Una colchoneta.",
            starting_position_es="Acuéstese boca arriba.",
            steps_es="Doble las rodillas.\nMantenga la posición.",
            when_to_stop_es="Dolor fuerte.\nAdormecimiento.",
            muscles_es="Flexores de la cadera",
            illustration_alt_es="Una persona acostada en una colchoneta.",
        )


class EducationPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "A short guide to one part of hip pain, written for patients in plain words."
    body = "## What to know\n\nMove **every hour**, and see the [exercises](/exercises/)."
    display_order = factory.Sequence(lambda n: n * 10)
    status = Status.PUBLISHED

    class Params:
        translated = factory.Trait(
            title_es=factory.Sequence(lambda n: f"Guía {n}"),
            summary_es="Una guía breve sobre el dolor de cadera, en palabras sencillas.",
            body_es="## Lo que debe saber\n\nMuévase **cada hora**.",
        )

    @factory.post_generation
    def related_exercises(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_exercises.set(extracted)


class AppointmentRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppointmentRequest

    reference = factory.LazyFunction(new_reference)
    form_token = factory.LazyFunction(uuid.uuid4)
    first_name = "Maria"
    last_name = factory.Sequence(lambda n: f"Patient{n}")
    phone = "+12125550100"
    email = ""
    contact_method = ContactMethod.CALL
    pain_area = PainArea.HIP
    pain_duration = PainDuration.WEEKS
    prefers_weekday_mornings = True
    consented = True
    location = factory.SubFactory(LocationFactory)


def group(name: str):
    """A staff group from the data migration (made again after a transactional test's flush)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from appointments.groups import create_manager_group, create_staff_groups

    if not Group.objects.filter(name=name).exists():
        create_staff_groups(apps)
        create_manager_group(apps)
    return Group.objects.get(name=name)
