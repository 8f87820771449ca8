"""The staff groups and what each may do; used by data migrations, so it takes `apps`.

Permissions are granted per app label (and optionally per model), so a content model added
later is granted by a small follow-up migration that calls `grant` again.
"""

from django.contrib.auth.management import create_permissions

FRONT_DESK = "Front desk"
CONTENT_EDITORS = "Content editors"
CLINIC_MANAGERS = "Clinic managers"
ALL_ACTIONS = ("add", "change", "delete", "view")
# A location and what is edited inline on its page.
LOCATION_MODELS = ["location", "openinghours", "closureday"]


def create_all_permissions(apps) -> None:
    """Make sure the permissions exist now: Django creates them only after all migrations."""
    for app_config in apps.get_app_configs():
        # Historical app configs have no models module; create_permissions skips those.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module


def grant(apps, group_name: str, app_label: str, model_names=None, actions=ALL_ACTIONS) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    group, _ = Group.objects.get_or_create(name=group_name)
    content_types = ContentType.objects.filter(app_label=app_label)
    if model_names is not None:
        content_types = content_types.filter(model__in=model_names)
    for content_type in content_types:
        codenames = [f"{action}_{content_type.model}" for action in actions]
        group.permissions.add(
            *Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )


def create_staff_groups(apps, schema_editor=None) -> None:
    create_all_permissions(apps)
    # Front desk: handle requests and write notes; never delete, never edit content.
    grant(apps, FRONT_DESK, "appointments", ["appointmentrequest"], ["view", "change"])
    grant(apps, FRONT_DESK, "appointments", ["staffnote", "contactattempt"], ["view", "add"])
    grant(apps, FRONT_DESK, "appointments", ["statuschange", *LOCATION_MODELS], ["view"])
    # Content editors: every model of the exercises app, and the locations; no requests.
    grant(apps, CONTENT_EDITORS, "exercises")
    grant(apps, CONTENT_EDITORS, "appointments", LOCATION_MODELS)


def create_manager_group(apps, schema_editor=None) -> None:
    """Clinic managers: all the front desk does, plus delete, export, read the speed-to-contact
    report and the audit trail."""
    create_all_permissions(apps)
    grant(
        apps,
        CLINIC_MANAGERS,
        "appointments",
        ["appointmentrequest"],
        ["view", "change", "delete", "export", "report"],
    )
    grant(apps, CLINIC_MANAGERS, "appointments", ["staffnote", "contactattempt"], ["view", "add"])
    grant(apps, CLINIC_MANAGERS, "appointments", ["statuschange", *LOCATION_MODELS], ["view"])
    grant(apps, CLINIC_MANAGERS, "auditlog", ["logentry"], ["view"])


def remove_manager_group(apps, schema_editor=None) -> None:
    apps.get_model("auth", "Group").objects.filter(name=CLINIC_MANAGERS).delete()


def remove_staff_groups(apps, schema_editor=None) -> None:
    apps.get_model("auth", "Group").objects.filter(name__in=[FRONT_DESK, CONTENT_EDITORS]).delete()
