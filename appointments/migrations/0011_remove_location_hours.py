from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("appointments", "0010_opening_hours_from_text"),
    ]

    operations = [
        # Blank first, so that undoing the removal can add the column back to existing rows.
        migrations.AlterField(
            model_name="location", name="hours", field=models.TextField(blank=True, default="")
        ),
        migrations.RemoveField(model_name="location", name="hours"),
    ]
