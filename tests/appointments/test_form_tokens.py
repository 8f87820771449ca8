"""The request form's token (appointments/form_tokens.py): issued to one visitor, used once."""

import re
import uuid
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.utils.html import escape

from appointments import form_tokens
from appointments.forms import ISSUED_TO_SOMEONE_ELSE, SEND_AGAIN
from appointments.models import AppointmentRequest
from tests.appointments.helpers import OTHER_VISITOR, URL, VISITOR, form_data, form_token

pytestmark = pytest.mark.django_db

RECEIVED = "/appointments/request/received/"


@pytest.fixture(autouse=True)
def _no_wait(settings):
    """The pages here are posted at once; the bot timer has its own tests (test_forms.py)."""
    settings.ARMORPT_FORM_MIN_SECONDS = 0


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def opened_form(visitor: Client) -> dict[str, str]:
    """The hidden values of the form's page as this browser got it."""
    page = visitor.get(URL).text
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]+)"', page))


def own_csrf(visitor: Client) -> str:
    return visitor.cookies["csrftoken"].value


def assert_refused_with_the_answers_kept(response, message: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert "appointment_received" not in response.cookies
    assert f'<a href="#request-form">{escape(message)}</a>' in html
    assert "Nothing you typed has been lost" in html
    assert 'value="Zoë"' in html
    assert 'value="O&#x27;Brien-Núñez"' in html


# --- One visitor's token in another's hands -------------------------------------------------


@pytest.mark.parametrize("first_sent_by_its_owner", [True, False])
def test_a_token_posted_by_another_visitor_is_a_fresh_form_never_the_owner_s_request(
    location, first_sent_by_its_owner
):
    owner, other = browser(), browser()
    owners_post = {**form_data(), **opened_form(owner)}
    if first_sent_by_its_owner:
        assert owner.post(URL, owners_post).status_code == 302
    opened_form(other)  # the other browser's own CSRF cookie, which it must send to post at all

    response = other.post(URL, {**owners_post, "csrfmiddlewaretoken": own_csrf(other)})

    assert_refused_with_the_answers_kept(response, ISSUED_TO_SOMEONE_ELSE)
    for appointment in AppointmentRequest.objects.all():
        assert appointment.reference not in response.content.decode()
    assert other.get(RECEIVED).headers["Location"] == URL
    assert AppointmentRequest.objects.count() == int(first_sent_by_its_owner)
    fresh = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
    form_tokens.read(fresh, own_csrf(other))  # issued to the one who sent it


def test_the_other_visitor_sends_the_fresh_form_as_their_own_request(location):
    owner, other = browser(), browser()
    owners_post = {**form_data(), **opened_form(owner)}
    assert owner.post(URL, owners_post).status_code == 302
    opened_form(other)
    refused = other.post(URL, {**owners_post, "csrfmiddlewaretoken": own_csrf(other)})
    fresh = re.search(r'name="form_token" value="([^"]+)"', refused.content.decode()).group(1)

    sent = other.post(
        URL, {**owners_post, "form_token": fresh, "csrfmiddlewaretoken": own_csrf(other)}
    )

    assert sent.status_code == 302
    first, second = AppointmentRequest.objects.order_by("pk")
    assert second.reference in other.get(RECEIVED).content.decode()
    assert first.reference not in other.get(RECEIVED).content.decode()


# --- Tokens the server never issued, and bad hidden values -----------------------------------


def resigned(payload_change: dict, **signing_options) -> str:
    payload = signing.loads(form_token(), salt=form_tokens.SALT)
    return signing.dumps({**payload, **payload_change}, **signing_options)


def tampered(token: str) -> str:
    """The token with its signature's last character changed (to one it surely is not)."""
    return token[:-1] + ("B" if token.endswith("A") else "A")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param(None, SEND_AGAIN, id="missing"),
        pytest.param("", SEND_AGAIN, id="empty"),
        pytest.param(str(uuid.uuid4()), SEND_AGAIN, id="a-uuid-never-issued"),
        pytest.param("<script>alert(1)</script>", SEND_AGAIN, id="html"),
        pytest.param("∞" * 600, SEND_AGAIN, id="too-long-unicode"),
        pytest.param(tampered(form_token()), SEND_AGAIN, id="signature-tampered"),
        pytest.param(
            resigned({"token": str(uuid.uuid4())}, salt=form_tokens.SALT, key="not-the-key"),
            SEND_AGAIN,
            id="signed-without-the-key",
        ),
        pytest.param(
            resigned({}, salt="appointments.received"), SEND_AGAIN, id="signed-for-another-use"
        ),
        pytest.param(form_token(OTHER_VISITOR), ISSUED_TO_SOMEONE_ELSE, id="another-visitor-s"),
    ],
)
def test_a_bad_form_token_is_refused_with_a_message_at_the_top_and_nothing_lost(
    client, location, value, message
):
    response = client.post(URL, form_data(form_token=value))

    assert_refused_with_the_answers_kept(response, message)
    assert AppointmentRequest.objects.count() == 0


# --- One page, one request --------------------------------------------------------------------


def test_the_timer_of_one_page_serves_one_request_however_it_is_replayed(location):
    bot = browser()
    page = opened_form(bot)
    first = bot.post(URL, {**form_data(), **page})
    first_reference = AppointmentRequest.objects.get().reference

    same_token = bot.post(URL, {**form_data(first_name="Another"), **page})
    other_tokens = [
        bot.post(URL, {**form_data(first_name=f"Bot{n}"), **page, "form_token": token})
        for n, token in enumerate([str(uuid.uuid4()), page["form_token"] + "x"])
    ]

    assert first.status_code == same_token.status_code == 302
    assert [response.status_code for response in other_tokens] == [200, 200]
    assert AppointmentRequest.objects.count() == 1
    assert first_reference in bot.get(RECEIVED).content.decode()


def test_a_token_reads_back_as_issued():
    token = uuid.uuid4()

    issued = form_tokens.read(form_tokens.issue(VISITOR, started=1e9, token=token), VISITOR)

    assert issued == form_tokens.Issued(token, 1e9)
    with pytest.raises(ValueError, match="visitor"):
        form_tokens.issue("")


def test_the_visitor_is_the_csrf_secret_the_browser_sent_without_masking_a_token(rf):
    request = rf.get(URL)
    request.META["CSRF_COOKIE"] = VISITOR  # as CsrfViewMiddleware reads it from the cookie

    with mock.patch("appointments.form_tokens.get_token") as get_token:
        assert form_tokens.visitor_of(request) == VISITOR

    get_token.assert_not_called()


def test_a_browser_without_a_csrf_secret_is_given_one_with_its_cookie(rf):
    request = rf.get(URL)

    visitor = form_tokens.visitor_of(request)

    assert len(visitor) == 32
    assert request.META["CSRF_COOKIE"] == visitor
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True
