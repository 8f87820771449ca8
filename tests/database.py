"""The database not answering, as a test's context: every connection attempt and query fails."""

from contextlib import contextmanager
from unittest import mock

from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


@contextmanager
def database_down():
    refused = OperationalError("connection refused")
    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused),
        mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=refused),
    ):
        yield
