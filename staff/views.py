"""The second sign-in step: enter a code or use a passkey, set up an authenticator app or a
passkey, see backup codes.

Open to signed-in staff whose second factor is still missing, so not behind the admin's own
permission check; everything else in the admin is.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from . import lockout, two_factor
from .forms import CodeForm, SetUpForm

BACKUP_CODES_TO_SHOW = "armorpt_backup_codes_to_show"


def signed_in_staff(view):
    @wraps(view)
    def inner(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(require_http_methods(["GET", "POST"])(inner))


@signed_in_staff
@sensitive_post_parameters("code")
def verify(request):
    if not two_factor.has_second_factor(request.user):
        return redirect(two_factor.next_step_url(request))
    next_url = two_factor.safe_next(request)
    form = CodeForm(request.POST or None, initial={"next": next_url})
    if form.is_valid():
        if two_factor.verify(request, form.cleaned_data["code"]):
            return redirect(next_url)
        form.add_error("code", two_factor.refusal(*two_factor.all_devices(request.user)))
    has_app = two_factor.has_app(request.user)
    takes_codes = has_app or two_factor.backup_codes_left(request.user) > 0
    context = {
        "form": form,
        "title": "Enter your code" if takes_codes else "Use your passkey",
        "has_app": has_app,
        "takes_codes": takes_codes,
        "has_passkey": two_factor.has_passkey(request.user),
    }
    return render(request, "staff/two_factor_verify.html", context)


@signed_in_staff
@sensitive_post_parameters("code")
def set_up(request):
    # Someone who knows only the password must not replace the app that guards the account.
    if two_factor.has_second_factor(request.user) and not request.user.is_verified():
        return redirect(two_factor.next_step_url(request))
    device = two_factor.pending_app(request.user)
    next_url = two_factor.safe_next(request)
    form = SetUpForm(request.POST or None, initial={"next": next_url})
    if form.is_valid():
        if two_factor.confirm_app(request, device, form.cleaned_data["code"]):
            request.session[BACKUP_CODES_TO_SHOW] = two_factor.new_backup_codes(request.user)
            backup_url = reverse("admin:two_factor_backup_codes")
            return redirect(f"{backup_url}?{urlencode({'next': next_url})}")
        form.add_error("code", two_factor.refusal(device))
    context = {
        "form": form,
        "title": "Set up two-step sign-in",
        "qr_code": two_factor.qr_code_svg(device),
        "secret": two_factor.secret_for_typing(device),
        "replacing": two_factor.has_app(request.user),
    }
    return render(request, "staff/two_factor_set_up.html", context)


@signed_in_staff
def backup_codes(request):
    """New codes are shown once, right after they are made; later only how many are left."""
    if not request.user.is_verified():
        return redirect(two_factor.next_step_url(request))
    if request.method == "POST":
        request.session[BACKUP_CODES_TO_SHOW] = two_factor.new_backup_codes(request.user)
        return redirect(request.get_full_path())
    context = {
        "title": "Backup codes",
        "codes": request.session.pop(BACKUP_CODES_TO_SHOW, None),
        "codes_left": two_factor.backup_codes_left(request.user),
        "next_url": two_factor.safe_next(request),
    }
    return render(request, "staff/backup_codes.html", context)


@signed_in_staff
def passkeys(request):
    """A signed-in staff member's passkeys, and the button that registers another (the
    registration itself is django-otp-webauthn's, from its script)."""
    # As for the app: a password alone must not add a way past the second step.
    if two_factor.has_second_factor(request.user) and not request.user.is_verified():
        return redirect(two_factor.next_step_url(request))
    passkeys = list(two_factor.passkeys_of(request.user))
    context = {
        "title": "Passkeys",
        "passkeys": passkeys,
        "added": bool(passkeys) and "added" in request.GET,
        "codes_left": two_factor.backup_codes_left(request.user),
        "next_url": two_factor.safe_next(request),
    }
    return render(request, "staff/passkeys.html", context)


def locked_out(request, response=None, credentials=None):
    """django-axes' answer to a sign-in while locked out (AXES_LOCKOUT_CALLABLE)."""
    everywhere = lockout.locked_everywhere(request, credentials)
    context = {
        "title": "Signing in is paused",
        "everywhere": everywhere,
        "failure_limit": (
            settings.LOGIN_USERNAME_FAILURE_LIMIT if everywhere else settings.LOGIN_FAILURE_LIMIT
        ),
        "minutes": round(settings.AXES_COOLOFF_TIME.total_seconds() / 60),
    }
    return render(request, "staff/locked_out.html", context, status=429)
