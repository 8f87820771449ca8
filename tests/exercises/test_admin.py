"""The exercise and guide admin (exercises/admin.py): access, edits, actions, the Spanish."""

import json
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from armorpt.translation_review import SpanishState
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
        f"/admin/exercises/{model}/{edited.pk}/change/", {"summary_en": "Eases a stiff knee."}
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


# The Spanish: tabs beside the English, and whether it still matches --------------------------

EARLIER = timezone.now() - timedelta(days=2)


@pytest.fixture
def translated(db):
    """An exercise and a guide whose Spanish a person checked after the last English edit."""
    reviewed = {
        "translated": True,
        "english_changed_at": EARLIER,
        "spanish_changed_at": EARLIER,
        "spanish_reviewed_by": "Ana Ruiz, DPT",
    }
    return {
        "exercise": ExerciseFactory(**reviewed),
        "educationpage": EducationPageFactory(**reviewed),
    }


def spanish_state(item) -> str:
    return type(item).objects.with_spanish_state().get(pk=item.pk).spanish_state


def listed(client, model: str, state: str) -> str:
    return client.get(f"/admin/exercises/{model}/?spanish={state}").text


@pytest.mark.parametrize("model", ["exercise", "educationpage"])
def test_the_change_form_has_each_language_in_its_own_tab(admin_client, translated, model):
    page = admin_client.get(f"/admin/exercises/{model}/{translated[model].pk}/change/")
    html = page.text

    assert 'name="summary_en"' in html
    assert re.search(
        r'<[^>]* name="summary_es"[^>]* lang="es"|lang="es"[^>]* name="summary_es"', html
    )
    assert 'src="/static/js/admin-language-tabs.js"' in html
    assert 'href="/static/css/admin-language-tabs.css"' in html
    assert "<script>" not in html
    assert "'self'" in page.headers["Content-Security-Policy"]
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)  # every script from this site


@pytest.mark.parametrize(("model", "field"), [("exercise", "summary"), ("educationpage", "title")])
def test_editing_the_english_marks_the_spanish_out_of_date(
    client, content_editor, translated, model, field
):
    client.force_login(content_editor)
    edited = translated[model]
    url = f"/admin/exercises/{model}/{edited.pk}/change/"

    client.post(url, form_as_sent(client.get(url), **{f"{field}_en": "Eases a stiff knee."}))

    assert spanish_state(edited) == SpanishState.OUT_OF_DATE
    link = f"/{edited.pk}/change/"
    assert link in listed(client, model, SpanishState.OUT_OF_DATE)
    assert link not in listed(client, model, SpanishState.UP_TO_DATE)


def test_an_edit_of_no_words_leaves_the_spanish_up_to_date(admin_client, translated):
    exercise = translated["exercise"]
    url = f"/admin/exercises/exercise/{exercise.pk}/change/"

    admin_client.post(url, form_as_sent(admin_client.get(url), hold_seconds=45))

    assert spanish_state(exercise) == SpanishState.UP_TO_DATE


@pytest.fixture
def out_of_date(db):
    return ExerciseFactory(
        translated=True, english_changed_at=timezone.now(), spanish_changed_at=EARLIER
    )


def test_the_change_form_says_where_the_spanish_stands(admin_client, out_of_date):
    html = admin_client.get(f"/admin/exercises/exercise/{out_of_date.pk}/change/").text

    spanish = html.split(">Spanish translation</h2>", 1)[1].split("</fieldset>", 1)[0]
    assert "Out of date" in spanish
    assert "English last changed" in spanish
    assert 'name="spanish_reviewed_by"' not in html  # set by saving and confirming only


def test_editing_the_spanish_brings_it_up_to_date(admin_client, superuser, out_of_date):
    url = f"/admin/exercises/exercise/{out_of_date.pk}/change/"

    admin_client.post(url, form_as_sent(admin_client.get(url), summary_es="Alivia la rodilla."))

    out_of_date.refresh_from_db()
    assert spanish_state(out_of_date) == SpanishState.UP_TO_DATE
    assert out_of_date.spanish_reviewed_by == superuser.username
    assert out_of_date.spanish_reviewed_on == timezone.localdate()


def test_confirming_the_spanish_brings_it_up_to_date(admin_client, superuser, out_of_date):
    untranslated = ExerciseFactory(english_changed_at=timezone.now())

    response = admin_client.post(
        "/admin/exercises/exercise/",
        {"action": "confirm_spanish", "_selected_action": [out_of_date.pk, untranslated.pk]},
        follow=True,
    )

    assert spanish_state(out_of_date) == SpanishState.UP_TO_DATE
    assert spanish_state(untranslated) == SpanishState.MISSING
    assert f"Spanish of 1 confirmed by {superuser.username}." in response.text
    assert "1 had no Spanish to confirm" in response.text


def test_confirming_every_one_the_filter_shows(admin_client, out_of_date):
    also_out_of_date = ExerciseFactory(translated=True, english_changed_at=timezone.now())
    ExerciseFactory(translated=True, spanish_reviewed_by="Ana")  # up to date: not shown

    response = admin_client.post(
        "/admin/exercises/exercise/?spanish=out_of_date",
        {
            "action": "confirm_spanish",
            "select_across": "1",
            "index": "0",
            "_selected_action": [out_of_date.pk],
        },
        follow=True,
    )

    assert "Spanish of 2 confirmed by" in response.text
    assert "no Spanish to confirm" not in response.text
    assert spanish_state(also_out_of_date) == SpanishState.UP_TO_DATE


@pytest.mark.parametrize("state", SpanishState.values)
def test_the_spanish_filter_shows_the_content_in_each_state(admin_client, state):
    made = {
        SpanishState.MISSING: ExerciseFactory(name="Missing one"),
        SpanishState.OUT_OF_DATE: ExerciseFactory(
            name="Stale one", translated=True, english_changed_at=timezone.now()
        ),
        SpanishState.NOT_REVIEWED: ExerciseFactory(
            name="Loaded one", translated=True, spanish_changed_at=EARLIER
        ),
        SpanishState.UP_TO_DATE: ExerciseFactory(
            name="Checked one", translated=True, spanish_reviewed_by="Ana"
        ),
    }

    html = listed(admin_client, "exercise", state)

    assert [made[shown].name in html for shown in SpanishState.values] == [
        shown == state for shown in SpanishState.values
    ]
    assert f'<td class="field-spanish_translation">{SpanishState(state).label}</td>' in html
