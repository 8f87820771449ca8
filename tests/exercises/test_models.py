"""Exercises and guides as stored: choices, querysets, fields, validators, review dates."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from exercises.models import EducationPage, Exercise, Position, Status, validate_photo
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


# The model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "dance"),
        ("position", "upside_down"),
        ("difficulty", "extreme"),
        ("equipment", "trampoline"),
        ("status", "archived"),
        ("hold_seconds", 0),
        ("reps", 0),
        ("sets", 0),
    ],
)
def test_database_refuses_values_outside_the_choices(field, value):
    exercise = ExerciseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=exercise.pk).update(**{field: value})


def test_published_queryset_leaves_out_drafts():
    published = ExerciseFactory()
    ExerciseFactory(status=Status.DRAFT)

    assert list(Exercise.objects.published()) == [published]


def test_off_the_floor_means_standing_or_seated():
    standing = ExerciseFactory(position=Position.STANDING, display_order=1)
    seated = ExerciseFactory(position=Position.SEATED, display_order=2)
    for position in (Position.KNEELING, Position.LYING_BACK, Position.LYING_SIDE):
        ExerciseFactory(position=position)

    assert list(Exercise.objects.off_the_floor()) == [standing, seated]


def test_steps_are_the_lines_in_the_order_typed_without_blank_ones():
    exercise = ExerciseFactory.build(steps=" Lie on your side.\r\n\n  \nLift your knee. \n")

    assert exercise.step_lines == ["Lie on your side.", "Lift your knee."]


def test_dose_says_hold_times_and_sides():
    exercise = ExerciseFactory.build(hold_seconds=30, reps=2, sets=None, each_side=True)
    walk = ExerciseFactory.build(hold_seconds=900, reps=None, each_side=False)
    squat = ExerciseFactory.build(hold_seconds=None, reps=8, sets=3, each_side=False)

    assert exercise.dose == "Hold 30 seconds, 2 times each side"
    assert walk.dose == "Hold 15 minutes"
    assert squat.dose == "8 times, 3 sets"


def image_file(name: str, image_format: str, size=(20, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_photo_accepts_a_real_png_and_jpeg():
    validate_photo(image_file("ok.png", "PNG"))
    validate_photo(image_file("ok.jpg", "JPEG"))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.jpg", b"<script>alert(1)</script>"),
        image_file("sneaky.jpg", "GIF"),
        SimpleUploadedFile("big.jpg", b"\xff" * (2 * 1024 * 1024 + 1)),
    ],
    ids=["not-an-image", "gif-named-jpg", "over-2-mb"],
)
def test_photo_is_checked_by_content_and_size(upload):
    with pytest.raises(ValidationError):
        validate_photo(upload)


def test_an_exercise_needs_a_picture_and_a_figure_that_can_be_drawn():
    exercise = ExerciseFactory.build(figure={})
    with pytest.raises(ValidationError, match="poses or upload a photo"):
        exercise.full_clean()

    exercise.figure = {"start": {"rests": {"head": "floor"}}}
    with pytest.raises(ValidationError, match="needs a “hold” pose"):
        exercise.full_clean()


def test_picture_description_is_required():
    exercise = ExerciseFactory.build(illustration_alt="")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "illustration_alt" in error.value.message_dict


# Rendering at save --------------------------------------------------------------------------


def test_body_is_rendered_when_saved_not_when_viewed():
    page = EducationPageFactory(body="First **draft**")
    page.body = "Second <script>x()</script>**take**"
    page.save(update_fields=["body"])

    page.refresh_from_db()
    assert page.body_html == "<p>Second <strong>take</strong></p>"


def test_review_is_due_after_twelve_months():
    today = datetime.date.today()

    assert EducationPageFactory.build(reviewed_on=None).review_due
    assert EducationPageFactory.build(reviewed_on=today - datetime.timedelta(days=400)).review_due
    assert not EducationPageFactory.build(
        reviewed_on=today - datetime.timedelta(days=30)
    ).review_due


def test_status_outside_the_choices_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        EducationPage.objects.create(title="x", slug="x", summary="x", body="x", status="secret")
    assert not EducationPage.objects.filter(slug="x").exists()
