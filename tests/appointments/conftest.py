"""Shared by the appointment tests: a request to work on; the form posted as a browser would;
the task queue of production."""

import pytest

from tests.appointments.helpers import URL, as_the_visitor, form_data
from tests.factories import AppointmentRequestFactory


@pytest.fixture
def client(client):
    """The browser form_data()'s tokens are issued to (helpers.VISITOR's CSRF cookie)."""
    return as_the_visitor(client)


@pytest.fixture
def send(client, location, django_capture_on_commit_callbacks):
    """Post the form as a browser would, running the after-commit e-mails."""

    def post(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(URL, form_data(**overrides))

    return post


@pytest.fixture
def queue(settings):
    """The database backend of production: tasks wait in their table for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def appointment(location):
    return AppointmentRequestFactory(location=location)
