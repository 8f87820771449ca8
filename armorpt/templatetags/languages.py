from django import template

from armorpt import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def other_languages(context):
    """This page in each other language: (code, name, address), for the language link."""
    request = context.get("request")  # none on the 500 page
    return languages.other_languages(request) if request else []


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """(hreflang, full address) of this page in every language and x-default, for the head."""
    request = context.get("request")
    return languages.alternates(request) if request else []
