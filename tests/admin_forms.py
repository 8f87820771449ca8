"""An admin change page posted back as a browser would, for the tests that edit through it."""

from django.db.models.fields.files import FieldFile


def _as_sent(form, data: dict) -> None:
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, FieldFile) or value is False:
            continue  # an unticked box, a file left as it is: the browser sends nothing
        data[form.add_prefix(name)] = "on" if value is True else ("" if value is None else value)


def form_as_sent(page, *, inlines: bool = True, **changes) -> dict:
    """What the page's form would send unchanged (ticked boxes as "on"), its inlines included
    unless told not to, with `changes` on top."""
    data = {}
    _as_sent(page.context["adminform"].form, data)
    for inline in page.context.get("inline_admin_formsets", []) if inlines else []:
        formset = inline.formset
        _as_sent(formset.management_form, data)
        for form in formset.initial_forms:
            _as_sent(form, data)
    data.update(changes)
    return data
