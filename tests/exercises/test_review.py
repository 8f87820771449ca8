"""Guides show their review state as exercises do, and staff see what is due for review."""

import datetime

import pytest
from django.utils import timezone

from exercises.models import EducationPage, Exercise
from tests.factories import EducationPageFactory, ExerciseFactory

pytestmark = pytest.mark.django_db


def test_an_unreviewed_guide_says_so(client):
    page = EducationPageFactory()

    html = client.get(page.get_absolute_url()).content.decode()

    assert "not yet reviewed by one of our physical therapists" in html
    assert "Next review due" not in html


def test_a_reviewed_guide_names_its_reviewer_and_when_the_next_review_is_due(client):
    page = EducationPageFactory(
        reviewed_by="Dana Ortiz, DPT", reviewed_on=datetime.date(2026, 3, 2)
    )

    html = client.get(page.get_absolute_url()).content.decode()

    assert "Reviewed by Dana Ortiz, DPT on" in html
    assert 'Next review due <time datetime="2027-03-02">March 2, 2027</time>.' in html
    assert "not yet reviewed" not in html


def test_a_guide_shows_its_sources_at_its_foot_named_but_not_linked(client):
    page = EducationPageFactory(
        sources="NHS: Hip pain — https://www.nhs.uk/conditions/hip-pain/\nThe clinic's article"
    )

    html = client.get(page.get_absolute_url()).content.decode()
    foot = html[html.index("Where these facts come from") :]

    assert "NHS: Hip pain" in foot
    assert "https://www.nhs.uk/conditions/hip-pain/" in foot
    assert 'href="https://www.nhs.uk' not in html
    assert "The clinic&#x27;s article" in foot
    assert page.source_list[1] == ("The clinic's article", "")


@pytest.mark.parametrize("model", [Exercise, EducationPage])
def test_review_due_means_never_reviewed_or_reviewed_over_a_year_ago(model):
    factory = ExerciseFactory if model is Exercise else EducationPageFactory
    today = timezone.localdate()
    never = factory(reviewed_on=None)
    stale = factory(reviewed_on=today - datetime.timedelta(days=366))
    factory(reviewed_on=today - datetime.timedelta(days=30))

    assert set(model.objects.review_due()) == {never, stale}
    assert all(item.review_due for item in model.objects.review_due())


@pytest.mark.parametrize("model", ["exercise", "educationpage"])
def test_the_admin_lists_what_is_due_for_review(admin_client, model):
    factory = ExerciseFactory if model == "exercise" else EducationPageFactory
    factory(reviewed_on=None, **{"name" if model == "exercise" else "title": "Due one"})
    factory(
        reviewed_on=timezone.localdate(), **{"name" if model == "exercise" else "title": "Fresh"}
    )

    html = admin_client.get(f"/admin/exercises/{model}/", {"review": "due"}).content.decode()

    assert "Due one" in html
    assert "Fresh" not in html


def test_the_guide_change_page_shows_sources_and_the_next_review(admin_client):
    page = EducationPageFactory(sources="NHS: Hip pain", reviewed_on=datetime.date(2026, 3, 2))

    html = admin_client.get(f"/admin/exercises/educationpage/{page.pk}/change/").content.decode()

    assert 'name="sources_en"' in html
    html = html.lower()
    assert "next review due" in html
    assert "2027" in html.split("next review due", 1)[1][:300].lower()
