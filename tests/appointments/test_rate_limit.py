"""The hourly limit on requests per client."""

from datetime import UTC, datetime
from ipaddress import ip_network

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import (
    AppointmentRequest,
    SubmissionCount,
)
from tests.appointments.helpers import URL, form_data
from tests.clock import clock_stopped_at

pytestmark = pytest.mark.django_db


def at(hour: int, minute: int) -> datetime:
    return datetime(2026, 3, 2, hour, minute, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    """Every test here at 10:05 unless it moves the clock: none straddles the top of an hour."""
    with clock_stopped_at(at(10, 5)) as clock:
        yield clock


def test_the_limit_counts_a_clock_hour_and_starts_again_with_the_next(send, settings, clock):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    assert send().status_code == 302

    clock.moment = at(10, 55)
    late_in_the_hour = send()
    clock.moment = at(11, 5)
    next_hour = send()

    assert late_in_the_hour.status_code == 429
    assert next_hour.status_code == 302
    assert AppointmentRequest.objects.count() == 2


def test_more_than_five_requests_an_hour_get_a_friendly_429(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 5
    for _ in range(5):
        assert send().status_code == 302

    response = send()

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please call us instead" in html
    assert 'href="tel:+12125550142"' in html
    assert AppointmentRequest.objects.count() == 5


def test_the_rate_limit_stores_no_address(client, send):
    send()

    stored = SubmissionCount.objects.get()
    assert "127.0.0.1" not in stored.client_key
    assert len(stored.client_key) == 64
    assert stored.count == 1


def test_another_client_is_not_limited(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    send()

    response = client.post(URL, form_data(), REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 302


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    settings.TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = [ip_network("10.0.0.0/8")]
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code
        == 302
    )

    again = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    other = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.4", **proxy)

    assert again.status_code == 429
    assert other.status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_limit(client, send, settings):
    settings.ARMORPT_REQUESTS_PER_HOUR = 1
    send()

    response = client.post(URL, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.4")

    assert response.status_code == 429


def test_the_counter_row_is_locked_last_so_one_address_s_requests_wait_least(
    client, send, settings
):
    """Every request from one address waits for its counter row until the one before commits:
    nothing else runs in the transaction once the row is locked."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    send()

    with CaptureQueriesContext(connection) as queries:
        assert send().status_code == 302

    statements = [query["sql"] for query in queries.captured_queries]
    first_count = next(i for i, sql in enumerate(statements) if "submissioncount" in sql)
    after = [sql for sql in statements[first_count:] if "submissioncount" not in sql]
    # The end of the transaction (a savepoint's, inside the test's own transaction).
    assert all(sql.startswith(("COMMIT", "RELEASE SAVEPOINT")) for sql in after), after
    assert any("dbtaskresult" in sql for sql in statements[:first_count])
