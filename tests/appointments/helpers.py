"""The request form's address and a valid submission, and the requests' admin addresses, for
the appointment tests.

form_data() carries a form token issued to VISITOR, the CSRF secret of a browser that opened the
form a minute ago; the `client` of the appointment tests is that browser (as_the_visitor()).
"""

import time

from django.conf import settings

from appointments import form_tokens
from appointments.forms import AppointmentRequestForm

URL = "/appointments/request/"
SPANISH_URL = "/es/appointments/request/"
VISITOR = "formVisitorCsrfSecretForTests001"  # a CSRF secret: 32 letters and digits
OTHER_VISITOR = "anotherBrowserCsrfSecretTests002"
CHANGELIST = "/admin/appointments/appointmentrequest/"


def change_url(appointment) -> str:
    return f"{CHANGELIST}{appointment.pk}/change/"


def as_the_visitor(client, visitor: str = VISITOR):
    """The test client as the browser form tokens are issued to: it sends that CSRF cookie."""
    client.cookies[settings.CSRF_COOKIE_NAME] = visitor
    return client


def form_token(visitor: str = VISITOR, seconds_ago: float = 60, **kwargs) -> str:
    return form_tokens.issue(visitor, started=time.time() - seconds_ago, **kwargs)


def form_data(**overrides) -> dict:
    data = {
        "form_token": form_token(),
        "first_name": "Zoë",
        "last_name": "O'Brien-Núñez",
        "phone": "(212) 555-0100",
        "email": "zoe@example.test",
        "contact_method": "call",
        "prefers_weekday_mornings": "on",
        "pain_area": "hip",
        "pain_duration": "weeks",
        "message": "",
        "insurance": "",
        "website": "",
        "consented": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def bound_form(**overrides) -> AppointmentRequestForm:
    """The form as the view builds it from VISITOR's post."""
    return AppointmentRequestForm(form_data(**overrides), visitor=VISITOR)
