"""The request form while the database does not answer: the form back with all it was sent.

The person sees a 503 with every answer still filled in, a note at the top saying nothing was
saved and nothing they typed is lost, and the clinic's phone; sending it again later saves it.
Everything on that page is found without the database: the clinics the form last offered and
the main location come from the cache as last kept.
"""

from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string

from armorpt.database_down import (
    DATABASE_DOWN,
    clinic_phone_context,
    log_database_down,
    unavailable,
)

from . import form_tokens
from .forms import AppointmentRequestForm
from .layouts import request_form_helper
from .site import last_kept_locations_accepting_requests

TEMPLATE = "appointments/request_form.html"


def form_back_when_database_is_down(view):
    """For the request form's view: a POST the database could not take gets its form back."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DATABASE_DOWN as error:
            if request.method != "POST":
                raise  # armorpt.database_down.DatabaseDownMiddleware's page
            log_database_down(error, "for a request form")
            return unavailable(form_as_sent(request))

    return wrapper


def form_as_sent(request: HttpRequest) -> str:
    """The page of the form, filled in with what was posted, rendered without the database.

    Unbound, with the posted values as its initial ones: validating it again could ask the
    database (the clinic's choice), and it was not its answers that failed. The form token is
    the posted one, so a send that did reach the database before it failed is not made twice.
    """
    locations = last_kept_locations_accepting_requests()
    form = AppointmentRequestForm(
        initial=request.POST.dict(), locations=locations, visitor=form_tokens.visitor_of(request)
    )
    if "location" in form.fields:
        # The kept clinics as the choices: the field's queryset would ask the database.
        field = form.fields["location"]
        field.choices = [("", field.empty_label), *((each.pk, str(each)) for each in locations)]
    context = {
        "form": form,
        "form_helper": request_form_helper(form),
        "not_saved": True,
        # No context processors: the clinic one may ask the database.
        "request": request,
        "csrf_token": get_token(request),
        **clinic_phone_context(),
    }
    return render_to_string(TEMPLATE, context)
