"""The health check (armorpt/health.py): cheap, plain HTTP, honest about the database."""

import json
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

pytestmark = pytest.mark.django_db


def test_health_check_answers_when_the_database_does(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def test_health_check_is_503_when_the_database_does_not_answer(client):
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "unavailable"}
    assert "no-store" in response.headers["Cache-Control"]


def test_health_check_answers_plain_http_from_any_host(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["armorpt.example"]

    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")

    assert response.status_code == 200
    assert client.get("/", HTTP_HOST="10.0.3.7:8000").status_code == 400


def test_health_check_asks_the_database_at_most_once_a_second(client):
    cursor = BaseDatabaseWrapper.cursor
    with (
        mock.patch.object(
            BaseDatabaseWrapper, "cursor", autospec=True, side_effect=cursor
        ) as asked,
        mock.patch("armorpt.health.monotonic", side_effect=[100.0, 100.5, 101.0]),
    ):
        statuses = [client.get("/healthz").status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    assert asked.call_count == 2
