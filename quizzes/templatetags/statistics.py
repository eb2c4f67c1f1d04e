"""Statistics as the results pages print them: a share as a percent, a dash where there is no number."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from quizzes.results import HeatCell

register = template.Library()

DASH = "–"


@register.filter
def percent(value: float | None, places: int = 1) -> str:
    """0.4924 → "49.2%"; None (too few attempts, no spread) → a dash."""
    if value is None:
        return DASH
    return f"{value * 100:.{places}f}%"


@register.simple_tag(takes_context=True)
def heat_cell(context: template.Context, cell: HeatCell | None, class_pk: int) -> SafeString:
    """One cell of the rule heat map: the miss rate, its counts, its colour bin and a link to the attempt. Written
    here rather than in the template, and each attempt's address reversed once per page (a row's cells mostly
    link to the same attempt): a class of 200 trainees has thousands of cells, which took most of the page's time."""
    if cell is None:
        return format_html(
            '<td class="heat heat-empty"><span class="visually-hidden">no answers</span><span aria-hidden="true">·</span></td>'
        )
    body = format_html(
        '<strong>{}%</strong> <span class="heat-counts">{}/{}</span>', cell.percent, cell.misses, cell.answers
    )
    if cell.attempt_id:
        urls: dict[int, str] = context.render_context.setdefault("heat_cell_urls", {})  # type: ignore[arg-type, assignment]
        if cell.attempt_id not in urls:
            urls[cell.attempt_id] = reverse("classes:attempt", args=[class_pk, cell.attempt_id])
        body = format_html('<a href="{}">{}</a>', urls[cell.attempt_id], body)
    return format_html('<td class="heat heat-{}">{}</td>', cell.level, body)
