"""The IV chain of one access site: hydration, therapeutic and chemotherapy infusions and pushes.

One initial service (R-C1), chosen by the facility hierarchy (R-C3) or the office's primary reason
(R-C4); every other service is sequential, concurrent or an additional hour (R-C2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from coding.engine import timeline, units
from coding.engine.explain import article, clock, minutes_text, name, names, plural
from coding.engine.schema import Administration, Category, LineReason, NoteReason, Route, Setting
from coding.engine.sheet import Draft, Rank, Sheet
from coding.engine.timeline import Interval

Kind = Literal["infusion", "push", "hydration"]

CATEGORY_RANK = {Category.CHEMOTHERAPY: 3, Category.THERAPEUTIC: 2, Category.HYDRATION: 1}
KIND_RANK: dict[Kind, int] = {"infusion": 2, "hydration": 2, "push": 1}

FIRST_HOUR: dict[tuple[Kind, Category], str] = {
    ("infusion", Category.THERAPEUTIC): "96365",
    ("infusion", Category.CHEMOTHERAPY): "96413",
    ("push", Category.THERAPEUTIC): "96374",
    ("push", Category.CHEMOTHERAPY): "96409",
    ("hydration", Category.HYDRATION): "96360",
}
FURTHER_HOUR = {Category.THERAPEUTIC: "96366", Category.CHEMOTHERAPY: "96415", Category.HYDRATION: "96361"}
SEQUENTIAL_INFUSION = {Category.THERAPEUTIC: "96367", Category.CHEMOTHERAPY: "96417"}
SEQUENTIAL_PUSH = {Category.THERAPEUTIC: "96375", Category.CHEMOTHERAPY: "96411"}

# The rule that explains an infusion coded as a push, by why it became one.
PUSH_RULE = {
    LineReason.NO_STOP_TIME: "R-D8",
    LineReason.SHORT_INFUSION: "R-B1",
    LineReason.SHORT_AFTER_OVERLAP: "R-B1",
}


@dataclass(eq=False)  # two services are the same only when they are one object
class Service:
    """What the chain codes: one infusion (the summed intervals of one drug), one push, or the site's hydration."""

    kind: Kind
    category: Category
    drug: str
    administrations: list[Administration]
    intervals: list[Interval]
    start: datetime
    order: int
    documented: int
    primary: bool
    concurrent_with: Service | None = None
    became_push: LineReason | None = None  # why an infusion is coded as a push (decides the rule)
    push_words: str = ""  # the same, in words for the why sentence

    @classmethod
    def of(
        cls,
        kind: Kind,
        administrations: list[Administration],
        intervals: list[Interval],
        ctx: Context,
        **extra: Any,
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
        return timeline.length(self.intervals)  # a service's intervals are always a union's result

    @property
    def identity(self) -> tuple[str, Category]:
        """The same drug: the same substance (trimmed, any case) in the same category."""
        return (self.drug, self.category)

    @property
    def end(self) -> datetime:
        return self.intervals[-1][1] if self.intervals else self.start

    @property
    def rank(self) -> Rank:
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
        documented time (R-E5). The one place that decides how long an untimed pump runs."""
        stop = a.stop_at
        if stop is None:
            stop = max(a.start_at, self.last_documented) if a.pump is not None else a.start_at
        return (a.start_at, stop)


@dataclass(frozen=True)
class Choice:
    """The initial service of a chain, what decided it, and the equal-ranked rivals the tie-break beat."""

    service: Service
    reason: LineReason
    rivals: tuple[Service, ...] = ()


def code_chain(
    administrations: list[Administration], ctx: Context, site: str, pumps: list[Administration]
) -> Draft | None:
    """Code one site's chain; returns its initial line (None when nothing on the site is reportable).

    `pumps` are the site's coded chemotherapy pump starts: coded beside the chain, but a drug hung
    alongside one may still be concurrent to it (R-H5).
    """
    pushes, infusions = _drug_services(administrations, ctx)
    _resolve_overlaps(infusions, ctx)
    pushes += [s for s in infusions if s.kind == "push"]
    infusions = [s for s in infusions if s.kind == "infusion"]
    kept = [s for s in infusions if s.concurrent_with is None]
    ctx.concurrent += [s for s in infusions if s.concurrent_with is not None]
    hydration = _hydration(administrations, ctx)

    candidates = kept + pushes + ([hydration] if hydration else [])
    if not candidates:
        return None
    competed = len(candidates) + len(infusions) - len(kept) > 1
    choice = _choose_initial(candidates, administrations, ctx, competed)
    initial = choice.service
    alone = len(administrations) == len(initial.administrations) and not pumps
    _tie_note(choice, ctx)
    _clock_order(choice, candidates, ctx)
    first = _code_initial(choice, ctx, site, alone)
    _pair_with_pumps([s for s in infusions if s is not initial], pumps, ctx)
    for service in kept:
        if service is not initial and service.concurrent_with is None:
            _code_sequential_infusion(service, initial, ctx)
    _code_pushes(pushes, infusions, initial, ctx)
    if hydration and hydration is not initial:
        _code_secondary_hydration(hydration, initial, ctx)
    return first


# Building the services ---------------------------------------------------------------------------


def _drug_services(
    administrations: list[Administration], ctx: Context
) -> tuple[list[Service], list[Service]]:
    """The site's drug pushes (an infusion that cannot be timed as one among them) and its infusions."""
    pushes: list[Service] = []
    by_drug: dict[tuple[str, Category], list[Administration]] = {}
    for a in administrations:
        if a.category is Category.HYDRATION:
            continue
        if a.route is Route.IV_PUSH:
            _long_push(a, ctx)
            pushes.append(Service.of("push", [a], [], ctx))
        elif a.minutes is None:
            ctx.sheet.note(
                "R-D8",
                NoteReason.NO_STOP_TIME,
                f"{name(a)} has no stop time, so the infusion cannot be timed: it is coded as a push.",
                a,
            )
            words = "it has no stop time, so it is coded as a push"
            pushes.append(_push(a, ctx, LineReason.NO_STOP_TIME, words))
        elif units.is_push_length(a.minutes):
            words = f"it ran {minutes_text(a.minutes)}, 15 or less, so it counts as a push"
            pushes.append(_push(a, ctx, LineReason.SHORT_INFUSION, words))
        else:
            by_drug.setdefault((a.drug_key, a.category), []).append(a)
    return pushes, [_infusion(group, ctx) for group in by_drug.values()]


def _long_push(a: Administration, ctx: Context) -> None:
    if a.minutes is not None and a.minutes > units.PUSH_MAX_MINUTES:
        ctx.sheet.note(
            "R-B1",
            NoteReason.LONG_PUSH,
            f"{name(a)} is documented as a push lasting {minutes_text(a.minutes)}: it stays a push "
            "because the clinician was present throughout; confirm that presence in the record.",
            a,
        )


def _push(a: Administration, ctx: Context, became: LineReason, words: str) -> Service:
    return Service.of("push", [a], [], ctx, became_push=became, push_words=words)


def _infusion(group: list[Administration], ctx: Context) -> Service:
    """One drug's infusions, timed as one: the intervals added together, gaps excluded (R-D9)."""
    intervals = timeline.union((a.start_at, a.stop_at) for a in group if a.stop_at is not None)
    if len(group) > 1:
        ctx.sheet.note(
            "R-D9",
            NoteReason.SAME_DRUG_ADDED,
            f"{name(group[0])} was infused {plural(len(group), 'time')}; our reading adds the intervals "
            f"together ({minutes_text(timeline.minutes(intervals))}) and times them as one infusion. "
            "One expert reading times each interval alone.",
            *group,
        )
    return Service.of("infusion", group, intervals, ctx)


def _precedence(ctx: Context, services: list[Service]) -> Callable[[Service], tuple[Any, ...]]:
    """Which service keeps shared minutes and wins the initial: hierarchy, or the office's primary reason."""
    chemo_given = any(s.category is Category.CHEMOTHERAPY for s in services)
    prefer_primary = ctx.setting is Setting.PROFESSIONAL and not chemo_given
    return lambda s: (prefer_primary and s.primary, *s.rank)


def _resolve_overlaps(infusions: list[Service], ctx: Context) -> None:
    """Concurrent when two drugs overlap by more than 15 minutes; otherwise the higher one keeps the minutes (R-D10)."""
    placed: list[tuple[datetime, datetime, Service]] = []  # services already placed, with their final spans
    for service in sorted(infusions, key=_precedence(ctx, infusions), reverse=True):
        partner = _concurrency_partner(service, _meeting(service, placed))
        if partner is not None:
            service.concurrent_with = partner
        else:
            _give_up_short_overlaps(service, list(_meeting(service, placed)), ctx)
        if service.intervals:
            placed.append((service.start, service.end, service))


def _meeting(service: Service, placed: list[tuple[datetime, datetime, Service]]) -> Iterator[Service]:
    """The placed services whose spans meet this one's, lazily: the search for a partner often stops early."""
    start, end = service.start, service.end
    return (p for p_start, p_end, p in placed if p_start < end and start < p_end)


def _give_up_short_overlaps(service: Service, higher: list[Service], ctx: Context) -> None:
    """Overlaps of 15 minutes or less stay with the higher-ranked services; this one is timed on the rest."""
    overlaps = [(p, timeline.overlap_minutes(p.intervals, service.intervals)) for p in higher]
    overlaps = [(p, shared) for p, shared in overlaps if shared]
    if not overlaps:
        return
    before = service.minutes
    service.intervals = timeline.subtract(service.intervals, [i for p, _ in overlaps for i in p.intervals])
    lost, left = before - service.minutes, service.minutes
    by_partner = " and ".join(f"{p.label} by {minutes_text(shared)}" for p, shared in overlaps)
    each = "each " if len(overlaps) > 1 else ""
    ctx.sheet.note(
        "R-D10",
        NoteReason.SHORT_OVERLAP,
        f"{service.label} overlapped {by_partner}, {each}15 minutes or less: not concurrent. Those "
        f"{minutes_text(lost)} stay with the higher-ranked service and {service.label} is timed on the "
        f"{minutes_text(left)} that remain.",
        *service.administrations,
    )
    if units.is_push_length(left):
        service.kind = "push"
        service.became_push = LineReason.SHORT_AFTER_OVERLAP
        service.push_words = (
            f"it overlapped {by_partner}, and only {minutes_text(left)} of its {minutes_text(before)} remain once "
            f"those {minutes_text(lost)} are taken off, so it counts as a push"
        )
        service.intervals = []


def _concurrency_partner(service: Service, partners: Iterable[Service]) -> Service | None:
    """The partner whose overlap with this drug, of more than 15 minutes, begins first (R-E4 dating)."""
    best: tuple[datetime, Service] | None = None
    for partner in partners:
        if partner.identity == service.identity or not partner.intervals:
            continue
        # No overlap with this partner can begin before both have started: skip it when that is too late.
        if best is not None and max(partner.start, service.start) >= best[0]:
            continue
        shared = timeline.intersect(partner.intervals, service.intervals)
        if timeline.length(shared) > units.CONCURRENT_OVERLAP:
            began = shared[0][0]
            if best is None or began < best[0]:
                best = (began, partner)
            if began == service.start:  # no overlap begins before the drug itself
                break
    return best[1] if best else None


def _hydration(administrations: list[Administration], ctx: Context) -> Service | None:
    """The site's hydration as one service: its bags' time less any drug's time (R-E5), added up (R-D11)."""
    bags = [a for a in administrations if a.category is Category.HYDRATION]
    timed = [a for a in bags if a.stop_at is not None]
    for a in bags:
        if a.stop is None:
            ctx.sheet.note(
                "R-D8",
                NoteReason.NO_STOP_TIME,
                f"{name(a)} has no stop time: hydration that cannot be timed is not reportable.",
                a,
            )
    if not timed:
        return None
    documented = timeline.union(ctx.running(a) for a in timed)
    remaining = timeline.subtract(documented, ctx.drug_time)
    removed = timeline.minutes(documented) - timeline.minutes(remaining)
    total = timeline.minutes(remaining)
    if removed:
        ctx.sheet.note(
            "R-E5",
            NoteReason.HYDRATION_OVERLAP_REMOVED,
            f"{minutes_text(removed)} of hydration ran at the same time as a drug and are not counted: "
            f"hydration is never concurrent. {minutes_text(total)} remain.",
            *timed,
        )
    if len(remaining) > 1 and units.hydration_reportable(total):
        ctx.sheet.note(
            "R-D11",
            NoteReason.HYDRATION_ADDED,
            f"The hydration intervals are added together ({minutes_text(total)}). Some payers refuse to add "
            "hydration before and after a drug.",
            *timed,
        )
    if not units.hydration_reportable(total):
        ctx.sheet.note(
            "R-D3",
            NoteReason.SHORT_HYDRATION,
            f"{names(timed)}: {minutes_text(total)} of hydration, under 31, is not reportable and never becomes a push.",
            *timed,
        )
        return None
    return Service.of("hydration", timed, remaining, ctx, documented=timeline.minutes(documented))


# Choosing the initial service --------------------------------------------------------------------


def _choose_initial(
    candidates: list[Service], administrations: list[Administration], ctx: Context, competed: bool
) -> Choice:
    """The facility hierarchy (R-C3), or in the office the primary reason unless chemotherapy is given (R-C4)."""
    if ctx.setting is Setting.FACILITY:
        initial = max(candidates, key=lambda s: s.rank)
        rivals = tuple(
            s for s in candidates if s.identity != initial.identity and s.rank[:2] == initial.rank[:2]
        )
        if not competed:
            return Choice(initial, LineReason.ONLY_SERVICE)
        return Choice(initial, LineReason.TIE_BREAK if rivals else LineReason.HIERARCHY, rivals)
    chemo = [s for s in candidates if s.category is Category.CHEMOTHERAPY]
    marked = [s for s in candidates if s.primary]
    if chemo:
        initial = max(chemo, key=lambda s: s.rank)
        if marked and initial not in marked:
            ctx.sheet.note(
                "R-C4",
                NoteReason.CHEMOTHERAPY_OVERRIDES_PRIMARY,
                f"{initial.label} is chemotherapy, so it is the initial service although "
                f"{names([a for s in marked for a in s.administrations])} is marked as the primary reason: "
                "chemotherapy add-on codes accept no other initial service.",
                *initial.administrations,
            )
    elif marked:
        initial = max(marked, key=lambda s: s.rank)
    else:
        initial = max(candidates, key=lambda s: s.rank)
        _unreportable_primary([a for a in administrations if a.primary], ctx)
    return Choice(initial, _office_reason(initial) if competed else LineReason.ONLY_SERVICE)


def _office_reason(initial: Service) -> LineReason:
    if initial.primary:
        return LineReason.PRIMARY_REASON
    if initial.category is Category.CHEMOTHERAPY:
        return LineReason.CHEMOTHERAPY_INITIAL
    return LineReason.NO_PRIMARY_MARKED


def _unreportable_primary(marked: list[Administration], ctx: Context) -> None:
    if marked:
        ctx.sheet.note(
            "R-C4",
            NoteReason.PRIMARY_NOT_REPORTABLE,
            f"{names(marked)} is marked as the primary reason but is not reportable here, "
            "so the hierarchy picks the initial service.",
            *marked,
        )


def _tie_break_words(choice: Choice) -> str:
    """Which step of the tie-break (R-C3) decided against the closest rival, with the facts that decided it."""
    initial, rival = choice.service, max(choice.rivals, key=lambda s: s.rank)
    if initial.documented != rival.documented:
        return (
            f"the longest documented time ({minutes_text(initial.documented)} against "
            f"{minutes_text(rival.documented)} for {rival.label})"
        )
    if initial.start != rival.start:
        return f"the earliest start (both {minutes_text(initial.documented)}; {initial.label} began first)"
    return "the order of the record (both started together and ran equally long)"


def _same_codes_either_way(choice: Choice) -> bool:
    """True when giving the initial service to the closest rival instead would code the same lines."""
    initial, rival = choice.service, max(choice.rivals, key=lambda s: s.rank)
    return sorted(_as_initial(initial) + _as_subsequent(rival)) == sorted(
        _as_initial(rival) + _as_subsequent(initial)
    )


def _as_initial(service: Service) -> list[str]:
    return [FIRST_HOUR[(service.kind, service.category)], *_further_hours(service)]


def _as_subsequent(service: Service) -> list[str]:
    if service.kind == "push":
        return [SEQUENTIAL_PUSH[service.category]]
    return [SEQUENTIAL_INFUSION[service.category], *_further_hours(service)]


def _further_hours(service: Service) -> list[str]:
    if service.kind == "push":
        return []
    return [FURTHER_HOUR[service.category]] * units.additional_hours(service.minutes)


def _tie_note(choice: Choice, ctx: Context) -> None:
    """Among services of equal rank the longest documented time wins, then the earliest start (R-C3).

    Said only where it beat the clock: an equal-ranked service started no later than the one chosen.
    """
    initial = choice.service
    earlier = [s for s in choice.rivals if s.start <= initial.start]
    if choice.reason is not LineReason.TIE_BREAK or not earlier:
        return
    either_way = " The codes are the same either way." if _same_codes_either_way(choice) else ""
    ctx.sheet.note(
        "R-C3",
        NoteReason.TIE_BREAK,
        f"{initial.label} and {names([a for s in earlier for a in s.administrations])} rank equally in the "
        f"hierarchy; our reading gives the initial service to the longest documented time, then the earliest "
        f"start. Here {_tie_break_words(choice)} decided.{either_way}",
        *initial.administrations,
    )


CLOCK_ORDER_DECIDER = {
    LineReason.HIERARCHY: "the facility hierarchy decides, not the clock",
    LineReason.TIE_BREAK: "the hierarchy and its tie-break decide, not the clock",
    LineReason.PRIMARY_REASON: "the office's primary reason for the visit decides, not the clock",
    LineReason.CHEMOTHERAPY_INITIAL: "chemotherapy takes the initial service in the office, whatever the clock",
    LineReason.NO_PRIMARY_MARKED: "with no reportable service marked as the primary reason, the hierarchy decides, "
    "not the clock",
}


def _clock_order(choice: Choice, candidates: list[Service], ctx: Context) -> None:
    """Say so when the initial service is not the first one given: the trap trainees fall into most (R-C3)."""
    initial = choice.service
    earlier = [a for s in candidates for a in s.administrations if a.start_at < initial.start]
    if not earlier or choice.reason not in CLOCK_ORDER_DECIDER:
        return
    first = min(earlier, key=lambda a: (a.start_at, ctx.order[a.id]))
    ctx.sheet.note(
        "R-C3" if ctx.setting is Setting.FACILITY else "R-C4",
        NoteReason.CLOCK_ORDER,
        f"{initial.label} is the initial service although {name(first)} was given first, at {ctx.at(first.start_at)}: "
        f"{CLOCK_ORDER_DECIDER[choice.reason]}.",
        *initial.administrations,
    )


def _pair_with_pumps(services: list[Service], pumps: list[Administration], ctx: Context) -> None:
    """A running chemotherapy pump on the line is a concurrency partner like any infusion (R-H5, R-E4).

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


# Coding the initial service and what follows it ------------------------------------------------------


def _initial_clause(choice: Choice, ctx: Context, alone: bool) -> tuple[str, str]:
    """The rule and the clause that explain why this service is the initial one."""
    service, reason = choice.service, choice.reason
    if reason is LineReason.ONLY_SERVICE:
        clause = (
            "is the only service on the line"
            if alone
            else "is the only service on the line that can be initial"
        )
        return {"push": "R-B1", "hydration": "R-D3"}.get(service.kind, "R-B2"), clause
    if reason is LineReason.PRIMARY_REASON:
        return (
            "R-C4",
            "is marked as the main reason for the office visit, so it is the initial service whatever the clock order",
        )
    if reason is LineReason.CHEMOTHERAPY_INITIAL:
        return "R-C4", "is chemotherapy, which takes the initial service in the office"
    if reason is LineReason.NO_PRIMARY_MARKED:
        return (
            "R-C4",
            "ranks highest by the hierarchy, used because no reportable service is marked as the primary reason",
        )
    if service.category is Category.HYDRATION:
        return "R-F7", "is initial because no drug service outranks hydration"
    if reason is LineReason.TIE_BREAK:
        either_way = "; the codes are the same either way" if _same_codes_either_way(choice) else ""
        rivals = names([a for s in choice.rivals for a in s.administrations])
        return (
            "R-C3",
            f"ranks equally with {rivals} in the facility hierarchy: the tie-break gives it the initial service "
            f"by {_tie_break_words(choice)}{either_way}",
        )
    return (
        "R-C3",
        "outranks the other services in the facility hierarchy, so it is the initial service whatever the clock order",
    )


def _code_initial(choice: Choice, ctx: Context, site: str, alone: bool) -> Draft:
    service = choice.service
    rule, clause = _initial_clause(choice, ctx, alone)
    reason = choice.reason
    chemo = "chemotherapy " if service.category is Category.CHEMOTHERAPY else ""
    if service.kind == "push":
        if service.became_push is not None:
            rule, reason = PUSH_RULE[service.became_push], service.became_push
            why = f"{service.label} at {ctx.at(service.start)}: {service.push_words}, and it {clause}."
        else:
            why = f"{service.label} was given as {article(chemo + 'IV push')} at {ctx.at(service.start)} and {clause}."
        accrued = service.start
    elif service.kind == "hydration":
        why = f"{service.label} ran {minutes_text(service.minutes)} of hydration (31 or more needed) and {clause}."
        accrued = timeline.moment_at(service.intervals, units.HYDRATION_MIN_MINUTES)
    else:
        why = (
            f"{service.label} ran {minutes_text(service.minutes)} as {article(chemo + 'IV infusion')} (more than 15 minutes) "
            f"and {clause}."
        )
        accrued = timeline.moment_at(service.intervals, units.PUSH_MAX_MINUTES + 1)
    if site != "A":
        why += f" It is on access {site}, a medically necessary separate site."
    draft = ctx.sheet.once(
        FIRST_HOUR[(service.kind, service.category)],
        "initial",
        rule,
        reason,
        why,
        _ids(service),
        service.start,
        accrued,
    )
    draft.rank = service.rank
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
        LineReason.SEQUENTIAL_INFUSION,
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
    Every infusion on the site is a reported dose, concurrent ones included, and a repeat push is measured
    from the nearest dose before or after it: an infusion of the drug that starts later counts too.
    """
    reported: dict[tuple[str, Category], timeline.Doses] = {}
    infused: dict[tuple[str, Category], timeline.Doses] = {}
    for infusion in infusions:
        for interval in infusion.intervals:
            infused.setdefault(infusion.identity, timeline.Doses()).add(interval)

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
        else:
            moment = _push_time(service)
            gaps = [d.minutes_to_nearest(moment) for d in (doses, infused.get(service.identity)) if d]
            if _code_repeat_push(service, min(gaps), ctx):
                remember(service)


def _push_time(service: Service) -> Interval:
    """A push's documented time: its start to its stop, or the moment it was given (R-E3 measures from it)."""
    return (service.start, service.administrations[0].stop_at or service.start)


def _code_new_push(service: Service, initial: Service, ctx: Context) -> None:
    detail = f": {service.push_words}" if service.push_words else ""
    ctx.sheet.once(
        SEQUENTIAL_PUSH[service.category],
        "sequential",
        "R-E2",
        LineReason.NEW_DRUG_PUSH,
        (
            f"{service.label} at {ctx.at(service.start)} is a push of a new drug{detail}. "
            f"After the initial {initial.label} every push of a new drug is an add-on."
        ),
        _ids(service),
        service.start,
    )


def _code_repeat_push(service: Service, gap: int, ctx: Context) -> bool:
    """96376 for a facility repeat push more than 30 minutes from the nearest dose; otherwise a note (R-E3)."""
    a = service.administrations[0]
    if service.category is Category.CHEMOTHERAPY:
        ctx.sheet.note(
            "R-E2",
            NoteReason.REPEAT_CHEMOTHERAPY_PUSH,
            f"{name(a)} was pushed again at {ctx.at(service.start)}: a repeat push of the same chemotherapy drug "
            "is not coded again (the further-push code needs a different drug).",
            a,
        )
        return False
    if ctx.setting is Setting.PROFESSIONAL:
        ctx.sheet.note(
            "R-E3",
            NoteReason.REPEAT_PUSH_IN_OFFICE,
            f"{name(a)} was pushed again at {ctx.at(service.start)}: the office has no code for a repeat push of "
            "the same drug (96376 is facility only), so it is not coded.",
            a,
        )
        return False
    if gap <= units.REPEAT_PUSH_GAP:
        ctx.sheet.note(
            "R-E3",
            NoteReason.REPEAT_PUSH_TOO_SOON,
            f"{name(a)} was pushed again at {ctx.at(service.start)}, {minutes_text(gap)} from another "
            "reported dose: a repeat push needs more than 30 minutes, so it is not coded.",
            a,
        )
        return False
    ctx.sheet.once(
        "96376",
        "sequential",
        "R-E3",
        LineReason.REPEAT_PUSH,
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
    ctx.sheet.hours(
        "96361", "R-F6", why, _ids(service), service.intervals, offsets, reason=LineReason.SECONDARY_HYDRATION
    )


# Concurrent infusions, once per date ----------------------------------------------------------------


def _partner_of(service: Service) -> Service:
    partner = service.concurrent_with
    assert partner is not None, "only paired services are concurrent"
    return partner


def _overlap(service: Service) -> list[Interval]:
    return timeline.intersect(service.intervals, _partner_of(service).intervals)


def code_concurrent(ctx: Context) -> None:
    """96368 once per date, however many drugs ran concurrently (R-E4), dated where the overlap began (R-K3)."""
    by_date: dict[date | None, list[Service]] = {}
    for service in sorted(ctx.concurrent, key=lambda s: (s.start, s.order)):
        began = _overlap(service)[0][0]  # in both settings 96368 is dated where its overlap begins (R-K3)
        day = began.date() if ctx.dated else None
        by_date.setdefault(day, []).append(service)
        if service.category is Category.CHEMOTHERAPY:
            ctx.sheet.note(
                "R-E4",
                NoteReason.CONCURRENT_CHEMOTHERAPY,
                f"{service.label} is chemotherapy running concurrently with {_partner_of(service).label}: "
                "there is no concurrent chemotherapy code, so it counts toward the one 96368.",
                *service.administrations,
            )
    if ctx.concurrent:
        ctx.sheet.note(
            "R-D10",
            NoteReason.CONCURRENT_READING,
            "Our reading of concurrent: a different drug in its own bag on the same line, overlapping by more than "
            "15 minutes, whichever started first. One published reading treats a 30-minute overlap as sequential; "
            "we do not follow it.",
            *[a for s in ctx.concurrent for a in s.administrations],
        )
    for group in by_date.values():
        _code_concurrent_date(group, ctx)


def _code_concurrent_date(group: list[Service], ctx: Context) -> None:
    """The one 96368 of a date, named after the first drug that ran concurrently that date."""
    first = group[0]
    overlap = _overlap(first)
    why = (
        f"{first.label} ran alongside {_partner_of(first).label} in its own bag on the same line, "
        f"overlapping {minutes_text(timeline.minutes(overlap))} (more than 15): a concurrent infusion."
    )
    rule, reason = "R-B5", LineReason.CONCURRENT
    everyone = [a for s in group for a in s.administrations]
    if len(group) > 1:
        together = "both" if len(group) == 2 else "all"
        why += f" {names(everyone)} {together} ran concurrently; 96368 is reported once per date."
        rule, reason = "R-E4", LineReason.CONCURRENT_ONCE_PER_DATE
        ctx.sheet.note(
            "R-E4",
            NoteReason.CONCURRENT_ONCE_PER_DATE,
            f"{plural(len(group), 'drug')} ran concurrently ({names(everyone)}); "
            "96368 is reported once per date, not once per drug.",
            *everyone,
        )
    ids = tuple(a.id for a in everyone)
    draft = ctx.sheet.once("96368", "concurrent", rule, reason, why, ids, first.start, overlap[0][0])
    draft.started = overlap[0][0]  # the office dates a line by its start: for 96368, where the overlap began


def _ids(service: Service) -> tuple[str, ...]:
    return tuple(a.id for a in service.administrations)
