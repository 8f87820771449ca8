from django.db import migrations

from appointments.groups import create_manager_group, remove_manager_group


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0004_export_permission"),
        ("auditlog", "0017_add_actor_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_manager_group, remove_manager_group)]
