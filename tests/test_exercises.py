"""The exercise library: model rules, filters, pages, routine, admin, escaping, query counts."""

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from PIL import Image

from exercises.content import load_exercises
from exercises.models import Exercise, Position, Status, validate_photo
from exercises.routine import MAX_ROUTINE_EXERCISES, build_routine
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

LIST = "/exercises/"
ROUTINE = "/exercises/routine/"


def names(response) -> list[str]:
    return re.findall(r'class="exercise-card__title"><a href="[^"]+">([^<]+)</a>', response.text)


# The model ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("kind", "dance"),
        ("position", "upside_down"),
        ("difficulty", "extreme"),
        ("equipment", "trampoline"),
        ("status", "archived"),
        ("hold_seconds", 0),
        ("reps", 0),
        ("sets", 0),
    ],
)
def test_database_refuses_values_outside_the_choices(field, value):
    exercise = ExerciseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Exercise.objects.filter(pk=exercise.pk).update(**{field: value})


def test_published_queryset_leaves_out_drafts():
    published = ExerciseFactory()
    ExerciseFactory(status=Status.DRAFT)

    assert list(Exercise.objects.published()) == [published]


def test_off_the_floor_means_standing_or_seated():
    standing = ExerciseFactory(position=Position.STANDING, display_order=1)
    seated = ExerciseFactory(position=Position.SEATED, display_order=2)
    for position in (Position.KNEELING, Position.LYING_BACK, Position.LYING_SIDE):
        ExerciseFactory(position=position)

    assert list(Exercise.objects.off_the_floor()) == [standing, seated]


def test_steps_are_the_lines_in_the_order_typed_without_blank_ones():
    exercise = ExerciseFactory.build(steps=" Lie on your side.\r\n\n  \nLift your knee. \n")

    assert exercise.step_lines == ["Lie on your side.", "Lift your knee."]


BEFORE_STEPS_AS_LINES = [("exercises", "0002_education_page")]
STEPS_AS_LINES = [("exercises", "0003_steps_as_lines")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_each_exercise_s_steps_into_lines_in_order_and_back():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_STEPS_AS_LINES)
    try:
        old = executor.loader.project_state(BEFORE_STEPS_AS_LINES).apps
        make = old.get_model("exercises", "Exercise").objects.create
        clamshell = make(slug="clamshell", kind="strengthen", position="lying_side")
        without_steps = make(slug="no-steps", kind="stretch", position="standing")
        step = old.get_model("exercises", "ExerciseStep").objects.create
        step(exercise=clamshell, order=2, text="Lift your top knee.")
        step(exercise=clamshell, order=1, text="Lie on your side,\nknees bent.")
        step(exercise=clamshell, order=2, text="Lower it slowly.")  # same number: saved order
        step(exercise=clamshell, order=3, text="  ")

        executor = MigrationExecutor(connection)
        executor.migrate(STEPS_AS_LINES)
        new = executor.loader.project_state(STEPS_AS_LINES).apps.get_model("exercises", "Exercise")
        assert new.objects.get(pk=clamshell.pk).steps == (
            "Lie on your side, knees bent.\nLift your top knee.\nLower it slowly."
        )
        assert new.objects.get(pk=without_steps.pk).steps == ""

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_STEPS_AS_LINES)
        back = old.get_model("exercises", "ExerciseStep").objects.filter(exercise=clamshell.pk)
        assert list(back.values_list("order", "text")) == [
            (1, "Lie on your side, knees bent."),
            (2, "Lift your top knee."),
            (3, "Lower it slowly."),
        ]
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


def test_dose_says_hold_times_and_sides():
    exercise = ExerciseFactory.build(hold_seconds=30, reps=2, sets=None, each_side=True)
    walk = ExerciseFactory.build(hold_seconds=900, reps=None, each_side=False)
    squat = ExerciseFactory.build(hold_seconds=None, reps=8, sets=3, each_side=False)

    assert exercise.dose == "Hold 30 seconds, 2 times each side"
    assert walk.dose == "Hold 15 minutes"
    assert squat.dose == "8 times, 3 sets"


def test_image_prefers_an_uploaded_photo():
    exercise = ExerciseFactory.build(illustration="exercises/illustrations/clamshell.svg")
    assert exercise.image_url == "/static/exercises/illustrations/clamshell.svg"

    exercise.photo.name = "exercises/clamshell.jpg"
    assert exercise.image_url == "/media/exercises/clamshell.jpg"


def image_file(name: str, image_format: str, size=(20, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_photo_accepts_a_real_png_and_jpeg():
    validate_photo(image_file("ok.png", "PNG"))
    validate_photo(image_file("ok.jpg", "JPEG"))


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.jpg", b"<script>alert(1)</script>"),
        image_file("sneaky.jpg", "GIF"),
        SimpleUploadedFile("big.jpg", b"\xff" * (2 * 1024 * 1024 + 1)),
    ],
    ids=["not-an-image", "gif-named-jpg", "over-2-mb"],
)
def test_photo_is_checked_by_content_and_size(upload):
    with pytest.raises(ValidationError):
        validate_photo(upload)


def test_an_exercise_needs_a_picture_and_a_real_drawing():
    exercise = ExerciseFactory.build(illustration="")
    with pytest.raises(ValidationError, match="drawing or upload a photo"):
        exercise.full_clean()

    exercise.illustration = "exercises/illustrations/no-such-drawing.svg"
    with pytest.raises(ValidationError, match="no drawing"):
        exercise.full_clean()


def test_picture_description_is_required():
    exercise = ExerciseFactory.build(illustration_alt="")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "illustration_alt" in error.value.message_dict


# Demo content ------------------------------------------------------------------------------


def test_demo_content_loads_eleven_published_unreviewed_exercises_once():
    assert load_exercises() == 11
    assert load_exercises() == 0

    assert Exercise.objects.published().count() == 11
    assert not Exercise.objects.exclude(reviewed_by="").exists()
    assert not Exercise.objects.filter(reviewed_on__isnull=False).exists()
    clamshell = Exercise.objects.get(slug="clamshell")
    assert clamshell.hold_seconds == 10
    assert clamshell.each_side
    assert len(clamshell.step_lines) == 5
    assert len(clamshell.tip_lines) == 3
    assert "conservative default" in clamshell.review_note
    for exercise in Exercise.objects.all():
        exercise.full_clean()  # every drawing exists and every field is valid


def test_demo_content_never_changes_what_staff_edited():
    load_exercises()
    Exercise.objects.filter(slug="clamshell").update(name="Clamshell (edited)")

    load_exercises()

    assert Exercise.objects.get(slug="clamshell").name == "Clamshell (edited)"


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
    assert 'alt="A person lying on their side on a mat' in html


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
    assert data["image"] == "http://testserver/static/exercises/illustrations/hip-bridge.svg"
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


# The routine -------------------------------------------------------------------------------


def test_routine_keeps_the_link_order_and_collapses_duplicates():
    first, second = ExerciseFactory(slug="one"), ExerciseFactory(slug="two")

    routine = build_routine(["two", "one", "two", " one "])

    assert routine.exercises == [second, first]
    assert routine.not_found == []


def test_routine_skips_unknown_and_unpublished():
    ExerciseFactory(slug="one")
    ExerciseFactory(slug="hidden", status=Status.DRAFT)

    routine = build_routine(["nope", "one", "hidden"])

    assert routine.slugs == ["one"]
    assert routine.not_found == ["nope", "hidden"]


def test_routine_holds_at_most_twelve():
    slugs = [ExerciseFactory().slug for _ in range(MAX_ROUTINE_EXERCISES + 2)]

    routine = build_routine(slugs)

    assert routine.slugs == slugs[:MAX_ROUTINE_EXERCISES]
    assert routine.left_out == 2


def test_routine_from_nothing_is_empty():
    routine = build_routine(["", "  "])

    assert routine.exercises == []
    assert routine.not_found == []


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


def test_sitemap_lists_published_exercises(client):
    published = ExerciseFactory()
    draft = ExerciseFactory(status=Status.DRAFT)

    xml = client.get("/sitemap.xml").text

    assert f"http://testserver{published.get_absolute_url()}" in xml
    assert draft.get_absolute_url() not in xml
    assert "http://testserver/exercises/</loc>" in xml


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


# The admin ---------------------------------------------------------------------------------


def test_admin_pages_load_for_staff(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    changelist = admin_client.get(reverse("admin:exercises_exercise_changelist"))

    assert changelist.status_code == 200
    assert "Clamshell" in changelist.text
    assert admin_client.get(reverse("admin:exercises_exercise_add")).status_code == 200
    change = admin_client.get(reverse("admin:exercises_exercise_change", args=[exercise.pk]))
    assert change.status_code == 200
    assert "Slowly lift your top knee" in change.text
    assert (
        admin_client.get(
            f"{reverse('admin:exercises_exercise_changelist')}?q=glutes&status__exact=published&kind__exact=strengthen"
        ).status_code
        == 200
    )


def test_admin_requires_a_staff_login(client, user):
    url = reverse("admin:exercises_exercise_changelist")

    assert client.get(url).status_code == 302
    client.force_login(user)
    assert client.get(url).status_code == 302  # not staff: back to the admin login


def test_staff_without_permission_are_refused(client, staff_user):
    client.force_login(staff_user)

    assert client.get(reverse("admin:exercises_exercise_changelist")).status_code == 403


def admin_form_data(exercise: Exercise, **changes) -> dict:
    data = {
        field: getattr(exercise, field) or ""
        for field in [
            "name",
            "slug",
            "summary",
            "status",
            "display_order",
            "kind",
            "position",
            "difficulty",
            "equipment",
            "what_you_need",
            "starting_position",
            "steps",
            "hold_seconds",
            "reps",
            "sets",
            "tips",
            "muscles",
            "when_to_stop",
            "before_you_start",
            "illustration",
            "illustration_alt",
            "video_url",
            "reviewed_by",
            "reviewed_on",
            "review_note",
        ]
    }
    data["each_side"] = "on" if exercise.each_side else ""
    data.update(changes)
    return data


def test_a_content_edit_in_the_admin_shows_on_the_site(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = admin_form_data(
        exercise,
        summary="Strengthens the side of your hip.",
        steps="Lie down.\n\nLift your top knee.",
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    html = admin_client.get("/exercises/clamshell/").text
    assert "Strengthens the side of your hip." in html
    assert (
        '<ol class="exercise-steps">\n        <li>Lie down.</li><li>Lift your top knee.</li>'
        in html
    )


def test_admin_asks_for_the_steps_and_keeps_the_rest_of_the_form(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])

    response = admin_client.post(url, admin_form_data(exercise, steps=" \n \n", name="Shell"))

    assert response.status_code == 200
    assert "steps" in response.context["adminform"].form.errors
    assert 'value="Shell"' in response.text
    assert Exercise.objects.get(pk=exercise.pk).name == "Clamshell"


def test_admin_refuses_a_fake_photo(admin_client, demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    data = admin_form_data(exercise)
    data["photo"] = SimpleUploadedFile("photo.jpg", b"not really a photo")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "photo" in response.context["adminform"].form.errors


def test_admin_actions_publish_unpublish_and_mark_reviewed(admin_client, superuser):
    draft = ExerciseFactory(status=Status.DRAFT)
    url = reverse("admin:exercises_exercise_changelist")

    admin_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published

    admin_client.post(url, {"action": "mark_reviewed_by_me", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.reviewed_by == superuser.username
    assert not draft.review_due

    admin_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert not draft.is_published
