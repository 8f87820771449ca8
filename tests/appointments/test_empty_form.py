"""The kept empty request form (appointments/empty_form.py): shared, each visitor's own token."""

import re

import pytest
from django.test import Client

from appointments import form_tokens
from appointments.models import (
    AppointmentRequest,
)
from tests.appointments.helpers import SPANISH_URL, URL, form_data
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_the_kept_empty_form_is_the_page_rendered_afresh_with_the_visitor_s_own_values(
    client, location, settings
):
    kept = client.get(URL)
    settings.PAGE_CACHE_SECONDS = 0  # what the page cache would not serve is rendered afresh
    fresh = client.get(URL)

    def own_values(page):
        return re.findall(r'name="(?:csrfmiddlewaretoken|form_token)" value="([^"]+)"', page)

    assert len(own_values(kept.text)) == len(own_values(fresh.text)) == 2
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
    for name in ("csrfmiddlewaretoken", "form_token"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', page).group(1)

    response = client.post(URL, data)

    assert response.status_code == 302
    issued = form_tokens.read(data["form_token"], client.cookies["csrftoken"].value)
    assert AppointmentRequest.objects.get().form_token == issued.token


def test_a_renamed_clinic_shows_on_the_form_at_once(client, location):
    second = LocationFactory(name="Armor PT Brooklyn")
    assert "Armor PT Brooklyn" in client.get(URL).content.decode()

    second.name = "Armor PT Park Slope"
    second.save()

    html = client.get(URL).content.decode()
    assert "Armor PT Park Slope" in html
    assert "Armor PT Brooklyn" not in html


def test_each_visitor_still_gets_their_own_form_token(location):
    visitors = [Client(), Client()]
    pages = [visitor.get(URL).text for visitor in visitors]
    tokens = [re.search(r'name="form_token" value="([^"]+)"', page).group(1) for page in pages]

    assert tokens[0] != tokens[1]
    for visitor, token in zip(visitors, tokens, strict=True):
        form_tokens.read(token, visitor.cookies["csrftoken"].value)  # issued to that visitor
    with pytest.raises(form_tokens.IssuedToSomeoneElse):
        form_tokens.read(tokens[0], visitors[1].cookies["csrftoken"].value)


def test_the_spanish_empty_form_is_kept_apart_in_spanish_and_posts(
    location, settings, django_assert_num_queries
):
    settings.ARMORPT_FORM_MIN_SECONDS = 0
    client = Client(enforce_csrf_checks=True)
    english = client.get(URL).text
    spanish = client.get(SPANISH_URL).text
    with django_assert_num_queries(0):  # the kept copy
        again = client.get(SPANISH_URL).text

    for page in (spanish, again):
        assert "Enviar mi solicitud" in page
        assert "Send my request" not in page
    assert "Send my request" in english
    data = form_data()
    for name in ("csrfmiddlewaretoken", "form_token"):
        data[name] = re.search(rf'name="{name}" value="([^"]+)"', again).group(1)

    response = client.post(SPANISH_URL, data)

    assert response.status_code == 302
    assert response.headers["Location"] == "/es/appointments/request/received/"
    assert AppointmentRequest.objects.get().language == "es"
