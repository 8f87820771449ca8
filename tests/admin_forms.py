"""An admin change page posted back as a browser would, for the tests that edit through it."""

from django.db.models.fields.files import FieldFile


def form_as_sent(page, **changes) -> dict:
    """What the page's form would send unchanged (ticked boxes as "on"), with `changes` on top."""
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, FieldFile) or value is False:
            continue  # an unticked box, a file left as it is: the browser sends nothing
        data[name] = "on" if value is True else ("" if value is None else value)
    data.update(changes)
    return data
