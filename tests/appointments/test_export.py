"""The managers' CSV export (appointments/export.py) defuses spreadsheet formulas."""

import csv
import io

import pytest

from appointments.export import requests_csv, spreadsheet_safe
from appointments.models import AppointmentRequest
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("plain", "plain"), ("a=b", "a=b"), ("", ""), ("-", "'-")],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def test_the_export_says_in_which_language_to_call_and_whether_an_interpreter_is_needed(
    location,
):
    AppointmentRequestFactory(
        language="es", call_language="other", other_call_language="=Tagalog", needs_interpreter=True
    )
    AppointmentRequestFactory(language="es")

    rows = csv.DictReader(io.StringIO(requests_csv(AppointmentRequest.objects.all())))

    by_call = sorted((row["Call in"], row["Needs an interpreter"]) for row in rows)
    assert by_call == [("'=Tagalog", "yes"), ("Spanish (form)", "no")]
