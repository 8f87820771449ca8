"""Second factors, via django-otp: an authenticator app (TOTP), passkeys (django-otp-webauthn)
and one-time backup codes (staff.models.BackupCodeDevice)."""

import base64
import math
import re

import django_otp
import segno
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from .models import BackupCode, BackupCodeDevice, normalised_code

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
APP_CODE = re.compile(r"^\d{6}$")


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def has_second_factor(user) -> bool:
    """Whether the second step can be asked of this person (else they set one up first)."""
    return has_app(user) or has_passkey(user) or backup_codes_left(user) > 0


def safe_next(request, default: str | None = None) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("admin:index")


def next_step_url(request) -> str:
    """Where a signed-in staff member not yet verified goes: the second step, or setting one up."""
    verify = has_second_factor(request.user)
    name = "admin:two_factor_verify" if verify else "admin:two_factor_set_up"
    return f"{reverse(name)}?{urlencode({'next': safe_next(request, request.get_full_path())})}"


def pending_app(user) -> TOTPDevice:
    """The not-yet-confirmed authenticator being set up (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").last()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_for_typing(device: TOTPDevice) -> str:
    """The key in groups of four, for apps that cannot scan."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The setup link as an SVG drawn here: the secret never goes to another service."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", lineclass=None
    )
    labelled = svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to scan with your authenticator app" ', 1
    )
    return mark_safe(labelled)  # noqa: S308 (segno's own markup, no user input inside)


@transaction.atomic
def confirm_app(request, device: TOTPDevice, code: str) -> bool:
    """Confirm the app with a code it shows; the user is then verified for this session.

    Any older app is removed: one phone per person keeps the lost-phone story simple.
    """
    if not device.verify_token(code.strip()):
        return False
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    django_otp.login(request, device)
    return True


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with fresh ones; each works once."""
    device, _ = BackupCodeDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    codes = [BackupCodeDevice.random_code() for _ in range(BACKUP_CODE_COUNT)]
    device.replace_codes(codes)
    return codes


def verify(request, code: str) -> bool:
    """Check a six-digit app code or a backup code; on success the session is verified."""
    code = normalised_code(code)
    if APP_CODE.match(code):
        devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    else:
        devices = BackupCodeDevice.objects.filter(user=request.user, confirmed=True)
    for device in devices:
        # verify_token refuses while the device is throttled after wrong codes.
        if device.verify_token(code):
            django_otp.login(request, device)
            return True
    return False


def seconds_to_wait(*devices) -> int:
    """How long django-otp's throttling still refuses codes after wrong ones (0: not at all)."""
    waits = [0]
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            waits.append(math.ceil((details["locked_until"] - timezone.now()).total_seconds()))
    return max(waits)


def refusal(*devices) -> str:
    wait = seconds_to_wait(*devices)
    if wait > 0:
        return (
            f"That code did not work. Wait {wait} seconds, then type the code "
            "the app shows at that moment."
        )
    return "That code did not work. Check it and try again."


def all_devices(user) -> list:
    return [
        *TOTPDevice.objects.filter(user=user, confirmed=True),
        *BackupCodeDevice.objects.filter(user=user, confirmed=True),
    ]


def backup_codes_left(user) -> int:
    return BackupCode.objects.filter(device__user=user, device__confirmed=True).count()


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")
