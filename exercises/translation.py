"""The fields of exercises and guides that have a Spanish version (django-modeltranslation).

The English is required; a field with no Spanish shows the English on a Spanish page.
The drawn figures and the rendered guide body are kept per language too: they carry words.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import EducationPage, Exercise


@register(Exercise)
class ExerciseTranslationOptions(TranslationOptions):
    fields = (
        "name",
        "summary",
        "what_you_need",
        "starting_position",
        "steps",
        "tips",
        "when_to_stop",
        "before_you_start",
        "muscles",
        "illustration_alt",
        "sources",
        "figure_stills",
        "figure_live",
    )
    required_languages = {
        "en": (
            "name",
            "summary",
            "what_you_need",
            "starting_position",
            "steps",
            "when_to_stop",
            "muscles",
            "illustration_alt",
        )
    }


@register(EducationPage)
class EducationPageTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "body_html", "sources")
    required_languages = {"en": ("title", "summary", "body")}
