"""A change to a location's hours or closure days retires every kept page
(appointments/signals.py), however it is written."""

import datetime

import pytest

from appointments.models import ClosureDay, OpeningHours
from appointments.site import kept_main_schedule
from tests.factories import ClosureDayFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda location: OpeningHours.objects.filter(weekday=5).update(closes="12:00"),
            id="a bulk update",
        ),
        pytest.param(
            lambda location: OpeningHours.objects.filter(weekday=5).get().delete(), id="a deletion"
        ),
        pytest.param(
            lambda location: OpeningHours.objects.create(
                location=location, weekday=6, opens="10:00", closes="12:00"
            ),
            id="a new span",
        ),
    ],
)
def test_a_change_of_hours_shows_on_the_next_page(client, location, change):
    before = client.get("/privacy/").text
    assert "Saturday: 8 am – 1 pm" in before

    change(location)

    assert client.get("/privacy/").text != before


def test_a_new_closure_day_reaches_the_kept_schedule(location):
    christmas_eve = datetime.date(2026, 12, 24)
    assert christmas_eve not in kept_main_schedule().closed_on

    ClosureDayFactory(location=location, date=christmas_eve)

    assert christmas_eve in kept_main_schedule().closed_on


def test_a_closure_day_deleted_in_bulk_leaves_the_kept_schedule(location):
    ClosureDayFactory(location=location)
    assert kept_main_schedule().closed_on

    ClosureDay.objects.all().delete()

    assert not kept_main_schedule().closed_on
