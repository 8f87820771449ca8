"""The request form while the database does not answer (appointments/database_down.py)."""

import re

import pytest
from django.test import Client

from appointments import form_tokens
from appointments.models import AppointmentRequest
from tests.appointments.helpers import URL, VISITOR, as_the_visitor, form_data
from tests.database import database_down
from tests.factories import LocationFactory

pytestmark = pytest.mark.django_db


def test_the_chosen_clinic_stays_chosen_from_the_clinics_last_kept(location):
    other = LocationFactory(name="Armor PT Brooklyn")
    client = as_the_visitor(Client(enforce_csrf_checks=True))
    client.get(URL)  # the clinics and the CSRF cookie, as a browser has them
    data = {
        **form_data(location=str(other.pk)),
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
    }

    with database_down():
        response = client.post(URL, data)

    assert response.status_code == 503
    html = response.content.decode()
    assert f'<option value="{other.pk}" selected>{other}</option>' in html
    assert f'<option value="{location.pk}">{location}</option>' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_with_nothing_kept_the_form_comes_back_with_the_fallback_phone(client, settings):
    settings.CLINIC_FALLBACK_PHONE = "(212) 555-0177"

    with database_down():
        response = client.post(URL, form_data())

    assert response.status_code == 503
    html = response.content.decode()
    assert 'value="Zoë"' in html
    assert 'href="tel:+12125550177"' in html


def test_a_form_that_cannot_be_shown_gets_the_503_page(client):
    with database_down():
        response = client.get(URL)

    assert response.status_code == 503
    assert "Sorry, this page is not available just now" in response.content.decode()
    assert AppointmentRequest.objects.count() == 0


def test_a_post_without_a_form_token_gets_the_form_back_with_a_new_one(client):
    with database_down():  # with nothing kept, the clinics are asked for before validating
        response = client.post(URL, form_data(form_token=None))

    assert response.status_code == 503
    token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
    form_tokens.read(token, VISITOR)  # issued to the one who sent it
