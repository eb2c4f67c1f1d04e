"""The timeline picture's geometry: an encounter (and its coding, if any) in, a dict of SVG
shapes out. templates/coding/includes/timeline.html draws it; the builder, the share page and the quizzes use it.

Drawing only: which lane a bar sits in and how wide it is. What the bars are worth is the engine's business.
The picture is a dict (a page showing two names each and keeps their ids apart), typed by the TypedDicts below
and built in named steps: the clock's frame, the lanes with their bars, the ticks, the table rows, the legend.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property, lru_cache
from typing import NotRequired, TypedDict

from django.utils.safestring import SafeString

from coding.edits import EncounterData
from coding.engine import CodingResult, Encounter, EncounterError, parse_encounter
from coding.engine.codes import chip_label
from coding.engine.schema import Administration
from coding.labels import CATEGORY_LABELS, INCIDENTAL_LABEL, PUMP_LABELS, ROUTE_LABELS
from coding.markup import html, html_join

LABEL_WIDTH = 150
AXIS_HEIGHT = 40
ROW_HEIGHT = 48
LANE_GAP = 10
RIGHT_PAD = 28
BAR_HEIGHT = 20
TARGET_PLOT_WIDTH = 860  # fills the card at 1280 px; wider encounters scroll
CHAR_WIDTH = 6.6
LANE_ROUTES = {"iv_infusion", "iv_push"}
OTHER_LANE = "other"
PUSH_ROUTES = {"iv_push"}
INJECTION_ROUTES = {
    "subcutaneous",
    "intramuscular",
    "intralesional",
    "intrathecal",
    "intrapleural",
    "intraperitoneal",
    "ventricular_reservoir",
    "intra_arterial",
}

PATTERNS = {"chemotherapy": "dots", "therapeutic": "solid", "hydration": "lines", "incidental": "hatch"}
CATEGORY_BY_VALUE = {category.value: label for category, label in CATEGORY_LABELS.items()}
LEGEND = [
    {"key": key, "label": CATEGORY_BY_VALUE.get(key, INCIDENTAL_LABEL), "pattern": pattern}
    for key, pattern in PATTERNS.items()
]
SHAPES = [
    {"key": "bar", "label": "Infusion, start to stop"},
    {"key": "push", "label": "IV push"},
    {"key": "injection", "label": "Injection or other route"},
    {"key": "point", "label": "No stop time, pump or flush"},
]


class CodeChip(TypedDict):
    chip: str  # "+96361 ×2"
    shared_with: str  # the other administrations' substances when the line is shared, else ""
    text: str  # the chip in words, for titles and the table view


class Lane(TypedDict):
    key: str  # an IV access ("A", "B") or OTHER_LANE
    title: str
    note: str
    y: float
    height: float
    mid: float


class Bar(TypedDict):
    id: str
    kind: str  # "bar", "push", "injection" or "point"
    tint: str
    pattern: str  # the texture over the tint: "dots", "lines", "hatch" or "solid" (none)
    category: str
    incidental: bool
    x: float
    y: float
    width: float
    cy: float
    label: str
    label_x: float
    label_y: float
    path: str
    push_mark: str
    title: str
    codes: list[CodeChip]


class Tick(TypedDict):
    x: float
    major: bool
    label: str


class Row(TypedDict):
    """One administration in the table view (and on its builder card)."""

    id: str
    kind: str
    substance: str
    category: str
    route: str
    access: str
    start: str
    stop: str
    minutes: int | None
    flags: str
    codes: list[CodeChip]


class Picture(TypedDict):
    uid: str
    empty: bool
    bars: list[Bar]
    rows: list[Row]
    coded: NotRequired[bool]
    width: NotRequired[int]
    height: NotRequired[float]
    plot_left: NotRequired[int]
    plot_top: NotRequired[int]
    plot_bottom: NotRequired[float]
    ticks: NotRequired[list[Tick]]
    lanes: NotRequired[list[Lane]]
    summary: NotRequired[str]
    label: NotRequired[str]  # the scrolling frame's name on a page that shows two pictures, else ""
    # The lanes, the bars' SVG, the table view's rows, the ticks and the legend, drawn once here: template loops
    # over them took most of a builder re-code's time.
    lanes_markup: NotRequired[SafeString]
    legend_markup: NotRequired[SafeString]
    bars_markup: NotRequired[SafeString]
    rows_markup: NotRequired[SafeString]
    ticks_markup: NotRequired[SafeString]


@dataclass(frozen=True)
class Frame:
    """The clock the picture is drawn on: whole hours from before the first start to after the last stop."""

    origin: datetime
    end: datetime
    scale: float  # pixels per minute
    dated: bool

    def x_of(self, moment: datetime) -> float:
        return LABEL_WIDTH + _minutes(self.origin, moment) * self.scale

    @cached_property
    def right(self) -> float:
        return self.x_of(self.end) + RIGHT_PAD


@dataclass(frozen=True)
class Span:
    administration: Administration
    start: datetime
    stop: datetime | None


@dataclass(frozen=True)
class Placed:
    """A span put into a row of its lane, with its label and left edge (labels may run on to the next one)."""

    span: Span
    kind: str
    label: str
    row: int
    left: float


ONE_MINUTE = timedelta(minutes=1)


def _minutes(start: datetime, stop: datetime) -> int:
    """Whole minutes from `start` to a later `stop`."""
    return (stop - start) // ONE_MINUTE


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _clock(moment: datetime, dated: bool) -> str:
    """ "09:05", or dated "14 Mar 09:05" (formatted by hand: strftime took four times as long, twice a bar)."""
    time = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{moment.day:02d} {MONTHS[moment.month - 1]} {time}" if dated else time


def _shape_path(kind: str, cx: float, cy: float) -> str:
    if kind == "push":
        return f"M{cx:.1f},{cy - 10:.1f} L{cx + 10:.1f},{cy:.1f} L{cx:.1f},{cy + 10:.1f} L{cx - 10:.1f},{cy:.1f} Z"
    if kind == "injection":
        return f"M{cx:.1f},{cy - 10:.1f} L{cx + 10:.1f},{cy + 8:.1f} L{cx - 10:.1f},{cy + 8:.1f} Z"
    return f"M{cx - 8:.1f},{cy:.1f} a8,8 0 1,0 16,0 a8,8 0 1,0 -16,0 Z"


def _fit(text: str, pixels: float) -> str:
    room = int(pixels / CHAR_WIDTH)
    if len(text) <= room:
        return text
    return text[: room - 1].rstrip() + "…" if room >= 4 else ""


def _lane_key(administration: Administration) -> str:
    return administration.access if administration.route in LANE_ROUTES else OTHER_LANE


def _names(substances: list[str]) -> str:
    return substances[0] if len(substances) == 1 else ", ".join(substances[:-1]) + " and " + substances[-1]


NAMED_SHARERS = 2  # a shared line names up to this many other administrations in its words, else counts them


def _shared_words(chip: str, others: list[str]) -> str:
    """The chip in words for a bar's title and the table: a line shared by many administrations counts the
    others rather than naming them all in every bar and row (the table lists each administration's codes)."""
    if not others:
        return chip
    if len(others) <= NAMED_SHARERS:
        return f"{chip}, one line shared with {_names(others)}"
    return f"{chip}, one line shared with {len(others)} other administrations, each listed in the table view"


def _codes_by_administration(
    result: CodingResult | None, substances: dict[str, str]
) -> dict[str, list[CodeChip]]:
    """Each administration's claim lines as chips. A line several administrations earn together is one line:
    each of them names the others (`shared_with`), so nobody adds its units up once per administration."""
    codes: dict[str, list[CodeChip]] = {}
    for line in result.lines if result else []:
        chip = chip_label(line.code) + (f" ×{line.units}" if line.units > 1 else "")
        for administration_id in line.administrations:
            others = [substances[other] for other in line.administrations if other != administration_id]
            shared_with = _names(others) if others else ""
            text = _shared_words(chip, others)
            codes.setdefault(administration_id, []).append(
                CodeChip(chip=chip, shared_with=shared_with, text=text)
            )
    return codes


def _kind(administration: Administration) -> str:
    if administration.stop:
        return "bar"
    if administration.route in PUSH_ROUTES:
        return "push"
    if administration.route in INJECTION_ROUTES:
        return "injection"
    return "point"


def _route(administration: Administration) -> str:
    route = ROUTE_LABELS[administration.route]
    return route + (f" on access {administration.access}" if administration.route in LANE_ROUTES else "")


def _flags(administration: Administration) -> list[str]:
    facts = []
    if administration.incidental:
        facts.append("incidental")
    if administration.pump:
        facts.append(PUMP_LABELS[administration.pump].lower())
    if administration.primary:
        facts.append("primary reason")
    if administration.hormonal:
        facts.append("hormonal")
    return facts


def _describe(administration: Administration, start: datetime, stop: datetime | None, dated: bool) -> str:
    category = CATEGORY_LABELS[administration.category].lower()
    facts = ", ".join([category, _route(administration), *_flags(administration)])
    when = (
        f"{_clock(start, dated)} to {_clock(stop, dated)} ({administration.minutes} min)"
        if stop
        else f"at {_clock(start, dated)}, no stop time"
    )
    return f"{administration.substance}: {facts}, {when}"


def _frame(spans: list[Span], dated: bool) -> Frame:
    first = min(span.start for span in spans)
    last = max(span.stop or span.start + timedelta(minutes=20) for span in spans)
    origin = first.replace(minute=0, second=0)
    end = last.replace(minute=0, second=0) + (
        timedelta(hours=1) if last.minute or last.second else timedelta()
    )
    # At least two hours across, so a short encounter still fills the card instead of huddling left.
    end = max(end, origin + timedelta(hours=2))
    scale = min(8.0, max(1.6, TARGET_PLOT_WIDTH / _minutes(origin, end)))
    return Frame(origin=origin, end=end, scale=scale, dated=dated)


def _lane_order(key: str) -> tuple[bool, bool, str]:
    return key == OTHER_LANE, key != "A", key


def _place(members: list[Span], frame: Frame) -> tuple[list[Placed], int]:
    """Puts each span in the first row of its lane where it fits after the one before; returns the row count."""
    row_ends: list[float] = []
    placed = []
    for span in members:
        kind = _kind(span.administration)
        label = span.administration.substance
        if span.stop:
            label += f" · {span.administration.minutes} min"
        elif kind == "point" and span.administration.route == "iv_infusion" and not span.administration.pump:
            label += " · no stop"
        left = frame.x_of(span.start) - (0 if kind == "bar" else 10)
        right = frame.x_of(span.stop) if span.stop else frame.x_of(span.start) + 16 + len(label) * CHAR_WIDTH
        row = next((i for i, edge in enumerate(row_ends) if edge <= left), len(row_ends))
        if row == len(row_ends):
            row_ends.append(right)
        row_ends[row] = right
        placed.append(Placed(span=span, kind=kind, label=label, row=row, left=left))
    return placed, max(len(row_ends), 1)


def _bar_title(span: Span, dated: bool, produced: list[CodeChip], coded: bool) -> str:
    title = _describe(span.administration, span.start, span.stop, dated)
    if produced:
        return title + f". Codes: {'; '.join(code['text'] for code in produced)}"
    return title + (". Not coded" if coded else "")


def _bar(item: Placed, following: float, top: float, frame: Frame, codes: list[CodeChip], coded: bool) -> Bar:
    """One shape in the SVG; `following` is where the next item in its row begins (a label stops there)."""
    administration, kind = item.span.administration, item.kind
    x = frame.x_of(item.span.start)
    width = frame.x_of(item.span.stop) - x if item.span.stop else 0
    cy = top + BAR_HEIGHT / 2
    tint = "incidental" if administration.incidental else administration.category.value
    return Bar(
        id=administration.id,
        kind=kind,
        tint=tint,
        pattern=PATTERNS[tint],
        category=administration.category.value,
        incidental=administration.incidental,
        x=round(x, 1),
        y=top,
        width=round(max(width, 3), 1),
        cy=cy,
        label=_fit(item.label, following - x - 10) if kind == "bar" else item.label,
        label_x=round(x + 4, 1) if kind == "bar" else round(x + 14, 1),
        label_y=top - 6 if kind == "bar" else cy + 4,
        path="" if kind == "bar" else _shape_path(kind, x, cy),
        push_mark=_shape_path("push", x, cy) if kind == "bar" and administration.route in PUSH_ROUTES else "",
        title=_bar_title(item.span, frame.dated, codes, coded),
        codes=codes,
    )


def _lanes_and_bars(
    spans: list[Span], frame: Frame, codes: dict[str, list[CodeChip]], separate: set[str], coded: bool
) -> tuple[list[Lane], list[Bar], float]:
    """The lanes top to bottom (access A, other accesses, then injections) with their bars; returns the y
    below the last lane."""
    lanes: list[Lane] = []
    bars: list[Bar] = []
    y: float = AXIS_HEIGHT
    for key in sorted({_lane_key(span.administration) for span in spans}, key=_lane_order):
        members = sorted((s for s in spans if _lane_key(s.administration) == key), key=lambda s: s.start)
        placed, rows = _place(members, frame)
        height = rows * ROW_HEIGHT
        if key == OTHER_LANE:
            title, note = "Injections", "and other routes"
        else:
            title, note = f"IV access {key}", "separate site" if key in separate else ""
        lanes.append(Lane(key=key, title=title, note=note, y=y, height=height, mid=y + height / 2))
        for index, item in enumerate(placed):
            top = y + item.row * ROW_HEIGHT + ROW_HEIGHT - BAR_HEIGHT - 6
            following = next((p.left for p in placed[index + 1 :] if p.row == item.row), frame.right)
            bars.append(_bar(item, following, top, frame, codes.get(item.span.administration.id, []), coded))
        y += height + LANE_GAP
    return lanes, bars, y


def _ticks(frame: Frame) -> list[Tick]:
    """A line every 15 minutes when there is room, labelled on the hour (with the date at midnight)."""
    ticks = []
    quarter_labels = frame.scale * 15 >= 44
    moment = frame.origin
    while moment <= frame.end:
        major = moment.minute == 0
        if major or frame.scale * 15 >= 10:
            if major:
                dated = frame.dated and (moment == frame.origin or moment.hour == 0)
                text = _clock(moment, True) if dated else moment.strftime("%H:%M")
            else:
                text = moment.strftime(":%M") if quarter_labels else ""
            ticks.append(Tick(x=round(frame.x_of(moment), 1), major=major, label=text))
        moment += timedelta(minutes=15)
    return ticks


def _tick_markup(tick: Tick, bottom: float) -> SafeString:
    major = " tl-grid-hour" if tick["major"] else ""
    line = html(
        '<line class="tl-grid{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
        major,
        tick["x"],
        AXIS_HEIGHT - 8,
        tick["x"],
        bottom,
    )
    if not tick["label"]:
        return line
    return line + html(
        '<text class="tl-tick{}" x="{}" y="{}">{}</text>',
        " tl-tick-hour" if tick["major"] else "",
        tick["x"],
        AXIS_HEIGHT - 14,
        tick["label"],
    )


@lru_cache(maxsize=256)
def _axis(frame: Frame, bottom: float) -> tuple[tuple[Tick, ...], SafeString]:
    """The ticks and their SVG down to `bottom`: the same for every picture on one clock with as many lanes, which
    is what most changes leave as it was, so each process works them out once."""
    ticks = tuple(_ticks(frame))
    return ticks, SafeString("\n".join(_tick_markup(tick, bottom) for tick in ticks))


def _row(span: Span, dated: bool, codes: list[CodeChip]) -> Row:
    administration = span.administration
    return Row(
        id=administration.id,
        kind=_kind(administration),
        substance=administration.substance,
        category=CATEGORY_LABELS[administration.category],
        route=ROUTE_LABELS[administration.route],
        access=administration.access if administration.route in LANE_ROUTES else "—",
        start=_clock(span.start, dated),
        stop=_clock(span.stop, dated) if span.stop else "not documented",
        minutes=administration.minutes,
        flags=", ".join(_flags(administration)),
        codes=codes,
    )


def _summary(spans: list[Span], lanes: int, dated: bool) -> str:
    first = min(span.start for span in spans)
    last = max(span.stop or span.start + timedelta(minutes=20) for span in spans)
    count = len(spans)
    return (
        f"{count} administration{'s' if count != 1 else ''} from {_clock(first, dated)} to {_clock(last, dated)} "
        f"in {lanes} lane{'s' if lanes != 1 else ''}; the table view lists the same data."
    )


def _lanes_markup(lanes: list[Lane], width: int) -> SafeString:
    """Each lane's band across the picture (every other one shaded) with its title and note at the left."""
    return html_join(
        "\n",
        '<rect class="tl-lane{}" x="0" y="{}" width="{}" height="{}"/>\n'
        '<text class="tl-lane-title" x="14" y="{}" dy="{}">{}</text>{}',
        (
            (
                " tl-lane-alt" if number % 2 == 0 else "", lane["y"], width, lane["height"],
                lane["mid"], -2 if lane["note"] else 5, lane["title"],
                html('\n<text class="tl-lane-note" x="14" y="{}" dy="15">{}</text>', lane["mid"], lane["note"])
                if lane["note"]
                else "",
            )
            for number, lane in enumerate(lanes, 1)
        ),
    )  # fmt: skip


def _legend_markup(uid: str) -> SafeString:
    """The legend's items: a swatch with its texture per category, then the shapes."""
    swatches = html_join(
        "\n",
        '<li><svg width="28" height="14" aria-hidden="true" focusable="false" class="cat-{}">'
        '<rect class="tl-swatch" x="1" y="1" width="26" height="12" rx="3"/>{}</svg>{}</li>',
        (
            (
                item["key"],
                html(
                    '<rect x="1" y="1" width="26" height="12" rx="3" fill="url(#{}-{})"/>',
                    uid,
                    item["pattern"],
                )
                if item["pattern"] != "solid"
                else "",
                item["label"],
            )
            for item in LEGEND
        ),
    )
    shapes = html_join(
        "\n",
        '<li class="tl-legend-shape"><span class="tl-shape tl-shape-{}" aria-hidden="true"></span>{}</li>',
        ((shape["key"], shape["label"]) for shape in SHAPES),
    )
    return SafeString(swatches + "\n" + shapes)


def _bar_shape(bar: Bar, uid: str) -> SafeString:
    if bar["kind"] != "bar":
        return html('<path class="tl-marker tl-marker-{}" d="{}"/>', bar["kind"], bar["path"])
    shape = html(
        '<rect class="tl-bar" x="{}" y="{}" width="{}" height="20" rx="4"/>', bar["x"], bar["y"], bar["width"]
    )
    if bar["pattern"] != "solid":
        shape += html(
            '<rect class="tl-bar-texture" x="{}" y="{}" width="{}" height="20" rx="4" fill="url(#{}-{})"/>',
            bar["x"], bar["y"], bar["width"], uid, bar["pattern"],
        )  # fmt: skip
    if bar["push_mark"]:
        shape += html('<path class="tl-marker" d="{}"/>', bar["push_mark"])
    return shape


def _bars_markup(bars: list[Bar], uid: str) -> SafeString:
    """Each bar's group in the SVG: its shape, its title (what a pointer or a screen reader gets) and its label."""
    return html_join(
        "\n",
        '<g class="tl-item cat-{}{}" data-admin="{}"><title>{}</title>{}<text class="tl-label" x="{}" y="{}">{}</text></g>',
        (
            (
                bar["tint"], " is-incidental" if bar["incidental"] else "", bar["id"], bar["title"],
                _bar_shape(bar, uid), bar["label_x"], bar["label_y"], bar["label"],
            )
            for bar in bars
        ),
    )  # fmt: skip


def _rows_markup(rows: list[Row], coded: bool) -> SafeString:
    """The table view's rows, with a codes column when the picture is coded."""
    return html_join(
        "\n",
        '<tr data-admin="{}"><th scope="row">{}</th>{}<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        "<td>{}</td><td>{}</td></tr>",
        (
            (
                row["id"],
                row["substance"],
                html(
                    '<td class="mono table-codes">{}</td>',
                    "; ".join(code["text"] for code in row["codes"]) or "not coded",
                )
                if coded
                else "",
                row["category"],
                row["route"],
                row["access"],
                row["start"],
                row["stop"],
                "—" if row["minutes"] is None else row["minutes"],
                row["flags"] or "—",
            )
            for row in rows
        ),
    )


EMPTY_PICTURE = Picture(uid="tl-empty", empty=True, bars=[], rows=[])


def timeline_picture(
    encounter: EncounterData | Encounter,
    result: CodingResult | None,
    *,
    label: str = "",
    uid_suffix: str = "",
) -> Picture:
    """Geometry for one encounter's timeline: an encounter-format dict, or the engine's Encounter when the
    caller has it already (it is then not read again). An encounter with no administrations, or one the engine
    refuses (its times may not even parse), gives an empty picture. A page showing two pictures names each
    (`label`, its scrolling frame's name) and keeps their ids apart (`uid_suffix`, even for one encounter)."""
    try:
        parsed = parse_encounter(encounter)
    except EncounterError:
        return EMPTY_PICTURE
    spans = [Span(a, a.start_at, a.stop_at) for a in parsed.administrations]
    frame = _frame(spans, parsed.dated)
    codes = _codes_by_administration(result, {a.id: a.substance for a in parsed.administrations})
    separate = {access.id for access in parsed.accesses if access.separate_site_necessary}
    lanes, bars, bottom = _lanes_and_bars(spans, frame, codes, separate, coded=result is not None)
    uid = "tl-" + hashlib.sha1(parsed.model_dump_json().encode()).hexdigest()[:8] + uid_suffix
    rows = [_row(span, parsed.dated, codes.get(span.administration.id, [])) for span in spans]
    ticks, ticks_markup = _axis(frame, bottom - LANE_GAP)
    return Picture(
        uid=uid,
        empty=False,
        # Quizzes draw a case before it is answered with result None: no codes column then.
        coded=result is not None,
        width=round(frame.right),
        height=bottom - LANE_GAP + 12,
        plot_left=LABEL_WIDTH,
        plot_top=AXIS_HEIGHT,
        plot_bottom=bottom - LANE_GAP,
        ticks=list(ticks),
        lanes=lanes,
        bars=bars,
        rows=rows,
        lanes_markup=_lanes_markup(lanes, round(frame.right)),
        legend_markup=_legend_markup(uid),
        bars_markup=_bars_markup(bars, uid),
        rows_markup=_rows_markup(rows, coded=result is not None),
        ticks_markup=ticks_markup,
        summary=_summary(spans, len(lanes), parsed.dated),
        label=label,
    )
