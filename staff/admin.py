from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from appointments.audit import ROWS_SHOWN_BY

from .admin_privacy import KeepsPatientDataOut

admin.site.unregister(LogEntry)


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
