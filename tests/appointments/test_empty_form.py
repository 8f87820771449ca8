"""The kept empty request form (appointments/empty_form.py): shared, each visitor's own token."""

import re
import uuid

import pytest
from django.test import Client

from appointments.models import (
    AppointmentRequest,
)
from tests.appointments.helpers import URL, form_data
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_the_kept_empty_form_is_the_page_rendered_afresh_with_the_visitor_s_own_values(
    client, location, settings
):
    kept = client.get(URL)
    settings.PAGE_CACHE_SECONDS = 0  # what the page cache would not serve is rendered afresh
    fresh = client.get(URL)

    def own_values(page):
        return re.findall(
            r'name="(?:csrfmiddlewaretoken|form_token|started)" value="([^"]+)"', page
        )

    assert len(own_values(kept.text)) == len(own_values(fresh.text)) == 3
    assert "hole" not in "".join(own_values(kept.text))
    for value in own_values(kept.text):
        assert value not in fresh.text
    assert re.sub(r'value="[^"]+"', "", kept.text) == re.sub(r'value="[^"]+"', "", fresh.text)
    assert "csrftoken" in kept.cookies
    assert "no-store" in kept.headers["Cache-Control"]


def test_the_kept_empty_form_posts_like_a_fresh_one(location, settings):
    settings.ARMORPT_FORM_MIN_SECONDS = 0
    client = Client(enforce_csrf_checks=True)
    page = client.get(URL).text
    data = form_data()
    for name in ("csrfmiddlewaretoken", "form_token", "started"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    response = client.post(URL, data)

    assert response.status_code == 302
    assert AppointmentRequest.objects.get().form_token == uuid.UUID(data["form_token"])


def test_a_renamed_clinic_shows_on_the_form_at_once(client, location):
    second = LocationFactory(name="Armor PT Brooklyn")
    assert "Armor PT Brooklyn" in client.get(URL).content.decode()

    second.name = "Armor PT Park Slope"
    second.save()

    html = client.get(URL).content.decode()
    assert "Armor PT Park Slope" in html
    assert "Armor PT Brooklyn" not in html


def test_each_visitor_still_gets_their_own_form_token_and_start_time(location):
    from django.test import Client

    pages = [Client().get(URL).content.decode() for _ in range(2)]
    tokens = [re.search(r'name="form_token" value="([^"]+)"', page).group(1) for page in pages]
    starts = [re.search(r'name="started" value="([^"]+)"', page).group(1) for page in pages]

    assert tokens[0] != tokens[1]
    assert starts[0] != starts[1]
