"""The site's four journeys, end to end, as people meet them, at phone and desktop sizes.

1. A person in pain finds an exercise they can do standing, holds it with the timer, and prints
   a routine. 2. A person deciding reads when to see a physical therapist and requests an
   appointment, getting past their mistakes. 3. The front desk picks that request up behind
   two-step sign-in. 4. Journey 2 again with the keyboard alone, focus visible at every step.
"""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from appointments.groups import FRONT_DESK
from appointments.models import AppointmentRequest, Location, RequestStatus
from tests.factories import AppointmentRequestFactory, StaffUserFactory, group


@pytest.fixture
def page(open_page, viewport):
    """As people meet the site: from their second page on, under the service worker."""
    return open_page(viewport, service_workers="allow")


REFERENCE = re.compile(r"APT-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")
START = datetime(2026, 1, 5, 9, 0)

# What a hurried person sends first: only a first name, a phone number and an e-mail address
# that are not quite right. Each mistake is (field id, the message shown for it).
MISTAKES = [
    ("id_last_name", "Enter your last name."),
    ("id_phone", "Enter a phone number such as (212) 555-0142."),
    ("id_email", "Enter an e-mail address such as name@example.com."),
    ("id_contact_method", "Choose how we should contact you."),
    ("id_pain_area", "Choose where it hurts most."),
    ("id_pain_duration", "Choose how long it has hurt."),
    ("id_consented", "Tick the box to agree that we may contact you."),
]


def test_a_person_in_pain_finds_an_exercise_off_the_floor_holds_it_and_prints_a_routine(site, page):
    page.clock.install(time=START)
    page.goto(site + "/")
    page.get_by_role("link", name="Try a gentle exercise").click()

    page.get_by_label("Position").select_option(label="No need to get down on the floor")
    page.get_by_role("button", name="Show exercises").click()
    expect(page).to_have_url(re.compile(r"position=off_floor"))
    titles = page.locator(".exercise-card__title")
    expect(titles).not_to_have_count(0)
    expect(titles.filter(has_text="Clamshell")).to_have_count(0)  # done lying on the floor

    page.get_by_role("link", name="Warrior II pose", exact=True).click()
    expect(page.get_by_role("heading", name="Warrior II pose", level=1)).to_be_visible()
    page.clock.pause_at(START + timedelta(minutes=1))  # time moves only when the test says
    timer = page.locator("[data-hold-timer]")
    where = timer.locator("[data-timer-where]")
    expect(timer.get_by_role("timer")).to_have_text("0:20")
    for hold in ["Left side, rep 1 of 2", "Right side, rep 1 of 2", "Left side, rep 2 of 2"]:
        expect(where).to_have_text(hold)
        timer.get_by_role("button", name="Start").click()
        page.clock.run_for(24_000)  # 3 s to get into position, the 20 s hold
    expect(where).to_have_text("Right side, rep 2 of 2")
    timer.get_by_role("button", name="Start").click()
    page.clock.run_for(24_000)
    expect(where).to_have_text("All done")
    expect(timer.locator("[data-timer-announce]")).to_have_text(
        "Time is up. Right side, rep 2 of 2 done. All done, well done."
    )

    page.get_by_role("link", name="Add to my routine").click()
    expect(page.locator(".routine-item h2")).to_have_text(["1. Warrior II pose"])
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Exercises").click()
    expect(page.get_by_label("Add to my routine: Warrior II pose")).to_be_checked()
    page.get_by_label("Add to my routine: Squat with a chair").check()
    page.get_by_role("button", name="Make my routine from the ticked exercises").click()

    page.emulate_media(media="print")
    expect(page.locator(".routine-item h2")).to_have_text(
        ["1. Warrior II pose", "2. Squat with a chair"]
    )
    for name in ["Warrior II pose", "Squat with a chair"]:
        expect(page.get_by_role("heading", name=name)).to_be_visible()
    expect(page.locator(".site-footer")).to_be_hidden()


def reach_the_request_form_from_home(page, site):
    page.goto(site + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Hip pain").click()
    page.get_by_role("link", name=re.compile("When should I see a physical therapist")).click()
    call_to_action = page.get_by_role("region", name=re.compile("See a physical therapist"))
    call_to_action.get_by_role("link", name="Request an appointment", exact=True).click()
    expect(page.get_by_role("heading", name="Request an appointment", level=1)).to_be_visible()


def expect_each_mistake_shown(page):
    """In the summary at the top, and beside its own question, which is marked invalid."""
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text(f"Please check {len(MISTAKES)} answers")
    expect(summary.get_by_role("link")).to_have_text([message for _, message in MISTAKES])
    for field_id, message in MISTAKES:
        expect(page.locator(f"#{field_id}_error")).to_have_text(message)
    for label in ["Last name", "Phone number", "E-mail address"]:
        expect(page.get_by_label(label)).to_have_attribute("aria-invalid", "true")


def expect_the_reference(page):
    expect(page.get_by_role("heading", name="We have your request")).to_be_visible()
    shown = REFERENCE.search(page.locator(".reference-card__code").inner_text()).group(0)
    request = AppointmentRequest.objects.get(reference=shown)
    assert shown == request.reference
    assert (request.first_name, request.last_name, request.phone) == (
        "Maria",
        "Silva",
        "+12125550142",
    )
    assert request.email == "maria@example.com"
    return shown


def test_a_person_deciding_reads_when_to_see_a_pt_and_requests_an_appointment(
    site, page, quick_form
):
    reach_the_request_form_from_home(page, site)
    page.get_by_label("First name").fill("Maria")
    page.get_by_label("Phone number").fill("555-01")
    page.get_by_label("E-mail address").fill("maria@")
    page.get_by_role("button", name="Send my request").click()

    expect_each_mistake_shown(page)
    expect(page.get_by_label("First name")).to_have_value("Maria")  # nothing typed is lost
    expect(page.get_by_label("E-mail address")).to_have_value("maria@")

    page.get_by_label("Last name").fill("Silva")
    page.get_by_label("Phone number").fill("(212) 555-0142")
    page.get_by_label("E-mail address").fill("maria@example.com")
    page.get_by_label("Phone call", exact=True).check()
    page.get_by_label("Weekday mornings").check()
    page.get_by_label("Hip", exact=True).check()
    page.get_by_label("1 to 4 weeks").check()
    page.get_by_label("I agree that Armor PT may contact me").check()
    page.get_by_role("button", name="Send my request").click()

    expect_the_reference(page)


def sign_in_with_two_steps(page, site, username):
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/two-factor/?next=**")
    device = TOTPDevice.objects.get(user__username=username)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.get_by_label("Code").fill(f"{code:06d}")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Requests and content")).to_be_visible()


def test_the_front_desk_signs_in_with_two_steps_and_handles_the_new_request(
    site, page, open_page, settings, quick_form
):
    settings.REQUIRE_TWO_FACTOR = True
    desk = StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
    TOTPDevice.objects.create(user=desk, name="Authenticator app", confirmed=True)
    week_ago = timezone.now() - timedelta(days=7)
    clinic = Location.objects.get()  # the demo clinic: one clinic, so the form does not ask
    for status in [RequestStatus.CONTACTED, RequestStatus.SCHEDULED]:
        AppointmentRequestFactory(status=status, received_at=week_ago, location=clinic)

    patient = open_page(page.viewport_size, service_workers="allow")
    reach_the_request_form_from_home(patient, site)
    patient.get_by_label("First name").fill("Maria")
    patient.get_by_label("Last name").fill("Silva")
    patient.get_by_label("Phone number").fill("(212) 555-0142")
    patient.get_by_label("E-mail address").fill("maria@example.com")
    patient.get_by_label("Phone call", exact=True).check()
    patient.get_by_label("Hip", exact=True).check()
    patient.get_by_label("1 to 4 weeks").check()
    patient.get_by_label("I agree that Armor PT may contact me").check()
    patient.get_by_role("button", name="Send my request").click()
    reference = expect_the_reference(patient)
    later = AppointmentRequestFactory(
        first_name="Later", location=clinic
    )  # new too, but it came in after

    sign_in_with_two_steps(page, site, "desk")
    page.get_by_role("link", name="Appointment requests").first.click()
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.first).to_contain_text(reference)
    expect(rows.nth(1)).to_contain_text(later.reference)

    rows.first.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name=re.compile(reference))).to_be_visible()
    page.get_by_label("Holder:").select_option(label="desk")
    page.get_by_role("textbox", name="New note").fill(
        "Called back; booked an assessment for Tuesday."
    )
    page.get_by_label("Status:").select_option(label="Contacted")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.locator("#changelist-filter").get_by_role("link", name="New", exact=True).click()
    expect(page).to_have_url(re.compile(r"status__exact=new"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(later.reference)
    expect(page.locator("#changelist")).not_to_contain_text(reference)

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="Logged out")).to_be_visible()
    page.goto(site + "/admin/appointments/appointmentrequest/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))

    handled = AppointmentRequest.objects.get(reference=reference)
    assert handled.status == RequestStatus.CONTACTED
    assert handled.holder == desk
    assert handled.notes.get().author == desk


# --- Journey 4: the keyboard alone ----------------------------------------------------------

FOCUS_STYLE = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  return {
    element: element.outerHTML.slice(0, 120),
    visible: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
      || style.boxShadow !== "none",
  };
}"""


def press(page, key):
    """Press a key; whatever then has focus must show it."""
    page.keyboard.press(key)
    focus = page.evaluate(FOCUS_STYLE)
    assert focus["visible"], f"after {key}, no visible focus on {focus['element']}"


def follow(page):
    """Press Enter on the focused link or button and wait for the page it opens."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def tab_to(page, target, key="Tab", most=60):
    """Tab (or Shift+Tab) until the target has focus, checking the focus at every stop."""
    for _ in range(most):
        press(page, key)
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{key} never reached {target}")


def test_journey_two_with_the_keyboard_alone_shows_focus_at_every_step(site, page, quick_form):
    page.goto(site + "/")
    nav = page.get_by_role("navigation", name="Main")
    tab_to(page, nav.get_by_role("link", name="Hip pain"))
    follow(page)
    expect(page).to_have_url(site + "/hip-pain/")
    tab_to(page, page.get_by_role("link", name=re.compile("When should I see a physical")))
    follow(page)
    expect(page).to_have_url(site + "/hip-pain/when-to-see-a-physical-therapist/")
    call_to_action = page.get_by_role("region", name=re.compile("See a physical therapist"))
    tab_to(page, call_to_action.get_by_role("link", name="Request an appointment", exact=True))
    follow(page)
    expect(page.get_by_role("heading", name="Request an appointment", level=1)).to_be_visible()

    tab_to(page, page.get_by_label("First name"))
    page.keyboard.type("Maria")
    tab_to(page, page.get_by_label("Phone number"))
    page.keyboard.type("555-01")
    tab_to(page, page.get_by_label("E-mail address"))
    page.keyboard.type("maria@")
    tab_to(page, page.get_by_role("button", name="Send my request"))
    follow(page)

    expect_each_mistake_shown(page)
    assert page.evaluate(FOCUS_STYLE)["visible"], "the error summary gets focus but hides it"
    summary = page.get_by_role("alert")
    tab_to(page, summary.get_by_role("link", name=MISTAKES[2][1]))
    press(page, "Enter")  # the e-mail question
    expect(page.get_by_label("E-mail address")).to_be_focused()
    press(page, "ControlOrMeta+A")  # the link puts the caret in the box; replace its text
    page.keyboard.type("maria@example.com")
    tab_to(page, page.get_by_label("Phone number"), key="Shift+Tab")
    page.keyboard.type("(212) 555-0142")  # tabbing into a box selects its text
    tab_to(page, page.get_by_label("Last name"), key="Shift+Tab")
    page.keyboard.type("Silva")
    for role, answer in [
        ("radio", "Phone call"),
        ("checkbox", re.compile("^Weekday mornings")),
        ("radio", "Hip"),
        ("radio", "Less than a week"),
    ]:
        choice = page.get_by_role(role, name=answer, exact=True)
        tab_to(page, choice)
        press(page, "Space")
        expect(choice).to_be_checked()
    tab_to(page, page.get_by_label("I agree that Armor PT may contact me"))
    press(page, "Space")
    tab_to(page, page.get_by_role("button", name="Send my request"))
    follow(page)

    expect_the_reference(page)
