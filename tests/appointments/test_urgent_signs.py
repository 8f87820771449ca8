"""The request form asks the urgent signs of armorpt/urgent_signs.py, in its words, marks a
request urgent by its rule, and the confirmation and the patient's e-mail repeat its tiers."""

import pytest
from django.core import mail
from django.utils.html import escape

from appointments.models import RED_FLAG_FIELDS, AppointmentRequest
from armorpt.urgent_signs import ASKED_SIGNS, URGENT_TIERS
from tests.appointments.helpers import URL

pytestmark = pytest.mark.django_db
RECEIVED = "/appointments/request/received/"


def test_the_form_asks_each_urgent_sign_in_the_definitions_words(client, location):
    html = client.get(URL).content.decode()

    assert [sign.field for sign in ASKED_SIGNS] == RED_FLAG_FIELDS
    for sign in ASKED_SIGNS:
        assert f'name="{sign.field}"' in html
        assert escape(sign.question) in html


@pytest.mark.parametrize("sign", ASKED_SIGNS, ids=lambda sign: sign.field)
def test_each_urgent_answer_marks_the_request_urgent(send, sign):
    send(**{sign.field: "on"})

    appointment = AppointmentRequest.objects.get()
    assert appointment.urgent is True
    assert appointment.red_flags == [sign.staff_label]


def test_no_urgent_answer_leaves_the_request_not_urgent(send):
    send()

    assert AppointmentRequest.objects.get().urgent is False


def test_the_confirmation_of_an_urgent_request_gives_the_urgent_tiers_and_not_the_others(
    client, send
):
    send(red_flag_numbness="on")

    html = client.get(RECEIVED).content.decode()
    box = html[html.index("Get urgent care now") : html.index('<footer class="site-footer">')]

    for tier in URGENT_TIERS:
        line = f"<strong>{escape(tier.heading)}</strong> if {escape(tier.short_signs)}. "
        assert (line + escape(tier.action) in box) is tier.marks_request_urgent


def test_the_patients_email_lists_every_tier(send):
    send(email="pat@example.com")

    (confirmation,) = [message for message in mail.outbox if message.to == ["pat@example.com"]]
    for tier in URGENT_TIERS:
        assert f"- {tier.summary}\n" in confirmation.body
