from django import template

from coding.engine.codes import CODES

register = template.Library()


@register.filter
def is_addon(code: str) -> bool:
    """True for add-on codes, which the code chip marks with a "+"."""
    entry = CODES.get(code)
    return bool(entry and entry.addon)
