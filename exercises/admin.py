from django.contrib import admin, messages
from django.db import models
from django.forms import Textarea
from django.utils import timezone

from .models import EducationPage, Exercise, Status


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "kind",
        "position",
        "is_published",
        "display_order",
        "reviewed_on",
        "review_is_due",
    ]
    list_editable = ["display_order"]
    list_filter = ["status", "kind", "position", "difficulty", "equipment"]
    search_fields = ["name", "summary", "muscles", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish", "mark_reviewed_by_me"]
    save_on_top = True
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "status", "display_order"]}),
        (
            "Filters on the exercises page",
            {"fields": ["kind", "position", "difficulty", "equipment"]},
        ),
        (
            "How to do it",
            {
                "fields": [
                    "what_you_need",
                    "starting_position",
                    "steps",
                    ("hold_seconds", "reps", "sets", "each_side"),
                    "tips",
                    "muscles",
                ]
            },
        ),
        ("Safety", {"fields": ["when_to_stop", "ask_first"]}),
        (
            "Picture",
            {
                "description": "A photo, when uploaded, is shown instead of the drawing. "
                "The picture description is read out to people who cannot see it.",
                "fields": ["illustration", "photo", "illustration_alt", "video_url"],
            },
        ),
        ("Clinical review", {"fields": ["reviewed_by", "reviewed_on", "review_note"]}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="published", boolean=True, ordering="status")
    def is_published(self, exercise):
        return exercise.is_published

    @admin.display(description="review due", boolean=True)
    def review_is_due(self, exercise):
        return exercise.review_due

    @admin.action(description="Publish the selected exercises")
    def publish(self, request, queryset):
        count = queryset.update(status=Status.PUBLISHED)
        self.message_user(request, f"{count} exercise(s) published.", messages.SUCCESS)

    @admin.action(description="Unpublish the selected exercises (back to draft)")
    def unpublish(self, request, queryset):
        count = queryset.update(status=Status.DRAFT)
        self.message_user(request, f"{count} exercise(s) moved back to draft.", messages.SUCCESS)

    @admin.action(description="Mark the selected exercises as reviewed by me today")
    def mark_reviewed_by_me(self, request, queryset):
        reviewer = request.user.get_full_name() or request.user.get_username()
        count = queryset.update(reviewed_by=reviewer, reviewed_on=timezone.localdate())
        self.message_user(request, f"{count} exercise(s) marked as reviewed by {reviewer}.")


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
    # Room to read a whole guide while editing it.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 24})}}
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
