import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escapes as Django's json_script: no "</script>" or "<!--" can close the element.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(value) -> str:
    """Like json_script, but typed application/ld+json: data for search engines, never run."""
    text = json.dumps(value, cls=DjangoJSONEncoder).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


@register.simple_tag
def lang_of(item, field: str) -> str:
    """` lang="en"` for the element showing `field` when it is shown in English on a page in
    another language (a screen reader then reads it with English sounds)."""
    if item.untranslated(field):
        return format_html(' lang="{}"', settings.LANGUAGE_CODE)
    return ""


@register.inclusion_tag("exercises/includes/untranslated_note.html")
def untranslated_note(item, *fields: str) -> dict:
    """Once, above the part of a page that shows `item`: a note when some of its words (of
    `fields`, or all) are not yet in the page's language."""
    return {"untranslated": bool(item.untranslated(*fields))}
