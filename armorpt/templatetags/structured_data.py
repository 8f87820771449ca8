import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The same escaping as Django's json_script: no "</script>" or "<!--" can end the element early.
_SCRIPT_SAFE = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict) -> str:
    """schema.org data for search engines. The CSP allows it: browsers never execute this type."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_SAFE)
    # Safe: the payload is JSON escaped exactly as json_script does.
    script = mark_safe(payload)  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', script)
