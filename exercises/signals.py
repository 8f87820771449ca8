"""What a change to the self-care library does beyond its rows: every kept page is retired."""

from armorpt.page_cache import retire_kept_pages_when_changed

from .models import EducationPage, Exercise

retire_kept_pages_when_changed(Exercise)
retire_kept_pages_when_changed(EducationPage)  # and its related exercises
