from base64 import b32encode
from os import urandom

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django_otp.models import Device, ThrottlingMixin, TimestampMixin

# Part of every stored digest: changing it makes every backup code stop working.
BACKUP_CODE_KEY_SALT = "staff.BackupCode"


def normalised_code(code: str) -> str:
    """Backup codes are typed as they are read: spaces and capitals do not matter."""
    return "".join(code.split()).lower()


def code_digests(code: str) -> list[str]:
    """The code's keyed digest under the secret key and each fallback key (so codes survive a
    key rotation). Keyed, because a backup code is short: a plain hash of one copied from the
    database would be reversed by trying every code; without the key, it cannot be."""
    value = normalised_code(code)
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [
        salted_hmac(BACKUP_CODE_KEY_SALT, value, secret=secret, algorithm="sha256").hexdigest()
        for secret in secrets
    ]


class BackupCodeDevice(TimestampMixin, ThrottlingMixin, Device):
    """A person's set of one-time backup codes, stored only as digests.

    Replaces django-otp's StaticDevice, which keeps the codes as typed.
    """

    class Meta:
        verbose_name = "backup codes"
        verbose_name_plural = "backup codes"
        ordering = ["user", "name"]

    def __str__(self):
        return f"{self.name} of {self.user}"

    def get_throttle_factor(self):
        return 1

    @staticmethod
    def random_code() -> str:
        """Eight characters from a–z and 2–7 (40 random bits), as django-otp's codes were."""
        return b32encode(urandom(5)).decode().lower()

    def replace_codes(self, codes: list[str]) -> None:
        self.codes.all().delete()
        BackupCode.objects.bulk_create(
            BackupCode(device=self, digest=code_digests(code)[0]) for code in codes
        )

    def verify_token(self, token: str) -> bool:
        allowed, _ = self.verify_is_allowed()
        if not allowed:
            return False
        # One DELETE both finds the code and spends it. Of two requests with the same code at
        # the same moment, the database lets only one of them remove the row; the other
        # deletes nothing and is refused.
        used, _ = self.codes.filter(digest__in=code_digests(token)).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
        else:
            self.throttle_increment()
        return bool(used)


class BackupCode(models.Model):
    """One unused backup code, as its digest: the code itself is shown once and kept nowhere."""

    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(
        max_length=64, help_text="Keyed SHA-256 of the code; the code cannot be read from it."
    )

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["device", "digest"], name="backup_code_unique")
        ]

    def __str__(self):
        return f"A backup code of {self.device.user}"
