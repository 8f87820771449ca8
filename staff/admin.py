from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin
from django.db.models import Count
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp_webauthn.admin import WebAuthnCredentialAdmin
from django_otp_webauthn.models import WebAuthnCredential

from appointments.audit import ROWS_SHOWN_BY

from .admin_privacy import KeepsPatientDataOut
from .models import BackupCodeDevice

admin.site.unregister(LogEntry)
# Its backup codes are plain text; BackupCodeDevice keeps them as digests.
admin.site.unregister(StaticDevice)


@admin.register(LogEntry)
class AuditTrailAdmin(KeepsPatientDataOut, LogEntryAdmin):
    """The audit trail, for reading only: no one, superusers included, edits or deletes it here."""

    list_display = [
        "created",
        "resource_url",
        "action",
        "what",
        "msg_short",
        "user_url",
        "remote_addr",
    ]
    list_filter = ["action", "timestamp"]
    readonly_fields = [*LogEntryAdmin.readonly_fields, "what", "remote_addr"]
    fieldsets = [
        (None, {"fields": ["created", "user_url", "remote_addr", "resource_url"]}),
        ("What happened", {"fields": ["action", "what", "msg"]}),
    ]

    @admin.display(description="detail")
    def what(self, obj):
        data = obj.additional_data or {}
        if "rows" in data:
            return f"{ROWS_SHOWN_BY.get(data.get('page'), 'viewed')}: {data['rows']} row(s)"
        if data.get("export"):
            return f"exported to {data['export']}"
        if obj.action == LogEntry.Action.ACCESS:
            return "viewed the page"
        return "—"

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(BackupCodeDevice)
class BackupCodeDeviceAdmin(admin.ModelAdmin):
    """Whose backup codes, how many are left, when last used. The codes are kept nowhere to show:
    deleting the set is how a clinic manager resets it (the person then makes new ones)."""

    list_display = ["user", "codes_left", "last_used_at", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    readonly_fields = ["user", "name", "codes_left", "created_at", "last_used_at"]
    fieldsets = [
        (None, {"fields": ["user", "name", "confirmed"]}),
        ("Use", {"fields": ["codes_left", "created_at", "last_used_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(codes_count=Count("codes"))

    @admin.display(description="codes left", ordering="codes_count")
    def codes_left(self, obj):
        return obj.codes_count

    def has_add_permission(self, request):
        return False


@admin.register(WebAuthnCredential)
class PasskeyAdmin(WebAuthnCredentialAdmin):
    """Staff passkeys (django-otp-webauthn's admin, which the package leaves unregistered).
    Deleting one, or unticking "confirmed", stops it working as a second step."""

    list_select_related = ["user"]
    search_fields = ["user__username"]
