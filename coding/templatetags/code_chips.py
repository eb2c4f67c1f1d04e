"""`{% load code_chips %}`: the one way a template asks whether a code is an add-on, and the code chip."""

from collections.abc import Sequence

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from coding.engine.codes import is_addon as code_is_addon

register = template.Library()


@register.filter
def is_addon(code: str) -> bool:
    """True for add-on codes, which the code chip marks with a "+"."""
    return code_is_addon(code)


@register.simple_tag
def code_chip(code: str, units: int = 1, modifiers: Sequence[str] = (), title: str = "") -> SafeString:
    """A code as a chip (templates/includes/code_chip.html): units past one and modifiers beside it, add-ons
    marked with the "addon" class (the "+" comes from CSS), an optional title."""
    extras = format_html_join("", ' <span class="units">{}</span>', ((f"-{m}",) for m in modifiers or ()))
    if units and units > 1:
        extras = format_html(' <span class="units">×{}</span>{}', units, extras)
    return format_html(
        '<span class="code-chip{}"{}>{}{}</span>',
        " addon" if code_is_addon(code) else "",
        format_html(' title="{}"', title) if title else "",
        code,
        extras,
    )
