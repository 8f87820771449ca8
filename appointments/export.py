"""Appointment requests, and the managers' report, as CSV: safe to open in a spreadsheet."""

import csv
import io

from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

COLUMNS = [
    ("Reference", lambda r: r.reference),
    ("Received", lambda r: timezone.localtime(r.received_at).strftime("%Y-%m-%d %H:%M")),
    ("Status", lambda r: r.get_status_display()),
    ("Close reason", lambda r: r.get_close_reason_display()),
    ("Urgent", lambda r: "yes" if r.urgent else "no"),
    ("Held by", lambda r: r.holder.get_username() if r.holder else ""),
    ("First name", lambda r: r.first_name),
    ("Last name", lambda r: r.last_name),
    ("Phone", lambda r: r.phone_display),
    ("E-mail", lambda r: r.email),
    ("Preferred contact", lambda r: r.get_contact_method_display()),
    ("Agreed to texts", lambda r: "yes" if r.text_consent else "no"),
    ("Call in", lambda r: r.call_in),
    ("Needs an interpreter", lambda r: "yes" if r.needs_interpreter else "no"),
    ("Location", lambda r: r.location.name if r.location else ""),
    ("Preferred times", lambda r: ", ".join(r.preferred_times)),
    ("Area of pain", lambda r: r.get_pain_area_display()),
    ("Has hurt for", lambda r: r.get_pain_duration_display()),
    ("Urgent-care answers", lambda r: ", ".join(r.red_flags)),
    ("Message", lambda r: r.message),
    ("Insurance", lambda r: r.insurance),
]


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    value = str(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def requests_csv(appointments) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([title for title, _ in COLUMNS])
    for appointment in appointments:
        writer.writerow([spreadsheet_safe(cell(appointment)) for _, cell in COLUMNS])
    return out.getvalue()


def report_csv(rows) -> str:
    """The managers' report's rows (appointments/report.py csv_rows): numbers stay numbers."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) if isinstance(cell, str) else cell for cell in row])
    return out.getvalue()
