import contextlib
import itertools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, When
from django.forms.formsets import DELETION_FIELD_NAME
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from staff.admin_privacy import KeepsPatientDataOut
from staff.admin_translations import (
    SPANISH_REVIEW_FIELDS,
    SpanishStateFilter,
    TranslatedContentAdmin,
)

from . import audit
from .business_time import BUSINESS_DAY, BUSINESS_HOUR, as_hours_and_minutes
from .charts import charts_for
from .contact import record_attempt
from .export import report_csv, requests_csv
from .models import (
    OPEN_STATUSES,
    AppointmentRequest,
    CloseReason,
    ClosureDay,
    ContactAttempt,
    ContactOutcome,
    Location,
    OpeningHours,
    RequestStatus,
    StaffNote,
    StatusChange,
)
from .phones import phone_e164, tel_href
from .report import build_report, csv_rows
from .services import change_status, resend_notifications


class LabelledCellsFormSet(forms.BaseInlineFormSet):
    """A table cell has no <label>: each box, the delete box too, is named for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            if name == DELETION_FIELD_NAME:
                field.widget.attrs["aria-label"] = f"Delete this {self.model._meta.verbose_name}"
            elif not field.widget.is_hidden:
                field.widget.attrs["aria-label"] = str(field.label)


class OpeningHoursFormSet(LabelledCellsFormSet):
    """No two spans of one weekday may overlap; the later one is marked, next to its times."""

    def clean(self):
        super().clean()
        by_weekday: dict[int, list[forms.ModelForm]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.errors:
                continue
            if data.get("weekday") is not None and data.get("opens") and data.get("closes"):
                by_weekday.setdefault(data["weekday"], []).append(form)
        for forms_of_day in by_weekday.values():
            forms_of_day.sort(key=lambda form: form.cleaned_data["opens"])
            for earlier, later in itertools.pairwise(forms_of_day):
                if later.cleaned_data["opens"] < earlier.cleaned_data["closes"]:
                    later.add_error(
                        "opens",
                        f"Overlaps {earlier.cleaned_data['opens']:%H:%M}–"
                        f"{earlier.cleaned_data['closes']:%H:%M} on the same day.",
                    )


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    fields = ["weekday", "opens", "closes"]
    extra = 1
    verbose_name_plural = "opening hours (a day with none is closed)"


class ClosureDayInline(admin.TabularInline):
    model = ClosureDay
    formset = LabelledCellsFormSet
    fields = ["date", "reason"]
    extra = 1
    verbose_name_plural = "closure days (federal holidays are closed already)"


@admin.register(Location)
class LocationAdmin(TranslatedContentAdmin, KeepsPatientDataOut):
    kept_for_patient_data = (
        "Appointment requests chose it, and requests are never deleted with it. "
        "To take it off the site, untick “shown on the site” instead."
    )
    list_display = [
        "name",
        "phone",
        "locality",
        "accepts_requests",
        "is_active",
        "display_order",
        "spanish_translation",
    ]
    list_editable = ["display_order"]
    list_filter = ["is_active", "accepts_requests", SpanishStateFilter]
    search_fields = ["name", "street_address", "locality", "phone"]
    inlines = [OpeningHoursInline, ClosureDayInline]
    fieldsets = [
        (None, {"fields": ["name", "phone"]}),
        ("Address", {"fields": ["street_address", "locality", "region", "postal_code"]}),
        ("On the site", {"fields": ["is_active", "accepts_requests", "display_order"]}),
        ("Spanish translation", {"fields": SPANISH_REVIEW_FIELDS}),
    ]
    readonly_fields = SPANISH_REVIEW_FIELDS


# --- Appointment requests: the front desk's work --------------------------------------------


class HolderFilter(admin.SimpleListFilter):
    title = "holder"
    parameter_name = "holder"

    def lookups(self, request, model_admin):
        return [("mine", "Held by me"), ("unassigned", "Unassigned")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(holder=request.user)
        if self.value() == "unassigned":
            return queryset.filter(holder__isnull=True)
        return queryset


class ContactFilter(admin.SimpleListFilter):
    title = "contact attempts"
    parameter_name = "contact"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Next attempt overdue"),
            ("not_attempted", "Not attempted yet"),
            ("flagged", "Flagged"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.next_attempt_overdue()
        if self.value() == "not_attempted":
            return queryset.not_attempted()
        if self.value() == "flagged":
            return queryset.flagged()
        return queryset


class RecordInline(admin.TabularInline):
    """Rows the services write and nobody edits: shown, never added, changed or deleted."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ContactAttemptInline(RecordInline):
    """The tries to reach the person, newest first; logged with the outcome buttons."""

    model = ContactAttempt
    fields = ["attempted_at", "outcome", "attempted_by"]
    readonly_fields = fields


class StaffNoteInline(admin.TabularInline):
    """New notes can be added; written notes stay as they are."""

    model = StaffNote
    extra = 1
    fields = ["text", "author", "written_at"]
    readonly_fields = ["author", "written_at"]
    can_delete = False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":  # a table cell has no <label>: name the box itself
            field.widget.attrs["aria-label"] = "New note"
        return field

    @admin.display(description="written at")
    def written_at(self, note):
        return timezone.localtime(note.created_at) if note.pk else "—"

    def has_change_permission(self, request, obj=None):
        return False


class StatusChangeInline(RecordInline):
    """The request's history, written by every status change."""

    model = StatusChange
    verbose_name = "status change"
    verbose_name_plural = "status history"
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields


class RequestHandlingForm(forms.ModelForm):
    """The front desk's handling of one request.

    Status and close reason are plain form fields that the form never writes onto the request:
    the admin saves the rest, then `services.change_status` moves the status and writes its
    history.
    """

    status = forms.ChoiceField(label="Status", choices=RequestStatus.choices)
    close_reason = forms.ChoiceField(
        label="Close reason",
        choices=[("", "---------"), *CloseReason.choices],
        required=False,
        help_text=AppointmentRequest._meta.get_field("close_reason").help_text,
    )

    SET_BY_THE_SERVICE = ["status", "close_reason"]

    class Meta:
        model = AppointmentRequest
        fields = ["holder", "next_attempt_due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.SET_BY_THE_SERVICE:
            self.initial.setdefault(name, getattr(self.instance, name))
        # The admin's date and time boxes share one label that names neither: name each.
        if due := self.fields.get("next_attempt_due"):  # absent for those who may only view
            for box, part in zip(
                getattr(due.widget, "widgets", ()), ("date", "time"), strict=False
            ):
                box.attrs["aria-label"] = f"Next attempt due: {part}"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != RequestStatus.CLOSED:
            cleaned["close_reason"] = ""
        elif not cleaned.get("close_reason"):
            self.add_error("close_reason", "Choose why the request is closed.")
        return cleaned


CONTACT_TIMES = ["first_attempt_at", "first_reached_at", "flagged_at", "alerts_sent"]
SUBMISSION_FIELDS = [
    "first_name",
    "last_name",
    "phone_link",
    "email",
    "contact_method",
    "text_consent",
    "language",
    "call_language",
    "other_call_language",
    "needs_interpreter",
    "location",
    "preferred_times",
    "pain_area",
    "pain_duration",
    "message",
    "insurance",
    "red_flag_list",
    "consented",
]


@admin.register(AppointmentRequest)
class AppointmentRequestAdmin(KeepsPatientDataOut):
    form = RequestHandlingForm
    # The form's fields of these names are not the model's: only change_status writes them.
    exclude = RequestHandlingForm.SET_BY_THE_SERVICE
    list_display = [
        "reference",
        "waiting",
        "full_name",
        "phone_link",
        "contact_method",
        "call_in",
        "location",
        "pain_area",
        "status",
        "urgent",
        "holder",
        "next_attempt",
        "notification_state",
    ]
    list_filter = [
        "status",
        "urgent",
        ContactFilter,
        "call_language",
        "needs_interpreter",
        "language",
        "location",
        HolderFilter,
        "received_at",
    ]
    search_fields = ["reference", "first_name", "last_name", "phone", "email"]
    # The front desk's work list: urgent open requests first, then new ones oldest first.
    ordering = [
        Case(
            When(urgent=True, status__in=OPEN_STATUSES, then=0),
            When(status=RequestStatus.NEW, then=1),
            When(status=RequestStatus.CONTACTED, then=2),
            When(status=RequestStatus.SCHEDULED, then=3),
            default=4,
            output_field=IntegerField(),
        ).asc(),
        "received_at",
    ]
    list_select_related = ["location", "holder"]
    list_per_page = 50
    actions = [
        "assign_to_me",
        "mark_contacted",
        "mark_scheduled",
        "close_requests",
        "resend_notifications",
        "export_csv",
    ]
    readonly_fields = [
        "reference",
        "urgent",
        "received_at",
        "updated_at",
        "notification_state",
        *CONTACT_TIMES,
        *SUBMISSION_FIELDS,
    ]
    fieldsets = [
        ("Handling", {"fields": ["status", "close_reason", "holder"]}),
        ("Contact", {"fields": ["next_attempt_due", *CONTACT_TIMES]}),
        (
            "The request",
            {"fields": ["reference", "urgent", "received_at", "updated_at", "notification_state"]},
        ),
        ("What the person sent (read-only)", {"fields": SUBMISSION_FIELDS}),
    ]
    inlines = [ContactAttemptInline, StaffNoteInline, StatusChangeInline]
    view_on_site = False
    change_form_template = "admin/appointments/appointmentrequest/change_form.html"

    class Media:
        css = {"all": ["css/appointments-admin.css"]}

    def has_add_permission(self, request):
        return False  # requests come from the public form only

    def get_queryset(self, request):
        # The "waiting" column counts business time at each request's location.
        return super().get_queryset(request).with_location_hours()

    def has_export_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.export_{opts.model_name}")

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and request.method == "GET":
            audit.record_view(obj)
        if obj is not None and self.has_record_attempt_permission(request, obj):
            context["attempt_url"] = reverse(
                f"{self.admin_site.name}:appointments_appointmentrequest_attempt", args=[obj.pk]
            )
            context["outcomes"] = ContactOutcome.choices
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- Logging a contact attempt ----------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.record_attempt_view))
        report = self.admin_site.admin_view(require_safe(self.report_view))
        return [
            path("report/", report, name="appointments_appointmentrequest_report"),
            path(
                "report.csv",
                report,
                {"as_csv": True},
                name="appointments_appointmentrequest_report_csv",
            ),
            path("<path:object_id>/attempt/", view, name="appointments_appointmentrequest_attempt"),
            *super().get_urls(),
        ]

    def has_report_permission(self, request) -> bool:
        return request.user.has_perm(f"{self.opts.app_label}.report_{self.opts.model_name}")

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "may_read_report": self.has_report_permission(request),
            **(extra_context or {}),
        }
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:  # the list itself, not an action's answer or a redirect
            page = "search" if changelist.query else "list"
            audit.record_rows_shown(page, len(changelist.result_list))
        return response

    def autocomplete_results_shown(self, request, rows: int) -> None:
        """Called by the admin site's autocomplete (staff.admin_site) with what it answered."""
        audit.record_rows_shown("autocomplete", rows)

    def report_view(self, request, as_csv=False):
        """The clinic managers' report of the last twelve weeks (appointments/report.py)."""
        if not self.has_report_permission(request):
            raise PermissionDenied
        report = build_report()
        audit.record_report_view(exported=as_csv)
        if as_csv:
            filename = f"speed-to-contact-{timezone.localdate():%Y-%m-%d}.csv"
            response = HttpResponse(
                report_csv(csv_rows(report)), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        sections = [
            (section, charts_for(section, number)) for number, section in enumerate(report.sections)
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "Speed to contact: the last 12 weeks",
            "opts": self.opts,
            "report": report,
            "sections": sections,
            "close_reasons": CloseReason.choices,
            "business_hour": BUSINESS_HOUR,
            "business_day": BUSINESS_DAY,
        }
        return TemplateResponse(request, "appointments/report.html", context)

    def has_record_attempt_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj) and request.user.has_perm(
            f"{self.opts.app_label}.add_contactattempt"
        )

    def record_attempt_view(self, request, object_id):
        """One click on an outcome: the attempt is logged now, by the person signed in."""
        if not self.has_record_attempt_permission(request):
            raise PermissionDenied
        changelist = reverse(f"{self.admin_site.name}:appointments_appointmentrequest_changelist")
        appointment = self.get_object(request, unquote(object_id))
        if appointment is None:
            self.message_user(
                request, "That request no longer exists; nothing was logged.", messages.WARNING
            )
            return HttpResponseRedirect(changelist)
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
            back = reverse(
                f"{self.admin_site.name}:appointments_appointmentrequest_change",
                args=[appointment.pk],
            )
        outcome = request.POST.get("outcome", "")
        if outcome not in ContactOutcome.values:
            self.message_user(
                request, f"Choose one of the outcomes for {appointment}.", messages.ERROR
            )
            return HttpResponseRedirect(back)
        attempt, created = record_attempt(appointment, outcome, request.user)
        self.message_user(request, self._logged_message(appointment, attempt, created))
        return HttpResponseRedirect(back)

    def _logged_message(self, appointment, attempt, created) -> str:
        if not created:
            return f"“{attempt.get_outcome_display()}” was already logged for {appointment}."
        logged = f"Logged “{attempt.get_outcome_display()}” for {appointment}."
        if appointment.next_attempt_due:
            due = timezone.localtime(appointment.next_attempt_due)
            return f"{logged} Next attempt due {due:%a %-d %b, %-I:%M %p}."
        if appointment.flagged_at:
            return f"{logged} The request is flagged: decide how to go on."
        return logged

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "holder":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        """A phone number typed any way, e.g. (212) 555-0142, finds the stored +12125550142."""
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        with contextlib.suppress(ValidationError):  # not a phone number: the ordinary search
            results |= queryset.filter(phone=phone_e164(search_term))
        return results, may_have_duplicates

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if set(RequestHandlingForm.SET_BY_THE_SERVICE) & set(form.changed_data):
            status, reason = form.cleaned_data["status"], form.cleaned_data["close_reason"]
            change_status(obj, status, request.user, reason)

    def save_formset(self, request, form, formset, change):
        for note in formset.save(commit=False):
            if note.pk is None and isinstance(note, StaffNote):
                note.author = request.user
                note.created_at = timezone.now()
            note.save()

    # --- Columns ----------------------------------------------------------------------------

    @admin.display(description="name", ordering="last_name")
    def full_name(self, obj):
        return obj.full_name

    @admin.display(description="phone", ordering="phone")
    def phone_link(self, obj):
        if not obj.phone:
            return "—"
        return format_html('<a href="{}">{}</a>', tel_href(obj.phone), obj.phone_display)

    @admin.display(description="call in", ordering="call_language")
    def call_in(self, obj):
        """Who should call: the language, and a mark when the person needs an interpreter."""
        if obj.needs_interpreter:
            return format_html("{} <strong>+ interpreter</strong>", obj.call_in)
        return obj.call_in

    @admin.display(description="waiting", ordering="received_at")
    def waiting(self, obj):
        if not obj.is_waiting_for_a_first_try:  # tried: the next attempt column takes over
            return "—"
        waited = f"{as_hours_and_minutes(obj.business_minutes_waited())} of opening hours"
        if obj.is_overdue:
            return format_html('<strong class="overdue">⚠ {} — overdue</strong>', waited)
        return waited

    @admin.display(description="next attempt", ordering="next_attempt_due")
    def next_attempt(self, obj):
        if obj.flagged_at and obj.status in OPEN_STATUSES:
            return format_html('<strong class="overdue">⚑ flagged</strong>')
        if obj.next_attempt_due is None or obj.status not in OPEN_STATUSES:
            return "—"
        due = f"{timezone.localtime(obj.next_attempt_due):%a %-I:%M %p}"
        if obj.next_attempt_due < timezone.now():
            return format_html('<strong class="overdue">⚠ {} — overdue</strong>', due)
        return due

    def get_list_display(self, request):
        if not self.has_record_attempt_permission(request):
            return self.list_display
        return [*self.list_display, self.log_attempt_column(request)]

    def log_attempt_column(self, request):
        """The two clicks of the work list: open a row's outcomes, press one."""
        back = request.get_full_path()

        @admin.display(description="log an attempt")
        def log_attempt(obj):
            if obj.status not in OPEN_STATUSES:
                return "—"
            url = reverse(
                f"{self.admin_site.name}:appointments_appointmentrequest_attempt", args=[obj.pk]
            )
            return render_to_string(
                "admin/appointments/appointmentrequest/includes/log_attempt_buttons.html",
                {"appointment": obj, "url": url, "back": back, "outcomes": ContactOutcome.choices},
            )

        return log_attempt

    @admin.display(description="overdue alerts")
    def alerts_sent(self, obj):
        def state(alert) -> str:
            if alert.sent_at is None:
                return "queued, not sent yet"
            return f"sent {timezone.localtime(alert.sent_at):%a %-d %b %-I:%M %p}"

        alerts = [
            f"{alert.get_level_display()} ({state(alert)})" for alert in obj.overdue_alerts.all()
        ]
        return "; ".join(alerts) or "none"

    @admin.display(description="e-mails")
    def notification_state(self, obj):
        if missing := obj.unsent_notifications():
            return format_html(
                '<strong class="overdue">⚠ notification not sent ({})</strong>',
                ", ".join(missing),
            )
        return "sent"

    @admin.display(description="preferred times")
    def preferred_times(self, obj):
        return ", ".join(obj.preferred_times) or "—"

    @admin.display(description="urgent-care answers")
    def red_flag_list(self, obj):
        return ", ".join(obj.red_flags) or "none ticked"

    # --- Actions ----------------------------------------------------------------------------

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        # One save each, not update(): the audit trail records who took which request.
        taken = queryset.exclude(holder=request.user)
        for appointment in taken:
            appointment.holder = request.user
            appointment.save(update_fields=["holder", "updated_at"])
        self.message_user(request, f"{len(taken)} request(s) assigned to you.", messages.SUCCESS)

    def _move(self, request, queryset, to, reason=""):
        moved = sum(
            change_status(appointment, to, request.user, reason) for appointment in queryset
        )
        self.message_user(
            request,
            f"{moved} request(s) marked {RequestStatus(to).label.lower()}.",
            messages.SUCCESS,
        )

    @admin.action(description="Mark contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._move(request, queryset, RequestStatus.CONTACTED)

    @admin.action(description="Mark scheduled", permissions=["change"])
    def mark_scheduled(self, request, queryset):
        self._move(request, queryset, RequestStatus.SCHEDULED)

    @admin.action(description="Close (asks for a reason)", permissions=["change"])
    def close_requests(self, request, queryset):
        reason = request.POST.get("close_reason", "")
        if request.POST.get("confirm") and reason in CloseReason.values:
            self._move(request, queryset, RequestStatus.CLOSED, reason)
            return None
        return TemplateResponse(
            request,
            "admin/appointments/appointmentrequest/close_requests.html",
            {
                **self.admin_site.each_context(request),
                "title": "Close requests",
                "opts": self.model._meta,
                "requests": queryset,
                "reasons": CloseReason.choices,
                "reason_missing": bool(request.POST.get("confirm")),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.action(description="Resend e-mails that were not sent", permissions=["change"])
    def resend_notifications(self, request, queryset):
        sent, failed, queued = resend_notifications(queryset)
        self.message_user(
            request,
            f"{sent} e-mail(s) sent, {failed} still failing, {queued} queued for sending.",
            messages.WARNING if failed else messages.SUCCESS,
        )

    @admin.action(description="Export to CSV (recorded in the audit trail)", permissions=["export"])
    def export_csv(self, request, queryset):
        appointments = list(queryset.select_related("location", "holder"))
        audit.record_export(appointments)
        filename = f"appointment-requests-{timezone.localdate():%Y-%m-%d}.csv"
        response = HttpResponse(requests_csv(appointments), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
