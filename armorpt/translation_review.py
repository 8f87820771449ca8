"""Whether the Spanish of an exercise, a guide or a location still says what the English says.

An edit of the English after the Spanish was written leaves the Spanish out of date until
someone updates it or confirms it still matches; the shipped Spanish, loaded with the demo
content, waits for a person's review. Only the admin's edits and the content loader are
tracked, each through record_translation_edit(): a write in the shell or a bulk update says
nothing about which language it changed.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone, translation
from modeltranslation.translator import translator

ENGLISH, SPANISH = "en", "es"


class SpanishState(models.TextChoices):
    MISSING = "missing", "Missing"
    OUT_OF_DATE = "out_of_date", "Out of date"
    NOT_REVIEWED = "not_reviewed", "Not reviewed"
    UP_TO_DATE = "up_to_date", "Up to date"


def required_spanish_columns(model: type[models.Model]) -> list[str]:
    """The Spanish columns of the fields whose English is required (name_es, ...)."""
    required = translator.get_options_for_model(model).required_languages[ENGLISH]
    return [f"{field}_{SPANISH}" for field in required]


def column_languages(model: type[models.Model]) -> dict[str, str]:
    """Each translated column's language: {"name_en": "en", "name_es": "es", ...}."""
    return {
        column.name: column.language
        for columns in translator.get_options_for_model(model).all_fields.values()
        for column in columns
    }


class TranslatedQuerySet(models.QuerySet):
    def _spanish_missing(self) -> Q:
        missing = Q()
        for column in required_spanish_columns(self.model):
            missing |= Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
        return missing

    def with_spanish_state(self):
        """Each row with its spanish_state (a SpanishState), the first of these that holds:
        missing, out of date, not reviewed, up to date."""
        english_changed_after = Q(english_changed_at__gt=F("spanish_changed_at")) | Q(
            english_changed_at__isnull=False, spanish_changed_at__isnull=True
        )
        return self.annotate(
            spanish_state=Case(
                When(self._spanish_missing(), then=Value(SpanishState.MISSING)),
                When(english_changed_after, then=Value(SpanishState.OUT_OF_DATE)),
                When(spanish_reviewed_by="", then=Value(SpanishState.NOT_REVIEWED)),
                default=Value(SpanishState.UP_TO_DATE),
                output_field=models.CharField(),
            )
        )

    def spanish_in_state(self, state: SpanishState):
        return self.with_spanish_state().filter(spanish_state=state)

    def spanish_out_of_date(self):
        return self.spanish_in_state(SpanishState.OUT_OF_DATE)

    def with_spanish(self):
        """Rows with Spanish in every required field."""
        return self.exclude(self._spanish_missing())

    def confirm_spanish(self, *, reviewer: str) -> int:
        """Record that `reviewer` read each row's Spanish against its English today and found
        it still matches; rows with no Spanish to confirm are left as they are."""
        return self.with_spanish().update(
            spanish_changed_at=timezone.now(),
            spanish_reviewed_by=reviewer,
            spanish_reviewed_on=timezone.localdate(),
        )


class TranslatedContent(models.Model):
    """Content with a Spanish translation whose review is tracked (see the module), and whose
    missing words a Spanish page shows in English, saying so."""

    english_changed_at = models.DateTimeField(
        "English last changed", null=True, blank=True, editable=False
    )
    spanish_changed_at = models.DateTimeField(
        "Spanish last changed or confirmed", null=True, blank=True, editable=False
    )
    spanish_reviewed_by = models.CharField(
        "Spanish reviewed by", max_length=120, blank=True, editable=False
    )
    spanish_reviewed_on = models.DateField(
        "Spanish reviewed on", null=True, blank=True, editable=False
    )

    # Kept per language but made from the other fields: never missing on their own.
    DERIVED_TRANSLATIONS = frozenset({"figure_stills", "figure_live", "body_html"})

    class Meta:
        abstract = True

    def untranslated(self, *fields: str) -> list[str]:
        """Of `fields` (by default every translated field), those with English and no words in
        the page's language: the page shows their English, and says so."""
        language = translation.get_language()
        if language == settings.LANGUAGE_CODE:
            return []
        translated = translator.get_options_for_model(type(self)).fields
        return [
            field
            for field in fields or sorted(set(translated) - self.DERIVED_TRANSLATIONS)
            if getattr(self, f"{field}_{settings.LANGUAGE_CODE}")
            and not getattr(self, f"{field}_{language}")
        ]


def record_translation_edit(
    item: TranslatedContent, changed_fields: Iterable[str], *, reviewer: str = ""
) -> None:
    """Note on `item` (saved by the caller) which languages an edit changed, from the names of
    the fields it changed (a form's changed_data). Spanish a person wrote (`reviewer`) counts
    as reviewed by them; Spanish written with no reviewer, as the loader's, waits for one."""
    languages = column_languages(type(item))
    changed = {languages[field] for field in changed_fields if field in languages}
    now = timezone.now()
    if ENGLISH in changed:
        item.english_changed_at = now
    if SPANISH in changed:
        item.spanish_changed_at = now
        item.spanish_reviewed_by = reviewer
        item.spanish_reviewed_on = timezone.localdate() if reviewer else None
