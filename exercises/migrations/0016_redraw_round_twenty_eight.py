"""The figures redrawn after 0015, for sites that already ran it: 0013's update again, with the
fingerprints of every value shipped since 0007 that today's content no longer has
(`python scripts/shipped_fingerprints.py 42b9328`, as for 0013 to 0015)."""

import importlib

from django.db import migrations

shipped_update = importlib.import_module("exercises.migrations.0013_redraw_shipped_figures")
EARLIER = shipped_update.earlier_shipped(__file__)


class Migration(migrations.Migration):
    dependencies = [("exercises", "0015_redraw_round_eighteen")]
    operations = [shipped_update.redrawing(EARLIER)]
