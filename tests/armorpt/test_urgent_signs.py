"""The urgent signs are written once (armorpt/urgent_signs.py); every page that shows them must
show that text, tier by tier, so no two pages can disagree."""

import pytest
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from armorpt.urgent_signs import ASKED_SIGNS, URGENT_TIERS, marks_urgent
from tests.factories import ExerciseFactory, LocationFactory

pytestmark = pytest.mark.django_db


def full_tiers_in(html: str) -> None:
    """Every tier as the active language writes it."""
    for tier in URGENT_TIERS:
        assert escape(str(tier.heading)) in html
        assert escape(str(tier.action)) in html
        for sign in tier.signs:
            assert escape(str(sign.text)) in html


def short_tiers_in(html: str) -> None:
    for tier in URGENT_TIERS:
        line = gettext("<strong>%(heading)s</strong> if %(signs)s.") % {
            "heading": escape(str(tier.heading)),
            "signs": escape(tier.short_signs),
        }
        assert line in html


def footer_of(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_the_hub_and_the_home_page_show_every_tier_in_full_and_the_footer_in_short(client):
    for path in ["/", "/hip-pain/"]:
        html = client.get(path).content.decode()
        full_tiers_in(html)
        short_tiers_in(footer_of(html))


def test_the_spanish_pages_read_the_tiers_in_spanish(client):
    html = client.get("/es/").content.decode()

    with translation.override("es"):
        full_tiers_in(html)
        short_tiers_in(footer_of(html))
    for heading in [
        "Llame al 911 ahora",
        "Vaya hoy a atención de urgencia o a la sala de emergencias",
        "Vea a un médico en los próximos días",
    ]:
        assert f"<strong>{heading}</strong> si " in footer_of(html)


def test_a_tier_s_summary_reads_in_the_active_language():
    tier = URGENT_TIERS[0]

    with translation.override("en"):
        assert tier.summary.startswith("Call 911 now if you fell and cannot stand")
    with translation.override("es"):
        assert tier.summary.startswith("Llame al 911 ahora si se cayó y no puede ponerse de pie")
        assert "; o no puede controlar" in tier.summary


def test_every_exercises_when_to_stop_box_carries_the_tiers(client):
    exercise = ExerciseFactory()

    html = client.get(exercise.get_absolute_url()).content.decode()
    box = html[html.index("<h2>When to stop</h2>") : html.index('<footer class="site-footer">')]

    short_tiers_in(box[: box.index("</div>")])


def test_the_printed_routine_sheet_carries_the_tiers_and_the_clinics_phone(client):
    location = LocationFactory()
    exercise = ExerciseFactory()

    html = client.get(f"/exercises/routine/?e={exercise.slug}").content.decode()
    sheet = html[html.index('id="safety-title"') : html.index('<footer class="site-footer">')]

    short_tiers_in(sheet)
    assert location.phone in sheet


def test_each_urgent_sign_is_asked_once_on_the_form_and_the_others_are_not_asked():
    fields = [sign.field for sign in ASKED_SIGNS]

    assert len(fields) == len(set(fields))
    for tier in URGENT_TIERS:
        for sign in tier.signs:
            assert bool(sign.field) == bool(sign.question) == tier.marks_request_urgent


@pytest.mark.parametrize("sign", ASKED_SIGNS, ids=lambda sign: sign.field)
def test_any_one_urgent_answer_marks_a_request_urgent(sign):
    assert marks_urgent({sign.field: True}) is True


def test_no_urgent_answer_leaves_a_request_as_it_is():
    assert marks_urgent(dict.fromkeys((sign.field for sign in ASKED_SIGNS), False)) is False
