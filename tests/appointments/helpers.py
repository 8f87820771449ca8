"""The request form's address and a valid submission, for the appointment tests."""

import time
import uuid

from appointments.forms import sign_started

URL = "/appointments/request/"


def form_data(**overrides) -> dict:
    data = {
        "form_token": str(uuid.uuid4()),
        "started": sign_started(time.time() - 60),
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
