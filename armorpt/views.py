import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from appointments.phones import tel_href
from appointments.site import kept_main_location
from exercises.models import Difficulty, EducationPage, Exercise

from .database_down import clinic_phone_context
from .languages import each_language
from .structured_data import clinic
from .weekdays import Weekday

START_HERE_COUNT = 3
THEME_COLOUR = "#1f5f6b"
APP_ICON_SIZES = (192, 512)
# Kept when the service worker installs, so that any kept page looks right offline.
SHELL_STATIC_FILES = [
    "vendor/bootstrap/bootstrap.min.css",
    "css/site.css",
    "css/exercises.css",
    "css/education.css",
    "css/player.css",
    "css/diary.css",
    "js/app.js",
    "js/offline.js",
    "js/routine.js",
    "js/timer.js",
    "js/figure.js",
    "js/player.js",
    "js/diary-store.js",
    "js/diary.js",
    "favicon.svg",
    *(f"icons/icon-{size}.png" for size in APP_ICON_SIZES),
]
# The guides most people need first, linked from the home page.
HOME_GUIDE_SLUGS = ["why-hip-pain-starts", "when-to-see-a-physical-therapist", "no-referral-needed"]


def in_each_language(name: str) -> list[str]:
    """The address of a named page in each language: /offline/, /es/offline/."""
    return [reverse(name) for _language in each_language()]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    start_exercises = Exercise.objects.published().filter(difficulty=Difficulty.GENTLE)
    context = {
        "start_exercises": start_exercises[:START_HERE_COUNT],
        "key_guides": EducationPage.objects.published()
        .filter(slug__in=HOME_GUIDE_SLUGS)
        .only("title", "slug", "summary"),
        "structured_data": clinic(kept_main_location(), request),
    }
    return render(request, "home.html", context)


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy.html", {"retention_days": settings.APPOINTMENT_RETENTION_DAYS})


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        # Not the admin's path: it would tell everyone where to try passwords. Its pages keep
        # out of search engines by their own robots meta tag.
        "User-agent: *",
        *(f"Disallow: {received}" for received in in_each_language("appointments:received")),
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the database: it may be the thing that failed."""
    return HttpResponse(loader.render_to_string("500.html", clinic_phone_context()), status=500)


@require_safe
def my_practice(request: HttpRequest) -> HttpResponse:
    """The practice diary: the page is the same for everyone; static/js/diary.js fills it in
    from the browser's own storage, so the server never sees a diary."""
    return render(request, "my_practice.html", {"weekdays": Weekday.labels})


@require_safe
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows for a page this device has not kept, or may never keep."""
    return render(
        request,
        "offline.html",
        {
            "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
            "fallback_phone_href": tel_href(settings.CLINIC_FALLBACK_PHONE),
        },
    )


@require_safe
def web_app_manifest(request: HttpRequest) -> HttpResponse:
    """The app as a phone installs it, in the language of its address (/es/manifest.webmanifest
    opens the Spanish diary); one app for both languages, whose scope is the whole site."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in APP_ICON_SIZES
    ] + [
        {
            "src": static(f"icons/icon-maskable-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "maskable",
        }
        for size in APP_ICON_SIZES
    ]
    manifest = {
        "id": "/",
        "name": gettext("Armor PT: hip exercises"),
        "short_name": "Armor PT",
        "description": gettext(
            "Gentle hip exercises with a guided timer, and a practice diary that stays on your "
            "device."
        ),
        "lang": get_language(),
        "start_url": reverse("my_practice"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    """/sw.js, from the site's root so that it may look after every page: this release's
    settings, then the worker itself (static/js/service-worker.js).

    Made here, not a static file, because it names this release's cache and static URLs (hashed
    in production); a new release changes it, so browsers install the new worker, which
    replaces the old caches. no-cache: the browser asks every time whether it changed.
    """
    # Each language's offline page, for the addresses under its prefix: the longest prefix
    # first, so that /es/… finds the Spanish page and any other address the English.
    offline = [
        {
            "language": language,
            "prefix": reverse("home"),
            "page": reverse("offline"),
            "words": gettext("You are offline."),
        }
        for language in each_language()
    ]
    config = {
        "cache": f"armorpt-{settings.RELEASE}",
        "shell": [
            *in_each_language("offline"),
            *in_each_language("javascript_catalog"),
            *(static(path) for path in SHELL_STATIC_FILES),
        ],
        "offline": sorted(offline, key=lambda page: len(page["prefix"]), reverse=True),
        "static": f"/{settings.STATIC_URL.strip('/')}/",
        # Never kept, whatever their headers say: what a person sends, and the staff's side.
        "never": [*in_each_language("appointments:request"), f"/{settings.ADMIN_PATH}"],
    }
    body = (
        f"self.ARMORPT = {json.dumps(config, indent=2)};\n"
        f"importScripts({json.dumps(static('js/service-worker.js'))});\n"
    )
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    patch_cache_control(response, no_cache=True)
    return response
