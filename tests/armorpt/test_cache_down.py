"""The cache down (django-redis ignoring its errors): every page from the database, the form
working, one warning a minute. Against a real redis-server, stopped mid-test; required in CI
(ARMORPT_REQUIRE_REDIS=1, set by .ci/run), skipped where redis-server is not installed."""

import logging
import os
import shutil
import socket
import subprocess
import time

import pytest

from appointments.models import AppointmentRequest
from armorpt.settings import cache_from_url
from tests.appointments.helpers import URL, as_the_visitor, form_data
from tests.public_urls import PUBLIC_PAGES

REDIS_SERVER = shutil.which("redis-server")
NOTHING_ON_DISK = ["--save", "", "--appendonly", "no"]
if REDIS_SERVER is None and os.environ.get("ARMORPT_REQUIRE_REDIS") == "1":
    raise RuntimeError("redis-server not found; install Debian's redis-server.")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REDIS_SERVER is None, reason="apt-get install redis-server"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_server(settings):
    """A redis-server of the test's own as the site's cache; the test may stop it."""
    port = free_port()
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", *NOTHING_ON_DISK],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            break
        except OSError:
            time.sleep(0.1)
    settings.CACHES = {
        "default": {**cache_from_url(f"redis://127.0.0.1:{port}/0"), "KEY_PREFIX": "cache-down"}
    }
    yield server
    server.kill()
    server.wait(timeout=10)


@pytest.fixture
def cache_warnings(caplog):
    """The records of django-redis' logger, its once-a-minute filter starting afresh."""
    logger = logging.getLogger("django_redis.cache")
    for each in logger.filters:
        each.passed_at = float("-inf")
    caplog.set_level(logging.INFO)
    return lambda: [r for r in caplog.records if r.name == "django_redis.cache"]


def test_with_the_cache_stopped_every_page_and_the_form_work(
    client, demo_content, redis_server, cache_warnings, django_capture_on_commit_callbacks
):
    as_the_visitor(client)
    assert [client.get(path).status_code for path in PUBLIC_PAGES] == [200] * len(PUBLIC_PAGES)
    kept = client.get("/privacy/").content

    redis_server.kill()
    redis_server.wait(timeout=10)

    statuses = [client.get(path).status_code for path in PUBLIC_PAGES]
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(URL, form_data(first_name="Outage"))

    assert statuses == [200] * len(PUBLIC_PAGES)
    assert client.get("/privacy/").content == kept  # rendered from the database, the same
    assert sent.status_code == 302
    assert AppointmentRequest.objects.get().first_name == "Outage"
    assert client.get(sent.headers["Location"]).status_code == 200
    assert len(cache_warnings()) == 1
