"""How the request form is laid out on its page: crispy-forms' groups, columns and notes.

Presentation only; what is valid stays in forms.AppointmentRequestForm. Built only when the form
is shown, never for a valid send.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout
from django.utils.html import format_html
from django.utils.translation import gettext

from .models import PREFERRED_TIME_FIELDS, RED_FLAG_FIELDS


def request_form_helper(form) -> FormHelper:
    """The layout of the request form's page, for `{% crispy form form_helper %}`."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    location = ["location"] if "location" in form.fields else []
    helper.layout = Layout(
        Fieldset(
            gettext("About you"),
            Div(
                Div("first_name", css_class="col-sm-6"),
                Div("last_name", css_class="col-sm-6"),
                css_class="row",
            ),
            "phone",
            "email",
            "contact_method",
            "text_consent",
            "call_language",
            "other_call_language",
            "needs_interpreter",
            css_class="request-form__group",
        ),
        Fieldset(
            gettext("When and where"),
            *location,
            Fieldset(
                gettext("Which times usually suit you? (optional)"),
                *PREFERRED_TIME_FIELDS,
                css_class="request-form__subgroup",
            ),
            css_class="request-form__group",
        ),
        Fieldset(
            gettext("About your pain"),
            "pain_area",
            "pain_duration",
            Fieldset(
                gettext("Do any of these apply to you now?"),
                HTML(
                    format_html(
                        '<p class="form-text mt-0">{}</p>',
                        gettext(
                            "If one of these applies, get help first: the box that appears "
                            "says where. You can still send this request."
                        ),
                    )
                ),
                *RED_FLAG_FIELDS,
                css_class="request-form__subgroup",
                css_id="red-flags",
            ),
            HTML('{% include "appointments/includes/urgent_now.html" with live=True %}'),
            Field("message"),
            "insurance",
            css_class="request-form__group",
        ),
        Div(Field("website"), css_class="request-form__trap", aria_hidden="true"),
        Fieldset(gettext("Agreement"), "consented", css_class="request-form__group"),
    )
    return helper
