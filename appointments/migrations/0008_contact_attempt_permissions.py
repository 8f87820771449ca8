from django.db import migrations

from appointments.groups import create_manager_group, create_staff_groups


def grant_contact_attempts(apps, schema_editor):
    """The front desk and the clinic managers log and read contact attempts."""
    create_staff_groups(apps)
    create_manager_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0007_contact_attempts"),
        ("auditlog", "0017_add_actor_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_contact_attempts, migrations.RunPython.noop)]
