"""Reading a routine from its shareable link: `/exercises/routine/?e=<slug>&e=<slug>`."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import segno

from .models import Exercise

MAX_ROUTINE_EXERCISES = 12


@dataclass
class Routine:
    exercises: list[Exercise]
    not_found: list[str] = field(default_factory=list)
    left_out: int = 0

    @property
    def slugs(self) -> list[str]:
        return [exercise.slug for exercise in self.exercises]

    @property
    def query(self) -> str:
        """The routine's part of a link: e=<slug>&e=<slug>, in the routine's order."""
        return urlencode([("e", slug) for slug in self.slugs])


def build_routine(requested: list[str]) -> Routine:
    """The published exercises named in the link, in the link's order.

    Duplicates collapse, anything unknown or unpublished is reported rather than failing,
    and a routine keeps at most MAX_ROUTINE_EXERCISES (the first ones asked for).
    """
    wanted = list(dict.fromkeys(slug.strip() for slug in requested if slug.strip()))
    left_out = max(0, len(wanted) - MAX_ROUTINE_EXERCISES)
    wanted = wanted[:MAX_ROUTINE_EXERCISES]
    found = {
        exercise.slug: exercise for exercise in Exercise.objects.published().filter(slug__in=wanted)
    }
    return Routine(
        exercises=[found[slug] for slug in wanted if slug in found],
        not_found=[slug for slug in wanted if slug not in found],
        left_out=left_out,
    )


def routine_qr_svg(url: str) -> str:
    """The routine's link as a QR code, drawn on the server as inline SVG.

    segno writes presentation attributes only (no style attribute, no <style> element), which
    the site's Content Security Policy allows.
    """
    return segno.make(url, error="m").svg_inline(
        scale=4,
        border=2,
        dark="#1d2a2e",
        light="#fff",
        omitsize=True,
        svgclass="routine-qr",
        lineclass=None,
    )
