"""Statistics as the results pages print them: a share as a percent, a dash where there is no number."""

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString

from coding.markup import html
from quizzes.results import HeatCell

register = template.Library()

DASH = "–"
EMPTY_CELL = SafeString(
    '<td class="heat heat-empty"><span class="visually-hidden">no answers</span><span aria-hidden="true">·</span></td>'
)


@register.filter
def percent(value: float | None, places: int = 1) -> str:
    """0.4924 → "49.2%"; None (too few attempts, no spread) → a dash."""
    if value is None:
        return DASH
    return f"{value * 100:.{places}f}%"


@register.simple_tag(takes_context=True)
def heat_cells(context: template.Context, cells: list[HeatCell | None], class_pk: int) -> SafeString:
    """A row of the rule heat map: each cell the miss rate, its counts, its colour bin and a link to the attempt.
    Written here rather than in the template, a row at a time, with each attempt's address reversed once per page
    (a row's cells mostly link to the same attempt): a class of 200 trainees has thousands of cells, which took
    most of the page's time."""
    urls: dict[int, str] = context.render_context.setdefault("heat_cell_urls", {})  # type: ignore[arg-type, assignment]
    html_cells = []
    for cell in cells:
        if cell is None:
            html_cells.append(EMPTY_CELL)
            continue
        body = html(
            '<strong>{}%</strong> <span class="heat-counts">{}/{}</span>',
            cell.percent,
            cell.misses,
            cell.answers,
        )
        if cell.attempt_id:
            if cell.attempt_id not in urls:
                urls[cell.attempt_id] = reverse("classes:attempt", args=[class_pk, cell.attempt_id])
            body = html('<a href="{}">{}</a>', urls[cell.attempt_id], body)
        html_cells.append(html('<td class="heat heat-{}">{}</td>', cell.level, body))
    return SafeString("".join(html_cells))
