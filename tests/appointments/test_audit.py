"""The audit trail of appointment requests, and what the CSV export and the purge leave in it."""

import csv
import io
import logging
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.admin import AppointmentRequestAdmin
from appointments.audit import HIDDEN
from appointments.models import (
    AppointmentRequest,
    RequestStatus,
    StaffNote,
    StatusChange,
    SubmissionCount,
)
from appointments.services import change_status
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db


CHANGELIST = "/admin/appointments/appointmentrequest/"
AUDIT = "/admin/auditlog/logentry/"
MARKER = "Zebulon-Quartz"  # a patient value that must never reach the audit trail


@pytest.fixture
def appointment(location):
    return AppointmentRequestFactory(
        location=location, first_name=MARKER, message=f"{MARKER} hurts", insurance=MARKER
    )


def entries(appointment, action=None):
    found = LogEntry.objects.get_for_object(appointment)
    return found.filter(action=action) if action is not None else found


def export(client, *appointments):
    return client.post(
        CHANGELIST, {"action": "export_csv", "_selected_action": [a.pk for a in appointments]}
    )


# --- The audit trail ------------------------------------------------------------------------


def test_creating_a_request_is_audited_with_every_patient_value_hidden(appointment):
    created = entries(appointment, LogEntry.Action.CREATE).get()

    assert MARKER not in str(created.changes)
    assert created.changes["first_name"] == [HIDDEN, HIDDEN]
    assert created.changes["phone"] == [HIDDEN, HIDDEN]
    assert created.changes["reference"][1] == appointment.reference


def test_the_creation_entry_names_the_request_s_own_fields_only(appointment):
    """Not the staff notes, attempts or alerts that point at it: they have entries of their
    own, and a new request has none of them to record."""
    created = entries(appointment, LogEntry.Action.CREATE).get()
    own_fields = {field.name for field in AppointmentRequest._meta.concrete_fields}

    assert set(created.changes) <= own_fields


def test_opening_a_request_page_is_audited_with_who(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    client.get(f"{CHANGELIST}{appointment.pk}/change/")

    viewed = entries(appointment, LogEntry.Action.ACCESS).get()
    assert viewed.actor == front_desk_user
    assert viewed.remote_addr == "127.0.0.1"


def test_a_change_records_fields_with_patient_values_masked(client, front_desk_user, appointment):
    client.force_login(front_desk_user)
    appointment.first_name = "Someone"
    appointment.save()
    change_status(appointment, RequestStatus.CONTACTED, front_desk_user)

    changes = [entry.changes for entry in entries(appointment, LogEntry.Action.UPDATE)]

    assert {"first_name": [HIDDEN, HIDDEN]} in changes
    assert {"status": ["new", "contacted"]} in changes
    assert MARKER not in str(changes)


def test_assigning_to_me_is_audited_with_who(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    client.post(CHANGELIST, {"action": "assign_to_me", "_selected_action": [appointment.pk]})

    assigned = entries(appointment, LogEntry.Action.UPDATE).get()
    assert assigned.actor == front_desk_user
    assert assigned.changes["holder"][1] == str(front_desk_user.pk)


def test_closing_again_keeps_the_closing_date_and_only_corrects_the_reason(front_desk_user):
    appointment = AppointmentRequestFactory()
    change_status(appointment, RequestStatus.CLOSED, front_desk_user, "seen")
    closed = StatusChange.objects.get(request=appointment)
    StatusChange.objects.filter(pk=closed.pk).update(
        changed_at=timezone.now() - timedelta(days=400)
    )

    moved = change_status(appointment, RequestStatus.CLOSED, front_desk_user, "not_reached")

    assert moved is False
    assert StatusChange.objects.filter(request=appointment).count() == 1
    appointment.refresh_from_db()
    assert appointment.close_reason == "not_reached"
    assert (
        AppointmentRequest.objects.closed_before(timezone.now() - timedelta(days=365))
        .filter(pk=appointment.pk)
        .exists()
    )


def test_a_manager_deleting_a_request_is_audited(client, clinic_manager, appointment):
    client.force_login(clinic_manager)

    response = client.post(f"{CHANGELIST}{appointment.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not AppointmentRequest.objects.filter(pk=appointment.pk).exists()
    deleted = entries(appointment, LogEntry.Action.DELETE).get()
    assert deleted.actor == clinic_manager
    assert MARKER not in str(deleted.changes)


def test_the_audit_trail_is_for_managers_only(client, user, front_desk_user, clinic_manager):
    assert client.get(AUDIT).headers["Location"].startswith("/admin/login/")
    client.force_login(front_desk_user)
    assert client.get(AUDIT).status_code == 403
    client.force_login(clinic_manager)
    assert client.get(AUDIT).status_code == 200


@pytest.mark.parametrize("who", ["clinic_manager", "superuser"])
def test_no_one_can_edit_or_delete_the_audit_trail(client, appointment, who, request):
    client.force_login(request.getfixturevalue(who))
    entry = entries(appointment).first()

    page = client.get(f"{AUDIT}{entry.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(f"{AUDIT}{entry.pk}/change/", {"object_repr": "x"}).status_code == 403
    assert client.get(f"{AUDIT}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{AUDIT}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(AUDIT, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"})
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_the_front_desk_cannot_export(client, front_desk_user, appointment):
    client.force_login(front_desk_user)

    assert "export_csv" not in client.get(CHANGELIST).content.decode()
    response = export(client, appointment)

    assert response.headers.get("Content-Type", "").startswith("text/html")
    assert not entries(appointment, LogEntry.Action.ACCESS).exists()


def test_a_manager_exports_csv_with_formula_cells_escaped_and_audited(
    client, clinic_manager, location
):
    risky = AppointmentRequestFactory(
        location=location,
        first_name='=HYPERLINK("http://evil.test")',
        last_name="+1+2",
        message="-2+3",
        insurance="@SUM(A1)",
    )
    tabbed = AppointmentRequestFactory(location=location, first_name="\tTab", last_name="\rCR")
    client.force_login(clinic_manager)

    response = export(client, risky, tabbed)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    rows = {row["Reference"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows[risky.reference]["First name"] == '\'=HYPERLINK("http://evil.test")'
    assert rows[risky.reference]["Last name"] == "'+1+2"
    assert rows[risky.reference]["Message"] == "'-2+3"
    assert rows[risky.reference]["Insurance"] == "'@SUM(A1)"
    assert rows[tabbed.reference]["First name"] == "'\tTab"
    assert rows[tabbed.reference]["Last name"] == "'\rCR"
    assert rows[risky.reference]["Phone"] == "(212) 555-0100"
    for exported in (risky, tabbed):
        entry = entries(exported, LogEntry.Action.ACCESS).get()
        assert entry.additional_data == {"export": "CSV"}
        assert entry.actor == clinic_manager


# --- Retention --------------------------------------------------------------------------------


@pytest.fixture
def requests_of_all_ages(location, staff_user, settings):
    """Closed long ago (goes), closed lately (stays), open and old (stays)."""
    settings.APPOINTMENT_RETENTION_DAYS = 365
    long_ago = timezone.now() - timedelta(days=400)
    expired = AppointmentRequestFactory(location=location, first_name=MARKER, received_at=long_ago)
    StaffNote.objects.create(request=expired, author=staff_user, text=f"Called {MARKER}")
    change_status(expired, RequestStatus.CLOSED, staff_user, "seen")
    StatusChange.objects.filter(request=expired).update(changed_at=long_ago)
    recent = AppointmentRequestFactory(location=location, received_at=long_ago)
    change_status(recent, RequestStatus.CLOSED, staff_user, "seen")
    still_open = AppointmentRequestFactory(location=location, received_at=long_ago)
    AppointmentRequest.objects.filter(pk=still_open.pk).update(
        updated_at=long_ago, status=RequestStatus.CONTACTED
    )
    return expired, recent, still_open


@pytest.mark.django_db
def test_the_purge_also_drops_rate_limit_counters_older_than_a_day():
    now = timezone.now()
    SubmissionCount.objects.create(client_key="a" * 64, window_start=now - timedelta(days=2))
    current = SubmissionCount.objects.create(client_key="b" * 64, window_start=now)

    call_command("purge_appointment_requests", stdout=io.StringIO())

    assert list(SubmissionCount.objects.all()) == [current]


def test_dry_run_counts_and_deletes_nothing(requests_of_all_ages):
    out = io.StringIO()

    call_command("purge_appointment_requests", "--dry-run", stdout=out)

    assert out.getvalue().startswith("1 closed request(s)")
    assert AppointmentRequest.objects.count() == 3


def test_purge_deletes_only_old_closed_requests_with_all_they_carry(requests_of_all_ages):
    expired, recent, still_open = requests_of_all_ages
    note_pk = expired.notes.get().pk
    out = io.StringIO()

    call_command("purge_appointment_requests", stdout=out)

    assert "Deleted 1 closed request(s)" in out.getvalue()
    assert set(AppointmentRequest.objects.values_list("pk", flat=True)) == {
        recent.pk,
        still_open.pk,
    }
    assert not StaffNote.objects.filter(pk=note_pk).exists()
    assert not StatusChange.objects.filter(request_id=expired.pk).exists()
    trail = entries(expired)
    assert trail.filter(action=LogEntry.Action.DELETE).exists()  # who and when stay
    assert all(entry.changes is None for entry in trail)  # the values go
    note_trail = LogEntry.objects.filter(object_pk=str(note_pk), content_type__model="staffnote")
    assert note_trail.exists()
    assert all(entry.changes is None for entry in note_trail)
    assert MARKER not in str(list(LogEntry.objects.values_list("changes", flat=True)))
    assert entries(recent).exclude(changes=None).exists()  # others keep theirs


# --- Pages of several requests: one entry each, and never what was searched for --------------

SEARCHED_FOR = "Quillfeather"
AUTOCOMPLETE = "/admin/autocomplete/"
NOTE_REQUEST = {"app_label": "appointments", "model_name": "staffnote", "field_name": "request"}


def pages_seen():
    return LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk="")


@pytest.fixture
def three_requests(location):
    return [
        AppointmentRequestFactory(location=location, last_name=name, phone=f"+1212555017{n}")
        for n, name in enumerate([SEARCHED_FOR, SEARCHED_FOR, "Other"])
    ]


def test_the_list_is_audited_once_with_who_and_the_rows_it_showed(
    client, front_desk_user, three_requests, monkeypatch
):
    monkeypatch.setattr(AppointmentRequestAdmin, "list_per_page", 2)
    client.force_login(front_desk_user)

    client.get(CHANGELIST)

    seen = pages_seen().get()
    assert (seen.actor, seen.remote_addr) == (front_desk_user, "127.0.0.1")
    assert seen.additional_data == {"page": "list", "rows": 2}
    assert seen.content_type.model_class() is AppointmentRequest
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exclude(object_pk="")


@pytest.mark.parametrize(("term", "found"), [(SEARCHED_FOR, 2), ("(212) 555-0172", 1)])
def test_a_search_is_audited_once_without_the_term_in_the_trail_or_the_logs(
    client, front_desk_user, three_requests, caplog, term, found
):
    client.force_login(front_desk_user)
    caplog.set_level(logging.DEBUG)

    response = client.get(CHANGELIST, {"q": term})

    assert len(response.context["cl"].result_list) == found
    assert pages_seen().get().additional_data == {"page": "search", "rows": found}
    assert_never_kept(term, caplog)


def test_an_autocomplete_is_audited_once_without_the_term(
    client, front_desk_user, three_requests, caplog
):
    client.force_login(front_desk_user)
    caplog.set_level(logging.DEBUG)

    response = client.get(AUTOCOMPLETE, {**NOTE_REQUEST, "term": SEARCHED_FOR})

    assert len(response.json()["results"]) == 2
    seen = pages_seen().get()
    assert (seen.actor, seen.additional_data) == (
        front_desk_user,
        {"page": "autocomplete", "rows": 2},
    )
    assert_never_kept(SEARCHED_FOR, caplog)


def test_an_editor_gets_no_autocomplete_of_requests(client, content_editor, three_requests):
    client.force_login(content_editor)

    assert client.get(AUTOCOMPLETE, {**NOTE_REQUEST, "term": SEARCHED_FOR}).status_code == 403
    assert not pages_seen().exists()


def test_an_export_is_audited_once_as_a_page_and_on_each_request(
    client, clinic_manager, three_requests
):
    client.force_login(clinic_manager)

    export(client, *three_requests[:2])

    seen = pages_seen().get()  # not also as a view of the list: the same POST
    assert (seen.actor, seen.additional_data) == (clinic_manager, {"page": "export", "rows": 2})
    for exported in three_requests[:2]:
        assert entries(exported, LogEntry.Action.ACCESS).get().additional_data == {"export": "CSV"}


def test_the_trail_says_which_page_and_how_many_rows(client, clinic_manager, three_requests):
    client.force_login(clinic_manager)
    client.get(CHANGELIST, {"q": SEARCHED_FOR})

    html = client.get(AUDIT).content.decode()

    assert "searched: 2 row(s)" in html
    assert SEARCHED_FOR not in html


def test_the_audited_list_costs_the_same_queries_however_many_rows(
    client, front_desk_user, location
):
    client.force_login(front_desk_user)

    def queries_for_the_list():
        with CaptureQueriesContext(connection) as queries:
            client.get(CHANGELIST)
        return len(queries)

    AppointmentRequestFactory(location=location)
    queries_for_the_list()  # the session and the content type, once
    one = queries_for_the_list()
    AppointmentRequestFactory.create_batch(5, location=location)

    assert queries_for_the_list() == one


def assert_never_kept(term, caplog):
    kept = LogEntry.objects.values_list(
        "object_repr", "changes_text", "changes", "additional_data", "serialized_data"
    )
    assert term not in str(list(kept))
    assert all(term not in record.getMessage() for record in caplog.records)
