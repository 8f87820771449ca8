from django.contrib import admin
from django.contrib.admin.utils import model_ngettext
from django.db import models
from django.forms import Textarea
from django.utils import timezone

from armorpt.readability import AIM, TARGET_GRADE
from staff.admin_privacy import KeepsPatientDataOut
from staff.admin_translations import (
    SPANISH_REVIEW_FIELDS,
    SpanishStateFilter,
    TranslatedContentAdmin,
    reviewer_name,
)

from .models import EducationPage, Exercise, Status


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Due now")]

    def queryset(self, request, queryset):
        return queryset.review_due() if self.value() == "due" else queryset


class ReviewedContentAdmin(TranslatedContentAdmin, KeepsPatientDataOut):
    """What staff do to exercises and guides alike: publish, unpublish, record a review, in
    English and in Spanish."""

    actions = ["publish", "unpublish", "mark_reviewed_by_me", "confirm_spanish"]

    @admin.display(description="published", boolean=True, ordering="status")
    def is_published(self, obj):
        return obj.is_published

    @admin.display(description="review due", boolean=True)
    def review_is_due(self, obj):
        return obj.review_due

    @admin.display(description="next review due")
    def next_review(self, obj):
        return obj.next_review_on or "Now: never reviewed"

    @admin.display(description="reading grade", ordering="reading_grade")
    def reading_level(self, obj):
        if obj.reading_grade is None:
            return "Worked out when you save"
        verdict = "too hard" if obj.reading_grade > TARGET_GRADE else "OK"
        return f"{obj.reading_grade} ({verdict}: at most {TARGET_GRADE}, aim for {AIM})"

    def _done(self, request, count: int, what: str) -> None:
        self.message_user(request, f"{count} {model_ngettext(self.opts, count)} {what}.")

    @admin.action(description="Publish the selected %(verbose_name_plural)s")
    def publish(self, request, queryset):
        self._done(request, queryset.update(status=Status.PUBLISHED), "published")

    @admin.action(description="Turn the selected %(verbose_name_plural)s back into drafts")
    def unpublish(self, request, queryset):
        self._done(request, queryset.update(status=Status.DRAFT), "moved back to draft")

    @admin.action(description="Mark the selected %(verbose_name_plural)s as reviewed by me today")
    def mark_reviewed_by_me(self, request, queryset):
        reviewer = reviewer_name(request.user)
        count = queryset.update(reviewed_by=reviewer, reviewed_on=timezone.localdate())
        self._done(request, count, f"marked as reviewed by {reviewer}")


@admin.register(Exercise)
class ExerciseAdmin(ReviewedContentAdmin):
    list_display = [
        "name",
        "kind",
        "position",
        "is_published",
        "display_order",
        "reviewed_on",
        "review_is_due",
        "reading_grade",
        "spanish_translation",
    ]
    list_editable = ["display_order"]
    list_filter = [
        ReviewDueFilter,
        SpanishStateFilter,
        "status",
        "kind",
        "position",
        "difficulty",
        "equipment",
    ]
    search_fields = ["name", "summary", "muscles", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["easier_version"]
    readonly_fields = [
        "figure_preview",
        "harder",
        "reading_level",
        "next_review",
        "created_at",
        "updated_at",
        *SPANISH_REVIEW_FIELDS,
    ]
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
        (
            "Safety",
            {"fields": ["when_to_stop", "before_you_start", "leave_out_after_hip_replacement"]},
        ),
        (
            "Easier and harder versions",
            {
                "description": "To make this exercise harder than another, choose that one as "
                "its easier version: both pages then link to each other.",
                "fields": ["easier_version", "harder"],
            },
        ),
        (
            "Picture",
            {
                "description": "A photo, when uploaded, is shown instead of the figure. "
                "The picture description is read out to people who cannot see it.",
                "fields": [
                    "figure_preview",
                    "figure",
                    "figure_label_translations",
                    "photo",
                    "illustration_alt",
                    "video_url",
                ],
            },
        ),
        (
            "Clinical review",
            {
                "fields": [
                    "sources",
                    "reviewed_by",
                    "reviewed_on",
                    "next_review",
                    "review_note",
                    "reading_level",
                ]
            },
        ),
        ("Spanish translation", {"fields": SPANISH_REVIEW_FIELDS}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_versions()

    @admin.display(description="harder version")
    def harder(self, obj):
        _easier, harder = obj.versions_shown(drafts=True)
        return harder or "None yet: choose this exercise as another one’s easier version."

    @admin.display(description="figure as patients see it")
    def figure_preview(self, obj):
        return obj.figure_stills_html or "Drawn when you save the poses."


# Education pages ----------------------------------------------------------------------------


@admin.register(EducationPage)
class EducationPageAdmin(ReviewedContentAdmin):
    list_display = [
        "title",
        "is_published",
        "display_order",
        "reviewed_on",
        "review_is_due",
        "reading_grade",
        "spanish_translation",
    ]
    list_editable = ["display_order"]
    list_filter = [ReviewDueFilter, SpanishStateFilter, "status", "reviewed_on"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related_exercises"]
    readonly_fields = [
        "reading_level",
        "next_review",
        "created_at",
        "updated_at",
        *SPANISH_REVIEW_FIELDS,
    ]
    # Room to read a whole guide while editing it.
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 24})}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        ("Exercises shown under the page", {"fields": ["related_exercises"]}),
        ("On the site", {"fields": ["status", "display_order"]}),
        (
            "Clinical review",
            {"fields": ["sources", "reviewed_by", "reviewed_on", "next_review", "reading_level"]},
        ),
        ("Spanish translation", {"fields": SPANISH_REVIEW_FIELDS}),
        ("History", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
