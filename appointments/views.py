from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from . import form_tokens, rate_limit, services
from .database_down import form_back_when_database_is_down
from .empty_form import empty_form
from .forms import AppointmentRequestForm
from .layouts import request_form_helper
from .models import AppointmentRequest
from .site import kept_locations_accepting_requests

# The confirmation page finds the request through this signed cookie (its random form token,
# never the reference or the id), so nothing about it appears in a URL and a visitor needs no
# session: pages stay cacheable and a submission writes no session row.
RECEIVED_COOKIE = "appointment_received"
RECEIVED_SALT = "appointments.received"
RECEIVED_MAX_AGE = 30 * 60


def _confirm(appointment: AppointmentRequest) -> HttpResponse:
    response = redirect("appointments:received")
    response.set_signed_cookie(
        RECEIVED_COOKIE,
        str(appointment.form_token),
        salt=RECEIVED_SALT,
        max_age=RECEIVED_MAX_AGE,
        path=reverse("appointments:received"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@form_back_when_database_is_down
def request_appointment(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return empty_form(request)
    form = AppointmentRequestForm(
        request.POST,
        locations=kept_locations_accepting_requests(),
        visitor=form_tokens.visitor_of(request),
    )
    if form.is_valid():
        try:
            appointment = services.submit_request(
                form, rate_limit.client_key(request), language=translation.get_language()
            )
            return _confirm(appointment)
        except rate_limit.RateLimited:
            return render(request, "appointments/rate_limited.html", status=429)
    return render(
        request,
        "appointments/request_form.html",
        {"form": form, "form_helper": request_form_helper(form)},
    )


@never_cache
@require_safe
def request_received(request: HttpRequest) -> HttpResponse:
    token = request.get_signed_cookie(
        RECEIVED_COOKIE, default=None, salt=RECEIVED_SALT, max_age=RECEIVED_MAX_AGE
    )
    appointment = services.find_by_token(token)
    if appointment is None:
        return redirect("appointments:request")
    return render(request, "appointments/request_received.html", {"appointment": appointment})
