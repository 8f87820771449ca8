"""The anonymous page cache (armorpt/page_cache.py): fast, and never wrong or personal."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import get_random_string

from appointments.models import Location
from armorpt.page_cache import VERSION_KEY, bump_content_version, may_store
from exercises.models import EducationPage, Exercise, Status
from tests.factories import EducationPageFactory, ExerciseFactory
from tests.public_urls import PUBLIC_PAGES

pytestmark = pytest.mark.django_db


def queries_for(client, url) -> tuple[int, HttpResponse]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response


@pytest.fixture
def staff_client(superuser):
    staff = Client()
    staff.force_login(superuser)
    return staff


@pytest.mark.parametrize("url", [url for url in PUBLIC_PAGES if "/appointments/" not in url])
def test_a_visitor_s_second_view_of_a_page_costs_no_query(client, demo_content, url):
    first = client.get(url)
    queries, second = queries_for(client, url)

    assert first.status_code == second.status_code == 200
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert not second.cookies


def grow_the_catalogue(by: int) -> None:
    """More exercises and guides (and a draft of each), linked both ways, so that every page
    has more to show: the list, the hub and the reading order more rows, each exercise page more
    guides, each guide more related exercises."""
    exercises = ExerciseFactory.create_batch(by)
    ExerciseFactory(status=Status.DRAFT)
    EducationPageFactory.create_batch(by, related_exercises=Exercise.objects.all())
    EducationPageFactory(status=Status.DRAFT)
    for page in EducationPage.objects.all():
        page.related_exercises.add(*exercises)


def test_a_page_with_nothing_cached_costs_at_most_three_queries_whatever_the_catalogue_size(
    client, demo_content
):
    # Every page in one test: growing the catalogue (with factories, as staff would add it)
    # costs seconds, done once here rather than once for each page.
    counts = {url: [] for url in PUBLIC_PAGES}
    for growth in (2, 40):
        grow_the_catalogue(by=growth)
        for url, queries_by_size in counts.items():
            bump_content_version()  # no kept page, no kept clinic location
            queries, response = queries_for(client, url)
            assert response.status_code == 200, url
            queries_by_size.append(queries)

    assert {
        url: (small, large) for url, (small, large) in counts.items() if not small == large <= 3
    } == {}


def test_an_edit_in_the_admin_shows_on_the_next_request(client, staff_client, demo_content):
    page = EducationPageFactory(title="Sitting well", related_exercises=[])
    client.get(page.get_absolute_url())
    form = {
        "title_en": "Sitting well at work",
        "slug": page.slug,
        "summary_en": page.summary,
        "body_en": page.body,
        "status": Status.PUBLISHED,
        "display_order": page.display_order,
        "reviewed_by": "",
        "reviewed_on": "",
    }

    saved = staff_client.post(reverse("admin:exercises_educationpage_change", args=[page.pk]), form)

    assert saved.status_code == 302
    assert "Sitting well at work" in client.get(page.get_absolute_url()).text


def test_unpublishing_in_the_admin_takes_the_page_down_at_once(client, staff_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    assert client.get(exercise.get_absolute_url()).status_code == 200
    assert "Clamshell" in client.get(reverse("exercises:list")).text

    staff_client.post(
        reverse("admin:exercises_exercise_changelist"),
        {"action": "unpublish", "_selected_action": [exercise.pk]},
    )

    assert client.get(exercise.get_absolute_url()).status_code == 404
    assert exercise.get_absolute_url() not in client.get(reverse("exercises:list")).text


def edit_steps(exercise: Exercise, steps: str) -> None:
    exercise.steps = steps
    exercise.save()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda exercise, page: edit_steps(exercise, "Changed step."), id="a step"),
        pytest.param(lambda exercise, page: page.related_exercises.remove(exercise), id="m2m"),
        pytest.param(lambda exercise, page: exercise.delete(), id="a deletion"),
        pytest.param(
            lambda exercise, page: Exercise.objects.filter(pk=exercise.pk).delete(),
            id="a queryset deletion",
        ),
    ],
)
def test_every_kind_of_content_change_empties_the_kept_pages(client, change):
    exercise = ExerciseFactory(name="Knee hug")
    page = EducationPageFactory(related_exercises=[exercise])
    urls = [exercise.get_absolute_url(), page.get_absolute_url()]
    before = [client.get(url).content for url in urls]

    change(exercise, page)

    assert [client.get(url).content for url in urls] != before


def test_a_new_clinic_phone_number_shows_on_every_page(client, location):
    client.get("/")
    location.phone = "(212) 555-0199"
    location.save()

    assert "(212) 555-0199" in client.get("/").text


def set_phone_of_every_location(phone: str) -> None:
    Location.objects.update(phone=phone)


def set_phone_in_bulk(phone: str) -> None:
    locations = list(Location.objects.all())
    for location in locations:
        location.phone = phone
    Location.objects.bulk_update(locations, ["phone"])


@pytest.mark.parametrize("write", [set_phone_of_every_location, set_phone_in_bulk])
def test_a_phone_number_written_in_bulk_shows_on_every_page(client, location, write):
    client.get("/")

    write("(212) 555-0199")

    assert "(212) 555-0199" in client.get("/").text


def test_exercises_created_in_bulk_show_in_the_list(client, location):
    client.get(reverse("exercises:list"))

    Exercise.objects.bulk_create([ExerciseFactory.build(name="Knee hug")])

    assert "Knee hug" in client.get(reverse("exercises:list")).text


def test_a_staff_preview_of_a_draft_never_reaches_visitors(client, staff_client):
    draft = ExerciseFactory(status=Status.DRAFT)

    preview = staff_client.get(draft.get_absolute_url())

    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_what_staff_see_is_never_kept_for_visitors(client, staff_client, location):
    exercise = ExerciseFactory()

    seen_by_staff = staff_client.get(exercise.get_absolute_url())
    queries, seen_by_visitor = queries_for(client, exercise.get_absolute_url())

    assert "private" in seen_by_staff["Cache-Control"]
    assert queries > 0  # rendered for the visitor, not the staff member's copy
    assert "private" not in seen_by_visitor.get("Cache-Control", "")


def test_the_guides_hub_staff_see_with_its_drafts_is_theirs_alone(client, staff_client, location):
    EducationPageFactory(title="A guide still in draft", status=Status.DRAFT)

    seen_by_staff = staff_client.get(reverse("education:hub"))
    seen_by_visitor = client.get(reverse("education:hub"))

    assert "A guide still in draft" in seen_by_staff.text
    assert "private" in seen_by_staff["Cache-Control"]
    assert "A guide still in draft" not in seen_by_visitor.text
    assert "private" not in seen_by_visitor.get("Cache-Control", "")


def test_staff_never_get_a_visitor_s_kept_page(client, staff_client, location):
    exercise = ExerciseFactory()
    client.get(exercise.get_absolute_url())

    queries, response = queries_for(staff_client, exercise.get_absolute_url())

    assert queries > 0
    assert "private" in response["Cache-Control"]


def test_a_page_that_shows_a_message_is_not_kept(client, location):
    ExerciseFactory()
    url = reverse("exercises:list") + "?kind=nonsense"

    first = client.get(url)
    queries, second = queries_for(client, url)

    assert "did not recognise" in first.text
    assert queries > 0
    assert "did not recognise" in second.text


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client, location):
    ExerciseFactory()
    client.get("/exercises/")
    client.cookies["messages"] = "anything"

    assert queries_for(client, "/exercises/")[0] > 0


def test_the_request_form_is_never_kept_and_each_visitor_gets_their_own_token(location):
    first, second = Client(), Client()
    url = reverse("appointments:request")

    one = first.get(url)
    first.get(url)
    two = second.get(url)

    assert "no-store" in one["Cache-Control"]
    assert one.cookies["csrftoken"].value != two.cookies["csrftoken"].value
    field = r'name="csrfmiddlewaretoken" value="([^"]+)"'
    assert re.search(field, one.text).group(1) != re.search(field, two.text).group(1)


def test_no_response_with_a_cookie_or_the_csrf_token_is_kept():
    request = RequestFactory().get("/")
    with_cookie = HttpResponse("page")
    with_cookie.set_cookie("sessionid", "secret")
    used_token = request_that_used_its_csrf_token()

    assert may_store(request, HttpResponse("page"))
    assert not may_store(request, with_cookie)
    assert not may_store(used_token, HttpResponse("page"))
    assert not may_store(RequestFactory().post("/"), HttpResponse("page"))
    assert not may_store(request, HttpResponse("page", status=404))


def request_that_used_its_csrf_token() -> HttpRequest:
    """A visitor who already has a CSRF cookie, on a page that asked for the token (a form):
    whether the cookie is sent again is up to CsrfViewMiddleware, not to the page cache."""
    request = RequestFactory().get("/", headers={"Cookie": f"csrftoken={get_random_string(32)}"})
    CsrfViewMiddleware(lambda request: HttpResponse()).process_request(request)
    get_token(request)
    return request


def test_a_page_that_used_the_csrf_token_is_not_kept_even_once_its_cookie_is_gone():
    """The mark Django's get_token() leaves on the request outlives CsrfViewMiddleware's
    process_response, which resets it once the cookie is set: the page cache relies on both."""
    request = request_that_used_its_csrf_token()
    sent = CsrfViewMiddleware(HttpResponse).process_response(request, HttpResponse("a form"))
    del sent.cookies[settings.CSRF_COOKIE_NAME]

    assert not sent.cookies
    assert not may_store(request, sent)


def test_a_kept_page_never_carries_a_session_or_csrf_cookie(client, demo_content):
    client.get("/appointments/request/")  # this visitor now has a CSRF cookie
    client.get("/")

    kept = Client().get("/")

    assert not kept.cookies
    assert "csrftoken" not in kept.text


def test_a_revisit_with_the_etag_gets_304(client, demo_content):
    page = client.get("/hip-pain/")

    revisit = client.get("/hip-pain/", headers={"If-None-Match": page["ETag"]})

    assert revisit.status_code == 304
    assert revisit.content == b""


def test_the_page_cache_can_be_turned_off(client, location, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")

    assert queries_for(client, "/")[0] > 0


def test_a_plain_http_request_gets_the_https_redirect_never_a_kept_page(
    client, demo_content, settings
):
    settings.SECURE_SSL_REDIRECT = True
    kept = client.get("/hip-pain/", secure=True)

    again = client.get("/hip-pain/", secure=True)
    plain = client.get("/hip-pain/")

    assert kept.status_code == again.status_code == 200
    assert again["Strict-Transport-Security"] == kept["Strict-Transport-Security"]
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/hip-pain/"


def test_a_page_kept_under_an_older_content_version_is_not_served(client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    client.get(exercise.get_absolute_url())
    cache.set(VERSION_KEY, "a version from before an edit")  # as a worker's bump would

    queries, response = queries_for(client, exercise.get_absolute_url())

    assert response.status_code == 200
    assert queries > 0


def test_a_static_file_does_not_ask_the_page_cache(client, demo_content, monkeypatch):
    from armorpt import page_cache

    asked = []
    get_many = page_cache.cache.get_many

    def recording(keys):
        asked.extend(key for key in keys if key.startswith("armorpt:page:"))
        return get_many(keys)

    monkeypatch.setattr(page_cache.cache, "get_many", recording)

    client.get("/static/css/site.css")

    assert asked == []


def test_a_hit_fetches_only_the_encoding_it_sends(client, demo_content, monkeypatch):
    from armorpt import page_cache

    client.get("/hip-pain/")  # kept, plain and gzipped
    fetched = []
    get_many = page_cache.cache.get_many

    def recording(keys):
        found = get_many(keys)
        fetched.extend(kept.value for key, kept in found.items() if key.startswith("armorpt:page:"))
        return found

    monkeypatch.setattr(page_cache.cache, "get_many", recording)

    gzipped = client.get("/hip-pain/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain = client.get("/hip-pain/")

    assert gzipped["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert [page.headers.get("Content-Encoding") for page in fetched] == ["gzip", None]


def test_a_cache_that_does_not_answer_gives_a_version_no_kept_page_has():
    from armorpt.page_cache import cache, new_content_version

    with (
        mock.patch.object(cache, "add", return_value=None),
        mock.patch.object(cache, "get", return_value=None),
    ):
        first, second = new_content_version(), new_content_version()

    assert None not in (first, second)
    assert first != second
