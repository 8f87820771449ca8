"""The front desk's work list in the admin: who may see requests, its order, columns, filters,
search and the admin index's counts."""

from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.models import (
    RequestStatus,
)
from tests.appointments.helpers import CHANGELIST, change_url
from tests.factories import AppointmentRequestFactory, ClosureDayFactory

pytestmark = pytest.mark.django_db


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
