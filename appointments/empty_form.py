"""The empty request form's page, kept rendered with holes for what is each visitor's own.

Most people who open the form see it empty, and laying it out is the dearest part of showing
it. So it is rendered once per content version and address, with placeholders where the CSRF
token and the form token (signed with its start time for this visitor, form_tokens.py) go, and
each visitor gets a copy with their own values put in. Anyone the page cache would not serve
(staff, a message waiting) gets the page rendered as usual.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string

from armorpt.page_cache import kept_until_content_changes, may_use_cache

from . import form_tokens
from .forms import AppointmentRequestForm
from .layouts import request_form_helper
from .site import kept_locations_accepting_requests

TEMPLATE = "appointments/request_form.html"
# Never in a real page: the values that replace them are letters, digits, "-", "_" and ":".
CSRF_HOLE, TOKEN_HOLE = "{{csrf-hole}}", "{{form-token-hole}}"


def empty_form(request: HttpRequest) -> HttpResponse:
    if not may_use_cache(request):
        form = AppointmentRequestForm(
            locations=kept_locations_accepting_requests(),
            visitor=form_tokens.visitor_of(request),
        )
        return render(request, TEMPLATE, {"form": form, "form_helper": request_form_helper(form)})
    # The page links its canonical address, and it is in the address's language.
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    page = kept_until_content_changes(
        f"armorpt:empty-request-form:{address}",
        lambda: page_with_holes(request),
        timeout=settings.PAGE_CACHE_SECONDS,
    )
    return HttpResponse(
        page.replace(CSRF_HOLE, get_token(request)).replace(
            TOKEN_HOLE, form_tokens.issue(form_tokens.visitor_of(request))
        )
    )


def page_with_holes(request: HttpRequest) -> str:
    form = AppointmentRequestForm(
        locations=kept_locations_accepting_requests(), initial={"form_token": TOKEN_HOLE}
    )
    return render_to_string(
        TEMPLATE,
        {"form": form, "form_helper": request_form_helper(form), "csrf_token": CSRF_HOLE},
        request,
    )
