"""The same backup code tried twice at the same moment on PostgreSQL: it works once."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff import two_factor
from staff.models import BackupCodeDevice
from tests.factories import StaffUserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite serialises writers; PostgreSQL only"
    ),
]


def together(*calls):
    """Run each call in its own thread with its own connection, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def another_session_waits_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        # Inside a transaction PostgreSQL answers from one snapshot of the activity unless told.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def wait_until(condition, seconds=60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_code_tried_while_another_try_is_spending_it_is_refused():
    """The second try starts while the first has found and removed the code but not yet
    committed: it must wait for the first, then find nothing (not both succeed)."""
    user = StaffUserFactory()
    code, *_ = two_factor.new_backup_codes(user)
    first, second = (BackupCodeDevice.objects.get(user=user) for _ in range(2))
    spent, results = threading.Event(), {}

    def first_try():
        with transaction.atomic():
            results["first"] = first.verify_token(code)
            spent.set()
            # Commit only once the second try is blocked on the code's row.
            results["second waited"] = wait_until(another_session_waits_on_a_lock)

    def second_try():
        spent.wait(timeout=60)
        results["second"] = second.verify_token(code)

    together(first_try, second_try)

    assert results == {"first": True, "second waited": True, "second": False}
    assert two_factor.backup_codes_left(user) == 9


def test_the_same_code_sent_twice_at_once_opens_one_session(settings):
    settings.REQUIRE_TWO_FACTOR = True
    user = StaffUserFactory()
    TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    code, *_ = two_factor.new_backup_codes(user)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(user)

    def send(client):
        return lambda: client.post("/admin/two-factor/", {"code": code}).status_code

    statuses = together(*(send(client) for client in clients))

    assert sorted(statuses) == [200, 302]  # one in; the other told the code did not work
    assert [client.get("/admin/").status_code for client in clients].count(200) == 1
    assert two_factor.backup_codes_left(user) == 9
