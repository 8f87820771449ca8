"""The request form asks the urgent signs of armorpt/urgent_signs.py, in its words, marks a
request urgent by its rule, and the confirmation and the patient's e-mail repeat its tiers."""

import pytest
from django.core import mail
from django.utils import translation
from django.utils.html import escape

from appointments.models import RED_FLAG_FIELDS, AppointmentRequest
from armorpt.urgent_signs import ASKED_SIGNS, SIGN_ASKED_BY, URGENT_TIERS
from tests.appointments.helpers import SPANISH_URL, URL, form_data

pytestmark = pytest.mark.django_db
RECEIVED = "/appointments/request/received/"


# Read from the table, not from the definition: a red-flag column the definition (and so the
# form and the urgent rule) left out is a question staff see answered but nobody is asked.
RED_FLAG_COLUMNS = [
    field.name
    for field in AppointmentRequest._meta.concrete_fields
    if field.name.startswith("red_flag_")
]


def test_the_form_asks_each_urgent_sign_in_the_definitions_words(client, location):
    html = client.get(URL).content.decode()

    assert [sign.field for sign in ASKED_SIGNS] == RED_FLAG_FIELDS == RED_FLAG_COLUMNS
    for sign in ASKED_SIGNS:
        assert f'name="{sign.field}"' in html
        assert escape(str(sign.question)) in html


@pytest.mark.parametrize("field", RED_FLAG_COLUMNS)
def test_each_red_flag_alone_marks_the_request_urgent(send, field):
    send(**{field: "on"})

    appointment = AppointmentRequest.objects.get()
    assert getattr(appointment, field) is True
    assert appointment.urgent is True
    assert AppointmentRequest.objects.urgent().get() == appointment
    assert appointment.red_flags == [SIGN_ASKED_BY[field].staff_label]


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


# --- In Spanish: the same single source, in the page's language ------------------------------


def test_the_spanish_form_asks_each_urgent_sign_in_the_definitions_spanish(client, location):
    html = client.get(SPANISH_URL).content.decode()

    with translation.override("es"):
        for sign in ASKED_SIGNS:
            assert escape(str(sign.question)) in html


def test_the_spanish_confirmation_of_an_urgent_request_gives_the_urgent_tiers_in_spanish(
    client, location
):
    client.post(SPANISH_URL, form_data(red_flag_numbness="on"))

    html = client.get("/es/appointments/request/received/").content.decode()
    box = html[
        html.index("Busque atención de urgencia ahora") : html.index('<footer class="site-footer">')
    ]

    with translation.override("es"):
        for tier in URGENT_TIERS:
            line = f"<strong>{escape(tier.heading)}</strong> si {escape(tier.short_signs)}. "
            assert (line + escape(tier.action) in box) is tier.marks_request_urgent
