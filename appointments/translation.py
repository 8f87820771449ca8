"""The fields of a location that have a Spanish version (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Location


@register(Location)
class LocationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}
