"""The work done beside the requests (Django's Tasks API): the e-mails about a request.

A task's arguments are stored in the database and may be logged: they name the request by its
id, never by anything the person typed.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import services

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Then twice as long before each next attempt: 1, 2, 4 and 8 minutes.
FIRST_RETRY_AFTER = timedelta(minutes=1)


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
        backend = send_notification.get_backend()
        if not (error.retryable and attempt < MAX_ATTEMPTS and backend.supports_defer):
            raise
        run_after = timezone.now() + FIRST_RETRY_AFTER * 2 ** (attempt - 1)
        send_notification.using(run_after=run_after).enqueue(request_id, whose, attempt + 1)
        logger.warning("%s; attempt %s of %s is queued", error, attempt + 1, MAX_ATTEMPTS)
        return f"{error}; attempt {attempt + 1} is queued for {run_after.isoformat()}"
    return "sent" if sent else "already sent, or the request is gone"
