"""The guide admin (exercises/admin.py): staff only, edits show on the site, publish and review."""

import pytest

from exercises.models import Status
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


# Admin --------------------------------------------------------------------------------------

ADMIN = "/{admin}exercises/educationpage/"


@pytest.fixture
def admin_url(settings):
    return ADMIN.format(admin=settings.ADMIN_PATH)


def test_admin_is_for_staff_only(client, user, staff_user, admin_url):
    assert client.get(admin_url).status_code == 302

    client.force_login(staff_user)  # staff without the page permissions
    assert client.get(admin_url).status_code == 403


def test_admin_changelist_add_and_change_pages_load(admin_client, admin_url):
    page = EducationPageFactory(title="Sitting well")

    changelist = admin_client.get(admin_url + "?q=sitting")
    assert changelist.status_code == 200
    assert "Sitting well" in changelist.content.decode()
    add = admin_client.get(admin_url + "add/")
    assert add.status_code == 200
    assert "Write in Markdown" in add.content.decode()
    assert admin_client.get(f"{admin_url}{page.pk}/change/").status_code == 200


def test_a_content_edit_in_the_admin_shows_on_the_site(admin_client, admin_url, client):
    exercise = ExerciseFactory(name="Hip bridge", slug="hip-bridge")
    response = admin_client.post(
        admin_url + "add/",
        {
            "title_en": "Stairs and your hips",
            "slug": "stairs",
            "summary_en": "How to take the stairs more comfortably when your hip hurts.",
            "body_en": "## One step at a time\n\nLead with your **stronger** leg.",
            "related_exercises": [exercise.pk],
            "status": Status.PUBLISHED,
            "display_order": 5,
            "reviewed_by": "Dana Ortiz, DPT",
            "reviewed_on": "2026-03-02",
        },
    )
    assert response.status_code == 302

    html = admin_client.get("/hip-pain/stairs/").content.decode()

    assert "<h2>One step at a time</h2>" in html
    assert "<strong>stronger</strong>" in html
    assert "Hip bridge" in html
    assert "Reviewed by Dana Ortiz, DPT" in html


def test_admin_publish_action(admin_client, admin_url):
    page = EducationPageFactory(status=Status.DRAFT)

    admin_client.post(admin_url, {"action": "publish", "_selected_action": [page.pk]})

    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


def test_staff_can_mark_guides_reviewed_by_them_today(admin_client, admin_url, superuser):
    page = EducationPageFactory(reviewed_by="", reviewed_on=None)

    response = admin_client.post(
        admin_url, {"action": "mark_reviewed_by_me", "_selected_action": [page.pk]}, follow=True
    )

    page.refresh_from_db()
    assert page.reviewed_by == superuser.username
    assert not page.review_due
    assert f"1 education page marked as reviewed by {superuser.username}." in response.text
