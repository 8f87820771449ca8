"""The work done beside the requests (Django's Tasks API): the e-mails about a request and the
front desk's overdue alerts.

A task's arguments are stored in the database and may be logged: they name the request or the
alert by its id, never by anything the person typed.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend

from . import alerts, services

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Then twice as long before each next attempt: 1, 2, 4 and 8 minutes.
FIRST_RETRY_AFTER = timedelta(minutes=1)


def enqueue_in_transaction(queued_task, *args) -> None:
    """Queue a task from inside the transaction that makes it owed.

    The database backend writes its task row in that transaction, so it is committed or rolled
    back with it. A backend that runs tasks at once (development, tests) waits for the commit
    instead: it must not tell anyone about a change that is then rolled back.
    """
    enqueue = partial(queued_task.enqueue, *args)
    if isinstance(queued_task.get_backend(), DatabaseBackend):
        enqueue()
    else:
        transaction.on_commit(enqueue)


def retry_later(queued_task, error: "services.NotificationNotSent", attempt: int, *args) -> str:
    """Queue the next attempt of a failed e-mail, later each time, and say so.

    Raises the error instead when there is no next attempt: the last one failed, the mail
    server refused for good (5xx), or the backend cannot run a task later.
    """
    deferrable = queued_task.get_backend().supports_defer
    if not (error.retryable and attempt < MAX_ATTEMPTS and deferrable):
        raise error
    run_after = timezone.now() + FIRST_RETRY_AFTER * 2 ** (attempt - 1)
    queued_task.using(run_after=run_after).enqueue(*args, attempt + 1)
    logger.warning("%s; attempt %s of %s is queued", error, attempt + 1, MAX_ATTEMPTS)
    return f"{error}; attempt {attempt + 1} is queued for {run_after.isoformat()}"


@task
def send_notification(request_id: int, whose: str, attempt: int = 1) -> str:
    """Send the request's "staff" or "patient" e-mail unless it went already.

    A failure the mail server may get over (down, busy, 4xx) queues the next attempt, later
    each time; after the last one, or on a refusal for good (5xx), the task fails, and the
    task list shows it with the request's reference.
    """
    try:
        sent = services.send_notification(request_id, whose)
    except services.NotificationNotSent as error:
        return retry_later(send_notification, error, attempt, request_id, whose)
    return "sent" if sent else "already sent, or the request is gone"


@task
def send_overdue_alert(alert_id: int, attempt: int = 1) -> str:
    """Send a claimed overdue alert's e-mail unless it went already; retried as above."""
    try:
        sent = alerts.send_alert_email(alert_id)
    except services.NotificationNotSent as error:
        return retry_later(send_overdue_alert, error, attempt, alert_id)
    return "sent" if sent else "already sent, or no longer needed"
