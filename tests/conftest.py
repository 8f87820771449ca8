"""Fixtures for the whole suite.

Where a test goes: tests/<app>/test_<module>.py for the module of <app> whose behaviour it
exercises (tests over every public page are the project's, in tests/armorpt/); Chromium
journeys in tests/browser/; every public page is listed once, in tests/public_urls.py.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connections
from django.utils import translation

from tests import demo
from tests.factories import LocationFactory, StaffUserFactory, SuperUserFactory, UserFactory


def pytest_configure(config):
    """The Spanish catalogues compiled before any test reads them (the .mo files are built,
    not committed); once, in the main process, before xdist starts its workers. On Redis,
    each xdist worker gets a database of its own, as each test empties the cache."""
    if not hasattr(config, "workerinput"):
        subprocess.run(
            [sys.executable, "manage.py", "compile_translations"],
            cwd=Path(__file__).resolve().parent.parent,
            check=True,
            capture_output=True,
            env={**os.environ, "DJANGO_DEBUG": "1"},
        )
    elif django_settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
        server = django_settings.CACHES["default"]["LOCATION"].rsplit("/", 1)[0]
        worker = int(config.workerinput["workerid"].removeprefix("gw"))
        django_settings.CACHES["default"]["LOCATION"] = f"{server}/{worker + 1}"


@pytest.fixture(autouse=True)
def _isolated_site(settings):
    """Plain static storage (no collectstatic manifest in tests), an empty cache per test, and
    a fast password hash: production's PBKDF2 costs most of a second for each staff member a
    test makes, and no test is about the hash's strength."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    yield
    cache.clear()
    # A request under /es/ leaves Spanish active in this thread, as it would in a server's.
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, ended cleanly on PostgreSQL under several workers.

    A thread a test started (the live server's) can still hold a session on the test database
    when pytest-django drops it, and PostgreSQL refuses to drop a database in use: every other
    session on it is ended first.
    """
    yield
    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )


@pytest.fixture(scope="session")
def demo_content_rows(django_db_setup, django_db_blocker):
    """The rows `load_clinic_content` adds to an empty database, the command run once per
    worker (tests/demo.py)."""
    with django_db_blocker.unblock():
        return demo.kept_rows()


@pytest.fixture
def demo_content(db, demo_content_rows):
    demo.load(demo_content_rows)


@pytest.fixture
def location(db):
    return LocationFactory()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def staff_user(db):
    return StaffUserFactory()


@pytest.fixture
def superuser(db):
    return SuperUserFactory()


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def front_desk_user(db):
    from appointments.groups import FRONT_DESK
    from tests.factories import group

    return StaffUserFactory(username="frontdesk", groups=[group(FRONT_DESK)])


@pytest.fixture
def content_editor(db):
    from appointments.groups import CONTENT_EDITORS
    from tests.factories import group

    return StaffUserFactory(username="editor", groups=[group(CONTENT_EDITORS)])


@pytest.fixture
def clinic_manager(db):
    from appointments.groups import CLINIC_MANAGERS
    from tests.factories import group

    return StaffUserFactory(username="manager", groups=[group(CLINIC_MANAGERS)])
