from django.contrib import admin

from .models import EducationPage, Status

# Education pages ----------------------------------------------------------------------------


@admin.register(EducationPage)
class EducationPageAdmin(admin.ModelAdmin):
    list_display = ["title", "is_published", "display_order", "reviewed_on", "is_review_due"]
    list_editable = ["display_order"]
    list_filter = ["status", "reviewed_on"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related_exercises"]
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Exercises shown under the page", {"fields": ["related_exercises"]}),
        ("On the site", {"fields": ["status", "display_order"]}),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="published", boolean=True, ordering="status")
    def is_published(self, page):
        return page.is_published

    @admin.display(description="review due", boolean=True)
    def is_review_due(self, page):
        return page.review_due

    @admin.action(description="Publish the selected pages")
    def publish(self, request, queryset):
        updated = queryset.update(status=Status.PUBLISHED)
        self.message_user(request, f"{updated} page(s) published.")

    @admin.action(description="Turn the selected pages back into drafts")
    def unpublish(self, request, queryset):
        updated = queryset.update(status=Status.DRAFT)
        self.message_user(request, f"{updated} page(s) are drafts again.")
