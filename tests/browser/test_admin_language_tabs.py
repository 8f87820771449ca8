"""The change forms' language tabs (static/js/admin-language-tabs.js) in Chromium: one language
of each translated field at a time, chosen by click or arrow keys, and saved as it was typed."""

from playwright.sync_api import expect

from appointments.groups import CONTENT_EDITORS
from exercises.models import Exercise
from tests.browser.conftest import VIEWPORTS, assert_no_axe_violations
from tests.browser.test_accessibility import sign_in
from tests.factories import StaffUserFactory, group


def test_the_editor_switches_a_field_to_spanish_and_saves_it(site, open_page):
    StaffUserFactory(username="editor", groups=[group(CONTENT_EDITORS)])
    exercise = Exercise.objects.get(slug="clamshell")
    page = open_page(VIEWPORTS["desktop"])
    sign_in(site, page, "editor")

    page.goto(site + f"/admin/exercises/exercise/{exercise.pk}/change/")
    summary = page.get_by_role("tablist", name="Summary")
    english, spanish = (
        summary.get_by_role("tab", name="English"),
        summary.get_by_role("tab", name="Español"),
    )
    expect(english).to_have_attribute("aria-selected", "true")
    expect(page.locator("#id_summary_en")).to_be_visible()
    expect(page.locator("#id_summary_es")).to_be_hidden()
    assert_no_axe_violations(page)

    spanish.click()
    expect(page.locator("#id_summary_es")).to_be_visible()
    expect(page.locator("#id_summary_en")).to_be_hidden()
    expect(page.locator("#id_name_en")).to_be_visible()  # each field keeps its own tab
    spanish.press("ArrowLeft")
    expect(english).to_be_focused()
    expect(page.locator("#id_summary_en")).to_be_visible()

    spanish.click()
    page.locator("#id_summary_es").fill("Fortalece el lado de la cadera.")
    page.get_by_role("button", name="Save", exact=True).first.click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    exercise.refresh_from_db()
    assert exercise.summary_es == "Fortalece el lado de la cadera."
    assert exercise.spanish_reviewed_by == "editor"
