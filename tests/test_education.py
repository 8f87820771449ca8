"""The hip-pain education pages: the hub, a guide, drafts, order, search engines and the admin."""

import datetime
import io
import json
import re

import pytest
from django.core.management import call_command

from exercises.content import education_content, load_education_pages
from exercises.models import EducationPage, Exercise, Status
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


# The hub and a guide ------------------------------------------------------------------------


def test_hub_lists_every_published_page_in_order_with_its_summary_and_the_urgent_box(client):
    EducationPageFactory(title="Second", display_order=20, summary="The second one, in short.")
    EducationPageFactory(title="First", display_order=10, summary="The first one, in short.")
    EducationPageFactory(title="Unfinished", status=Status.DRAFT)

    html = client.get("/hip-pain/").content.decode()

    assert html.index(">First<") < html.index(">Second<")
    assert "The first one, in short." in html
    assert "Unfinished" not in html
    assert "When to get urgent help" in html
    assert "call 911" in html
    assert 'href="/appointments/request/"' in html


def test_page_shows_breadcrumbs_body_review_and_neighbours(client):
    EducationPageFactory(slug="before", title="Before", display_order=10)
    page = EducationPageFactory(
        slug="middle",
        display_order=20,
        body="## Stand up\n\nOnce **every hour**.",
        reviewed_by="Dana Ortiz, DPT",
        reviewed_on=datetime.date(2026, 3, 2),
    )
    EducationPageFactory(slug="after", title="After", display_order=30)

    html = client.get(page.get_absolute_url()).content.decode()

    assert '<nav aria-label="Breadcrumb">' in html
    assert f'aria-current="page">{page.title}</li>' in html
    assert "<h2>Stand up</h2>" in html
    assert "Reviewed by Dana Ortiz, DPT on" in html
    assert "March 2, 2026" in html
    assert re.search(r'href="/hip-pain/before/" rel="prev">.*Before</a>', html)
    assert re.search(r'href="/hip-pain/after/" rel="next">.*After</a>', html)
    assert 'href="/appointments/request/"' in html


def test_a_guide_is_an_article_to_link_previews_and_the_hub_a_website(client):
    page = EducationPageFactory()

    assert (
        '<meta property="og:type" content="article">'
        in client.get(page.get_absolute_url()).content.decode()
    )
    assert '<meta property="og:type" content="website">' in client.get("/hip-pain/").text


def test_first_page_has_no_previous_link_and_unreviewed_page_no_review_line(client):
    page = EducationPageFactory(display_order=1)
    EducationPageFactory(display_order=2)

    html = client.get(page.get_absolute_url()).content.decode()

    assert 'rel="prev"' not in html
    assert 'rel="next"' in html
    assert "Reviewed" not in html


def test_visitors_previous_link_skips_a_draft_that_staff_see_and_the_last_page_has_no_next(
    client, staff_user
):
    EducationPageFactory(slug="first", title="First", display_order=10)
    EducationPageFactory(slug="unfinished", title="Unfinished", display_order=20, status="draft")
    last = EducationPageFactory(display_order=30)

    html = client.get(last.get_absolute_url()).content.decode()
    client.force_login(staff_user)
    preview = client.get(last.get_absolute_url()).content.decode()

    assert re.search(r'href="/hip-pain/first/" rel="prev">.*First</a>', html)
    assert 'rel="next"' not in html
    assert re.search(r'href="/hip-pain/unfinished/" rel="prev">.*Unfinished</a>', preview)


def test_page_shows_only_its_published_related_exercises(client):
    shown = ExerciseFactory(name="Clamshell", slug="clamshell")
    hidden = ExerciseFactory(name="Secret squat", slug="secret-squat", status=Status.DRAFT)
    page = EducationPageFactory(related_exercises=[shown, hidden])

    html = client.get(page.get_absolute_url()).content.decode()

    assert "Exercises to try" in html
    assert "Clamshell" in html
    assert "Secret squat" not in html


def test_text_fields_show_escaped(client):
    page = EducationPageFactory(title="<b>Bold</b> & co", summary='Say "<script>hi</script>"')

    html = client.get(page.get_absolute_url()).content.decode()

    assert "<b>Bold</b>" not in html
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in html
    assert "<script>hi" not in html


# Drafts -------------------------------------------------------------------------------------


def test_a_draft_is_404_to_visitors(client):
    page = EducationPageFactory(status=Status.DRAFT)

    assert client.get(page.get_absolute_url()).status_code == 404


def test_staff_preview_a_draft_marked_as_a_draft(client, staff_user):
    page = EducationPageFactory(status=Status.DRAFT)
    client.force_login(staff_user)

    response = client.get(page.get_absolute_url())

    assert response.status_code == 200
    assert 'class="draft-banner"' in response.content.decode()
    assert (
        'class="draft-banner"'
        not in client.get(EducationPageFactory().get_absolute_url()).content.decode()
    )


def test_an_unknown_page_is_404(client):
    assert client.get("/hip-pain/no-such-guide/").status_code == 404


# The home page and search engines -----------------------------------------------------------


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


def test_page_describes_itself_as_a_medical_web_page(client):
    page = EducationPageFactory(reviewed_on=datetime.date(2026, 3, 2), reviewed_by="Dana Ortiz")

    (data,) = json_ld(client.get(page.get_absolute_url()).content.decode())

    assert data["@type"] == "MedicalWebPage"
    assert data["name"] == page.title
    assert data["description"] == page.summary
    assert data["url"] == f"http://testserver{page.get_absolute_url()}"
    assert data["lastReviewed"] == "2026-03-02"
    assert data["reviewedBy"]["name"] == "Dana Ortiz"


def test_unreviewed_page_claims_no_review_date(client):
    page = EducationPageFactory()

    (data,) = json_ld(client.get(page.get_absolute_url()).content.decode())

    assert "lastReviewed" not in data
    assert "reviewedBy" not in data


def test_json_ld_cannot_close_its_script_element(client):
    page = EducationPageFactory(title="Hips </script><script>alert(1)</script>")

    html = client.get(page.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html
    assert json_ld(html)[0]["name"] == page.title


def test_sitemap_lists_exactly_the_published_pages_and_exercises(client):
    published = EducationPageFactory(slug="published-guide")
    EducationPageFactory(slug="draft-guide", status=Status.DRAFT)
    ExerciseFactory(slug="clamshell")
    ExerciseFactory(slug="secret-squat", status=Status.DRAFT)

    body = client.get("/sitemap.xml").content.decode()

    locations = re.findall(r"<loc>http://testserver([^<]*)</loc>", body)
    expected = [
        "/",
        "/privacy/",
        "/exercises/",
        "/hip-pain/",
        "/appointments/request/",
        "/exercises/clamshell/",
    ]
    assert sorted(locations) == sorted([*expected, published.get_absolute_url()])


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


def test_a_draft_page_is_never_kept_by_a_shared_cache(client, staff_user):
    client.force_login(staff_user)
    page = EducationPageFactory(status=Status.DRAFT)

    response = client.get(page.get_absolute_url())

    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


# Demo content -------------------------------------------------------------------------------


def test_demo_pages_load_once_published_and_unreviewed():
    assert load_education_pages() == len(education_content()["page"])
    assert load_education_pages() == 0

    pages = list(EducationPage.objects.all())
    assert pages[0].slug == "why-hip-pain-starts"
    assert all(page.status == Status.PUBLISHED for page in pages)
    assert all(not page.reviewed_by and page.reviewed_on is None for page in pages)
    for page in pages:
        page.full_clean()
        assert "<h2>" in page.body_html


def test_demo_pages_link_the_exercises_that_exist_and_skip_the_rest():
    ExerciseFactory(slug="clamshell")

    load_education_pages()

    page = EducationPage.objects.get(slug="how-exercise-helps")
    assert list(page.related_exercises.values_list("slug", flat=True)) == ["clamshell"]


def test_loading_again_keeps_staff_edits():
    load_education_pages()
    EducationPage.objects.filter(slug="no-referral-needed").update(title="Edited by staff")

    call_command("load_clinic_content", stdout=io.StringIO())

    assert EducationPage.objects.get(slug="no-referral-needed").title == "Edited by staff"


# Rendering at save --------------------------------------------------------------------------


def test_body_is_rendered_when_saved_not_when_viewed():
    page = EducationPageFactory(body="First **draft**")
    page.body = "Second <script>x()</script>**take**"
    page.save(update_fields=["body"])

    page.refresh_from_db()
    assert page.body_html == "<p>Second <strong>take</strong></p>"


def test_review_is_due_after_twelve_months():
    today = datetime.date.today()

    assert EducationPageFactory.build(reviewed_on=None).review_due
    assert EducationPageFactory.build(reviewed_on=today - datetime.timedelta(days=400)).review_due
    assert not EducationPageFactory.build(
        reviewed_on=today - datetime.timedelta(days=30)
    ).review_due


# Admin --------------------------------------------------------------------------------------

ADMIN = "/{admin}exercises/educationpage/"


@pytest.fixture
def admin_url(settings):
    return ADMIN.format(admin=settings.ADMIN_PATH)


def test_admin_is_for_staff_only(client, user, staff_user, admin_url):
    assert client.get(admin_url).status_code == 302

    client.force_login(staff_user)  # staff without the page permissions
    assert client.get(admin_url).status_code == 403


def test_admin_changelist_add_and_change_pages_load(admin_client, admin_url):
    page = EducationPageFactory(title="Sitting well")

    changelist = admin_client.get(admin_url + "?q=sitting")
    assert changelist.status_code == 200
    assert "Sitting well" in changelist.content.decode()
    add = admin_client.get(admin_url + "add/")
    assert add.status_code == 200
    assert "Write in Markdown" in add.content.decode()
    assert admin_client.get(f"{admin_url}{page.pk}/change/").status_code == 200


def test_a_content_edit_in_the_admin_shows_on_the_site(admin_client, admin_url, client):
    exercise = ExerciseFactory(name="Hip bridge", slug="hip-bridge")
    response = admin_client.post(
        admin_url + "add/",
        {
            "title": "Stairs and your hips",
            "slug": "stairs",
            "summary": "How to take the stairs more comfortably when your hip hurts.",
            "body": "## One step at a time\n\nLead with your **stronger** leg.",
            "related_exercises": [exercise.pk],
            "status": Status.PUBLISHED,
            "display_order": 5,
            "reviewed_by": "Dana Ortiz, DPT",
            "reviewed_on": "2026-03-02",
        },
    )
    assert response.status_code == 302

    html = admin_client.get("/hip-pain/stairs/").content.decode()

    assert "<h2>One step at a time</h2>" in html
    assert "<strong>stronger</strong>" in html
    assert "Hip bridge" in html
    assert "Reviewed by Dana Ortiz, DPT" in html


def test_admin_publish_action(admin_client, admin_url):
    page = EducationPageFactory(status=Status.DRAFT)

    admin_client.post(admin_url, {"action": "publish", "_selected_action": [page.pk]})

    page.refresh_from_db()
    assert page.status == Status.PUBLISHED


def test_staff_can_mark_guides_reviewed_by_them_today(admin_client, admin_url, superuser):
    page = EducationPageFactory(reviewed_by="", reviewed_on=None)

    response = admin_client.post(
        admin_url, {"action": "mark_reviewed_by_me", "_selected_action": [page.pk]}, follow=True
    )

    page.refresh_from_db()
    assert page.reviewed_by == superuser.username
    assert not page.review_due
    assert f"1 education page marked as reviewed by {superuser.username}." in response.text


def test_status_outside_the_choices_is_refused_by_the_database():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EducationPage.objects.create(title="x", slug="x", summary="x", body="x", status="secret")
    assert not Exercise.objects.exists()
