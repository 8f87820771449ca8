"""Drafts at their public address: staff preview them only once the admin would let them in."""

import pytest
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
