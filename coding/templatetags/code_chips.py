"""`{% load code_chips %}`: the one way a template asks whether a code is an add-on, and the code chip."""

from django import template

from coding import markup
from coding.engine.codes import is_addon as code_is_addon

register = template.Library()


@register.filter
def is_addon(code: str) -> bool:
    """True for add-on codes, which the code chip marks with a "+"."""
    return code_is_addon(code)


register.simple_tag(markup.code_chip)
