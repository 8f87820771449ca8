"""Exercises and guides now share one review date field, with the guides' help text.

Only the help text changes: no column, no data.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0003_steps_as_lines"),
    ]

    operations = [
        migrations.AlterField(
            model_name="exercise",
            name="reviewed_on",
            field=models.DateField(
                blank=True, help_text="Pages are due for a new review after 12 months.", null=True
            ),
        ),
    ]
