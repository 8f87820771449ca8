import exercises.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("exercises", "0009_translations"),
    ]

    operations = [
        migrations.AddField(
            model_name="exercise",
            name="figure_label_translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The words over the figure’s stills for the Spanish page, by language and English label: {"es": {"Stand": "De pie"}}. “Start”, “Hold” and “Then” are translated already; a label missing here shows in English.',
                validators=[exercises.models.validate_label_translations],
                verbose_name="figure labels in other languages",
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="illustration_alt",
            field=models.CharField(
                help_text="Describes the position shown, for people who cannot see the picture.",
                max_length=400,
                verbose_name="picture description",
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="illustration_alt_en",
            field=models.CharField(
                help_text="Describes the position shown, for people who cannot see the picture.",
                max_length=400,
                null=True,
                verbose_name="picture description",
            ),
        ),
        migrations.AlterField(
            model_name="exercise",
            name="illustration_alt_es",
            field=models.CharField(
                help_text="Describes the position shown, for people who cannot see the picture.",
                max_length=400,
                null=True,
                verbose_name="picture description",
            ),
        ),
    ]
