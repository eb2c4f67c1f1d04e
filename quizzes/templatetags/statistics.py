"""Statistics as the results pages print them: a share as a percent, a dash where there is no number."""

from django import template

register = template.Library()

DASH = "–"


@register.filter
def percent(value: float | None, places: int = 1) -> str:
    """0.4924 → "49.2%"; None (too few attempts, no spread) → a dash."""
    if value is None:
        return DASH
    return f"{value * 100:.{places}f}%"
