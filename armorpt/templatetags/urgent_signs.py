from django import template

from armorpt.urgent_signs import URGENT_TIERS

register = template.Library()


@register.simple_tag
def urgent_tiers():
    """The three tiers of urgent signs, for any template (a page, the 500 page, an e-mail)."""
    return URGENT_TIERS
