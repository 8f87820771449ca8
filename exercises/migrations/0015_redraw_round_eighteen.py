"""The figures redrawn after 0014, for sites that already ran it: 0013's update again, with the
fingerprints of every value shipped since 0007 that today's content no longer has
(`python scripts/shipped_fingerprints.py 42b9328`, as for 0013 and 0014)."""

import importlib
import json
from pathlib import Path

from django.db import migrations

shipped_update = importlib.import_module("exercises.migrations.0013_redraw_shipped_figures")
EARLIER = json.loads(Path(__file__).with_name("0015_earlier_shipped.json").read_text("utf-8"))


def forwards(apps, schema_editor):
    shipped_update.update(apps, EARLIER)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0014_redraw_round_thirteen")]
    # Backwards keeps today's figures: the fingerprints cannot give the old ones back.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
