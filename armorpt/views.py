from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_safe

from appointments.phones import tel_href
from appointments.site import kept_main_location, last_kept_main_location
from exercises.models import Difficulty, EducationPage, Exercise

from .structured_data import clinic

START_HERE_COUNT = 3
# The guides most people need first, linked from the home page.
HOME_GUIDE_SLUGS = ["why-hip-pain-starts", "when-to-see-a-physical-therapist", "no-referral-needed"]


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
        "Disallow: /appointments/request/received/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page, rendered without the database: it may be the thing that failed."""
    location = last_kept_main_location()
    template = loader.get_template("500.html")
    body = template.render(
        {
            "clinic_location": location,
            "fallback_phone": settings.CLINIC_FALLBACK_PHONE,
            "fallback_phone_href": tel_href(settings.CLINIC_FALLBACK_PHONE),
        }
    )
    return HttpResponse(body, status=500)
