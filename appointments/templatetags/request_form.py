from crispy_forms.utils import render_crispy_form
from django import template
from django.utils.safestring import SafeString

register = template.Library()

# The empty form's fields, rendered once per process for each set of clinics it offers.
# crispy-forms' layout rendering was most of the cost of showing the form (about 10 of 14 ms).
# The per-visitor values (CSRF token, form token, signed start time) are outside the layout.
_empty_form_html: dict[tuple, SafeString] = {}
MAX_KEPT = 16


@register.simple_tag(takes_context=True)
def request_form_fields(context, form):
    """The form's fields as crispy-forms lays them out; the empty form's from memory."""
    if form.is_bound:
        return render_crispy_form(form, form.helper, context.flatten())
    key = form.layout_key()
    html = _empty_form_html.get(key)
    if html is None:
        if len(_empty_form_html) >= MAX_KEPT:
            _empty_form_html.clear()
        html = _empty_form_html[key] = render_crispy_form(form, form.helper, context.flatten())
    return html
