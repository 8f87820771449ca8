"""The audit trail of appointment requests, kept by django-auditlog.

Who viewed a request's page, changed it, exported it or deleted it, and when; and each page that
showed several requests (the list, a search, an autocomplete, an export) with how many rows it
showed. What the person typed never enters the trail: those fields are recorded as changed, with
the values hidden. What staff searched for never enters it either: it is often a name or a phone.
"""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from auditlog.signals import accessed
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import AppointmentRequest, ContactAttempt, StaffNote

HIDDEN = "(hidden)"
# The front desk's handling of a request; every other field is what the patient sent.
HANDLING_FIELDS = {
    "id",
    "reference",
    "status",
    "close_reason",
    "holder",
    "received_at",
    "staff_notified_at",
    "patient_notified_at",
    "first_attempt_at",
    "first_reached_at",
    "next_attempt_due",
    "flagged_at",
}
NOT_TRACKED = ["updated_at", "form_token"]
EXPORTED = {"export": "CSV"}
# The pages that show several requests at once, as the trail names them.
ROWS_SHOWN_BY = {
    "list": "viewed the list",
    "search": "searched",
    "autocomplete": "searched to pick one",
    "export": "exported to CSV",
}
REPORT = "speed to contact"


def mask(value: str) -> str:
    """AUDITLOG_MASK_CALLABLE: no part of a patient's value is kept (not even half of it)."""
    return HIDDEN


def tracked_fields() -> list[str]:
    """The request's own columns: auditlog would otherwise add its reverse relations (notes,
    attempts, alerts), which a new request records as "appointments.StaffNote.None"."""
    return [
        field.name
        for field in AppointmentRequest._meta.concrete_fields
        if field.name not in NOT_TRACKED
    ]


def patient_fields() -> list[str]:
    return [name for name in tracked_fields() if name not in HANDLING_FIELDS]


def register() -> None:
    auditlog.register(
        AppointmentRequest, include_fields=tracked_fields(), mask_fields=patient_fields()
    )
    auditlog.register(StaffNote, mask_fields=["text"])
    auditlog.register(ContactAttempt)


def record_view(appointment: AppointmentRequest) -> None:
    """A member of staff opened the request's page (the actor comes from the middleware)."""
    accessed.send(sender=AppointmentRequest, instance=appointment)


def record_rows_shown(page: str, rows: int) -> None:
    """One entry for a page of `rows` requests (a key of ROWS_SHOWN_BY), by the middleware's
    actor: which page and how many rows, never the search that chose them."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_pk="",
        object_repr="appointment requests",
        action=LogEntry.Action.ACCESS,
        additional_data={"page": page, "rows": rows},
    )


def record_export(appointments) -> None:
    """One entry for the export, and one on each request: its own trail shows it left."""
    record_rows_shown("export", len(appointments))
    for appointment in appointments:
        LogEntry.objects.log_create(
            appointment,
            action=LogEntry.Action.ACCESS,
            force_log=True,
            additional_data=EXPORTED,
        )


def record_report_view(exported: bool = False) -> None:
    """A manager read the report (or downloaded it): one entry, for requests as a whole,
    since it shows counts and times of many requests and none of them by itself."""
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_pk="",
        object_repr=f"Report: {REPORT}",
        action=LogEntry.Action.ACCESS,
        additional_data={"report": REPORT, **(EXPORTED if exported else {})},
    )


def forget_values(request_ids, note_ids) -> int:
    """Empty the recorded values of these requests and notes; who did what, and when, stays."""
    by_request = Q(
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_pk__in=[str(pk) for pk in request_ids],
    )
    by_note = Q(
        content_type=ContentType.objects.get_for_model(StaffNote),
        object_pk__in=[str(pk) for pk in note_ids],
    )
    return LogEntry.objects.filter(by_request | by_note).update(
        changes=None, changes_text="", serialized_data=None
    )
