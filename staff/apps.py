from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = "Staff accounts"

    def ready(self):
        from . import signals  # noqa: F401


class StaffAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with a site that asks staff for a second factor."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin
    default_site = "staff.admin_site.StaffAdminSite"
