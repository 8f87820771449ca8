"""The admin of content with a Spanish translation: both languages as tabs, and its review.

modeltranslation's TranslationAdmin puts each translated field's English and Spanish boxes on
the form; js/admin-language-tabs.js turns each pair into tabs. modeltranslation's own tabs
script needs jQuery UI from another host, which the admin's CSP refuses.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from armorpt.translation_review import (
    SpanishState,
    TranslatedContent,
    record_translation_edit,
)

SPANISH_REVIEW_FIELDS = [
    "spanish_translation",
    "spanish_reviewed_by",
    "spanish_reviewed_on",
    "english_changed_at",
    "spanish_changed_at",
]


def reviewer_name(user) -> str:
    return user.get_full_name() or user.get_username()


class SpanishStateFilter(admin.SimpleListFilter):
    title = "Spanish translation"
    parameter_name = "spanish"

    def lookups(self, request, model_admin):
        return SpanishState.choices

    def queryset(self, request, queryset):
        if self.value() in SpanishState.values:
            return queryset.filter(spanish_state=self.value())
        return queryset


class TranslatedContentAdmin(TranslationAdmin):
    """Spanish beside the English, what state the Spanish is in, and a way to confirm it.

    Subclasses list `spanish_translation` among their columns, SpanishStateFilter among their
    filters, and SPANISH_REVIEW_FIELDS (read-only: set by saving and confirming) on the form.
    """

    actions = ["confirm_spanish"]

    class Media:
        js = ["js/admin-language-tabs.js"]
        css = {"all": ["css/admin-language-tabs.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).with_spanish_state()

    def patch_translation_field(self, db_field, field, request, **kwargs):
        """Each language's box says its language, for spelling checkers and screen readers."""
        super().patch_translation_field(db_field, field, request, **kwargs)
        if language := getattr(db_field, "language", None):
            self._get_widget_from_field(field).attrs["lang"] = language

    @admin.display(description="Spanish", ordering="spanish_state")
    def spanish_translation(self, obj):
        state = getattr(obj, "spanish_state", None)
        return SpanishState(state).label if state else "Worked out when you save"

    def save_model(self, request, obj: TranslatedContent, form, change):
        record_translation_edit(obj, form.changed_data, reviewer=reviewer_name(request.user))
        super().save_model(request, obj, form, change)

    @admin.action(
        description="Confirm the Spanish still matches the English", permissions=["change"]
    )
    def confirm_spanish(self, request, queryset):
        reviewer = reviewer_name(request.user)
        selected = queryset.count()  # before: confirmed rows may leave a filtered selection
        confirmed = queryset.confirm_spanish(reviewer=reviewer)
        left = selected - confirmed
        message = f"Spanish of {confirmed} confirmed by {reviewer}."
        if left:
            message += f" {left} had no Spanish to confirm: write it first."
        self.message_user(request, message)
