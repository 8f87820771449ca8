"""Second factors: an authenticator app (TOTP) and one-time backup codes, via django-otp."""

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
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
APP_CODE = re.compile(r"^\d{6}$")


def has_app(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def safe_next(request, default: str | None = None) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default or reverse("admin:index")


def next_step_url(request) -> str:
    """Where a signed-in staff member without a second factor goes: enter a code, or set up."""
    name = "admin:two_factor_verify" if has_app(request.user) else "admin:two_factor_set_up"
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
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request, code: str) -> bool:
    """Check a six-digit app code or a backup code; on success the session is verified."""
    code = "".join(code.split()).lower()
    if APP_CODE.match(code):
        devices = TOTPDevice.objects.filter(user=request.user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=request.user, confirmed=True)
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
        *StaticDevice.objects.filter(user=user, confirmed=True),
    ]


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
