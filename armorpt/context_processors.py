from django.conf import settings

from appointments.site import site_location


def clinic(request):
    return {
        "clinic_location": site_location(),
        "admin_path": settings.ADMIN_PATH,
    }
