"""The managers' report page in the admin (AppointmentRequestAdmin.report_view): who may read
it, what it shows and downloads, its audit entry, and its queries."""

import csv
import io
import re
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from appointments.audit import REPORT
from appointments.models import AppointmentRequest
from tests.factories import AppointmentRequestFactory

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/appointments/appointmentrequest/report/"
CSV_URL = "/admin/appointments/appointmentrequest/report.csv"


@pytest.fixture
def manager_client(client, clinic_manager):
    client.force_login(clinic_manager)
    return client


@pytest.fixture
def tried_request(location):
    received = timezone.now() - timedelta(days=1)
    return AppointmentRequestFactory(
        location=location,
        first_name="Zoë",
        last_name="Marker-Name",
        received_at=received,
        first_attempt_at=received + timedelta(minutes=5),
    )


# --- Who may read it -------------------------------------------------------------------------


@pytest.mark.parametrize("url", [REPORT_URL, CSV_URL])
def test_anonymous_is_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("who", ["front_desk_user", "content_editor"])
@pytest.mark.parametrize("url", [REPORT_URL, CSV_URL])
def test_the_front_desk_and_editors_are_refused(client, request, who, url):
    client.force_login(request.getfixturevalue(who))

    assert client.get(url).status_code == 403
    assert not LogEntry.objects.filter(object_repr__startswith="Report").exists()


def test_a_clinic_manager_reads_it(manager_client, tried_request):
    response = manager_client.get(REPORT_URL)

    assert response.status_code == 200
    assert "Speed to contact" in response.content.decode()


def test_only_those_who_may_read_it_see_the_link_in_the_work_list(client, front_desk_user):
    client.force_login(front_desk_user)
    assert REPORT_URL not in client.get("/admin/appointments/appointmentrequest/").text

    front_desk_user.user_permissions.add(
        *front_desk_user.user_permissions.model.objects.filter(codename="report_appointmentrequest")
    )
    assert REPORT_URL in client.get("/admin/appointments/appointmentrequest/").text


def test_a_post_is_refused(manager_client):
    assert manager_client.post(REPORT_URL).status_code == 405


# --- What it shows ---------------------------------------------------------------------------


def test_each_chart_has_a_title_a_description_and_its_table(manager_client, tried_request):
    html = manager_client.get(REPORT_URL).content.decode()

    charts = re.findall(r"<svg class=\"report-chart__svg\".*?</svg>", html, re.S)
    assert len(charts) == 4  # two for all locations, two for the one location
    for chart in charts:
        labelled_by = re.search(r'aria-labelledby="([^"]+)"', chart)[1].split()
        assert re.search(rf'<title id="{labelled_by[0]}">[^<]+</title>', chart)
        assert re.search(rf'<desc id="{labelled_by[1]}">[^<]+table beside', chart)
        assert 'role="img"' in chart
    assert html.count("<table>") == 2
    assert "<caption" in html


def test_the_page_keeps_to_the_csp_and_names_no_patient(manager_client, tried_request):
    response = manager_client.get(REPORT_URL)
    html = response.content.decode()

    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert " style=" not in html
    assert "<script>" not in html
    assert not re.search(r'(?:src|href)="https?://', html)
    for private in ["Zoë", "Marker-Name", tried_request.reference, tried_request.phone]:
        assert private not in html


def test_the_table_shows_the_week_s_business_time(manager_client, tried_request):
    html = manager_client.get(REPORT_URL).content.decode()

    assert "<td>100%</td>" in html  # tried within the hour


# --- The download and the audit --------------------------------------------------------------


def test_the_csv_has_the_numbers_and_no_patient_data(manager_client, tried_request, location):
    response = manager_client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="speed-to-contact-')
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert header[:3] == ["week starting", "location", "requests received"]
    assert sum(int(row[2]) for row in rows if row[1] == location.name) == 1
    for private in ["Zoë", "Marker-Name", tried_request.reference, tried_request.phone]:
        assert private not in response.content.decode()


def test_a_location_named_like_a_formula_is_written_as_text(manager_client, location):
    location.name = "=HYPERLINK(1)"
    location.save()

    rows = list(csv.reader(io.StringIO(manager_client.get(CSV_URL).content.decode())))

    assert {row[1] for row in rows[1:]} == {"All locations", "'=HYPERLINK(1)"}


@pytest.mark.parametrize(("url", "exported"), [(REPORT_URL, False), (CSV_URL, True)])
def test_reading_or_downloading_it_is_audited_with_who(
    manager_client, clinic_manager, tried_request, url, exported
):
    manager_client.get(url)

    (entry,) = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk="")
    assert entry.actor == clinic_manager
    assert entry.additional_data["report"] == REPORT
    assert ("export" in entry.additional_data) is exported


# --- Queries ---------------------------------------------------------------------------------


def test_the_page_s_queries_do_not_grow_with_the_requests(manager_client, location):
    def queries_for_the_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert manager_client.get(REPORT_URL).status_code == 200
        return len(queries)

    queries_for_the_page()  # what a first page costs once: the content types, the session
    counts = []
    for how_many in (100, 4900):  # 100, then 5,000 in all
        now = timezone.now()
        AppointmentRequest.objects.bulk_create(
            AppointmentRequestFactory.build(
                location=location,
                received_at=now - timedelta(minutes=20 * number),
                first_attempt_at=now - timedelta(minutes=20 * number - 30),
            )
            for number in range(how_many)
        )
        counts.append(queries_for_the_page())

    assert counts[0] == counts[1]
