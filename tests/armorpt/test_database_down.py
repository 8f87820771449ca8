"""Pages while the database does not answer (armorpt/database_down.py), and after it returns."""

import io
import wsgiref.util

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection, connections

from tests.database import database_down

pytestmark = pytest.mark.django_db


def test_a_kept_page_is_still_served(client, location):
    kept = client.get("/privacy/")

    with database_down():
        again = client.get("/privacy/")

    assert again.status_code == 200
    assert again.content == kept.content


def test_a_page_not_kept_is_the_friendly_503_with_the_phone(client, location):
    client.get("/privacy/")  # the location is kept, as on a live site

    with database_down():
        response = client.get("/exercises/")

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "60"
    assert "no-store" in response.headers["Cache-Control"]
    assert "Content-Security-Policy" in response.headers
    html = response.content.decode()
    assert "Sorry, this page is not available just now" in html
    assert 'href="tel:+12125550142"' in html
    assert "OperationalError" not in html
    assert client.get("/exercises/").status_code == 200  # the 503 was not kept


def test_the_503_page_without_anything_kept_has_the_fallback_phone(client, settings):
    settings.CLINIC_FALLBACK_PHONE = "(212) 555-0177"

    with database_down():
        response = client.get("/exercises/")

    assert response.status_code == 503
    assert 'href="tel:+12125550177"' in response.content.decode()


def test_persistent_connections_are_health_checked(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def wsgi_get(path: str) -> str:
    """A request through the WSGI handler as gunicorn makes it, with request_started and
    request_finished doing their work on old connections (the test client skips that)."""
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "wsgi.input": io.BytesIO()}
    wsgiref.util.setup_testing_defaults(environ)
    statuses = []
    response = WSGIHandler()(environ, lambda status, headers: statuses.append(status))
    response.close()
    return statuses[0]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend")
def test_the_first_request_after_the_connection_was_dropped_works(location, settings):
    settings.PAGE_CACHE_SECONDS = 0
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        assert wsgi_get("/exercises/").startswith("200")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            (pid,) = cursor.fetchone()
        other = connections.create_connection("default")
        with other.cursor() as cursor:  # as a database restart or a failover would
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()

        assert wsgi_get("/exercises/").startswith("200")
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = settings.DATABASES["default"]["CONN_MAX_AGE"]
        connection.close()
