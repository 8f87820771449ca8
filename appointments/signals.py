from django.db.models.signals import post_delete, post_save

from .models import Location
from .site import forget_site_location

post_save.connect(forget_site_location, sender=Location, dispatch_uid="location-saved")
post_delete.connect(forget_site_location, sender=Location, dispatch_uid="location-deleted")
