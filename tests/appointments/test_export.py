"""The managers' CSV export (appointments/export.py) defuses spreadsheet formulas."""

import pytest

from appointments.export import spreadsheet_safe

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("plain", "plain"), ("a=b", "a=b"), ("", ""), ("-", "'-")],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected
