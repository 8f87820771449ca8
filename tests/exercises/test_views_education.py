"""The hip-pain guides: the hub and each page (exercises/views.py, urls_education.py)."""

import datetime
import re

import pytest

from exercises.models import Status
from tests.factories import EducationPageFactory, ExerciseFactory
from tests.json_ld import json_ld

pytestmark = pytest.mark.django_db


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


def test_a_draft_page_is_never_kept_by_a_shared_cache(client, staff_user):
    client.force_login(staff_user)
    page = EducationPageFactory(status=Status.DRAFT)

    response = client.get(page.get_absolute_url())

    assert "private" in response.headers["Cache-Control"]
    assert "no-store" in response.headers["Cache-Control"]


def test_the_hub_staff_see_is_private_even_when_no_cookie_is_sent(client, staff_user, settings):
    """The session cookie on a response marks it private too; the hub must not rely on it."""
    settings.SESSION_SAVE_EVERY_REQUEST = False
    EducationPageFactory(title="A guide still in draft", status=Status.DRAFT)
    client.force_login(staff_user)
    client.get("/hip-pain/")  # the session's first request starts its signed-in clock

    response = client.get("/hip-pain/")

    assert "A guide still in draft" in response.content.decode()
    assert not response.cookies
    assert "private" in response.headers["Cache-Control"]
