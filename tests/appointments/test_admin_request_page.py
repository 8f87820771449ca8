"""A request's page and the work list's actions in the admin: handling a request, its notes and
history, what stays read-only."""

from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail

from appointments.admin import RequestHandlingForm
from appointments.models import (
    AppointmentRequest,
    RequestStatus,
    StaffNote,
    StatusChange,
)
from appointments.services import change_status
from tests.appointments.helpers import CHANGELIST, change_url
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


# --- Handling a request ----------------------------------------------------------------------


def test_actions_assign_mark_and_write_the_history(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    def act(action, **extra):
        return client.post(
            CHANGELIST, {"action": action, "_selected_action": [appointment.pk], **extra}
        )

    act("assign_to_me")
    act("mark_contacted")
    act("mark_scheduled")
    page = act("close_requests")
    assert page.status_code == 200
    assert "Choose a reason" in page.content.decode()
    act("close_requests", confirm="yes", close_reason="seen")

    appointment.refresh_from_db()
    assert appointment.holder == front_desk_user
    assert appointment.status == RequestStatus.CLOSED
    assert appointment.close_reason == "seen"
    history = list(appointment.status_changes.values_list("from_status", "to_status", "changed_by"))
    assert history == [
        ("new", "contacted", front_desk_user.pk),
        ("contacted", "scheduled", front_desk_user.pk),
        ("scheduled", "closed", front_desk_user.pk),
    ]


def test_a_second_person_with_an_old_copy_does_not_repeat_the_step(front_desk_user, appointment):
    stale_copy = AppointmentRequest.objects.get(pk=appointment.pk)
    change_status(appointment, RequestStatus.CONTACTED, front_desk_user)

    moved = change_status(stale_copy, RequestStatus.CONTACTED, front_desk_user)

    assert moved is False
    assert appointment.status_changes.count() == 1


def test_closing_without_a_reason_changes_nothing(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    response = client.post(
        CHANGELIST,
        {"action": "close_requests", "_selected_action": [appointment.pk], "confirm": "yes"},
    )

    assert "Choose why the requests are closed" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.NEW


def change_form_data(appointment, **overrides):
    data = {
        "status": appointment.status,
        "close_reason": appointment.close_reason,
        "holder": appointment.holder_id or "",
        "notes-TOTAL_FORMS": "1",
        "notes-INITIAL_FORMS": "0",
        "notes-MIN_NUM_FORMS": "0",
        "notes-MAX_NUM_FORMS": "1000",
        "notes-0-text": "",
        "status_changes-TOTAL_FORMS": "0",
        "status_changes-INITIAL_FORMS": "0",
        "status_changes-MIN_NUM_FORMS": "0",
        "status_changes-MAX_NUM_FORMS": "0",
        "contact_attempts-TOTAL_FORMS": "0",
        "contact_attempts-INITIAL_FORMS": "0",
        "contact_attempts-MIN_NUM_FORMS": "0",
        "contact_attempts-MAX_NUM_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_change_page_edits_status_holder_and_adds_a_note(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    response = client.post(
        change_url(appointment),
        change_form_data(
            appointment,
            status="contacted",
            holder=front_desk_user.pk,
            **{"notes-0-text": "Left a voicemail"},
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.CONTACTED
    assert appointment.holder == front_desk_user
    note = StaffNote.objects.get()
    assert note.author == front_desk_user
    assert note.text == "Left a voicemail"
    change = StatusChange.objects.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "new",
        "contacted",
        front_desk_user,
    )


def test_the_change_page_requires_a_reason_to_close(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    response = client.post(change_url(appointment), change_form_data(appointment, status="closed"))

    assert response.status_code == 200
    assert "Choose why the request is closed." in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == RequestStatus.NEW


def test_the_submission_is_read_only_and_notes_stay_as_written(
    client, front_desk_user, appointment
):
    note = StaffNote.objects.create(request=appointment, author=front_desk_user, text="First")
    client.force_login(front_desk_user)

    html = client.get(change_url(appointment)).content.decode()

    assert 'name="first_name"' not in html
    assert 'name="phone"' not in html
    assert 'name="notes-0-text"' not in html  # the written note is shown, not editable
    assert "First" in html
    client.post(
        change_url(appointment),
        change_form_data(
            appointment,
            **{
                "notes-TOTAL_FORMS": "2",
                "notes-INITIAL_FORMS": "1",
                "notes-0-id": note.pk,
                "notes-0-request": appointment.pk,
                "notes-0-text": "Rewritten",
                "notes-1-text": "",
                "first_name": "Changed",
            },
        ),
    )
    note.refresh_from_db()
    appointment.refresh_from_db()
    assert note.text == "First"
    assert appointment.first_name == "Maria"


def test_html_typed_by_the_patient_is_escaped_in_the_admin(admin_client, location):
    script = '<script>alert("x")</script>'
    appointment = AppointmentRequestFactory(
        first_name=script, last_name=script, message=script, insurance=script
    )

    for url in (CHANGELIST, change_url(appointment)):
        html = admin_client.get(url).content.decode()
        assert '<script>alert("x")' not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)" in html


# --- Notifications not sent --------------------------------------------------------------------


def test_a_request_without_its_staff_email_is_flagged_and_can_be_resent(admin_client, location):
    appointment = AppointmentRequestFactory(email="pat@example.test")

    assert "notification not sent (staff, patient)" in admin_client.get(CHANGELIST).content.decode()
    with mock.patch("appointments.services.send_mail", side_effect=SMTPException("down")):
        admin_client.post(
            CHANGELIST,
            {"action": "resend_notifications", "_selected_action": [appointment.pk]},
        )
    appointment.refresh_from_db()
    assert appointment.staff_notified_at is None

    admin_client.post(
        CHANGELIST, {"action": "resend_notifications", "_selected_action": [appointment.pk]}
    )

    appointment.refresh_from_db()
    assert appointment.staff_notified_at is not None
    assert appointment.patient_notified_at is not None
    assert len(mail.outbox) == 2


def test_the_handling_form_never_writes_the_status_onto_the_request(location):
    appointment = AppointmentRequestFactory(location=location)
    form = RequestHandlingForm(
        {"status": RequestStatus.CLOSED, "close_reason": "seen"}, instance=appointment
    )

    assert form.is_valid(), form.errors
    saved = form.save(commit=False)

    assert (saved.status, saved.close_reason) == (RequestStatus.NEW, "")
    assert form.cleaned_data["status"] == RequestStatus.CLOSED
    assert set(form.changed_data) == {"status", "close_reason"}


def test_the_handling_form_starts_from_the_request_status(location):
    appointment = AppointmentRequestFactory(
        location=location, status=RequestStatus.CLOSED, close_reason="seen"
    )
    form = RequestHandlingForm(instance=appointment)

    assert form["status"].value() == RequestStatus.CLOSED
    assert form["close_reason"].value() == "seen"
