"""Overdue alerts (appointments/alerts.py, its task in appointments/tasks.py and `manage.py
send_overdue_alerts`): at the right moment, claimed and queued once per request and level, sent
once and retried by the queue, and without a word about the patient."""

import io
import signal
from contextlib import nullcontext
from datetime import datetime, time, timedelta
from smtplib import SMTPServerDisconnected
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from appointments import alerts, tasks
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
from tests.appointments.test_tasks import run_worker
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


def queue_at(moment, on_commit=None) -> int:
    """Claim and queue what is due then. With `on_commit` (the fixture
    django_capture_on_commit_callbacks) what the immediate backend does at the commit runs too,
    at that moment."""
    with clock_stopped_at(moment), on_commit(execute=True) if on_commit else nullcontext():
        return alerts.queue_due_alerts(moment)


def work_at(moment) -> None:
    """The task worker's pass over the queue at that moment."""
    with clock_stopped_at(moment):
        run_worker()


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
    location, django_capture_on_commit_callbacks
):
    appointment = urgent_request(location)

    assert queue_at(MONDAY_8_55 + timedelta(minutes=65), django_capture_on_commit_callbacks) == 1

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
    assert OverdueAlert.objects.get().sent_at == MONDAY_8_55 + timedelta(minutes=65)


def test_each_alert_goes_once_per_request_and_level(location, django_capture_on_commit_callbacks):
    appointment = urgent_request(location)
    hour_later = MONDAY_8_55 + timedelta(minutes=61)
    day_later = add_business_minutes(location, MONDAY_8_55, BUSINESS_DAY)

    for moment, queued in [
        (hour_later, 1),
        (hour_later + timedelta(minutes=5), 0),
        (day_later, 1),
        (day_later + timedelta(hours=1), 0),
    ]:
        assert queue_at(moment, django_capture_on_commit_callbacks) == queued

    assert len(mail.outbox) == 2
    claims = appointment.overdue_alerts.values_list("level", "sent_at")
    assert dict(claims) == {AlertLevel.URGENT_HOUR: hour_later, AlertLevel.BUSINESS_DAY: day_later}


def test_the_claim_and_its_task_are_queued_together_and_the_worker_sends_it(queue, location):
    appointment = urgent_request(location)
    moment = MONDAY_8_55 + timedelta(minutes=61)

    assert queue_at(moment) == 1

    alert = OverdueAlert.objects.get()
    [task] = DBTaskResult.objects.ready()
    assert task.task_path == "appointments.tasks.send_overdue_alert"
    assert task.args_kwargs["args"] == [alert.pk]
    assert (alert.request, alert.level, alert.sent_at) == (
        appointment,
        AlertLevel.URGENT_HOUR,
        None,
    )
    assert mail.outbox == []

    work_at(moment + timedelta(minutes=1))

    assert [appointment.reference in m.subject for m in mail.outbox] == [True]
    alert.refresh_from_db()
    assert alert.sent_at == moment + timedelta(minutes=1)
    assert DBTaskResult.objects.successful().count() == 1


def test_a_claim_that_failed_to_queue_is_rolled_back(queue, location):
    urgent_request(location)

    with (
        mock.patch("appointments.tasks.enqueue_in_transaction", side_effect=DatabaseError),
        pytest.raises(DatabaseError),
    ):
        queue_at(MONDAY_8_55 + timedelta(minutes=61))

    assert not OverdueAlert.objects.exists()
    assert queue_at(MONDAY_8_55 + timedelta(minutes=66)) == 1


def test_an_alert_already_claimed_is_not_claimed_or_queued_again(queue, location):
    appointment = urgent_request(location)
    [due] = alerts.due_alerts(MONDAY_8_55 + timedelta(minutes=61))
    OverdueAlert.objects.create(request=appointment, level=AlertLevel.URGENT_HOUR)

    assert alerts.claim_alert(due) is False
    assert OverdueAlert.objects.count() == 1
    assert not DBTaskResult.objects.exists()


def test_a_request_tried_between_the_look_and_the_claim_gets_no_alert(
    queue, location, front_desk_user
):
    appointment = urgent_request(location)
    [due] = alerts.due_alerts(MONDAY_8_55 + timedelta(minutes=61))
    record_attempt(appointment, "left_message", front_desk_user, at=MONDAY_8_55)

    assert alerts.claim_alert(due) is False
    assert not OverdueAlert.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_a_request_tried_before_its_queued_alert_went_gets_none(queue, location, front_desk_user):
    appointment = urgent_request(location)
    assert queue_at(MONDAY_8_55 + timedelta(minutes=61)) == 1
    record_attempt(appointment, "no_answer", front_desk_user, at=MONDAY_8_55)

    work_at(MONDAY_8_55 + timedelta(minutes=62))

    assert mail.outbox == []
    assert not OverdueAlert.objects.exists()  # not owed any more: not listed as an alert
    assert "no longer needed" in DBTaskResult.objects.successful().get().return_value


def test_a_failed_send_is_tried_again_later_by_the_queue_and_goes_once(
    queue, location, monkeypatch
):
    appointment = urgent_request(location)
    moment = MONDAY_8_55 + timedelta(minutes=61)
    assert queue_at(moment) == 1

    with mock.patch("appointments.services.send_mail", side_effect=SMTPServerDisconnected("x")):
        work_at(moment)

    first = DBTaskResult.objects.successful().get()
    assert f"urgent_hour alert e-mail for {appointment.reference} was not sent" in (
        first.return_value
    )
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.args_kwargs["args"] == [OverdueAlert.objects.get().pk, 2]
    assert retry.run_after - moment > timedelta(seconds=55)
    assert OverdueAlert.objects.get().sent_at is None
    assert mail.outbox == []

    work_at(moment + timedelta(minutes=2))
    tasks.send_overdue_alert.enqueue(OverdueAlert.objects.get().pk)  # a copy beside the retry
    work_at(moment + timedelta(minutes=3))

    assert len(mail.outbox) == 1
    assert OverdueAlert.objects.get().sent_at == moment + timedelta(minutes=2)
    assert DBTaskResult.objects.successful().count() == 3
    assert queue_at(moment + timedelta(minutes=4)) == 0


def test_without_a_front_desk_address_the_task_fails_at_once_naming_the_request(
    queue, location, settings
):
    settings.FRONT_DESK_ALERT_EMAILS = []
    appointment = urgent_request(location)
    assert queue_at(MONDAY_8_55 + timedelta(minutes=61)) == 1

    work_at(MONDAY_8_55 + timedelta(minutes=61))

    failed = DBTaskResult.objects.get()
    assert failed.status == TaskResultStatus.FAILED
    assert f"{appointment.reference} was not sent (NoStaffAddress)" in failed.traceback
    assert OverdueAlert.objects.get().sent_at is None
    assert mail.outbox == []


# --- The command -----------------------------------------------------------------------------


def test_the_command_queues_what_is_due_and_says_how_many(
    location, django_capture_on_commit_callbacks
):
    urgent_request(location)
    out = io.StringIO()

    with (
        clock_stopped_at(MONDAY_8_55 + timedelta(minutes=61)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_overdue_alerts", stdout=out)
        call_command("send_overdue_alerts", stdout=out)

    assert out.getvalue() == "1 alert(s) queued.\n0 alert(s) queued.\n"
    assert len(mail.outbox) == 1


def test_the_command_keeps_running_until_it_is_stopped(queue, location):
    urgent_request(location)
    out, runs = io.StringIO(), []
    real_queue = alerts.queue_due_alerts

    def queue_then_stop(*args):
        runs.append(1)
        if len(runs) == 2:
            signal.raise_signal(signal.SIGTERM)  # as `docker compose stop` would
        return real_queue(*args)

    before = signal.getsignal(signal.SIGTERM)
    with (
        clock_stopped_at(MONDAY_8_55 + timedelta(minutes=61)),
        mock.patch(
            "appointments.management.commands.send_overdue_alerts.queue_due_alerts",
            side_effect=queue_then_stop,
        ),
        mock.patch("appointments.management.commands.send_overdue_alerts.close_old_connections"),
    ):
        call_command("send_overdue_alerts", "--every", "1", stdout=out)

    assert out.getvalue() == "1 alert(s) queued.\n0 alert(s) queued.\n"
    assert signal.getsignal(signal.SIGTERM) == before
    assert DBTaskResult.objects.count() == 1


def test_the_command_refuses_a_pause_under_a_second():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("send_overdue_alerts", "--every", "0")
