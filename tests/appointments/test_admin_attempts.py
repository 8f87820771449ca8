"""Logging a contact attempt in the admin: two clicks from the work list, one from the request's
page; who may, and what bad input does; the overdue alerts listed beside the attempts."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.contact import record_attempt
from appointments.models import (
    AlertLevel,
    AppointmentRequest,
    ContactAttempt,
    ContactOutcome,
    OverdueAlert,
    RequestStatus,
)
from tests.appointments.test_admin import CHANGELIST, change_url
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


def attempt_url(appointment) -> str:
    return f"{CHANGELIST}{appointment.pk}/attempt/"


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Who may ---------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_and_nothing_is_logged(client, appointment):
    response = client.post(attempt_url(appointment), {"outcome": "no_answer"})

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")
    assert not ContactAttempt.objects.exists()


def test_a_content_editor_is_refused(client, content_editor, appointment):
    client.force_login(content_editor)

    response = client.post(attempt_url(appointment), {"outcome": "no_answer"})

    assert response.status_code == 403
    assert not ContactAttempt.objects.exists()


def test_the_front_desk_logs_from_the_requests_page(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    response = client.post(attempt_url(appointment), {"outcome": "no_answer"})

    assert response.status_code == 302
    assert response.headers["Location"] == change_url(appointment)
    attempt = ContactAttempt.objects.get()
    assert (attempt.request, attempt.outcome, attempt.attempted_by) == (
        appointment,
        ContactOutcome.NO_ANSWER,
        front_desk_user,
    )
    assert messages_of(client.get(change_url(appointment)))[0].startswith(
        f"Logged “No answer” for {appointment.reference}. Next attempt due"
    )


def test_the_clinic_manager_may_log_too(client, clinic_manager, appointment):
    client.force_login(clinic_manager)

    assert client.post(attempt_url(appointment), {"outcome": "left_message"}).status_code == 302
    assert ContactAttempt.objects.get().attempted_by == clinic_manager


def test_the_attempt_view_takes_posts_only(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    assert client.get(attempt_url(appointment)).status_code == 405
    assert not ContactAttempt.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(front_desk_user, appointment):
    client = Client(enforce_csrf_checks=True)
    client.force_login(front_desk_user)

    assert client.post(attempt_url(appointment), {"outcome": "no_answer"}).status_code == 403
    assert not ContactAttempt.objects.exists()


# --- The request's page: one click -----------------------------------------------------------


def test_the_requests_page_has_a_button_per_outcome_outside_the_change_form(
    client, front_desk_user, appointment
):
    client.force_login(front_desk_user)

    html = client.get(change_url(appointment)).content.decode()

    start = html.rindex("<form", 0, html.index('class="log-attempt-form"'))
    panel = html[start : html.index('id="appointmentrequest_form"')]
    assert f'action="{attempt_url(appointment)}"' in panel
    assert "csrfmiddlewaretoken" in panel
    for value, label in ContactOutcome.choices:
        assert f'name="outcome" value="{value}">{label}</button>' in panel


def test_the_requests_page_shows_its_attempts_newest_first_and_its_contact_times(
    client, front_desk_user, appointment
):
    now = timezone.now()
    record_attempt(appointment, "no_answer", front_desk_user, at=now - timedelta(hours=3))
    record_attempt(appointment, "reached_booked", front_desk_user, at=now - timedelta(hours=1))
    client.force_login(front_desk_user)

    html = client.get(change_url(appointment)).content.decode()

    inline = html[html.index('id="contact_attempts-group"') :]
    assert inline.index("Reached and booked") < inline.index("No answer")
    assert 'name="contact_attempts-0-outcome"' not in inline  # read-only
    for label in ("First attempt at", "First reached at", "Next attempt due", "Flagged at"):
        assert label in html


def test_a_page_without_the_right_to_log_has_no_buttons(client, appointment, staff_user):
    from django.contrib.auth.models import Permission

    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_appointmentrequest"])
    )
    client.force_login(staff_user)

    html = client.get(change_url(appointment)).content.decode()

    assert "log-attempt-form" not in html
    assert client.post(attempt_url(appointment), {"outcome": "no_answer"}).status_code == 403


# --- The work list: two clicks ---------------------------------------------------------------


def test_each_open_row_of_the_work_list_opens_to_the_outcomes(client, front_desk_user, appointment):
    client.force_login(front_desk_user)
    listed = f"{CHANGELIST}?status__exact=new"

    html = client.get(listed).content.decode()

    row = html[html.index('<details class="log-attempt">') :]
    assert (
        f'<summary>Log<span class="visually-hidden"> an attempt for {appointment.reference}' in row
    )
    assert f'formaction="{attempt_url(appointment)}?next={quote(listed, safe="")}"' in row
    assert 'name="outcome" value="reached_booked"' in row


def test_an_outcome_pressed_in_the_work_list_comes_back_to_the_same_list(
    client, front_desk_user, appointment
):
    client.force_login(front_desk_user)
    listed = f"{CHANGELIST}?status__exact=new&urgent__exact=1"

    response = client.post(
        f"{attempt_url(appointment)}?next={quote(listed, safe='')}",
        # The work list's own form goes with the button: the view reads the outcome only.
        {"outcome": "reached_booked", "action": "", "_selected_action": [appointment.pk]},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == listed
    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.SCHEDULED


def test_a_next_address_on_another_site_is_not_followed(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    response = client.post(
        f"{attempt_url(appointment)}?next=https://evil.example/", {"outcome": "no_answer"}
    )

    assert response.headers["Location"] == change_url(appointment)


def test_the_work_list_shows_the_next_attempt_and_filters_the_overdue(
    client, front_desk_user, location
):
    late, later, flagged = AppointmentRequestFactory.create_batch(3, location=location)
    late.next_attempt_due = timezone.now() - timedelta(minutes=5)
    later.next_attempt_due = timezone.now() + timedelta(hours=2)
    flagged.flagged_at = timezone.now()
    for appointment in (late, later, flagged):
        appointment.save()
    client.force_login(front_desk_user)

    html = client.get(CHANGELIST).content.decode()
    overdue = client.get(f"{CHANGELIST}?contact=overdue").context["cl"].result_list
    marked = client.get(f"{CHANGELIST}?contact=flagged").context["cl"].result_list

    assert html.count("— overdue</strong>") == 1
    assert "⚑ flagged" in html
    assert list(overdue) == [late]
    assert list(marked) == [flagged]


def test_a_first_try_lifts_the_overdue_mark_and_shows_the_next_attempt(
    client, front_desk_user, location
):
    appointment = AppointmentRequestFactory(
        location=location, urgent=True, received_at=timezone.now() - timedelta(days=3)
    )
    client.force_login(front_desk_user)
    assert "— overdue</strong>" in client.get(CHANGELIST).content.decode()

    client.post(attempt_url(appointment), {"outcome": "no_answer"})

    html = client.get(CHANGELIST).content.decode()
    assert "— overdue</strong>" not in html
    due = timezone.localtime(AppointmentRequest.objects.get().next_attempt_due)
    assert f'<td class="field-next_attempt">{due:%a %-I:%M %p}</td>' in html


def test_the_work_list_takes_the_same_queries_for_one_row_or_twenty(
    client, front_desk_user, location
):
    client.force_login(front_desk_user)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(CHANGELIST).status_code == 200
        return len(captured)

    AppointmentRequestFactory(location=location)
    queries()  # the session and the content types, once
    one = queries()
    AppointmentRequestFactory.create_batch(19, location=location)

    assert queries() == one


# --- Bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", [None, "", "booked", "<script>alert(1)</script>", "é" * 300])
def test_an_unknown_outcome_logs_nothing_and_says_so(client, front_desk_user, appointment, outcome):
    client.force_login(front_desk_user)
    data = {} if outcome is None else {"outcome": outcome}

    response = client.post(attempt_url(appointment), data)

    assert response.status_code == 302
    assert response.headers["Location"] == change_url(appointment)
    assert messages_of(response) == [f"Choose one of the outcomes for {appointment.reference}."]
    assert not ContactAttempt.objects.exists()


@pytest.mark.parametrize("object_id", ["999999", "abc", "1%20OR%201=1"])
def test_a_request_that_does_not_exist_is_said_so_not_a_500(client, front_desk_user, object_id):
    client.force_login(front_desk_user)

    response = client.post(f"{CHANGELIST}{object_id}/attempt/", {"outcome": "no_answer"})

    assert response.status_code == 302
    assert response.headers["Location"] == CHANGELIST
    assert messages_of(response) == ["That request no longer exists; nothing was logged."]
    assert not ContactAttempt.objects.exists()


def test_a_double_submit_logs_one_attempt(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    client.post(attempt_url(appointment), {"outcome": "no_answer"})
    response = client.post(attempt_url(appointment), {"outcome": "no_answer"})

    assert ContactAttempt.objects.count() == 1
    assert (
        messages_of(response)[-1] == f"“No answer” was already logged for {appointment.reference}."
    )


# --- The alerts beside the attempts ----------------------------------------------------------


def test_the_requests_page_lists_its_alerts_sent_or_still_queued(
    client, front_desk_user, appointment
):
    sent = timezone.make_aware(timezone.datetime(2026, 11, 23, 9, 56))
    OverdueAlert.objects.create(request=appointment, level=AlertLevel.URGENT_HOUR, sent_at=sent)
    OverdueAlert.objects.create(request=appointment, level=AlertLevel.BUSINESS_DAY)
    client.force_login(front_desk_user)

    html = client.get(change_url(appointment)).content.decode()

    assert "Urgent, not tried within one business hour (sent Mon 23 Nov 9:56 AM)" in html
    assert "(queued, not sent yet)" in html
