"""The admin site (staff/admin_site.py): drafts at their public address, previewed only once the
admin would let staff in; the index's counts of Spanish out of date."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from exercises.models import Status
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

HUB = "/hip-pain/"


@pytest.fixture
def drafts():
    exercise = ExerciseFactory(name="Unfinished stretch", status=Status.DRAFT)
    guide = EducationPageFactory(title="Unfinished guide", status=Status.DRAFT)
    published_guide = EducationPageFactory(title="Ready guide")
    published_guide.related_exercises.add(exercise)
    return {"exercise": exercise, "guide": guide, "published_guide": published_guide}


def sign_in_with_password_only(client, user):
    client.force_login(user)


def sign_in_with_both_steps(client, user):
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    assert client.post("/admin/two-factor/", {"code": code, "next": "/admin/"}).status_code == 302


def test_a_password_alone_shows_no_draft_where_two_steps_are_required(
    client, staff_user, settings, drafts
):
    settings.REQUIRE_TWO_FACTOR = True
    sign_in_with_password_only(client, staff_user)

    assert client.get(drafts["exercise"].get_absolute_url()).status_code == 404
    assert client.get(drafts["guide"].get_absolute_url()).status_code == 404
    hub = client.get(HUB).content.decode()
    assert "Unfinished guide" not in hub
    assert "Ready guide" in hub
    guide = client.get(drafts["published_guide"].get_absolute_url()).content.decode()
    assert "Unfinished stretch" not in guide


@pytest.mark.parametrize("require_two_factor", [True, False], ids=["two-step", "local"])
def test_staff_the_admin_lets_in_preview_drafts(
    client, staff_user, settings, drafts, require_two_factor
):
    settings.REQUIRE_TWO_FACTOR = require_two_factor
    if require_two_factor:
        sign_in_with_both_steps(client, staff_user)
    else:
        sign_in_with_password_only(client, staff_user)

    exercise = client.get(drafts["exercise"].get_absolute_url())
    guide = client.get(drafts["guide"].get_absolute_url())

    assert exercise.status_code == 200
    assert 'class="draft-banner"' in exercise.content.decode()
    assert guide.status_code == 200
    assert 'class="draft-banner"' in guide.content.decode()
    assert "Unfinished guide" in client.get(HUB).content.decode()
    guide = client.get(drafts["published_guide"].get_absolute_url()).content.decode()
    assert "Unfinished stretch" in guide


# The index: how many Spanish translations are out of date --------------------------------------

INDEX = "/admin/"


def stale_exercise(**fields):
    return ExerciseFactory(translated=True, english_changed_at=timezone.now(), **fields)


def spanish_counts(page) -> list[tuple[str, str, str]]:
    """(address, count, kind) of each link in the index's Spanish box."""
    box = re.search(r'<div class="module spanish-counts".*?</div>', page.text, re.DOTALL)
    links = r'<a href="([^"]+)"><strong>(\d+)</strong> ([^<]+)</a>'
    return re.findall(links, box[0]) if box else []


def test_the_index_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(INDEX)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


def test_staff_who_see_no_content_get_no_spanish_counts(client, staff_user):
    stale_exercise()
    client.force_login(staff_user)

    page = client.get(INDEX)

    assert page.status_code == 200
    assert spanish_counts(page) == []


def test_the_content_editor_sees_how_many_are_out_of_date(client, content_editor, location):
    stale_exercise()
    stale_exercise()
    ExerciseFactory(translated=True)  # never edited since it was translated
    EducationPageFactory(translated=True, english_changed_at=timezone.now())
    client.force_login(content_editor)

    page = client.get(INDEX)

    assert page.status_code == 200
    assert spanish_counts(page) == [
        ("/admin/exercises/exercise/?spanish=out_of_date", "2", "exercises"),
        ("/admin/exercises/educationpage/?spanish=out_of_date", "1", "education page"),
        ("/admin/appointments/location/?spanish=out_of_date", "0", "locations"),
    ]


def test_the_front_desk_sees_only_the_locations_count(client, front_desk_user, location):
    stale_exercise()
    client.force_login(front_desk_user)

    assert spanish_counts(client.get(INDEX)) == [
        ("/admin/appointments/location/?spanish=out_of_date", "0", "locations")
    ]


def test_the_counts_cost_the_same_queries_however_much_is_out_of_date(client, content_editor):
    client.force_login(content_editor)
    stale_exercise()
    with CaptureQueriesContext(connection) as one:
        client.get(INDEX)
    for _ in range(5):
        stale_exercise()
        EducationPageFactory(translated=True, english_changed_at=timezone.now())
    with CaptureQueriesContext(connection) as many:
        page = client.get(INDEX)

    assert spanish_counts(page)[0][1] == "6"
    assert len(many) == len(one)
