"""The IV chain of one access site: hydration, therapeutic and chemotherapy infusions and pushes.

One initial service (R-C1), chosen by the facility hierarchy (R-C3) or the office's primary reason
(R-C4); every other service is sequential, concurrent or an additional hour (R-C2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coding.engine import timeline, units
from coding.engine.explain import article, clock, minutes_text, name, names, plural
from coding.engine.schema import Administration, Category, Route, Setting
from coding.engine.sheet import Draft, Sheet
from coding.engine.timeline import Interval

CATEGORY_RANK = {Category.CHEMOTHERAPY: 3, Category.THERAPEUTIC: 2, Category.HYDRATION: 1}
KIND_RANK = {"infusion": 2, "hydration": 2, "push": 1}

FIRST_HOUR = {
    ("infusion", Category.THERAPEUTIC): "96365",
    ("infusion", Category.CHEMOTHERAPY): "96413",
    ("push", Category.THERAPEUTIC): "96374",
    ("push", Category.CHEMOTHERAPY): "96409",
    ("hydration", Category.HYDRATION): "96360",
}
FURTHER_HOUR = {Category.THERAPEUTIC: "96366", Category.CHEMOTHERAPY: "96415", Category.HYDRATION: "96361"}
SEQUENTIAL_INFUSION = {Category.THERAPEUTIC: "96367", Category.CHEMOTHERAPY: "96417"}
SEQUENTIAL_PUSH = {Category.THERAPEUTIC: "96375", Category.CHEMOTHERAPY: "96411"}


@dataclass
class Service:
    """What the chain codes: one infusion (the summed intervals of one drug), one push, or the site's hydration."""

    kind: str  # "infusion", "push" or "hydration"
    category: Category
    drug: str
    administrations: list[Administration]
    intervals: list[Interval]
    start: datetime
    order: int
    documented: int
    primary: bool
    concurrent_with: Service | None = None
    reason: str = ""  # how an infusion became a push, for the why sentence

    @classmethod
    def of(
        cls,
        kind: str,
        administrations: list[Administration],
        intervals: list[Interval],
        ctx: Context,
        **extra,
    ) -> Service:
        """A service of these administrations; `intervals` empty for a push (its moment is its start)."""
        first = administrations[0]
        return cls(
            kind=kind,
            category=first.category,
            drug=first.drug_key,
            administrations=administrations,
            intervals=intervals,
            start=intervals[0][0] if intervals else first.start_at,
            order=min(ctx.order[a.id] for a in administrations),
            documented=extra.pop(
                "documented", timeline.minutes(intervals) if intervals else first.minutes or 0
            ),
            primary=any(a.primary for a in administrations),
            **extra,
        )

    @property
    def minutes(self) -> int:
        return timeline.minutes(self.intervals)

    @property
    def identity(self) -> tuple[str, Category]:
        """The same drug: the same substance (trimmed, any case) in the same category."""
        return (self.drug, self.category)

    @property
    def end(self) -> datetime:
        return self.intervals[-1][1] if self.intervals else self.start

    @property
    def rank(self) -> tuple:
        """The facility hierarchy, then the longest documented time, the earliest start, input order."""
        return (
            CATEGORY_RANK[self.category],
            KIND_RANK[self.kind],
            self.documented,
            -self.start.timestamp(),
            -self.order,
        )

    @property
    def label(self) -> str:
        return names(self.administrations)


@dataclass
class Context:
    setting: Setting
    dated: bool
    order: dict[str, int]  # administration id -> input position
    drug_time: list[Interval]  # every drug infusion and timed push, on any access (R-E5)
    sheet: Sheet
    last_documented: datetime  # the encounter's last documented start or stop
    concurrent: list[Service] = field(default_factory=list)

    def at(self, moment: datetime) -> str:
        return clock(moment, self.dated)

    def running(self, a: Administration) -> Interval:
        """When an administration ran: start to stop, and a pump with no stop until the encounter's last
        documented time (0.1). The one place that decides how long an untimed pump runs."""
        stop = a.stop_at
        if stop is None:
            stop = max(a.start_at, self.last_documented) if a.pump is not None else a.start_at
        return (a.start_at, stop)


def code_chain(
    administrations: list[Administration], ctx: Context, site: str, pumps: list[Administration]
) -> Draft | None:
    """Code one site's chain; returns its initial line (None when nothing on the site is reportable).

    `pumps` are the site's prolonged chemotherapy pump starts: coded beside the chain, but a drug hung
    alongside one may still be concurrent to it (0.5).
    """
    pushes, infusions = _drug_services(administrations, ctx)
    _resolve_overlaps(infusions, ctx)
    pushes += [s for s in infusions if s.kind == "push"]
    kept = [s for s in infusions if s.kind == "infusion" and s.concurrent_with is None]
    ctx.concurrent += [s for s in infusions if s.concurrent_with is not None]
    hydration = _hydration(administrations, ctx)

    candidates = kept + pushes + ([hydration] if hydration else [])
    if not candidates:
        return None
    initial = _choose_initial(candidates, administrations, ctx)
    competed = len(candidates) + sum(s.concurrent_with is not None for s in infusions) > 1
    alone = len(administrations) == len(initial.administrations) and not pumps
    _clock_order(initial, candidates, ctx)
    first = _code_initial(initial, ctx, competed, site, alone)
    _pair_with_pumps([s for s in infusions if s.kind == "infusion" and s is not initial], pumps, ctx)
    for service in kept:
        if service is not initial and service.concurrent_with is None:
            _code_sequential_infusion(service, initial, ctx)
    _code_pushes(pushes, [s for s in infusions if s.kind == "infusion"], initial, ctx)
    if hydration and hydration is not initial:
        _code_secondary_hydration(hydration, initial, ctx)
    return first


# Building the services ---------------------------------------------------------------------------


def _drug_services(
    administrations: list[Administration], ctx: Context
) -> tuple[list[Service], list[Service]]:
    pushes: list[Service] = []
    by_drug: dict[tuple[str, Category], list[Administration]] = {}
    for a in administrations:
        if a.category is Category.HYDRATION:
            continue
        if a.route is Route.IV_PUSH:
            if a.minutes is not None and a.minutes > units.PUSH_MAX_MINUTES:
                ctx.sheet.note(
                    "R-B1",
                    f"{name(a)} is documented as a push lasting {minutes_text(a.minutes)}: it stays a push "
                    "because the clinician was present throughout; confirm that presence in the record.",
                    a,
                )
            pushes.append(_push(a, ctx))
        elif a.stop is None:
            ctx.sheet.note(
                "R-D8",
                f"{name(a)} has no stop time, so the infusion cannot be timed: it is coded as a push.",
                a,
            )
            pushes.append(_push(a, ctx, reason="it has no stop time, so it is coded as a push"))
        elif units.is_push_length(a.minutes):
            pushes.append(
                _push(a, ctx, reason=f"it ran {minutes_text(a.minutes)}, 15 or less, so it counts as a push")
            )
        else:
            by_drug.setdefault((a.drug_key, a.category), []).append(a)

    infusions = []
    for group in by_drug.values():
        intervals = timeline.union((a.start_at, a.stop_at) for a in group)
        if len(group) > 1:
            ctx.sheet.note(
                "R-D9",
                f"{name(group[0])} was infused {plural(len(group), 'time')}; our reading adds the intervals "
                f"together ({minutes_text(timeline.minutes(intervals))}) and times them as one infusion. "
                "One expert reading times each interval alone.",
                *group,
            )
        infusions.append(Service.of("infusion", group, intervals, ctx))
    return pushes, infusions


def _push(a: Administration, ctx: Context, reason: str = "") -> Service:
    return Service.of("push", [a], [], ctx, reason=reason)


def _precedence(ctx: Context, services: list[Service]):
    """Which service keeps shared minutes and wins the initial: hierarchy, or the office's primary reason."""
    chemo_given = any(s.category is Category.CHEMOTHERAPY for s in services)
    prefer_primary = ctx.setting is Setting.PROFESSIONAL and not chemo_given
    return lambda s: (prefer_primary and s.primary, *s.rank)


def _resolve_overlaps(infusions: list[Service], ctx: Context) -> None:
    """Concurrent when two drugs overlap by more than 15 minutes; otherwise the higher one keeps the minutes (0.3)."""
    spans: list[tuple[datetime, datetime, Service]] = []  # services already placed, with their final spans
    for service in sorted(infusions, key=_precedence(ctx, infusions), reverse=True):
        start, end = service.start, service.end
        meeting = [p for p_start, p_end, p in spans if p_start < end and start < p_end]
        partner = _concurrency_partner(service, meeting)
        if partner is not None:
            service.concurrent_with = partner
            spans.append((service.start, service.end, service))
            continue
        taken = [p for p in meeting if timeline.overlap_minutes(p.intervals, service.intervals)]
        if taken:
            before = service.minutes
            service.intervals = timeline.subtract(service.intervals, [i for p in taken for i in p.intervals])
            lost = before - service.minutes
            ctx.sheet.note(
                "R-D10",
                f"{service.label} overlapped {names([a for p in taken for a in p.administrations])} by "
                f"{minutes_text(lost)}, 15 or less: not concurrent. Those minutes stay with the higher-ranked "
                f"service and {service.label} is timed on the {minutes_text(service.minutes)} that remain.",
                *service.administrations,
            )
            if units.is_push_length(service.minutes):
                service.kind = "push"
                service.reason = f"only {minutes_text(service.minutes)} remain once the overlap is removed, so it counts as a push"
                service.intervals = []
        if service.intervals:
            spans.append((service.start, service.end, service))


def _concurrency_partner(service: Service, partners: list[Service]) -> Service | None:
    """The partner whose overlap with this drug, of more than 15 minutes, begins first (0.3, R-E4 dating)."""
    best: tuple[datetime, Service] | None = None
    for partner in partners:
        if partner.identity == service.identity or not partner.intervals:
            continue
        # No overlap with this partner can begin before both have started: skip it when that is too late.
        if best is not None and max(partner.start, service.start) >= best[0]:
            continue
        if timeline.overlap_minutes(partner.intervals, service.intervals) > units.CONCURRENT_OVERLAP:
            began = timeline.intersect(partner.intervals, service.intervals)[0][0]
            if best is None or began < best[0]:
                best = (began, partner)
            if began == service.start:  # no overlap begins before the drug itself
                break
    return best[1] if best else None


def _hydration(administrations: list[Administration], ctx: Context) -> Service | None:
    bags = [a for a in administrations if a.category is Category.HYDRATION]
    timed = [a for a in bags if a.stop is not None]
    for a in bags:
        if a.stop is None:
            ctx.sheet.note(
                "R-D8", f"{name(a)} has no stop time: hydration that cannot be timed is not reportable.", a
            )
    if not timed:
        return None
    documented = timeline.union((a.start_at, a.stop_at) for a in timed)
    remaining = timeline.subtract(documented, ctx.drug_time)
    removed = timeline.minutes(documented) - timeline.minutes(remaining)
    total = timeline.minutes(remaining)
    if removed:
        ctx.sheet.note(
            "R-E5",
            f"{minutes_text(removed)} of hydration ran at the same time as a drug and are not counted: "
            f"hydration is never concurrent. {minutes_text(total)} remain.",
            *timed,
        )
    if len(remaining) > 1 and units.hydration_reportable(total):
        ctx.sheet.note(
            "R-D11",
            f"The hydration intervals are added together ({minutes_text(total)}). Some payers refuse to add "
            "hydration before and after a drug.",
            *timed,
        )
    if not units.hydration_reportable(total):
        ctx.sheet.note(
            "R-D3",
            f"{names(timed)}: {minutes_text(total)} of hydration, under 31, is not reportable and never becomes a push.",
            *timed,
        )
        return None
    return Service.of("hydration", timed, remaining, ctx, documented=timeline.minutes(documented))


# Choosing and coding ---------------------------------------------------------------------------


def _choose_initial(
    candidates: list[Service], administrations: list[Administration], ctx: Context
) -> Service:
    if ctx.setting is Setting.FACILITY:
        initial = max(candidates, key=lambda s: s.rank)
        _tie(initial, candidates, ctx)
        return initial
    chemo = [s for s in candidates if s.category is Category.CHEMOTHERAPY]
    marked = [s for s in candidates if s.primary]
    if chemo:
        initial = max(chemo, key=lambda s: s.rank)
        if marked and initial not in marked:
            ctx.sheet.note(
                "R-C4",
                f"{initial.label} is chemotherapy, so it is the initial service although "
                f"{names([a for s in marked for a in s.administrations])} is marked as the primary reason: "
                "chemotherapy add-on codes accept no other initial service.",
                *initial.administrations,
            )
        return initial
    if marked:
        return max(marked, key=lambda s: s.rank)
    unreportable = [a for a in administrations if a.primary]
    if unreportable:
        ctx.sheet.note(
            "R-C4",
            f"{names(unreportable)} is marked as the primary reason but is not reportable here, "
            "so the hierarchy picks the initial service.",
            *unreportable,
        )
    return max(candidates, key=lambda s: s.rank)


def _tie(initial: Service, candidates: list[Service], ctx: Context) -> None:
    """Among services of equal rank the longest documented time wins, then the earliest start (0.2).

    Said only where it beat the clock: an equal-ranked service started no later than the one chosen.
    """
    equal = [
        s
        for s in candidates
        if s.identity != initial.identity and s.rank[:2] == initial.rank[:2] and s.start <= initial.start
    ]
    if equal:
        ctx.sheet.note(
            "R-C3",
            f"{initial.label} and {names([a for s in equal for a in s.administrations])} rank equally in the "
            "hierarchy; our reading gives the initial service to the longest documented time, then the earliest "
            "start.",
            *initial.administrations,
        )


def _clock_order(initial: Service, candidates: list[Service], ctx: Context) -> None:
    """Say so when the initial service is not the first one given: the trap trainees fall into most (0.6)."""
    earlier = [a for s in candidates for a in s.administrations if a.start_at < initial.start]
    if not earlier:
        return
    first = min(earlier, key=lambda a: (a.start_at, ctx.order[a.id]))
    decided = (
        "the facility hierarchy"
        if ctx.setting is Setting.FACILITY
        else "the office's choice of initial service"
    )
    ctx.sheet.note(
        "R-C3" if ctx.setting is Setting.FACILITY else "R-C4",
        f"{initial.label} is the initial service although {name(first)} was given first, at {ctx.at(first.start_at)}: "
        f"{decided} decides, not the clock.",
        *initial.administrations,
    )


def _pair_with_pumps(services: list[Service], pumps: list[Administration], ctx: Context) -> None:
    """A running chemotherapy pump on the line is a concurrency partner like any infusion (0.3, 0.5).

    Every infusion but the initial is paired with whichever partner, pump or drug, it first overlapped
    by more than 15 minutes, so that 96368 is dated where that overlap begins.
    """
    running = [Service.of("infusion", [pump], [ctx.running(pump)], ctx) for pump in pumps]
    running = [pump for pump in running if pump.minutes]
    for service in services:
        partners = running + ([service.concurrent_with] if service.concurrent_with else [])
        partner = _concurrency_partner(service, partners)
        if partner is None:
            continue
        if service.concurrent_with is None:
            ctx.concurrent.append(service)
        service.concurrent_with = partner


def _initial_reason(service: Service, ctx: Context, competed: bool, alone: bool) -> tuple[str, str]:
    """The rule and the clause that explain why this service is the initial one."""
    if not competed:
        clause = (
            "is the only service on the line"
            if alone
            else "is the only service on the line that can be initial"
        )
        return {"push": "R-B1", "hydration": "R-D3"}.get(service.kind, "R-B2"), clause
    if ctx.setting is Setting.PROFESSIONAL:
        if service.primary:
            return (
                "R-C4",
                "is marked as the main reason for the office visit, so it is the initial service whatever the clock order",
            )
        if service.category is Category.CHEMOTHERAPY:
            return "R-C4", "is chemotherapy, which takes the initial service in the office"
        return (
            "R-C4",
            "ranks highest by the hierarchy, used because no reportable service is marked as the primary reason",
        )
    if service.category is Category.HYDRATION:
        return "R-F7", "is initial because no drug service outranks hydration"
    return (
        "R-C3",
        "outranks the other services in the facility hierarchy, so it is the initial service whatever the clock order",
    )


def _code_initial(service: Service, ctx: Context, competed: bool, site: str, alone: bool) -> Draft:
    rule, clause = _initial_reason(service, ctx, competed, alone)
    code = FIRST_HOUR[(service.kind, service.category)]
    chemo = "chemotherapy " if service.category is Category.CHEMOTHERAPY else ""
    if service.kind == "push":
        if service.reason:
            rule = "R-D8" if "stop time" in service.reason else "R-B1"
            why = f"{service.label} at {ctx.at(service.start)}: {service.reason}, and it {clause}."
        else:
            why = f"{service.label} was given as {article(chemo + 'IV push')} at {ctx.at(service.start)} and {clause}."
        accrued = (service.start,)
    elif service.kind == "hydration":
        why = f"{service.label} ran {minutes_text(service.minutes)} of hydration (31 or more needed) and {clause}."
        accrued = (timeline.moment_at(service.intervals, units.HYDRATION_MIN_MINUTES),)
    else:
        why = (
            f"{service.label} ran {minutes_text(service.minutes)} as {article(chemo + 'IV infusion')} (more than 15 minutes) "
            f"and {clause}."
        )
        accrued = (timeline.moment_at(service.intervals, units.PUSH_MAX_MINUTES + 1),)
    if site != "A":
        why += f" It is on access {site}, a medically necessary separate site."
    draft = ctx.sheet.add(
        Draft(
            code=code,
            units=1,
            role="initial",
            rule=rule,
            why=why,
            administrations=_ids(service),
            at=service.start,
            accrued=accrued,
            started=service.start,
            rank=service.rank,
        )
    )
    if service.kind != "push":
        _code_further_hours(service, ctx, draft)
    return draft


def _code_further_hours(service: Service, ctx: Context, first_hour: Draft) -> None:
    offsets = units.additional_hour_offsets(service.minutes)
    if not offsets:
        return
    total = service.minutes
    ctx.sheet.hours(
        FURTHER_HOUR[service.category],
        "R-D4",
        (
            f"{service.label} ran {minutes_text(total)}: {plural(len(offsets), 'further hour')} after the first, "
            "a last part counted only when it is more than 30 minutes past the hour."
        ),
        _ids(service),
        service.intervals,
        offsets,
        follows=first_hour,
    )


def _code_sequential_infusion(service: Service, initial: Service, ctx: Context) -> None:
    draft = ctx.sheet.once(
        SEQUENTIAL_INFUSION[service.category],
        "sequential",
        "R-B4",
        (
            f"{service.label}, a new drug, was infused for {minutes_text(service.minutes)} (over 15) from "
            f"{ctx.at(service.start)} while {initial.label} is the initial service: a sequential infusion."
        ),
        _ids(service),
        service.start,
        accrued=timeline.moment_at(service.intervals, units.PUSH_MAX_MINUTES + 1),
    )
    _code_further_hours(service, ctx, draft)


def _code_pushes(pushes: list[Service], infusions: list[Service], initial: Service, ctx: Context) -> None:
    """Pushes after the initial: a new drug is 96375/96411; the same drug again is 96376 or nothing (R-E2, R-E3).

    The initial service is reported first whatever its time, so every other dose of its drug is a repeat of it.
    """
    reported: dict[tuple[str, Category], timeline.Doses] = {}

    def remember(service: Service) -> None:
        # Each interval of a dose on its own: a push between two intervals of one drug is not "during" it.
        doses = reported.setdefault(service.identity, timeline.Doses())
        for interval in service.intervals or [_push_time(service)]:
            doses.add(interval)

    remember(initial)
    events = sorted(
        [(s.start, 1, s) for s in pushes if s is not initial]
        + [(s.start, 0, s) for s in infusions if s is not initial],
        key=lambda e: (e[0], e[1], e[2].order),
    )
    for _, is_push, service in events:
        doses = reported.get(service.identity)
        if not is_push:
            remember(service)
        elif not doses:
            _code_new_push(service, initial, ctx)
            remember(service)
        elif _code_repeat_push(service, doses.minutes_to_nearest(_push_time(service)), ctx):
            remember(service)


def _push_time(service: Service) -> Interval:
    """A push's documented time: its start to its stop, or the moment it was given (R-E3 measures from it)."""
    return (service.start, service.administrations[0].stop_at or service.start)


def _code_new_push(service: Service, initial: Service, ctx: Context) -> None:
    detail = f": {service.reason}" if service.reason else ""
    ctx.sheet.once(
        SEQUENTIAL_PUSH[service.category],
        "sequential",
        "R-E2",
        (
            f"{service.label} at {ctx.at(service.start)} is a push of a new drug{detail}. "
            f"After the initial {initial.label} every push of a new drug is an add-on."
        ),
        _ids(service),
        service.start,
    )


def _code_repeat_push(service: Service, gap: int, ctx: Context) -> bool:
    a = service.administrations[0]
    if service.category is Category.CHEMOTHERAPY:
        ctx.sheet.note(
            "R-E2",
            f"{name(a)} was pushed again at {ctx.at(service.start)}: a repeat push of the same chemotherapy drug "
            "is not coded again (the further-push code needs a different drug).",
            a,
        )
        return False
    if ctx.setting is Setting.PROFESSIONAL:
        ctx.sheet.note(
            "R-E3",
            f"{name(a)} was pushed again at {ctx.at(service.start)}: the office has no code for a repeat push of "
            "the same drug (96376 is facility only), so it is not coded.",
            a,
        )
        return False
    if gap <= units.REPEAT_PUSH_GAP:
        ctx.sheet.note(
            "R-E3",
            f"{name(a)} was pushed again at {ctx.at(service.start)}, {minutes_text(gap)} from another "
            "reported dose: a repeat push needs more than 30 minutes, so it is not coded.",
            a,
        )
        return False
    ctx.sheet.once(
        "96376",
        "sequential",
        "R-E3",
        (
            f"{name(a)} was pushed again at {ctx.at(service.start)}, {minutes_text(gap)} from the nearest reported "
            "dose (more than 30): a facility repeat push of the same drug."
        ),
        (a.id,),
        service.start,
    )
    return True


def _code_secondary_hydration(service: Service, initial: Service, ctx: Context) -> None:
    offsets = units.secondary_hydration_offsets(service.minutes)
    why = (
        f"{service.label} ran {minutes_text(service.minutes)} of hydration on the same line as a different "
        f"initial service ({initial.label}): secondary hydration, one unit for 31 to 90 minutes and one more "
        "for each further hour, a last part counted only when over 30 minutes."
    )
    ctx.sheet.hours("96361", "R-F6", why, _ids(service), service.intervals, offsets)


def code_concurrent(ctx: Context) -> None:
    """96368 once per date, however many drugs ran concurrently (R-E4, C3)."""
    by_date: dict[object, list[Service]] = {}
    for service in sorted(ctx.concurrent, key=lambda s: (s.start, s.order)):
        overlap = timeline.intersect(service.intervals, service.concurrent_with.intervals)
        began = overlap[0][0]
        day = (service.start if ctx.setting is Setting.PROFESSIONAL else began).date() if ctx.dated else None
        by_date.setdefault(day, []).append(service)
        if service.category is Category.CHEMOTHERAPY:
            ctx.sheet.note(
                "R-E4",
                f"{service.label} is chemotherapy running concurrently with {service.concurrent_with.label}: "
                "there is no concurrent chemotherapy code, so it counts toward the one 96368.",
                *service.administrations,
            )
    if ctx.concurrent:
        ctx.sheet.note(
            "R-D10",
            "Our reading of concurrent: a different drug in its own bag on the same line, overlapping by more than "
            "15 minutes, whichever started first. One published reading treats a 30-minute overlap as sequential; "
            "we do not follow it.",
            *[a for s in ctx.concurrent for a in s.administrations],
        )
    for group in by_date.values():
        first = group[0]
        overlap = timeline.overlap_minutes(first.intervals, first.concurrent_with.intervals)
        why = (
            f"{first.label} ran alongside {first.concurrent_with.label} in its own bag on the same line, "
            f"overlapping {minutes_text(overlap)} (more than 15): a concurrent infusion."
        )
        rule = "R-B5"
        if len(group) > 1:
            together = "both" if len(group) == 2 else "all"
            why += (
                f" {names([a for s in group for a in s.administrations])} {together} ran concurrently; "
                "96368 is reported once per date."
            )
            rule = "R-E4"
            ctx.sheet.note(
                "R-E4",
                f"{plural(len(group), 'drug')} ran concurrently ({names([a for s in group for a in s.administrations])}); "
                "96368 is reported once per date, not once per drug.",
                *[a for s in group for a in s.administrations],
            )
        ctx.sheet.once(
            "96368",
            "concurrent",
            rule,
            why,
            tuple(a.id for s in group for a in s.administrations),
            first.start,
            accrued=timeline.intersect(first.intervals, first.concurrent_with.intervals)[0][0],
        )


def _ids(service: Service) -> tuple[str, ...]:
    return tuple(a.id for a in service.administrations)
