"""schema.org descriptions of the clinic and its pages, for search engines (rendered as JSON-LD)."""

from django.http import HttpRequest
from django.utils.translation import get_language, gettext

from appointments.models import Location
from appointments.opening_hours import week_of

from .weekdays import english_name

CLINIC_NAME = "Armor PT"


def clinic(location: Location | None, request: HttpRequest) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": CLINIC_NAME,
        "url": request.build_absolute_uri("/"),
        "medicalSpecialty": "PhysicalTherapy",
    }
    if location:
        data["telephone"] = location.phone
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": location.street_address,
            "addressLocality": location.locality,
            "addressRegion": location.region,
            "postalCode": location.postal_code,
            "addressCountry": "US",
        }
        if specification := opening_hours_specification(location):
            data["openingHoursSpecification"] = specification
    return data


def opening_hours_specification(location: Location) -> list[dict]:
    """One entry per span that a run of days alike keeps; closed days are left out."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"https://schema.org/{english_name(day)}" for day in run.weekdays],
            "opens": f"{opens:%H:%M}",
            "closes": f"{closes:%H:%M}",
        }
        for run in week_of(location.opening_spans)
        for opens, closes in run.spans
    ]


def medical_web_page(page, request: HttpRequest) -> dict:
    """An education page; lastReviewed only when a PT has actually reviewed it."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.summary,
        "url": request.build_absolute_uri(page.get_absolute_url()),
        "inLanguage": get_language(),
        "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
        "about": {"@type": "MedicalSymptom", "name": gettext("Hip pain")},
        "publisher": {"@type": "MedicalClinic", "name": CLINIC_NAME},
        "dateModified": page.updated_at,
    }
    if page.reviewed_on:
        data["lastReviewed"] = page.reviewed_on
    if page.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": page.reviewed_by}
    return data


def how_to(exercise, request: HttpRequest) -> dict:
    """An exercise page: the steps a person follows, with the hold time when there is one."""
    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "inLanguage": get_language(),
        "name": exercise.name,
        "description": exercise.summary,
        "url": request.build_absolute_uri(exercise.get_absolute_url()),
        "tool": [{"@type": "HowToTool", "name": exercise.what_you_need}],
        "step": [
            {"@type": "HowToStep", "position": number, "text": step}
            for number, step in enumerate(exercise.step_lines, start=1)
        ],
    }
    if exercise.photo:
        data["image"] = request.build_absolute_uri(exercise.photo.url)
    if exercise.hold_seconds:
        data["performTime"] = f"PT{exercise.hold_seconds}S"
    return data
