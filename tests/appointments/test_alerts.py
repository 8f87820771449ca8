"""Overdue alerts (appointments/alerts.py and `manage.py send_overdue_alerts`): at the right
moment, once per request and level, and without a word about the patient."""

import io
import signal
from datetime import datetime, time, timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from appointments import alerts
from appointments.business_time import BUSINESS_DAY, add_business_minutes
from appointments.contact import record_attempt
from appointments.models import (
    RED_FLAG_FIELDS,
    AlertLevel,
    AppointmentRequest,
    OverdueAlert,
    RequestStatus,
)
from appointments.services import change_status
from tests.clock import clock_stopped_at
from tests.factories import AppointmentRequestFactory, LocationFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
MONDAY_8_55 = datetime(2026, 11, 23, 8, 55, tzinfo=NEW_YORK)
DESK = ["desk@clinic.test", "manager@clinic.test"]


@pytest.fixture(autouse=True)
def _desk_list(settings):
    settings.FRONT_DESK_ALERT_EMAILS = DESK
    settings.SITE_URL = "https://armorpt.example"


def urgent_request(location, **fields) -> AppointmentRequest:
    """Everything a person might type, to be sure none of it reaches an alert."""
    fields = {"received_at": MONDAY_8_55, **fields}
    return AppointmentRequestFactory(
        location=location,
        urgent=True,
        first_name="Zoë",
        last_name="O'Brien-Núñez",
        phone="+12125550177",
        email="zoe.obrien@example.test",
        message="My left hip gave way on the stairs",
        insurance="Aetna Choice Plus",
        red_flag_numbness=True,
        red_flag_cannot_bear_weight=True,
        **fields,
    )


def levels_due(moment) -> list[tuple[str, str]]:
    return [(due.appointment.reference, due.level) for due in alerts.due_alerts(moment)]


def send_at(moment) -> tuple[int, list[str]]:
    with clock_stopped_at(moment):
        return alerts.send_due_alerts(moment)


# --- When ------------------------------------------------------------------------------------


def test_an_urgent_request_is_due_after_one_business_hour_not_before(location):
    appointment = urgent_request(location)

    assert levels_due(MONDAY_8_55 + timedelta(minutes=59)) == []
    assert levels_due(MONDAY_8_55 + timedelta(minutes=60)) == [
        (appointment.reference, AlertLevel.URGENT_HOUR)
    ]


def test_a_request_that_is_not_urgent_waits_for_one_business_day(location):
    appointment = AppointmentRequestFactory(location=location, received_at=MONDAY_8_55)
    day_later = add_business_minutes(location, MONDAY_8_55, BUSINESS_DAY)

    assert levels_due(MONDAY_8_55 + timedelta(hours=2)) == []
    assert levels_due(day_later - timedelta(minutes=1)) == []
    assert levels_due(day_later) == [(appointment.reference, AlertLevel.BUSINESS_DAY)]


def test_an_urgent_request_left_a_whole_business_day_owes_both_alerts(location):
    urgent_request(location)
    day_later = add_business_minutes(location, MONDAY_8_55, BUSINESS_DAY)

    assert [level for _, level in levels_due(day_later)] == [
        AlertLevel.URGENT_HOUR,
        AlertLevel.BUSINESS_DAY,
    ]


def test_a_request_sent_on_friday_night_before_a_holiday_monday_waits_for_tuesday_morning():
    weekdays_only = LocationFactory(opening_hours=[(day, time(7), time(19)) for day in range(5)])
    friday_night = datetime(2026, 9, 4, 22, 0, tzinfo=NEW_YORK)  # Monday 7 September: Labor Day
    urgent = urgent_request(weekdays_only, received_at=friday_night)
    other = AppointmentRequestFactory(location=weekdays_only, received_at=friday_night)
    tuesday = datetime(2026, 9, 8, tzinfo=NEW_YORK)

    assert levels_due(datetime(2026, 9, 7, 18, 0, tzinfo=NEW_YORK)) == []
    assert levels_due(tuesday.replace(hour=7, minute=59)) == []
    assert levels_due(tuesday.replace(hour=8)) == [(urgent.reference, AlertLevel.URGENT_HOUR)]
    assert levels_due(tuesday.replace(hour=14, minute=59)) == [
        (urgent.reference, AlertLevel.URGENT_HOUR)
    ]
    assert sorted(levels_due(tuesday.replace(hour=15))) == sorted(
        [
            (urgent.reference, AlertLevel.URGENT_HOUR),
            (urgent.reference, AlertLevel.BUSINESS_DAY),
            (other.reference, AlertLevel.BUSINESS_DAY),
        ]
    )


def test_a_request_someone_has_tried_is_not_due(location, front_desk_user):
    appointment = urgent_request(location)
    record_attempt(appointment, "no_answer", front_desk_user, at=MONDAY_8_55)

    assert levels_due(MONDAY_8_55 + timedelta(days=3)) == []


def test_a_request_closed_or_contacted_without_an_attempt_is_not_due(location, front_desk_user):
    spam, called = urgent_request(location), urgent_request(location)
    change_status(spam, RequestStatus.CLOSED, front_desk_user, "spam")
    change_status(called, RequestStatus.CONTACTED, front_desk_user)

    assert levels_due(MONDAY_8_55 + timedelta(days=3)) == []


def test_finding_the_due_alerts_takes_four_queries_however_many(django_assert_num_queries):
    for _ in range(10):
        urgent_request(LocationFactory())

    with django_assert_num_queries(4):  # requests, their hours, closure days, alerts sent
        assert len(alerts.due_alerts(MONDAY_8_55 + timedelta(days=3))) == 20


# --- What is sent, and how often -------------------------------------------------------------


def test_the_alert_names_the_reference_the_wait_and_the_link_and_nothing_of_the_patient(
    location,
):
    appointment = urgent_request(location)

    assert send_at(MONDAY_8_55 + timedelta(minutes=65)) == (1, [])

    [message] = mail.outbox
    assert message.to == DESK
    assert appointment.reference in message.subject
    assert message.subject.startswith("URGENT: ")
    assert appointment.reference in message.body
    assert "1 h 5 min of business time" in message.body
    assert (
        f"https://armorpt.example/admin/appointments/appointmentrequest/{appointment.pk}/change/"
        in message.body
    )
    text = f"{message.subject}\n{message.body}"
    told = [
        appointment.first_name,
        appointment.last_name,
        appointment.phone,
        appointment.phone_display,
        appointment.email,
        appointment.message,
        appointment.insurance,
        appointment.get_pain_area_display(),
        appointment.get_pain_duration_display(),
        *(str(AppointmentRequest._meta.get_field(f).verbose_name) for f in RED_FLAG_FIELDS),
    ]
    assert [word for word in told if word in text] == []


def test_each_alert_goes_once_per_request_and_level(location):
    appointment = urgent_request(location)
    hour_later = MONDAY_8_55 + timedelta(minutes=61)
    day_later = add_business_minutes(location, MONDAY_8_55, BUSINESS_DAY)

    assert send_at(hour_later) == (1, [])
    assert send_at(hour_later + timedelta(minutes=5)) == (0, [])
    assert send_at(day_later) == (1, [])
    assert send_at(day_later + timedelta(hours=1)) == (0, [])

    assert len(mail.outbox) == 2
    assert set(appointment.overdue_alerts.values_list("level", flat=True)) == set(AlertLevel)


def test_an_alert_already_claimed_is_not_sent_again(location):
    appointment = urgent_request(location)
    [due] = alerts.due_alerts(MONDAY_8_55 + timedelta(minutes=61))
    OverdueAlert.objects.create(request=appointment, level=AlertLevel.URGENT_HOUR)

    assert alerts.send_alert(due) is False
    assert mail.outbox == []


def test_a_request_tried_between_the_look_and_the_send_gets_no_alert(location, front_desk_user):
    appointment = urgent_request(location)
    [due] = alerts.due_alerts(MONDAY_8_55 + timedelta(minutes=61))
    record_attempt(appointment, "left_message", front_desk_user, at=MONDAY_8_55)

    assert alerts.send_alert(due) is False
    assert mail.outbox == []
    assert not OverdueAlert.objects.exists()


def test_a_failed_send_records_nothing_and_the_next_run_sends_it(location):
    appointment = urgent_request(location)
    moment = MONDAY_8_55 + timedelta(minutes=61)

    with mock.patch("appointments.services.send_mail", side_effect=SMTPServerDisconnected("x")):
        sent, errors = send_at(moment)

    reference = appointment.reference
    assert sent == 0
    assert errors == [
        f"The urgent_hour alert for {reference} was not sent (SMTPServerDisconnected)"
    ]
    assert not OverdueAlert.objects.exists()
    assert send_at(moment + timedelta(minutes=5)) == (1, [])


def test_without_a_front_desk_address_nothing_is_recorded(location, settings):
    settings.FRONT_DESK_ALERT_EMAILS = []
    urgent_request(location)

    sent, errors = send_at(MONDAY_8_55 + timedelta(minutes=61))

    assert sent == 0
    assert errors[0].endswith("(NoStaffAddress)")
    assert not OverdueAlert.objects.exists()


# --- The command -----------------------------------------------------------------------------


def test_the_command_sends_what_is_due_and_says_how_many(location):
    urgent_request(location)
    out = io.StringIO()

    with clock_stopped_at(MONDAY_8_55 + timedelta(minutes=61)):
        call_command("send_overdue_alerts", stdout=out)
        call_command("send_overdue_alerts", stdout=out)

    assert out.getvalue() == "1 alert(s) sent.\n0 alert(s) sent.\n"
    assert len(mail.outbox) == 1


def test_the_command_fails_when_an_alert_could_not_be_sent(location):
    appointment = urgent_request(location)

    with (
        clock_stopped_at(MONDAY_8_55 + timedelta(minutes=61)),
        mock.patch("appointments.services.send_mail", side_effect=SMTPServerDisconnected("x")),
        pytest.raises(CommandError, match=f"0 alert\\(s\\) sent, 1 not: .*{appointment.reference}"),
    ):
        call_command("send_overdue_alerts", stdout=io.StringIO())


def test_the_command_keeps_running_until_it_is_stopped(location):
    urgent_request(location)
    out, runs = io.StringIO(), []
    real_send = alerts.send_due_alerts

    def send_then_stop(*args):
        runs.append(1)
        if len(runs) == 2:
            signal.raise_signal(signal.SIGTERM)  # as `docker compose stop` would
        return real_send(*args)

    before = signal.getsignal(signal.SIGTERM)
    with (
        clock_stopped_at(MONDAY_8_55 + timedelta(minutes=61)),
        mock.patch(
            "appointments.management.commands.send_overdue_alerts.send_due_alerts",
            side_effect=send_then_stop,
        ),
        mock.patch("appointments.management.commands.send_overdue_alerts.close_old_connections"),
    ):
        call_command("send_overdue_alerts", "--every", "1", stdout=out)

    assert out.getvalue() == "1 alert(s) sent.\n0 alert(s) sent.\n"
    assert signal.getsignal(signal.SIGTERM) == before


def test_the_command_refuses_a_pause_under_a_second():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("send_overdue_alerts", "--every", "0")
