"""Content changes that make every kept page out of date (see armorpt/page_cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from appointments.models import Location
from exercises.models import EducationPage, Exercise, bulk_updated

from .page_cache import content_changed

for model in (Exercise, EducationPage, Location):
    post_save.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{model.__name__}")
    post_delete.connect(
        content_changed, sender=model, dispatch_uid=f"page-cache-{model.__name__}-deleted"
    )
m2m_changed.connect(
    content_changed,
    sender=EducationPage.related_exercises.through,
    dispatch_uid="page-cache-related-exercises",
)
bulk_updated.connect(content_changed, dispatch_uid="page-cache-bulk-update")
