"""A person on a phone asks for an appointment; the front desk picks it up in the admin."""

import re

import pytest
from playwright.sync_api import expect

from appointments.groups import FRONT_DESK
from appointments.models import AppointmentRequest, RequestStatus
from tests.browser.conftest import VIEWPORTS, assert_no_axe_violations
from tests.factories import AppointmentRequestFactory, StaffUserFactory, group

REFERENCE = re.compile(r"APT-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}")


def test_a_person_on_a_phone_meets_errors_fixes_them_and_gets_a_reference(
    site, open_page, quick_form
):
    page = open_page(VIEWPORTS["phone"])
    page.goto(site + "/appointments/request/")
    page.get_by_label("First name").fill("Zoë")
    page.get_by_label("Text message", exact=True).check()
    page.get_by_role("button", name="Send my request").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Enter your last name.")
    expect(summary).to_contain_text("Tick the box to agree")
    expect(page.get_by_label("First name")).to_have_value("Zoë")
    summary.get_by_role("link", name="Enter your last name.").click()
    expect(page.get_by_label("Last name")).to_be_focused()

    page.get_by_label("Last name").fill("O'Brien-Núñez")
    page.get_by_label("Phone number").fill("(212) 555-0100")
    page.get_by_label("It is OK to send text messages").check()
    page.get_by_label("Weekday evenings").check()
    page.get_by_label("Hip", exact=True).check()
    page.get_by_label("1 to 4 weeks").check()
    urgent = page.locator("#urgent-now")
    expect(urgent).to_be_hidden()
    page.get_by_label("I cannot put any weight on my leg").check()
    expect(urgent).to_be_visible()
    page.get_by_label("I agree that Armor PT may contact me").check()
    page.get_by_role("button", name="Send my request").click()

    expect(page.get_by_role("heading", name="We have your request")).to_be_visible()
    expect(page.get_by_role("heading", name="Get urgent care now")).to_be_visible()
    shown = REFERENCE.search(page.locator(".reference-card__code").inner_text()).group(0)
    appointment = AppointmentRequest.objects.get()
    assert shown == appointment.reference
    assert appointment.urgent is True
    assert shown not in page.url


def test_a_person_asks_in_spanish_and_the_front_desk_sees_whom_to_call(site, open_page, quick_form):
    page = open_page(VIEWPORTS["phone"])
    page.goto(site + "/es/appointments/request/")
    page.get_by_label("Nombre").fill("Lucía")
    page.get_by_role("button", name="Enviar mi solicitud").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Escriba su apellido.")
    expect(summary).to_contain_text("Marque la casilla para aceptar")
    expect(page.locator("#div_id_last_name")).to_contain_text("Escriba su apellido.")
    assert_no_axe_violations(page)
    summary.get_by_role("link", name="Escriba su apellido.").click()
    expect(page.get_by_label("Apellido")).to_be_focused()

    page.get_by_label("Apellido").fill("Peña Ortiz")
    page.get_by_label("Número de teléfono").fill("(212) 555-0100")
    page.get_by_label("Llamada telefónica").check()
    page.get_by_label("Español", exact=True).check()
    page.get_by_label("Necesito un intérprete").check()
    page.get_by_label("Cadera", exact=True).check()
    page.get_by_label("De 1 a 4 semanas").check()
    page.get_by_label("Acepto que Armor PT se comunique conmigo").check()
    page.get_by_role("button", name="Enviar mi solicitud").click()

    expect(page.get_by_role("heading", name="Recibimos su solicitud")).to_be_visible()
    expect(page.locator(".next-steps")).to_contain_text("Alguien de nuestra recepción le llamará")
    assert_no_axe_violations(page)
    appointment = AppointmentRequest.objects.get()
    assert page.locator(".reference-card__code").inner_text() == appointment.reference
    assert (appointment.language, appointment.call_language) == ("es", "es")
    assert appointment.needs_interpreter is True

    StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
    desk = open_page(VIEWPORTS["desktop"])
    desk.goto(site + "/admin/")
    desk.get_by_label("Username").fill("desk")
    desk.get_by_label("Password").fill("correct-horse-battery")
    desk.get_by_role("button", name="Log in").click()
    desk.get_by_role("link", name="Appointment requests").first.click()
    interpreter = desk.locator("#changelist-filter details", has_text="By needs an interpreter")
    interpreter.get_by_role("link", name="Yes").click()
    expect(desk).to_have_url(re.compile(r"needs_interpreter__exact=1"))
    row = desk.locator("#result_list tbody tr").first
    expect(row).to_contain_text(appointment.reference)
    expect(row.locator("td.field-call_in")).to_have_text("Spanish + interpreter")


@pytest.mark.parametrize("state", ["errors", "confirmation"])
def test_the_form_with_errors_and_the_confirmation_pass_axe(site, page, quick_form, state):
    page.goto(site + "/appointments/request/")
    if state == "confirmation":
        page.get_by_label("First name").fill("Ana")
        page.get_by_label("Last name").fill("Silva")
        page.get_by_label("Phone number").fill("212 555 0100")
        page.get_by_label("Phone call", exact=True).check()
        page.get_by_label("Knee", exact=True).check()
        page.get_by_label("Less than a week").check()
        page.get_by_label("I fell or hurt my hip").check()
        page.get_by_label("I agree that Armor PT may contact me").check()
    page.get_by_role("button", name="Send my request").click()
    expected = "We have your request" if state == "confirmation" else "Please check"
    expect(page.get_by_role("heading", name=re.compile(expected))).to_be_visible()

    assert_no_axe_violations(page)


def test_the_front_desk_finds_an_urgent_request_first_and_handles_it(site, open_page):
    StaffUserFactory(username="desk", groups=[group(FRONT_DESK)])
    AppointmentRequestFactory(first_name="Older", last_name="Routine")
    urgent = AppointmentRequestFactory(
        first_name="Urgent", last_name="Caller", urgent=True, red_flag_fall_or_injury=True
    )
    page = open_page(VIEWPORTS["desktop"])

    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("desk")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".request-counts")).to_contain_text("1 urgent")
    page.get_by_role("link", name="Appointment requests").first.click()

    first_row = page.locator("#result_list tbody tr").first
    expect(first_row).to_contain_text(urgent.reference)
    first_row.locator("input.action-select").check()
    page.locator("select[name=action]").select_option("assign_to_me")
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text("1 request(s) assigned to you")

    page.get_by_role("link", name=urgent.reference).click()
    page.locator("#id_notes-0-text").fill("Called, advised urgent care; will call tomorrow.")
    page.get_by_label("Status:").select_option("contacted")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    urgent.refresh_from_db()
    assert urgent.holder.username == "desk"
    assert urgent.status == RequestStatus.CONTACTED
    assert urgent.notes.get().author.username == "desk"
    assert urgent.status_changes.get().to_status == RequestStatus.CONTACTED
