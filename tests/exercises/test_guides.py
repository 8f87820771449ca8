"""The demo guides as a reader follows them: every link goes somewhere, each guide leads on to
another, and what the hip replacement guide says agrees with the exercises it names."""

import re

import pytest

from exercises.models import EducationPage, Exercise

pytestmark = pytest.mark.django_db

LINK = re.compile(r'href="(/[^"#]*)"')


def test_every_link_in_every_demo_guide_opens_a_page(client, demo_content):
    for page in EducationPage.objects.published():
        for path in set(LINK.findall(page.body_html)):
            assert client.get(path).status_code == 200, f"{page.slug} links to {path}"


def test_every_demo_guide_leads_on_to_another_guide(demo_content):
    for page in EducationPage.objects.published():
        others = {path for path in LINK.findall(page.body_html) if path.startswith("/hip-pain/")}
        assert others - {page.get_absolute_url()}, page.slug


def test_every_demo_guide_names_its_sources_with_their_addresses(demo_content):
    new_guides = EducationPage.objects.published().exclude(sources="")

    assert new_guides.count() >= 8
    for page in new_guides:
        assert all(address.startswith(("https://", "http://")) for _, address in page.source_list)


def test_the_hip_replacement_guide_lists_exactly_the_exercises_to_leave_out(demo_content):
    guide = EducationPage.objects.get(slug="after-a-hip-replacement")
    section = guide.body.split("## Exercises to leave out")[1].split("\n## ")[0]
    listed = set(re.findall(r"\(/exercises/([\w-]+)/\)", section))

    flagged = Exercise.objects.published().filter(leave_out_after_hip_replacement=True)
    assert listed == set(flagged.values_list("slug", flat=True))


def test_an_exercise_page_leads_to_the_guides_that_name_it(client, demo_content):
    html = client.get("/exercises/standing-hip-abduction/").content.decode()

    assert 'href="/hip-pain/pain-on-the-outside-of-the-hip/"' in html
    assert 'href="/hip-pain/after-a-hip-replacement/"' in html
