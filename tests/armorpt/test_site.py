"""The site's frame: every public page's headers and links, the phone, home, robots, errors."""

import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import path

from armorpt import urls as root_urls
from exercises.models import EducationPage, Status
from tests.factories import ExerciseFactory, LocationFactory
from tests.json_ld import json_ld
from tests.public_urls import PUBLIC_PAGES, PUBLIC_TEXT

pytestmark = pytest.mark.django_db


class _Links(HTMLParser):
    """Every URL a page makes the browser fetch or follow."""

    URL_ATTRIBUTES = {"src", "href", "action", "srcset", "poster", "data", "formaction"}

    def __init__(self):
        super().__init__()
        self.urls = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.canonicals = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name in self.URL_ATTRIBUTES and value:
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.inline_scripts += 1
        if "style" in attrs:
            self.style_attributes += 1
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonicals.append(attrs.get("href"))
        if tag == "meta" and attrs.get("property") == "og:url":
            self.urls.append(attrs.get("content"))


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("url", PUBLIC_PAGES + PUBLIC_TEXT)
def test_public_url_answers_with_security_headers(client, demo_content, url):
    response = client.get(url)

    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"):
        assert directive in csp
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_names_no_other_host(client, demo_content, url):
    page = parse(client.get(url).content.decode())

    assert page.urls, "a page with no links at all is suspicious"
    for link in page.urls:
        if link.startswith(("tel:", "mailto:", "#", "/")) and not link.startswith("//"):
            continue
        assert re.match(r"^https?://testserver(/|$)", link), f"{url} names another host: {link}"
    assert page.inline_scripts == 0
    assert page.style_attributes == 0


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_has_one_canonical_link_and_a_description(client, demo_content, url):
    response = client.get(url)
    html = response.content.decode()

    assert parse(html).canonicals == [f"http://testserver{url}"]
    assert len(re.findall(r'<meta name="description" content="[^"]{40,}">', html)) == 1
    assert html.count("<title>") == 1
    language = "es" if url.startswith("/es/") else "en"
    assert f'<html lang="{language}">' in html


def test_page_frame_has_landmarks_skip_link_and_navigation(client, demo_content):
    html = client.get("/").content.decode()

    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert '<nav class="site-nav" aria-label="Main">' in html
    for label in ("Exercises", "Hip pain", "Request an appointment"):
        assert f">{label}</a>" in html
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in html


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/exercises/", 'href="/exercises/" aria-current="page">Exercises'),
        ("/exercises/clamshell/", 'href="/exercises/" aria-current="true">Exercises'),
        ("/hip-pain/", 'href="/hip-pain/" aria-current="page">Hip pain'),
        ("/hip-pain/why-hip-pain-starts/", 'href="/hip-pain/" aria-current="true">Hip pain'),
        ("/appointments/request/", 'aria-current="page">Request an appointment'),
    ],
)
def test_the_navigation_marks_the_page_or_the_section_you_are_in(
    client, demo_content, path, current
):
    html = client.get(path).content.decode()

    navigation = html[html.index('<nav class="site-nav"') :]
    navigation = navigation[: navigation.index("</nav>")]
    assert current in navigation
    assert navigation.count("aria-current") == 1


def test_phone_and_address_come_from_the_first_active_location(client, db):
    LocationFactory(phone="(646) 555-0199", display_order=5, is_active=False)
    main = LocationFactory(phone="(212) 555-0142", display_order=10)
    LocationFactory(phone="(718) 555-0111", display_order=20)

    html = client.get("/").content.decode()

    assert 'href="tel:+12125550142"' in html
    assert "(212) 555-0142" in html
    assert "(646) 555-0199" not in html
    assert "(718) 555-0111" not in html
    assert main.street_address in html


def test_a_phone_change_shows_on_the_next_request(client, location):
    client.get("/")  # fills the cache
    location.phone = "(917) 555-0123"
    location.save()

    html = client.get("/").content.decode()

    assert 'href="tel:+19175550123"' in html
    assert "(212) 555-0142" not in html


def test_the_site_location_costs_at_most_one_query_per_page(
    client, location, django_assert_max_num_queries
):
    client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/privacy/")


# The home page -----------------------------------------------------------------------------


def test_home_starts_with_three_gentle_published_exercises(client):
    ExerciseFactory(name="Hard one", difficulty="challenging")
    ExerciseFactory(name="Hidden one", status=Status.DRAFT)
    gentle = [ExerciseFactory(name=f"Gentle {n}", display_order=n) for n in range(4)]

    html = client.get("/").text

    assert [e.name for e in gentle[:3]] == re.findall(
        r'class="exercise-card__title"><a href="[^"]+">([^<]+)</a>', html
    )
    assert "/static/css/exercises.css" in html


def test_home_links_to_the_hub_and_the_key_guides(client, demo_content):
    html = client.get("/").content.decode()

    assert 'href="/hip-pain/"' in html
    for slug in ("why-hip-pain-starts", "when-to-see-a-physical-therapist", "no-referral-needed"):
        assert f'href="/hip-pain/{slug}/"' in html


def test_home_leaves_out_a_key_guide_that_is_a_draft(client, demo_content):
    EducationPage.objects.filter(slug="no-referral-needed").update(status=Status.DRAFT)

    assert 'href="/hip-pain/no-referral-needed/"' not in client.get("/").content.decode()


def test_home_describes_the_clinic_for_search_engines(client, location):
    (clinic,) = json_ld(client.get("/").content.decode())

    assert clinic["@type"] == "MedicalClinic"
    assert clinic["name"] == "Armor PT"
    assert clinic["telephone"] == location.phone
    assert clinic["address"]["streetAddress"] == location.street_address
    assert clinic["address"]["postalCode"] == location.postal_code


def test_the_clinic_s_hours_for_search_engines_come_from_its_opening_hours(client, location):
    (clinic,) = json_ld(client.get("/").content.decode())

    weekdays = [f"https://schema.org/{day}" for day in ["Monday", "Tuesday", "Wednesday"]]
    weekdays += ["https://schema.org/Thursday", "https://schema.org/Friday"]
    assert clinic["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": weekdays,
            "opens": "07:00",
            "closes": "19:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Saturday"],
            "opens": "08:00",
            "closes": "13:00",
        },
    ]


def test_the_footer_shows_the_opening_hours_by_runs_of_days_alike(client, location):
    footer = client.get("/privacy/").text.split('<footer class="site-footer">')[1]

    assert re.findall(r"<li>(\w+(?: to \w+)?: [^<]+)</li>", footer) == [
        "Monday to Friday: 7 am – 7 pm",
        "Saturday: 8 am – 1 pm",
        "Sunday: closed",
    ]


def test_the_spanish_footer_reads_the_hours_in_spanish(client, location):
    footer = client.get("/es/privacy/").text.split('<footer class="site-footer">')[1]

    assert "<h2>Horario</h2>" in footer
    assert re.findall(r"<li>([^<]+: [^<]+)</li>", footer) == [
        "De lunes a viernes: 7 a. m. – 7 p. m.",
        "Sábado: 8 a. m. – 1 p. m.",
        "Domingo: cerrado",
    ]


def test_the_clinic_s_hours_for_search_engines_are_schema_org_s_on_a_spanish_page(client, location):
    (clinic,) = json_ld(client.get("/es/").content.decode())

    assert clinic["openingHoursSpecification"][0]["dayOfWeek"][0] == "https://schema.org/Monday"


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/hip-pain/why-hip-pain-starts/", "en"),
        ("/es/hip-pain/why-hip-pain-starts/", "es"),
        ("/exercises/clamshell/", "en"),
        ("/es/exercises/clamshell/", "es"),
    ],
)
def test_guides_and_exercises_tell_search_engines_their_language(
    client, demo_content, path, language
):
    (page,) = json_ld(client.get(path).content.decode())

    assert page["inLanguage"] == language


def test_a_spanish_guide_is_about_hip_pain_in_spanish(client, demo_content):
    (page,) = json_ld(client.get("/es/hip-pain/why-hip-pain-starts/").content.decode())

    assert page["about"]["name"] == "Dolor de cadera"


def test_a_location_with_no_hours_entered_shows_no_hours(client):
    LocationFactory(opening_hours=[])

    html = client.get("/").text

    (clinic,) = json_ld(html)
    assert "telephone" in clinic
    assert "openingHoursSpecification" not in clinic
    assert "Opening hours" not in html


def test_privacy_notice_states_the_retention_period(client, settings):
    settings.APPOINTMENT_RETENTION_DAYS = 180

    html = client.get("/privacy/").content.decode()

    assert "we keep it for 180 days and then delete it" in html


def test_the_privacy_page_states_the_retention_setting(client, settings, demo_content):
    settings.APPOINTMENT_RETENTION_DAYS = 200

    assert "we keep it for 200 days" in client.get("/privacy/").content.decode()


def test_sitemap_lists_the_site_pages(client):
    body = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/</loc>" in body
    assert "<loc>http://testserver/privacy/</loc>" in body


def test_unknown_page_gets_the_friendly_404(client, location):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert "(212) 555-0142" in html


def test_an_unknown_spanish_address_gets_the_404_in_spanish(client, location):
    response = client.get("/es/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "No encontramos esa página" in html
    assert '<a href="/es/exercises/">Ejercicios para el dolor de cadera</a>' in html


def test_500_page_needs_no_database_and_shows_the_fallback_phone(client, settings):
    settings.CLINIC_FALLBACK_PHONE = "(212) 555-0177"
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")):
        response = client.get("/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "Sorry, something went wrong" in html
    assert 'href="tel:+12125550177"' in html
    assert "OperationalError" not in html
    assert "Traceback" not in html


def test_500_page_prefers_the_cached_location_phone(client, location, settings):
    client.get("/privacy/")  # the location is now cached
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("down")):
        response = client.get("/boom/")

    assert response.status_code == 500
    assert 'href="tel:+12125550142"' in response.content.decode()


def _boom(request):
    raise RuntimeError("unexpected")


def test_500_page_for_an_unexpected_error(client, location, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_500_page_in_spanish_for_a_spanish_address(client, location, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/es/boom/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Lo sentimos, algo salió mal" in html
    assert "Llame al " in html


urlpatterns = [path("boom/", _boom), path("es/boom/", _boom), *root_urls.urlpatterns]
handler500 = root_urls.handler500
