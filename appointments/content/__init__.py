"""The clinic's demo content for this app, loaded by `manage.py load_clinic_content`."""

import tomllib
from pathlib import Path

from armorpt.translation_review import record_translation_edit
from armorpt.weekdays import number_of

from ..models import Location, OpeningHours

LOCATIONS_FILE = Path(__file__).with_name("locations.toml")


def load_locations() -> int:
    """Add the demo location to a site that has none; staff's own locations are never touched."""
    if Location.objects.exists():
        return 0
    entries = tomllib.loads(LOCATIONS_FILE.read_text(encoding="utf-8"))["location"]
    for entry in entries:
        spans = entry.pop("opening_hours")
        location = Location(**entry)
        record_translation_edit(location, entry)
        location.save()
        OpeningHours.objects.bulk_create(
            OpeningHours(
                location=location,
                weekday=number_of(day),
                opens=span["opens"],
                closes=span["closes"],
            )
            for span in spans
            for day in span["days"]
        )
    return len(entries)
