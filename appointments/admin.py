from django.contrib import admin

from .models import Location


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "locality", "accepts_requests", "is_active", "display_order"]
    list_editable = ["display_order"]
    list_filter = ["is_active", "accepts_requests"]
    search_fields = ["name", "street_address", "locality", "phone"]
    fieldsets = [
        (None, {"fields": ["name", "phone", "hours"]}),
        ("Address", {"fields": ["street_address", "locality", "region", "postal_code"]}),
        ("On the site", {"fields": ["is_active", "accepts_requests", "display_order"]}),
    ]
