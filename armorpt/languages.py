"""Which language a page is in: English at the plain addresses, Spanish under /es/.

The address alone decides, never a cookie or the browser's Accept-Language, so that a kept page
is the same for everyone who asks for its address (Django's LocaleMiddleware would look at both,
and mark every English page "Vary: Accept-Language").
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import translate_url
from django.utils import translation


class LanguageFromPathMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: nothing the thread does after it (a task, the next test) may
        # run in its language by chance.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def other_languages(request: HttpRequest) -> list[tuple[str, str, str]]:
    """Each other language's (code, name, address of this page in it), for the language link:
    the same page, query and all (a routine keeps its exercises)."""
    current = translation.get_language()
    return [
        (code, name, translate_url(request.get_full_path(), code))
        for code, name in settings.LANGUAGES
        if code != current
    ]


def alternates(request: HttpRequest) -> list[tuple[str, str]]:
    """(hreflang, full address) of this page in every language, and x-default (the English)."""
    addresses = [
        (code, request.build_absolute_uri(translate_url(request.path, code)))
        for code, _name in settings.LANGUAGES
    ]
    return [*addresses, ("x-default", dict(addresses)[settings.LANGUAGE_CODE])]


def each_language():
    """Run the loop's body once in each language (for what is kept rendered per language)."""
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            yield code


def in_every_language(*fields: str) -> set[str]:
    """The columns of translated fields in every language (name_en, name_es, ...), for
    save(update_fields=...): modeltranslation writes only the current language's otherwise."""
    return {f"{field}_{code}" for field in fields for code, _name in settings.LANGUAGES}
