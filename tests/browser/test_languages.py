"""The Spanish site in the browser: kept offline as the English one is, its offline page in
Spanish for a Spanish address, and the diary's words and dates in Spanish."""

import json
from datetime import datetime

from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS
from tests.browser.home_practice import wait_until_kept

TODAY = datetime(2026, 3, 4, 8, 0)  # a Wednesday morning
CLAMSHELL = "/es/exercises/clamshell/"


def test_offline_a_spanish_address_shows_the_spanish_offline_page(site, open_page):
    page = open_page(VIEWPORTS["phone"], service_workers="allow")
    page.goto(site + CLAMSHELL)
    for kept in (CLAMSHELL, "/es/offline/", "/es/jsi18n/", "/offline/"):
        wait_until_kept(page, site + kept)

    page.context.set_offline(True)
    page.goto(site + CLAMSHELL)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.goto(site + "/es/appointments/request/")
    expect(page.get_by_role("heading", name="No tiene conexión a internet")).to_be_visible()
    ready = page.get_by_role("region", name="Listo en este dispositivo")
    expect(ready.locator(f'a[href="{site}{CLAMSHELL}"]:not([lang])')).to_be_visible()

    page.goto(site + "/appointments/request/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    ready = page.get_by_role("region", name="Ready on this device")
    expect(ready.locator(f'a[href="{site}{CLAMSHELL}"][lang="es"]')).to_be_visible()


def test_the_spanish_diary_speaks_spanish(site, open_page):
    page = open_page(VIEWPORTS["phone"])
    page.clock.install(time=TODAY)
    diary = {
        "format": "armorpt-practice-diary",
        "version": 1,
        "sessions": [
            {
                "date": "2026-03-04",
                "at": "2026-03-04T12:30:00.000Z",
                "completed": False,
                "painBefore": 4,
                "painAfter": None,
                "exercises": [{"slug": "clamshell", "name": "La almeja"}],
            }
        ],
    }
    page.add_init_script(f"localStorage.setItem('armorpt.diary', {json.dumps(json.dumps(diary))})")

    page.goto(site + "/es/my-practice/")

    expect(page.locator("[data-diary-summary]")).to_have_text("Hizo ejercicio 1 día.")
    expect(page.locator("[data-diary-today]")).to_have_text("miércoles, 4 de marzo de 2026")
    expect(page.locator("[data-diary-again-names]")).to_have_text(
        "La almeja (1 vez en cuatro semanas)"
    )
    row = page.locator("[data-diary-sessions] tr")
    expect(row.locator("td")).to_have_text(
        ["La almeja (paró antes de terminar)", "4 de 10", "no lo dio"]
    )
    expect(page.locator(".diary-calendar .is-today .visually-hidden")).to_have_text(
        "miércoles, 4 de marzo: hecho"
    )
