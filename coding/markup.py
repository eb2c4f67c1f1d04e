"""Markup drawn in Python where a template loop would cost most of a page: the picture's bars, rows and ticks,
the Codes region's lines and notes, and the code chip (also the `{% code_chip %}` tag).

`html` is format_html without its checks for lazy text, which took most of the time there; the same escaping:
everything not already safe goes through html.escape, as django.utils.html.escape does, except numbers.
"""

import html as html_module
from collections.abc import Iterable, Sequence

from django.utils.safestring import SafeData, SafeString

from coding.engine.codes import is_addon

# Values whose text never holds a character to escape: the picture puts in hundreds of coordinates per change.
NUMBERS = frozenset({int, float})


def html(template: str, *values: object) -> SafeString:
    """`template` with `values` put in, each escaped unless it is already safe (or a number)."""
    return SafeString(
        template.format(
            *(
                value
                if type(value) in NUMBERS or isinstance(value, SafeData)
                else html_module.escape(str(value))
                for value in values
            )
        )
    )


def html_join(separator: str, template: str, rows: Iterable[tuple[object, ...]]) -> SafeString:
    """`template` filled once per row, joined by `separator`."""
    return SafeString(separator.join(html(template, *row) for row in rows))


def code_chip(code: str, units: int = 1, modifiers: Sequence[str] = (), title: str = "") -> SafeString:
    """A code as a chip (templates/includes/code_chip.html): units past one and modifiers beside it, add-ons
    marked with the "addon" class (the "+" comes from CSS), an optional title."""
    extras = html_join("", ' <span class="units">{}</span>', ((f"-{m}",) for m in modifiers or ()))
    if units and units > 1:
        extras = html(' <span class="units">×{}</span>{}', units, extras)
    return html(
        '<span class="code-chip{}"{}>{}{}</span>',
        " addon" if is_addon(code) else "",
        html(' title="{}"', title) if title else "",
        code,
        extras,
    )
