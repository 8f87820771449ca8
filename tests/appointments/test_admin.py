"""The front desk in the admin: who may see requests, the work list, actions, notes, history."""

from datetime import datetime
from smtplib import SMTPException
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.admin import RequestHandlingForm
from appointments.models import (
    AppointmentRequest,
    RequestStatus,
    StaffNote,
    StatusChange,
)
from appointments.services import change_status
from tests.factories import AppointmentRequestFactory, ClosureDayFactory

pytestmark = pytest.mark.django_db


CHANGELIST = "/admin/appointments/appointmentrequest/"


def change_url(appointment) -> str:
    return f"{CHANGELIST}{appointment.pk}/change/"


# --- Permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_anonymous_is_sent_to_login(client, appointment, page):
    url = CHANGELIST if page == "changelist" else change_url(appointment)

    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_a_content_editor_is_refused_the_requests(client, content_editor, appointment, page):
    client.force_login(content_editor)
    url = CHANGELIST if page == "changelist" else change_url(appointment)

    assert client.get(url).status_code == 403


@pytest.mark.parametrize("page", ["changelist", "change"])
def test_the_front_desk_sees_the_requests(client, front_desk_user, appointment, page):
    client.force_login(front_desk_user)
    url = CHANGELIST if page == "changelist" else change_url(appointment)

    assert client.get(url).status_code == 200


def test_the_front_desk_cannot_delete_or_add(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    assert client.get(f"{CHANGELIST}{appointment.pk}/delete/").status_code == 403
    assert client.get(f"{CHANGELIST}add/").status_code == 403
    assert "delete_selected" not in client.get(CHANGELIST).content.decode()
    assert not front_desk_user.has_perm("appointments.delete_staffnote")
    assert not front_desk_user.has_perm("exercises.change_exercise")


# --- The work list ---------------------------------------------------------------------------


def test_urgent_first_then_new_oldest_first(admin_client, location):
    now = timezone.now()
    old_new = AppointmentRequestFactory(received_at=now - timezone.timedelta(hours=5))
    recent_new = AppointmentRequestFactory(received_at=now - timezone.timedelta(hours=1))
    urgent = AppointmentRequestFactory(received_at=now, urgent=True, red_flag_numbness=True)
    contacted = AppointmentRequestFactory(
        received_at=now - timezone.timedelta(days=3), status=RequestStatus.CONTACTED
    )
    closed_urgent = AppointmentRequestFactory(
        received_at=now - timezone.timedelta(days=9),
        urgent=True,
        red_flag_fall_or_injury=True,
        status=RequestStatus.CLOSED,
        close_reason="seen",
    )

    response = admin_client.get(CHANGELIST)

    shown = [row.reference for row in response.context["cl"].result_list]
    assert shown == [
        urgent.reference,
        old_new.reference,
        recent_new.reference,
        contacted.reference,
        closed_urgent.reference,
    ]


def test_the_list_shows_a_tel_link_and_flags_an_overdue_request(admin_client, location):
    AppointmentRequestFactory(
        phone="+12125550100", received_at=timezone.now() - timezone.timedelta(days=4)
    )

    html = admin_client.get(CHANGELIST).content.decode()

    assert '<a href="tel:+12125550100">(212) 555-0100</a>' in html
    assert "overdue" in html


MONDAY_MORNING = datetime(2026, 11, 30, 7, 30, tzinfo=ZoneInfo("America/New_York"))


@pytest.mark.parametrize(("urgent", "overdue"), [(False, False), (True, True)])
def test_the_waiting_column_counts_opening_hours_only(admin_client, location, urgent, overdue):
    friday_evening = MONDAY_MORNING - timezone.timedelta(days=2, hours=13, minutes=30)
    AppointmentRequestFactory(location=location, urgent=urgent, received_at=friday_evening)

    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        html = admin_client.get(CHANGELIST).content.decode()

    # Friday 6–7 pm, Saturday 8 am – 1 pm, Monday from 7 am: against an hour when urgent.
    assert "6 h 30 min of opening hours" in html
    assert ("— overdue" in html) is overdue


def test_a_request_someone_has_tried_no_longer_waits(admin_client, location):
    friday_evening = MONDAY_MORNING - timezone.timedelta(days=2, hours=13, minutes=30)
    AppointmentRequestFactory(
        location=location,
        urgent=True,
        received_at=friday_evening,
        first_attempt_at=friday_evening + timezone.timedelta(minutes=10),
    )

    with mock.patch("django.utils.timezone.now", return_value=MONDAY_MORNING):
        html = admin_client.get(CHANGELIST).content.decode()

    assert "of opening hours" not in html
    assert "— overdue" not in html


def test_the_list_s_queries_do_not_grow_with_its_locations(admin_client, location):
    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(CHANGELIST).status_code == 200
        return len(queries)

    AppointmentRequestFactory(location=location)
    AppointmentRequestFactory(location=None)
    few = queries_for_the_list()
    for _ in range(5):
        ClosureDayFactory(location=AppointmentRequestFactory().location)

    assert queries_for_the_list() == few


def test_the_holder_filter_finds_mine_and_unassigned(client, front_desk_user, location):
    mine = AppointmentRequestFactory(holder=front_desk_user)
    unassigned = AppointmentRequestFactory()
    client.force_login(front_desk_user)

    def shown(query):
        response = client.get(CHANGELIST + query)
        return [row.pk for row in response.context["cl"].result_list]

    assert shown("?holder=mine") == [mine.pk]
    assert shown("?holder=unassigned") == [unassigned.pk]


# --- The language to call in ----------------------------------------------------------------


def test_the_list_says_in_which_language_to_call_and_marks_an_interpreter(
    client, front_desk_user, location
):
    spanish_form = AppointmentRequestFactory(language="es")
    english_call = AppointmentRequestFactory(language="es", call_language="en")
    other = AppointmentRequestFactory(
        call_language="other", other_call_language="<b>Tagalog</b>", needs_interpreter=True
    )
    client.force_login(front_desk_user)

    html = client.get(CHANGELIST).content.decode()

    assert '<th scope="col" class="sortable column-call_in">' in html
    cells = {
        row.reference: cell
        for row, cell in zip(
            [spanish_form, english_call, other],
            [
                "Spanish (form)",
                "English",
                "&lt;b&gt;Tagalog&lt;/b&gt; <strong>+ interpreter</strong>",
            ],
            strict=True,
        )
    }
    for reference, cell in cells.items():
        row = html[html.index(reference) :]
        assert f'<td class="field-call_in">{cell}</td>' in row[: row.index("</tr>")], reference


def test_the_front_desk_filters_by_call_language_interpreter_and_form_language(
    client, front_desk_user, location
):
    english = AppointmentRequestFactory()
    spanish = AppointmentRequestFactory(language="es", call_language="es")
    interpreter = AppointmentRequestFactory(
        language="es", call_language="other", other_call_language="Quechua", needs_interpreter=True
    )
    client.force_login(front_desk_user)

    def shown(query):
        response = client.get(CHANGELIST + query)
        assert response.status_code == 200
        return {row.pk for row in response.context["cl"].result_list}

    html = client.get(CHANGELIST).content.decode()
    for title in ("By call in", "By needs an interpreter", "By form language"):
        assert title in html, title
    assert shown("?call_language__exact=es") == {spanish.pk}
    assert shown("?call_language__exact=other") == {interpreter.pk}
    assert shown("?call_language__exact=") == {english.pk}
    assert shown("?needs_interpreter__exact=1") == {interpreter.pk}
    assert shown("?language__exact=es") == {spanish.pk, interpreter.pk}


def test_the_request_page_shows_the_language_facts_read_only(client, front_desk_user, location):
    appointment = AppointmentRequestFactory(
        language="es", call_language="other", other_call_language="Kreyòl", needs_interpreter=True
    )
    client.force_login(front_desk_user)

    html = client.get(change_url(appointment)).content.decode()

    for name in ("language", "call_language", "other_call_language", "needs_interpreter"):
        assert f'<div class="form-row field-{name}">' in html, name
        assert f'name="{name}"' not in html, name
    assert "Spanish" in html
    assert "Another language" in html
    assert "Kreyòl" in html


@pytest.mark.parametrize("term", ["(212) 555-0177", "212-555-0177", "Núñez", "APT-ZZZZ"])
def test_search_by_phone_as_typed_name_or_reference(admin_client, location, term):
    wanted = AppointmentRequestFactory(
        phone="+12125550177", last_name="Núñez", reference="APT-ZZZZ-2345"
    )
    AppointmentRequestFactory()

    response = admin_client.get(CHANGELIST, {"q": term})

    assert [row.pk for row in response.context["cl"].result_list] == [wanted.pk]


def test_the_admin_index_counts_new_and_urgent(admin_client, location, content_editor, client):
    AppointmentRequestFactory()
    AppointmentRequestFactory(urgent=True, red_flag_fever_or_unwell=True)
    AppointmentRequestFactory(status=RequestStatus.CONTACTED)

    html = admin_client.get("/admin/").content.decode()

    assert "<strong>2</strong> new" in html
    assert "<strong>1</strong> urgent" in html
    client.force_login(content_editor)
    assert "urgent</a>" not in client.get("/admin/").content.decode()


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
