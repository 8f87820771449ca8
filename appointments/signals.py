"""What a change to a clinic location does beyond its row: every kept page is retired, since
every page shows the clinic's phone, address and opening hours (and the kept main location
carries its closure days for business time)."""

from armorpt.page_cache import retire_kept_pages_when_changed

from .models import ClosureDay, Location, OpeningHours

for model in (Location, OpeningHours, ClosureDay):
    retire_kept_pages_when_changed(model)
