from django.db import migrations

from appointments.groups import create_staff_groups, remove_staff_groups


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0002_appointment_requests"),
        ("exercises", "0002_education_page"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_staff_groups, remove_staff_groups)]
