"""The timeline picture's geometry (contract 3): an encounter (and its coding, if any) in, a dict of SVG
shapes out. templates/coding/includes/timeline.html draws it; the builder, the share page and the quizzes use it.

Drawing only: which lane a bar sits in and how wide it is. What the bars are worth is the engine's business.
"""

import hashlib
from datetime import datetime, timedelta

from coding.engine import CodingResult, Encounter, EncounterError, parse_encounter
from coding.engine.codes import CODES
from coding.engine.schema import Administration
from coding.labels import CATEGORY_LABELS, INCIDENTAL_LABEL, PUMP_LABELS, ROUTE_LABELS

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
LEGEND = [
    {"key": key, "label": CATEGORY_LABELS.get(key, INCIDENTAL_LABEL), "pattern": pattern}
    for key, pattern in PATTERNS.items()
]
SHAPES = [
    {"key": "bar", "label": "Infusion, start to stop"},
    {"key": "push", "label": "IV push"},
    {"key": "injection", "label": "Injection or other route"},
    {"key": "point", "label": "No stop time, pump or flush"},
]


def _minutes(start: datetime, stop: datetime) -> int:
    return int((stop - start) / timedelta(minutes=1))


def _clock(moment: datetime, dated: bool) -> str:
    return moment.strftime("%d %b %H:%M") if dated else moment.strftime("%H:%M")


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


def _codes_by_administration(
    result: CodingResult | None, substances: dict[str, str]
) -> dict[str, list[dict[str, str]]]:
    """Each administration's claim lines as chips. A line several administrations earn together is one line:
    each of them names the others (`shared_with`), so nobody adds its units up once per administration."""
    codes: dict[str, list[dict[str, str]]] = {}
    for line in result.lines if result else []:
        entry = CODES.get(line.code)
        chip = ("+" if entry is not None and entry.addon else "") + line.code
        chip += f" ×{line.units}" if line.units > 1 else ""
        for administration_id in line.administrations:
            others = [substances[other] for other in line.administrations if other != administration_id]
            shared_with = _names(others) if others else ""
            text = f"{chip}, one line shared with {shared_with}" if shared_with else chip
            codes.setdefault(administration_id, []).append(
                {"chip": chip, "shared_with": shared_with, "text": text}
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
        f"{_clock(start, dated)} to {_clock(stop, dated)} ({_minutes(start, stop)} min)"
        if stop
        else f"at {_clock(start, dated)}, no stop time"
    )
    return f"{administration.substance}: {facts}, {when}"


def timeline_picture(encounter: dict | Encounter, result: CodingResult | None) -> dict:
    """Geometry for one encounter's timeline: an encounter-format dict, or the engine's Encounter when the
    caller has it already (it is then not read again). An encounter with no administrations, or one the engine
    refuses (its times may not even parse), gives an empty picture."""
    try:
        parsed = parse_encounter(encounter)
    except EncounterError:
        return {"uid": "tl-empty", "empty": True, "bars": [], "rows": []}
    uid = "tl-" + hashlib.sha1(parsed.model_dump_json().encode()).hexdigest()[:8]
    administrations = parsed.administrations
    dated = parsed.dated
    spans = [(a, a.start_at, a.stop_at) for a in administrations]
    first = min(start for _, start, _ in spans)
    last = max(stop or start + timedelta(minutes=20) for _, start, stop in spans)
    origin = first.replace(minute=0, second=0)
    end = last.replace(minute=0, second=0) + (
        timedelta(hours=1) if last.minute or last.second else timedelta()
    )
    # At least two hours across, so a short encounter still fills the card instead of huddling left.
    end = max(end, origin + timedelta(hours=2))
    total = _minutes(origin, end)
    scale = min(8.0, max(1.6, TARGET_PLOT_WIDTH / total))

    def x_of(moment: datetime) -> float:
        return LABEL_WIDTH + _minutes(origin, moment) * scale

    codes = _codes_by_administration(result, {a.id: a.substance for a in administrations})
    separate = {access.id for access in parsed.accesses if access.separate_site_necessary}
    keys = sorted(
        {_lane_key(a) for a in administrations}, key=lambda key: (key == OTHER_LANE, key != "A", key)
    )
    lanes, bars, y = [], [], AXIS_HEIGHT
    for key in keys:
        row_ends: list[float] = []
        members = sorted((s for s in spans if _lane_key(s[0]) == key), key=lambda s: s[1])
        placed = []
        for administration, start, stop in members:
            kind = _kind(administration)
            minutes = _minutes(start, stop) if stop else None
            label = administration.substance + (f" · {minutes} min" if minutes is not None else "")
            if kind == "point" and administration.route == "iv_infusion" and not administration.pump:
                label += " · no stop"
            left = x_of(start) - (0 if kind == "bar" else 10)
            right = x_of(stop) if stop else x_of(start) + 16 + len(label) * CHAR_WIDTH
            row = next((i for i, edge in enumerate(row_ends) if edge <= left), len(row_ends))
            if row == len(row_ends):
                row_ends.append(right)
            row_ends[row] = right
            placed.append((administration, start, stop, kind, label, row, left))
        height = max(len(row_ends), 1) * ROW_HEIGHT
        if key == OTHER_LANE:
            title, note = "Injections", "and other routes"
        else:
            title, note = f"IV access {key}", "separate site" if key in separate else ""
        lanes.append(
            {"key": key, "title": title, "note": note, "y": y, "height": height, "mid": y + height / 2}
        )
        for index, (administration, start, stop, kind, label, row, _) in enumerate(placed):
            top = y + row * ROW_HEIGHT + ROW_HEIGHT - BAR_HEIGHT - 6
            x = x_of(start)
            width = x_of(stop) - x if stop else 0
            # A bar's label sits above it and may run on until the next bar in its row.
            following = next((p[6] for p in placed[index + 1 :] if p[5] == row), x_of(end) + RIGHT_PAD)
            tint = "incidental" if administration.incidental else administration.category.value
            produced = codes.get(administration.id, [])
            bars.append(
                {
                    "id": administration.id,
                    "kind": kind,
                    "tint": tint,
                    "category": administration.category.value,
                    "incidental": administration.incidental,
                    "x": round(x, 1),
                    "y": top,
                    "width": round(max(width, 3), 1),
                    "cy": top + BAR_HEIGHT / 2,
                    "label": _fit(label, following - x - 10) if kind == "bar" else label,
                    "label_x": round(x + 4, 1) if kind == "bar" else round(x + 14, 1),
                    "label_y": top - 6 if kind == "bar" else top + BAR_HEIGHT / 2 + 4,
                    "path": "" if kind == "bar" else _shape_path(kind, x, top + BAR_HEIGHT / 2),
                    "push_mark": _shape_path("push", x, top + BAR_HEIGHT / 2)
                    if kind == "bar" and administration.route in PUSH_ROUTES
                    else "",
                    "title": _describe(administration, start, stop, dated)
                    + (
                        f". Codes: {'; '.join(code['text'] for code in produced)}"
                        if produced
                        else ". Not coded"
                        if result
                        else ""
                    ),
                    "codes": produced,
                }
            )
        y += height + LANE_GAP
    width = round(x_of(end) + RIGHT_PAD)
    ticks = []
    quarter_labels = scale * 15 >= 44
    moment = origin
    while moment <= end:
        major = moment.minute == 0
        if major or scale * 15 >= 10:
            if major:
                text = (
                    _clock(moment, dated)
                    if dated and (moment == origin or moment.hour == 0)
                    else moment.strftime("%H:%M")
                )
            else:
                text = moment.strftime(":%M") if quarter_labels else ""
            ticks.append({"x": round(x_of(moment), 1), "major": major, "label": text})
        moment += timedelta(minutes=15)
    rows = []
    for administration, start, stop in spans:
        rows.append(
            {
                "id": administration.id,
                "kind": _kind(administration),
                "substance": administration.substance,
                "category": CATEGORY_LABELS[administration.category],
                "route": ROUTE_LABELS[administration.route],
                "access": administration.access if administration.route in LANE_ROUTES else "—",
                "start": _clock(start, dated),
                "stop": _clock(stop, dated) if stop else "not documented",
                "minutes": _minutes(start, stop) if stop else None,
                "flags": ", ".join(_flags(administration)),
                "codes": codes.get(administration.id, []),
            }
        )
    return {
        "uid": uid,
        "empty": False,
        # Quizzes draw a case before it is answered with result None: no codes column then.
        "coded": result is not None,
        "width": width,
        "height": y - LANE_GAP + 12,
        "plot_left": LABEL_WIDTH,
        "plot_top": AXIS_HEIGHT,
        "plot_bottom": y - LANE_GAP,
        "ticks": ticks,
        "lanes": lanes,
        "bars": bars,
        "rows": rows,
        "legend": LEGEND,
        "shapes": SHAPES,
        "summary": (
            f"{len(administrations)} administration{'s' if len(administrations) != 1 else ''} "
            f"from {_clock(first, dated)} to {_clock(last, dated)} in {len(lanes)} lane"
            f"{'s' if len(lanes) != 1 else ''}; the table view lists the same data."
        ),
    }
