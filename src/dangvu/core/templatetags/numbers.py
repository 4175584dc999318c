"""Figures as a Vietnamese reader writes them: "4.911", "93,3", and "—" where there is no figure."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure(value) -> str:
    """{{ value|figure }}: thousands with ".", decimals with ",", an empty value as "—"; text as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        return number_format(value, use_l10n=True, force_grouping=True)
    return str(value)
