"""The exercise list, detail and routine pages (exercises/views.py)."""

import json
import re

import pytest

from exercises.models import Exercise, Status
from exercises.routine import MAX_ROUTINE_EXERCISES
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


LIST = "/exercises/"
ROUTINE = "/exercises/routine/"


def names(response) -> list[str]:
    return re.findall(r'class="exercise-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


# The list page -----------------------------------------------------------------------------


@pytest.fixture
def catalogue(db):
    return {
        "stretch_lying": ExerciseFactory(
            name="Lying stretch", kind="stretch", position="lying_back", equipment="mat"
        ),
        "strong_side": ExerciseFactory(
            name="Side lift",
            kind="strengthen",
            position="lying_side",
            equipment="mat",
            difficulty="moderate",
        ),
        "squat": ExerciseFactory(
            name="Chair squat",
            kind="strengthen",
            position="standing",
            equipment="chair",
            muscles="Glutes and quads",
        ),
        "seated": ExerciseFactory(
            name="Seated march", kind="mobility", position="seated", equipment="chair"
        ),
        "draft": ExerciseFactory(name="Secret draft", status=Status.DRAFT, position="standing"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Lying stretch", "Side lift", "Chair squat", "Seated march"]),
        ("kind=strengthen", ["Side lift", "Chair squat"]),
        ("position=lying_side", ["Side lift"]),
        ("position=off_floor", ["Chair squat", "Seated march"]),
        ("equipment=chair", ["Chair squat", "Seated march"]),
        ("difficulty=moderate", ["Side lift"]),
        ("kind=strengthen&equipment=mat", ["Side lift"]),
        ("kind=strengthen&position=off_floor&equipment=chair", ["Chair squat"]),
        ("q=glutes", ["Chair squat"]),
        ("q=chair+squat", ["Chair squat"]),
        ("q=SEATED", ["Seated march"]),
        ("q=glutes&kind=mobility", []),
    ],
)
def test_list_filters_and_search(client, catalogue, query, expected):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 200
    assert names(response) == expected
    assert "Secret draft" not in response.text


def test_list_says_how_many_and_helps_when_nothing_matches(client, catalogue):
    assert "2 exercises match" in client.get(f"{LIST}?kind=strengthen").text
    assert "1 exercise matches" in client.get(f"{LIST}?position=lying_side").text

    empty = client.get(f"{LIST}?q=trampoline").text

    assert "0 exercises match" in empty
    assert "Nothing matches all of those" in empty
    assert 'href="/exercises/">See all the exercises' in empty


@pytest.mark.parametrize(
    "query", ["kind=dance", "position=%3Cscript%3E", "difficulty=1&difficulty=2", "q=" + "x" * 101]
)
def test_an_invalid_filter_is_ignored_with_a_message(client, catalogue, query):
    response = client.get(f"{LIST}?{query}&equipment=chair")

    assert response.status_code == 200
    assert "We left out a filter we did not recognise" in response.text
    assert names(response) == ["Chair squat", "Seated march"]
    assert "<script>" not in response.text


def test_list_offers_a_routine_form_that_works_without_javascript(client, catalogue):
    html = client.get(LIST).text

    assert f'<form class="routine-bar" id="routine-form" method="get" action="{ROUTINE}">' in html
    assert 'type="checkbox" name="e" value="chair-squat"' not in html  # slugs from the factory
    assert f'name="e" value="{catalogue["squat"].slug}"' in html
    assert 'form="routine-form"' in html


def test_a_long_list_comes_in_pages_that_keep_the_filters(client, db):
    ExerciseFactory.create_batch(30, kind="stretch", name="Stretch")
    ExerciseFactory(kind="strengthen", name="Lift")

    first = client.get(f"{LIST}?kind=stretch")
    second = client.get(f"{LIST}?kind=stretch&page=2")

    assert len(names(first)) == 24
    assert len(names(second)) == 6
    assert "30 exercises match" in second.text
    assert "Showing 25 to 30, page 2 of 2." in second.text
    assert '<nav class="exercise-pagination" aria-label="Pages of exercises">' in first.text
    assert 'href="?kind=stretch&amp;page=2" rel="next"' in first.text
    assert re.search(r'href="\?kind=stretch&amp;page=2" aria-current="page"', second.text)
    assert "Lift" not in names(first) + names(second)


def test_a_short_list_has_no_page_links(client, catalogue):
    assert "exercise-pagination" not in client.get(LIST).text


@pytest.mark.parametrize(("page", "shown"), [("abc", 24), ("", 24), ("0", 6), ("99", 6), ("-1", 6)])
def test_a_page_number_that_is_not_one_shows_the_nearest_page(client, db, page, shown):
    ExerciseFactory.create_batch(30)

    response = client.get(f"{LIST}?page={page}")

    assert response.status_code == 200
    assert len(names(response)) == shown


# The exercise page -------------------------------------------------------------------------


def test_detail_page_shows_everything_a_patient_needs(client, demo_content):
    response = client.get("/exercises/clamshell/")
    html = response.text

    assert response.status_code == 200
    for text in (
        "Clamshell",
        "A mat or a carpeted floor",
        "Lie on your side.",
        "Slowly lift your top knee up toward the ceiling.",
        "10 seconds",
        "10 times on each side",
        "Keep your hips stacked.",
        "Stop if you feel sharp pain in your hip.",
        "Leave this exercise out until your surgeon says it is OK.",
        "Outer hip, side of the buttocks (glutes)",
        "not yet reviewed",
        "Related exercises",
        "Request an appointment",
        'data-hold-seconds="10" data-reps="10" data-sides="2"',
        'href="/exercises/routine/?e=clamshell"',
        '<script src="/static/js/timer.js" defer></script>',
    ):
        assert text in html, text
    assert html.count("<li>Rest your head") == 1
    assert (
        '<desc id="figure-clamshell-stills-desc">Seen from the front, a little from above: a '
        "person lying on their side"
    ) in html


def test_related_exercises_are_three_published_others_of_its_kind_or_position_in_order(
    client, staff_user
):
    exercise = ExerciseFactory(name="Chosen", kind="stretch", position="standing", display_order=9)
    ExerciseFactory(name="Same kind", kind="stretch", position="seated", display_order=2)
    ExerciseFactory(name="Same position", kind="mobility", position="standing", display_order=1)
    ExerciseFactory(name="Neither", kind="mobility", position="seated", display_order=0)
    ExerciseFactory(name="A draft", kind="stretch", status=Status.DRAFT, display_order=0)
    ExerciseFactory(name="Third", kind="stretch", display_order=3)
    ExerciseFactory(name="Fourth", kind="stretch", display_order=4)
    expected = ["Same position", "Same kind", "Third"]

    assert names(client.get(exercise.get_absolute_url())) == expected
    Exercise.objects.filter(pk=exercise.pk).update(status=Status.DRAFT)
    assert client.get(exercise.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    preview = client.get(exercise.get_absolute_url())
    assert "<h1>Chosen</h1>" in preview.text
    assert names(preview) == expected


def test_detail_page_names_its_reviewer(client):
    exercise = ExerciseFactory(reviewed_by="Dana Lee, DPT", reviewed_on="2026-03-02")

    html = client.get(exercise.get_absolute_url()).text

    assert "Reviewed by Dana Lee, DPT on March 2, 2026." in html


def test_no_timer_without_a_hold(client):
    exercise = ExerciseFactory(hold_seconds=None)

    html = client.get(exercise.get_absolute_url()).text

    assert "data-hold-timer" not in html
    assert "timer.js" not in html


def test_detail_page_has_howto_structured_data(client, demo_content):
    html = client.get("/exercises/hip-bridge/").text

    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    data = json.loads(found[0])
    assert data["@type"] == "HowTo"
    assert data["name"] == "Hip bridge"
    assert data["url"] == "http://testserver/exercises/hip-bridge/"
    assert "image" not in data  # the figure is drawn in the page; a photo would have a URL
    assert data["step"][0] == {
        "@type": "HowToStep",
        "position": 1,
        "text": "Squeeze your buttocks (glutes).",
    }
    assert data["performTime"] == "PT5S"


def test_a_draft_is_404_to_the_public(client, user):
    draft = ExerciseFactory(status=Status.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(user)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_staff_see_a_draft_marked_as_a_draft_and_never_cached(client, staff_user):
    draft = ExerciseFactory(status=Status.DRAFT)
    client.force_login(staff_user)

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 200
    assert 'class="draft-banner' in response.text
    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


def test_a_published_page_is_private_for_staff_and_shareable_for_visitors(client, staff_user):
    exercise = ExerciseFactory()

    seen_by_visitor = client.get(exercise.get_absolute_url())
    client.force_login(staff_user)
    seen_by_staff = client.get(exercise.get_absolute_url())

    assert "draft-banner" not in seen_by_visitor.text
    assert "private" not in seen_by_visitor.get("Cache-Control", "")
    assert "private" in seen_by_staff["Cache-Control"]


def test_unknown_exercise_is_404(client):
    assert client.get("/exercises/no-such-exercise/").status_code == 404


def test_routine_page_prints_steps_ticks_phone_and_a_qr_code(client, demo_content):
    response = client.get(f"{ROUTINE}?e=clamshell&e=hip-bridge&e=clamshell&e=nope")
    html = response.text

    assert response.status_code == 200
    assert html.index("1. <a") < html.index("Clamshell</a>") < html.index("Hip bridge</a>")
    assert "Push through your feet and raise your hips from the floor." in html
    assert "Hold 10 seconds, 10 times each side" in html
    assert html.count("<td></td>") == 2 * 7
    assert "(212) 555-0142" in html
    assert "We could not find 1 of the exercises" in html
    assert "“nope”" in html
    share = "http://testserver/exercises/routine/?e=clamshell&amp;e=hip-bridge"
    assert f'<link rel="canonical" href="{share}">' in html
    assert f'<a href="{share}">' in html
    qr = re.search(r"<svg[^>]*class=\"routine-qr\".*?</svg>", html, re.S).group(0)
    assert "style" not in qr
    assert "<path" in qr


def test_routine_page_says_so_when_too_many_or_empty(client):
    slugs = "&".join(f"e={ExerciseFactory().slug}" for _ in range(MAX_ROUTINE_EXERCISES + 1))

    assert "we kept the first 12 and left out 1" in client.get(f"{ROUTINE}?{slugs}").text
    empty = client.get(ROUTINE)
    assert empty.status_code == 200
    assert "Your routine is empty" in empty.text
    assert "<svg" not in empty.text.split("<main")[1].split("</main>")[0]


# Escaping ----------------------------------------------------------------------------------

PAYLOAD = '<script>alert("x")</script><b onmouseover=alert(1)>'
TEXT_FIELDS = [
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
    "reviewed_by",
]


def test_html_typed_by_staff_shows_escaped_everywhere(client):
    exercise = ExerciseFactory(
        slug="escaped",
        reviewed_on="2026-01-05",
        **dict.fromkeys(TEXT_FIELDS, PAYLOAD),
    )
    ExerciseFactory(kind=exercise.kind)  # whose page lists it as related

    pages = [LIST, f"{LIST}?q=alert", exercise.get_absolute_url(), f"{ROUTINE}?e=escaped"]
    for url in pages:
        html = client.get(url).text
        assert "<script>alert" not in html, url
        assert "<b onmouseover" not in html, url
    detail = client.get(exercise.get_absolute_url()).text
    assert detail.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= len(TEXT_FIELDS)
    assert "\\u003Cscript\\u003Ealert" in detail  # the JSON-LD cannot close its own element


# Query counts ------------------------------------------------------------------------------


@pytest.fixture
def catalogue_of(db, location):
    def make(count: int) -> list[Exercise]:
        exercises = ExerciseFactory.create_batch(count)
        ExerciseFactory(status=Status.DRAFT)
        return exercises

    return make


# Queries per page: the site location (cached after the first page, which the test warms),
# then the list: 2 (how many, one page of them); detail: 2 (the exercise with its related ones,
# the guides that link to it); routine: 1 (the exercises). Home: 2 (start-here exercises, key
# guides).
PAGE_QUERIES = [
    ("list", lambda exercises: LIST, 2),
    ("filtered list", lambda exercises: f"{LIST}?q=exercise&page=2", 2),
    ("detail", lambda exercises: exercises[0].get_absolute_url(), 2),
    (
        "routine",
        lambda exercises: ROUTINE + "?" + "&".join(f"e={e.slug}" for e in exercises[:12]),
        1,
    ),
    ("home", lambda exercises: "/", 2),
]


@pytest.mark.parametrize("size", [10, 200])
@pytest.mark.parametrize(("page", "url", "queries"), PAGE_QUERIES, ids=[p[0] for p in PAGE_QUERIES])
def test_query_count_does_not_grow_with_the_catalogue(
    client, catalogue_of, django_assert_num_queries, size, page, url, queries
):
    exercises = catalogue_of(size)
    client.get("/privacy/")  # caches the clinic's location, as on a running site

    with django_assert_num_queries(queries):
        response = client.get(url(exercises))

    assert response.status_code == 200


def test_exercise_page_links_back_to_its_published_guides(client):
    exercise = ExerciseFactory(slug="clamshell")
    EducationPageFactory(title="How exercise helps", related_exercises=[exercise])
    EducationPageFactory(
        title="Unfinished guide", status=Status.DRAFT, related_exercises=[exercise]
    )

    html = client.get(exercise.get_absolute_url()).content.decode()

    assert "Read more about hip pain" in html
    assert ">How exercise helps</a>" in html
    assert "Unfinished guide" not in html
