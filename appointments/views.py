from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from . import services
from .forms import AppointmentRequestForm
from .models import AppointmentRequest, Location

# The confirmation page finds the request here, so its reference never appears in a URL.
SESSION_KEY = "appointments:received"


def _confirm(request: HttpRequest, appointment: AppointmentRequest) -> HttpResponse:
    request.session[SESSION_KEY] = appointment.pk
    return redirect("appointments:received")


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def request_appointment(request: HttpRequest) -> HttpResponse:
    locations = Location.objects.accepting_requests()
    if request.method == "POST":
        already_sent = services.find_by_token(request.POST.get("form_token"))
        if already_sent:
            return _confirm(request, already_sent)
        key = services.client_key(request)
        if services.is_rate_limited(key):
            return render(request, "appointments/rate_limited.html", status=429)
        form = AppointmentRequestForm(request.POST, locations=locations)
        if form.is_valid():
            return _confirm(request, services.submit_request(form, key))
    else:
        form = AppointmentRequestForm(locations=locations)
    return render(request, "appointments/request_form.html", {"form": form})


@never_cache
@require_safe
def request_received(request: HttpRequest) -> HttpResponse:
    appointment = AppointmentRequest.objects.filter(pk=request.session.get(SESSION_KEY)).first()
    if appointment is None:
        return redirect("appointments:request")
    return render(request, "appointments/request_received.html", {"appointment": appointment})
