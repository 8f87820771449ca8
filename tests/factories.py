import factory
from django.contrib.auth import get_user_model

from appointments.models import Location
from exercises.models import EducationPage, Exercise, Kind, Position, Status


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

    name = factory.Sequence(lambda n: f"Armor PT Clinic {n}")
    street_address = "10 Test Street"
    locality = "New York"
    region = "NY"
    postal_code = "10018"
    phone = "(212) 555-0142"
    hours = "Monday to Friday: 7 am – 7 pm\nSaturday: 8 am – 1 pm"
    accepts_requests = True
    is_active = True
    display_order = factory.Sequence(lambda n: n * 10)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    summary = "Loosens the front of the hip."
    kind = Kind.STRETCH
    position = Position.KNEELING
    what_you_need = "A mat."
    starting_position = "Kneel on the mat."
    when_to_stop = "Sharp pain."
    ask_first = "Anyone with a new hip replacement."
    muscles = "Hip flexors"
    illustration_alt = "A person kneeling on one knee."
    status = Status.PUBLISHED


class EducationPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EducationPage
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Guide {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "A short guide to one part of hip pain, written for patients in plain words."
    body = "## What to know\n\nMove **every hour**, and see the [exercises](/exercises/)."
    display_order = factory.Sequence(lambda n: n * 10)
    status = Status.PUBLISHED

    @factory.post_generation
    def related_exercises(self, create, extracted, **kwargs):
        if create and extracted:
            self.related_exercises.set(extracted)
