"""A reader with hip pain goes from the guides to the appointment request."""

import re

from playwright.sync_api import expect


def test_from_the_hub_to_when_to_see_a_pt_to_the_request_form(site, page):
    page.goto(site + "/hip-pain/")
    expect(page.get_by_role("heading", name="When to get urgent help")).to_be_visible()

    page.get_by_role("link", name=re.compile("When should I see a physical therapist")).click()

    expect(page).to_have_url(site + "/hip-pain/when-to-see-a-physical-therapist/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "When should I see a physical therapist, and when is it urgent?"
    )
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumb.locator('[aria-current="page"]')).to_contain_text("When should I see")
    # The form belongs to the appointments feature; this journey ends at its link.
    call_to_action = page.get_by_role("region", name=re.compile("See a physical therapist"))
    request = call_to_action.get_by_role("link", name="Request an appointment", exact=True)
    expect(request).to_be_visible()
    expect(request).to_have_attribute("href", "/appointments/request/")


def test_a_guide_prints_without_the_site_furniture(site, page):
    page.goto(site + "/hip-pain/why-hip-pain-starts/")
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_be_hidden()
    expect(page.locator(".education-pager")).to_be_hidden()
    expect(page.locator(".education-cta__print")).to_be_visible()
