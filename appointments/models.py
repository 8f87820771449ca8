import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from armorpt.page_cache import ContentQuerySet
from armorpt.translation_review import TranslatedContent, TranslatedQuerySet
from armorpt.urgent_signs import SIGN_ASKED_BY
from armorpt.weekdays import WEEKDAY_NUMBERS

from .business_time import BUSINESS_DAY, BUSINESS_HOUR, add_business_minutes, business_minutes
from .opening_hours import describe_week
from .phones import phone_national, tel_href, validate_phone

CLOSES_BEFORE_OPENING = "Closing time must be after the opening time."


class LocationQuerySet(TranslatedQuerySet, ContentQuerySet):
    def active(self):
        return self.filter(is_active=True)

    def accepting_requests(self):
        return self.active().filter(accepts_requests=True)

    def with_hours(self):
        """With their opening hours and closure days, for counting business time."""
        return self.prefetch_related("opening_hours", "closure_days")

    def first_with_hours(self) -> "Location | None":
        """The first of these with its opening hours read in the same query (a second one only
        when it has no hours entered): the cold page's budget has no query to spare."""
        spans = list(
            OpeningHours.objects.filter(
                location=models.Subquery(self.values("pk")[:1])
            ).select_related("location")
        )
        if not spans:
            return self.first()
        location = spans[0].location
        location.opening_spans = spans
        return location


class Location(TranslatedContent):
    name = models.CharField(
        max_length=120, help_text="As patients know it, e.g. “Armor PT Midtown”."
    )
    street_address = models.CharField(max_length=200, help_text="Street, number and suite.")
    locality = models.CharField("city", max_length=100)
    region = models.CharField("state", max_length=50)
    postal_code = models.CharField("ZIP code", max_length=20)
    phone = models.CharField(
        max_length=30,
        validators=[validate_phone],
        help_text="The number patients should call. The first active location’s number is the "
        "site’s tap-to-call number.",
    )
    accepts_requests = models.BooleanField(
        default=True, help_text="Offer this location on the appointment request form."
    )
    is_active = models.BooleanField(
        "shown on the site",
        default=True,
        help_text="Untick to hide a closed location. A location that appointment requests chose "
        "cannot be deleted: hide it instead.",
    )
    display_order = models.PositiveSmallIntegerField(
        default=0, help_text="Lower numbers come first; the first active location is the main one."
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self):
        return self.name

    @cached_property  # parsed once per page, though a page links the number three times
    def phone_href(self) -> str:
        return tel_href(self.phone)

    @property
    def address_lines(self) -> list[str]:
        return [self.street_address, f"{self.locality}, {self.region} {self.postal_code}"]

    @cached_property  # set already by first_with_hours()
    def opening_spans(self) -> list["OpeningHours"]:
        """Its opening hours, Monday first (prefetched ones when the query asked for them)."""
        return list(self.opening_hours.all())

    @property
    def hours_lines(self) -> list[str]:
        """The week's hours as the footer reads them, e.g. “Monday to Friday: 7 am – 7 pm”."""
        return describe_week(self.opening_spans)


class OpeningHours(models.Model):
    """One span of a weekday when a location is open; a weekday with none is a closed day."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(choices=WEEKDAY_NUMBERS)
    opens = models.TimeField(help_text="E.g. 07:00.")
    closes = models.TimeField(
        help_text="E.g. 19:00; after the opening time. Closed for lunch? Add a second span."
    )

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = "opening hours"
        verbose_name_plural = "opening hours"
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__in=[number for number, _ in WEEKDAY_NUMBERS]),
                name="opening_hours_weekday_valid",
            ),
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=CLOSES_BEFORE_OPENING,
            ),
            models.UniqueConstraint(
                fields=["location", "weekday", "opens"],
                name="opening_hours_one_span_per_start",
                violation_error_message="This day already has a span that opens then.",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        # Said next to the closing time; the constraint alone would say it above the form.
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": CLOSES_BEFORE_OPENING})


class ClosureDay(models.Model):
    """A day a location is closed though its hours say open: not a federal holiday, which
    counts as closed already (appointments/business_time.py)."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="closure_days")
    date = models.DateField()
    reason = models.CharField(max_length=120, help_text="For staff, e.g. “Staff training”.")

    objects = ContentQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = "closure day"
        constraints = [
            models.UniqueConstraint(
                fields=["location", "date"],
                name="closure_day_once_per_location",
                violation_error_message="This location is already closed on that day.",
            )
        ]

    def __str__(self):
        return f"{self.location} closed on {self.date:%Y-%m-%d}"


# --- Appointment requests -------------------------------------------------------------------

REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read out over the phone


def new_reference() -> str:
    """A public reference such as APT-7KQ2-M9XD: random, never the database id."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"APT-{chars[:4]}-{chars[4:]}"


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    SCHEDULED = "scheduled", "Scheduled"
    CLOSED = "closed", "Closed"


class CloseReason(models.TextChoices):
    SEEN = "seen", "First visit booked and attended"
    NOT_REACHED = "not_reached", "Could not reach the person"
    NOT_NEEDED = "not_needed", "No longer needed"
    SENT_ELSEWHERE = "sent_elsewhere", "Sent to urgent care or another provider"
    DUPLICATE = "duplicate", "Duplicate of another request"
    SPAM = "spam", "Spam or a test"


# The labels of the answers the public form offers are in the page's language; the admin is in
# English, so staff read them in English.
class ContactMethod(models.TextChoices):
    CALL = "call", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("E-mail")


class PainArea(models.TextChoices):
    HIP = "hip", _("Hip")
    LOWER_BACK = "lower_back", _("Lower back")
    KNEE = "knee", _("Knee")
    OTHER = "other", _("Somewhere else")


class PainDuration(models.TextChoices):
    UNDER_A_WEEK = "under_week", _("Less than a week")
    WEEKS = "weeks", _("1 to 4 weeks")
    MONTHS = "months", _("1 to 3 months")
    LONGER = "longer", _("Longer than 3 months")


class CallLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    OTHER = "other", _("Another language")
    NO_PREFERENCE = "", _("No preference")


# The site's languages, named in English for staff: the language a request was written in.
SITE_LANGUAGES = [(code, get_language_info(code)["name"]) for code, _name in settings.LANGUAGES]


PREFERRED_TIME_FIELDS = [
    "prefers_weekday_mornings",
    "prefers_weekday_middays",
    "prefers_weekday_evenings",
    "prefers_saturdays",
]
RED_FLAG_FIELDS = list(SIGN_ASKED_BY)
OPEN_STATUSES = [RequestStatus.NEW, RequestStatus.CONTACTED]
MAX_UNANSWERED_ATTEMPTS = 3


class AppointmentRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def waiting_for_a_call(self):
        return self.filter(status=RequestStatus.NEW)

    def urgent(self):
        return self.filter(urgent=True)

    def with_location_hours(self):
        """With each location's hours and closure days: business time for many at once."""
        return self.select_related("location").prefetch_related(
            "location__opening_hours", "location__closure_days"
        )

    def not_attempted(self):
        """New requests nobody has tried to reach yet."""
        return self.waiting_for_a_call().filter(first_attempt_at__isnull=True)

    def next_attempt_overdue(self, moment=None):
        return self.open().filter(next_attempt_due__lt=moment or timezone.now())

    def flagged(self):
        return self.open().filter(flagged_at__isnull=False)

    def past_retention(self, days: int):
        """Closed for more than `days` days: the privacy notice promises to delete them."""
        return self.closed_before(timezone.now() - timedelta(days=days))

    def notification_not_sent(self):
        """Requests with an e-mail still to send (the rule of unsent_notifications())."""
        return self.filter(
            Q(staff_notified_at__isnull=True) | (~Q(email="") & Q(patient_notified_at__isnull=True))
        )

    def for_notifications(self):
        """With only what the e-mails about a request say (appointments/email/) and whether each
        went: a worker sends many and the other fields are most of the row."""
        return self.only(
            "reference",
            "received_at",
            "urgent",
            "email",
            "staff_notified_at",
            "patient_notified_at",
            "language",
            "call_language",
            "needs_interpreter",
        )

    def closed_before(self, moment):
        """Requests closed before the moment (by their history; by last update if it has none)."""
        closed_at = models.Max(
            "status_changes__changed_at",
            filter=Q(status_changes__to_status=RequestStatus.CLOSED),
        )
        return (
            self.filter(status=RequestStatus.CLOSED)
            .alias(closed_at=closed_at)
            .filter(Q(closed_at__lt=moment) | Q(closed_at__isnull=True, updated_at__lt=moment))
        )


class AppointmentRequest(models.Model):
    """What a person sent through the request form, and how the front desk is handling it."""

    reference = models.CharField(max_length=14, unique=True, editable=False)
    form_token = models.UUIDField(
        unique=True, editable=False, help_text="Stops a double click from making two requests."
    )

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    phone = models.CharField(
        max_length=20, blank=True, help_text="In international format, e.g. +12125550142."
    )
    email = models.EmailField("e-mail", blank=True)
    contact_method = models.CharField(
        "preferred contact", max_length=10, choices=ContactMethod.choices
    )
    text_consent = models.BooleanField("agreed to texts", default=False)
    language = models.CharField(
        "form language",
        max_length=10,
        choices=SITE_LANGUAGES,
        default=settings.LANGUAGE_CODE,
        editable=False,
        help_text="The language of the form the person sent; their e-mail is in it too.",
    )
    call_language = models.CharField(
        "call in", max_length=10, choices=CallLanguage.choices, blank=True, default=""
    )
    other_call_language = models.CharField(
        "other language",
        max_length=50,
        blank=True,
        help_text="The language the person named when they chose another language.",
    )
    needs_interpreter = models.BooleanField("needs an interpreter", default=False)
    location = models.ForeignKey(
        Location,
        # A location requests chose is made inactive, not deleted: a delete would change every
        # such request, unaudited.
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointment_requests",
        verbose_name="preferred location",
    )
    prefers_weekday_mornings = models.BooleanField("weekday mornings", default=False)
    prefers_weekday_middays = models.BooleanField("weekday middays", default=False)
    prefers_weekday_evenings = models.BooleanField("weekday evenings", default=False)
    prefers_saturdays = models.BooleanField("Saturdays", default=False)
    pain_area = models.CharField("area of pain", max_length=12, choices=PainArea.choices)
    pain_duration = models.CharField("has hurt for", max_length=12, choices=PainDuration.choices)
    message = models.TextField(max_length=1000, blank=True)
    insurance = models.CharField(max_length=100, blank=True)
    # One per urgent sign the form asks about (armorpt/urgent_signs.py), labelled from there.
    red_flag_fall_or_injury = models.BooleanField(
        SIGN_ASKED_BY["red_flag_fall_or_injury"].staff_label, default=False
    )
    red_flag_numbness = models.BooleanField(
        SIGN_ASKED_BY["red_flag_numbness"].staff_label, default=False
    )
    red_flag_fever_or_unwell = models.BooleanField(
        SIGN_ASKED_BY["red_flag_fever_or_unwell"].staff_label, default=False
    )
    red_flag_cannot_bear_weight = models.BooleanField(
        SIGN_ASKED_BY["red_flag_cannot_bear_weight"].staff_label, default=False
    )
    red_flag_sudden_severe_pain = models.BooleanField(
        SIGN_ASKED_BY["red_flag_sudden_severe_pain"].staff_label, default=False
    )
    consented = models.BooleanField("agreed to be contacted", default=False)

    urgent = models.BooleanField(
        default=False, help_text="Set when the person ticked any of the urgent-care questions."
    )
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    close_reason = models.CharField(
        max_length=20,
        choices=CloseReason.choices,
        blank=True,
        help_text="Required when the request is closed.",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="held_appointment_requests",
        help_text="The staff member who is calling this person back.",
    )
    received_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    staff_notified_at = models.DateTimeField(
        "staff e-mail sent at", null=True, blank=True, editable=False
    )
    patient_notified_at = models.DateTimeField(
        "confirmation e-mail sent at", null=True, blank=True, editable=False
    )
    # Set by contact.record_attempt the first time only: the speed-to-contact report reads them.
    first_attempt_at = models.DateTimeField(
        "first attempt at",
        null=True,
        blank=True,
        editable=False,
        help_text="When someone first tried to reach the person, whatever the outcome.",
    )
    first_reached_at = models.DateTimeField(
        "first reached at",
        null=True,
        blank=True,
        editable=False,
        help_text="When someone first spoke to the person.",
    )
    next_attempt_due = models.DateTimeField(
        "next attempt due",
        null=True,
        blank=True,
        help_text="Suggested after a try that did not reach the person; change it if you agreed "
        "another time. Empty once the person is reached.",
    )
    flagged_at = models.DateTimeField(
        "flagged at",
        null=True,
        blank=True,
        editable=False,
        help_text=f"Set after {MAX_UNANSWERED_ATTEMPTS} tries without reaching the person, or a "
        "wrong number: decide whether to try another way or close it.",
    )

    objects = AppointmentRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "appointment request"
        permissions = [
            ("export_appointmentrequest", "Can export appointment requests to CSV"),
            ("report_appointmentrequest", "Can read the speed-to-contact report"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(close_reason__in=[*CloseReason.values, ""]),
                name="request_close_reason_valid",
            ),
            models.CheckConstraint(
                condition=(Q(status=RequestStatus.CLOSED) & ~Q(close_reason=""))
                | (~Q(status=RequestStatus.CLOSED) & Q(close_reason="")),
                name="request_close_reason_only_when_closed",
                violation_error_message="Choose a reason when you close a request, and only then.",
            ),
            models.CheckConstraint(
                condition=Q(contact_method__in=ContactMethod.values),
                name="request_contact_method_valid",
            ),
            models.CheckConstraint(
                condition=Q(pain_area__in=PainArea.values), name="request_pain_area_valid"
            ),
            models.CheckConstraint(
                condition=Q(pain_duration__in=PainDuration.values),
                name="request_pain_duration_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in SITE_LANGUAGES]),
                name="request_language_valid",
            ),
            models.CheckConstraint(
                condition=Q(call_language__in=CallLanguage.values),
                name="request_call_language_valid",
            ),
            models.CheckConstraint(
                condition=(Q(call_language=CallLanguage.OTHER) & ~Q(other_call_language=""))
                | (~Q(call_language=CallLanguage.OTHER) & Q(other_call_language="")),
                name="request_other_call_language_named",
                violation_error_message="Name the other language, and only when it is chosen.",
            ),
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="request_has_a_way_to_reach"
            ),
            models.CheckConstraint(condition=Q(consented=True), name="request_consented"),
            models.CheckConstraint(
                condition=Q(urgent=True) | Q(**dict.fromkeys(RED_FLAG_FIELDS, False)),
                name="request_red_flag_means_urgent",
            ),
        ]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("admin:appointments_appointmentrequest_change", args=[self.pk])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def call_in(self) -> str:
        """The language to call the person in, in English for staff; with no preference, the
        language of the form they sent, e.g. “Spanish (form)”."""
        if self.call_language == CallLanguage.OTHER:
            return self.other_call_language
        if self.call_language:
            return get_language_info(self.call_language)["name"]
        return f"{self.get_language_display()} (form)"

    @property
    def phone_display(self) -> str:
        return phone_national(self.phone) if self.phone else ""

    @property
    def red_flags(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in RED_FLAG_FIELDS
            if getattr(self, name)
        ]

    @property
    def preferred_times(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name)
            for name in PREFERRED_TIME_FIELDS
            if getattr(self, name)
        ]

    @property
    def call_back_within(self) -> int:
        """Business minutes the front desk has to call: an hour when urgent, else a day."""
        return BUSINESS_HOUR if self.urgent else BUSINESS_DAY

    @property
    def call_back_due(self):
        return add_business_minutes(self.location, self.received_at, self.call_back_within)

    def business_minutes_waited(self, now=None) -> int:
        """Business minutes since the request came in, at its location's hours."""
        return business_minutes(self.location, self.received_at, now or timezone.now())

    def unsent_notifications(self) -> list[str]:
        """Whose e-mail about this request is not sent yet: "staff", "patient" or both."""
        missing = ["staff"] if self.staff_notified_at is None else []
        if self.email and self.patient_notified_at is None:
            missing.append("patient")
        return missing

    @property
    def is_waiting_for_a_first_try(self) -> bool:
        return self.status == RequestStatus.NEW and self.first_attempt_at is None

    @property
    def is_overdue(self) -> bool:
        """Nobody has tried to reach the person within the business time the desk has: the
        same count as the overdue alerts (alerts.due_alerts), so the mark and the e-mail agree."""
        return (
            self.is_waiting_for_a_first_try
            and self.business_minutes_waited() >= self.call_back_within
        )


class StaffNote(models.Model):
    """What staff recorded about a request; kept as written."""

    request = models.ForeignKey(AppointmentRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    text = models.TextField(
        max_length=2000, help_text="What happened, e.g. “Left a voicemail, will try at 4 pm”."
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = "staff note"

    def __str__(self):
        return f"Note on {self.request} at {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"


class StatusChange(models.Model):
    """One step in a request's history: written by `services.change_status`, never edited."""

    request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField("from", max_length=10, choices=RequestStatus.choices)
    to_status = models.CharField("to", max_length=10, choices=RequestStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, verbose_name="by"
    )
    changed_at = models.DateTimeField("when", default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_status__in=RequestStatus.values), name="status_change_from_valid"
            ),
            models.CheckConstraint(
                condition=Q(to_status__in=RequestStatus.values), name="status_change_to_valid"
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.from_status} → {self.to_status}"


class ContactOutcome(models.TextChoices):
    REACHED_BOOKED = "reached_booked", "Reached and booked"
    REACHED_NOT_BOOKED = "reached_not_booked", "Reached, not booked"
    NO_ANSWER = "no_answer", "No answer"
    LEFT_MESSAGE = "left_message", "Left a message"
    WRONG_NUMBER = "wrong_number", "Wrong number"
    SENT_MESSAGE = "sent_message", "Sent a text or e-mail"

    @property
    def reached(self) -> bool:
        return self in REACHED_OUTCOMES

    @property
    def unanswered(self) -> bool:
        """A try that may still reach the person later: another one is due."""
        return self in UNANSWERED_OUTCOMES


REACHED_OUTCOMES = [ContactOutcome.REACHED_BOOKED, ContactOutcome.REACHED_NOT_BOOKED]
UNANSWERED_OUTCOMES = [
    ContactOutcome.NO_ANSWER,
    ContactOutcome.LEFT_MESSAGE,
    ContactOutcome.SENT_MESSAGE,
]


class ContactAttemptQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(outcome__in=UNANSWERED_OUTCOMES)


class ContactAttempt(models.Model):
    """One try to reach the person who sent a request: written by `contact.record_attempt`."""

    request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="contact_attempts"
    )
    attempted_at = models.DateTimeField(
        "when", default=timezone.now, help_text="When the call, text or e-mail happened."
    )
    attempted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="contact_attempts",
        verbose_name="by",
    )
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices)

    objects = ContactAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-attempted_at", "-pk"]
        verbose_name = "contact attempt"
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=ContactOutcome.values), name="contact_attempt_outcome_valid"
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.attempted_at)
        return f"{self.request}: {self.get_outcome_display()} at {when:%Y-%m-%d %H:%M}"


class AlertLevel(models.TextChoices):
    URGENT_HOUR = "urgent_hour", "Urgent, not tried within one business hour"
    BUSINESS_DAY = "business_day", "Not tried within one business day"


class OverdueAlert(models.Model):
    """An alert to the front desk, claimed once per request and level, ever, and its e-mail
    queued in the same transaction (`alerts.py`)."""

    request = models.ForeignKey(
        AppointmentRequest, on_delete=models.CASCADE, related_name="overdue_alerts"
    )
    level = models.CharField(max_length=20, choices=AlertLevel.choices)
    claimed_at = models.DateTimeField(
        default=timezone.now, help_text="When the request was found overdue and the e-mail queued."
    )
    sent_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the e-mail went; empty while the mail server has not taken it yet.",
    )

    class Meta:
        ordering = ["-claimed_at"]
        verbose_name = "overdue alert"
        constraints = [
            models.UniqueConstraint(fields=["request", "level"], name="overdue_alert_once"),
            models.CheckConstraint(
                condition=Q(level__in=AlertLevel.values), name="overdue_alert_level_valid"
            ),
        ]

    def __str__(self):
        return f"{self.request}: {self.get_level_display()}"


class SubmissionCount(models.Model):
    """Requests sent per client per hour: the counter of `rate_limit.py`.

    The client is a keyed hash of its address and the hour, so the address is never stored and
    rows from different hours cannot be linked to each other.
    """

    client_key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["client_key", "window_start"], name="submission_count_unique_window"
            )
        ]

    def __str__(self):
        return f"{self.count} at {self.window_start:%Y-%m-%d %H:00}"
