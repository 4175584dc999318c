"""Template filters of the dues pages: amounts in đồng with the Vietnamese thousands separator."""

from django import template

from .. import rules

register = template.Library()


@register.filter
def vnd(amount) -> str:
    if amount in (None, ""):
        return ""
    return rules.vnd(int(amount))
