"""What a change to a clinic location does beyond its row: every kept page is retired, since
every page shows the clinic's phone and address."""

from armorpt.page_cache import retire_kept_pages_when_changed

from .models import Location

retire_kept_pages_when_changed(Location)
