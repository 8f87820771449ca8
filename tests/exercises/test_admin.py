"""The exercise and guide admin (exercises/admin.py): access, edits, actions."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exercises.models import Exercise, Status
from tests.admin_forms import form_as_sent
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


# The admin ---------------------------------------------------------------------------------


def test_admin_pages_load_for_staff(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    changelist = admin_client.get(reverse("admin:exercises_exercise_changelist"))

    assert changelist.status_code == 200
    assert "Clamshell" in changelist.text
    assert admin_client.get(reverse("admin:exercises_exercise_add")).status_code == 200
    change = admin_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    assert change.status_code == 200
    assert "Slowly lift your top knee" in change.text
    assert (
        admin_client.get(
            f"{reverse('admin:exercises_exercise_changelist')}?q=glutes&status__exact=published&kind__exact=strengthen"
        ).status_code
        == 200
    )


def test_admin_requires_a_staff_login(client, user):
    url = reverse("admin:exercises_exercise_changelist")

    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code == 302  # not staff: back to the admin login


def test_staff_without_permission_are_refused(client, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("admin:exercises_exercise_changelist")).status_code == 403


@pytest.fixture
def content(db):
    return {"exercise": ExerciseFactory(), "educationpage": EducationPageFactory()}


@pytest.mark.parametrize("model", ["exercise", "educationpage"])
def test_the_content_editor_can_edit_exercises_and_guides(client, content_editor, content, model):
    client.force_login(content_editor)
    edited = content[model]
    url = f"/admin/exercises/{model}/{edited.pk}/change/"

    response = client.post(url, form_as_sent(client.get(url), summary_en="Eases a stiff knee."))

    assert response.status_code == 302, response.context["adminform"].form.errors
    edited.refresh_from_db()
    assert edited.summary == "Eases a stiff knee."


@pytest.mark.parametrize("model", ["exercise", "educationpage"])
def test_the_front_desk_cannot_edit_exercises_or_guides(client, front_desk_user, content, model):
    client.force_login(front_desk_user)
    edited = content[model]

    response = client.post(
        f"/admin/exercises/{model}/{edited.pk}/change/", {"summary": "Eases a stiff knee."}
    )

    assert response.status_code == 403
    edited.refresh_from_db()
    assert edited.summary != "Eases a stiff knee."


TRANSLATED = [
    "name",
    "summary",
    "what_you_need",
    "starting_position",
    "steps",
    "tips",
    "muscles",
    "when_to_stop",
    "before_you_start",
    "illustration_alt",
    "sources",
]


def admin_form_data(exercise: Exercise, **changes) -> dict:
    """The exercise's change form as a browser posts it; each translated field is two boxes
    (name_en, name_es)."""
    data = {
        field: getattr(exercise, field) or ""
        for field in [
            "slug",
            "status",
            "display_order",
            "kind",
            "position",
            "difficulty",
            "equipment",
            "hold_seconds",
            "reps",
            "sets",
            "video_url",
            "reviewed_by",
            "reviewed_on",
            "review_note",
            *(f"{field}_{language}" for field in TRANSLATED for language in ("en", "es")),
        ]
    }
    data["easier_version"] = exercise.easier_version_id or ""
    data["each_side"] = "on" if exercise.each_side else ""
    data["figure"] = json.dumps(exercise.figure)
    data.update(changes)
    return data


def test_a_content_edit_in_the_admin_shows_on_the_site(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = admin_form_data(
        exercise,
        summary_en="Strengthens the side of your hip.",
        steps_en="Lie down.\n\nLift your top knee.",
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    html = admin_client.get("/exercises/clamshell/").text
    assert "Strengthens the side of your hip." in html
    assert (
        '<ol class="exercise-steps">\n        <li>Lie down.</li><li>Lift your top knee.</li>'
        in html
    )


def test_admin_asks_for_the_steps_and_keeps_the_rest_of_the_form(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])

    response = admin_client.post(url, admin_form_data(exercise, steps_en=" \n \n", name_en="Shell"))

    assert response.status_code == 200
    assert "steps_en" in response.context["adminform"].form.errors
    assert 'value="Shell"' in response.text
    assert Exercise.objects.get(pk=exercise.pk).name == "Clamshell"


def test_admin_refuses_a_fake_photo(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = admin_form_data(exercise)
    data["photo"] = SimpleUploadedFile("photo.jpg", b"not really a photo")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors


def test_admin_actions_publish_unpublish_and_mark_reviewed(admin_client, superuser):
    draft = ExerciseFactory(status=Status.DRAFT)
    url = reverse("admin:exercises_exercise_changelist")

    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published

    admin_client.post(url, {"action": "mark_reviewed_by_me", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.reviewed_by == superuser.username
    assert not draft.review_due

    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published
