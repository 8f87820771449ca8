"""The clinic's demo content for this app, loaded by `manage.py load_clinic_content`."""

import tomllib
from pathlib import Path

from ..models import Location

LOCATIONS_FILE = Path(__file__).with_name("locations.toml")


def load_locations() -> int:
    """Add the demo location to a site that has none; staff's own locations are never touched."""
    if Location.objects.exists():
        return 0
    entries = tomllib.loads(LOCATIONS_FILE.read_text(encoding="utf-8"))["location"]
    for entry in entries:
        Location.objects.create(**{**entry, "hours": entry["hours"].strip()})
    return len(entries)
