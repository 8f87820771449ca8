"""Move django-otp's plain backup codes (StaticToken) into staff.BackupCode as digests."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac


def digest(code):
    # Frozen here as staff.models.code_digests computes it today, so this migration gives the
    # same answer whatever the model's code becomes.
    value = "".join(code.split()).lower()
    return salted_hmac(
        "staff.BackupCode", value, secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def hash_plain_codes(apps, schema_editor):
    StaticDevice = apps.get_model("otp_static", "StaticDevice")
    BackupCodeDevice = apps.get_model("staff", "BackupCodeDevice")
    BackupCode = apps.get_model("staff", "BackupCode")
    for old in StaticDevice.objects.prefetch_related("token_set"):
        new = BackupCodeDevice.objects.create(
            user_id=old.user_id, name=old.name, confirmed=old.confirmed
        )
        digests = {digest(token.token) for token in old.token_set.all()}
        BackupCode.objects.bulk_create(BackupCode(device=new, digest=d) for d in digests)
        old.delete()  # and its plain tokens with it


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    # Backwards there is nothing to restore: the plain codes are gone, and staff make new ones.
    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
