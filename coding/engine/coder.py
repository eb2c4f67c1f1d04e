"""One encounter in, its lines and notes out: routes each administration to the rules that code it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from coding.engine import beside, timeline
from coding.engine.chain import Context, code_chain, code_concurrent
from coding.engine.codes import CODES
from coding.engine.explain import minutes_text, name, names
from coding.engine.schema import (
    Administration,
    Category,
    CodingResult,
    Encounter,
    Line,
    LineReason,
    NoteReason,
    Route,
    Setting,
)
from coding.engine.sheet import NO_RANK, Draft, Rank, Sheet

RULES_VERSION = "2026.1"
IV_ROUTES = (Route.IV_INFUSION, Route.IV_PUSH)
DRUG_TIME_ROUTES = (Route.IV_INFUSION, Route.IV_PUSH, Route.SC_INFUSION, Route.INTRA_ARTERIAL)
INJECTION_ROUTES = (Route.SUBCUTANEOUS, Route.INTRAMUSCULAR)


def code(encounter: Encounter) -> CodingResult:
    sheet = Sheet()
    active = _reportable(encounter, sheet)
    last_documented = max(a.stop_at or a.start_at for a in encounter.administrations)
    ctx = Context(
        setting=encounter.setting,
        dated=encounter.dated,
        order={a.id: i for i, a in enumerate(encounter.administrations)},
        drug_time=[],
        sheet=sheet,
        last_documented=last_documented,
    )
    ctx.drug_time = _drug_time(active, ctx)
    routed = _route(encounter, active, ctx)
    initials = [
        draft
        for site, group in routed.sites.items()
        if (draft := code_chain(group, ctx, site, routed.pumps.get(site, [])))
    ]
    code_concurrent(ctx)
    _separate_sites(initials, sheet)
    _port_flush(routed.flushes, ctx)
    _professional_primary(encounter, initials, sheet)
    _drug_required_hydration(sheet)
    _addon_pairings(sheet)
    _midnight(encounter, active, sheet)
    return CodingResult(
        rules_version=RULES_VERSION,
        setting=encounter.setting,
        lines=_lines(sheet.drafts, initials, encounter),
        notes=sheet.notes,
    )


def _reportable(encounter: Encounter, sheet: Sheet) -> list[Administration]:
    active = []
    for a in encounter.administrations:
        if a.incidental:
            sheet.note(
                "R-F2",
                NoteReason.INCIDENTAL_FLUID,
                f"{name(a)} is incidental fluid (keep the vein open, carry or dilute a drug, or flush): never coded "
                "as hydration or anything else.",
                a,
            )
        else:
            active.append(a)
    return active


def _drug_time(active: list[Administration], ctx: Context) -> list[timeline.Interval]:
    """The time any drug ran, whichever access, that hydration loses (R-E5): timed IV, subcutaneous and
    intra-arterial drug administrations, and chemotherapy pumps for as long as they run."""
    return timeline.union(
        ctx.running(a)
        for a in active
        if a.category is not Category.HYDRATION
        and (
            (a.route in DRUG_TIME_ROUTES and a.stop_at is not None)
            or (beside.is_pump_start(a) and a.category is Category.CHEMOTHERAPY)
        )
    )


@dataclass
class Routed:
    """The administrations sorted by where they are coded: each site's IV chain, and what waits on the chains."""

    sites: dict[str, list[Administration]] = field(default_factory=dict)  # IV administrations by coded site
    pumps: dict[str, list[Administration]] = field(default_factory=dict)  # coded IV pump starts by site
    flushes: list[Administration] = field(default_factory=list)  # coded only if nothing else is (R-I1)
    lesional: list[Administration] = field(default_factory=list)
    arterial: list[Administration] = field(default_factory=list)
    subcutaneous: list[Administration] = field(default_factory=list)
    merged: dict[str, list[Administration]] = field(default_factory=dict)  # by the access label they gave


def _route(encounter: Encounter, active: list[Administration], ctx: Context) -> Routed:
    """Code what stands alone at once and gather the rest, in the order given, for the rules that code it."""
    necessary = {access.id for access in encounter.accesses if access.separate_site_necessary}
    routed = Routed()
    # In the order they happened, so that the first of a kind is the first given, whatever the input order.
    for a in sorted(active, key=lambda a: (a.start_at, ctx.order[a.id])):
        site = a.access if a.access in necessary else "A"
        if a.route is Route.PORT_FLUSH:
            routed.flushes.append(a)
        elif a.route is Route.PUMP_REFILL and a.pump is not None:
            beside.code_refill(a, a.pump, ctx)
        elif beside.is_pump_start(a):
            # Only a coded pump on an IV line runs beside that line's drugs as a concurrency partner (R-E4).
            if beside.code_pump_start(a, ctx) and a.route is Route.IV_INFUSION:
                routed.pumps.setdefault(site, []).append(a)
        elif a.route in IV_ROUTES:
            _short_pump(a, ctx)
            if a.access != site:
                routed.merged.setdefault(a.access, []).append(a)
            routed.sites.setdefault(site, []).append(a)
        elif a.route in INJECTION_ROUTES:
            beside.code_injection(a, ctx)
        elif a.route in beside.CAVITY:
            beside.code_cavity(a, ctx)
        elif a.route is Route.INTRALESIONAL:
            routed.lesional.append(a)
        elif a.route is Route.INTRA_ARTERIAL:
            routed.arterial.append(a)
        elif a.route is Route.SC_INFUSION:
            routed.subcutaneous.append(a)
    _code_gathered(routed, encounter, active, ctx)
    return routed


def _short_pump(a: Administration, ctx: Context) -> None:
    if a.pump is not None and a.minutes is not None:
        ctx.sheet.note(
            "R-H5",
            NoteReason.PUMP_NOT_PROLONGED,
            f"{name(a)} was documented as {minutes_text(a.minutes)}, not more than 8 hours: coded as an "
            "ordinary infusion, not a prolonged pump start.",
            a,
        )


def _code_gathered(routed: Routed, encounter: Encounter, active: list[Administration], ctx: Context) -> None:
    """What is coded per group rather than one by one: merged sites, lesion sessions, SC and IA chains."""
    for access, group in routed.merged.items():
        ctx.sheet.note(
            "R-B6",
            NoteReason.NOT_A_SEPARATE_SITE,
            f"Access {access} is not listed as a medically necessary separate site, so {names(group)} is coded "
            "as if on the same site: one initial service for the encounter.",
            *group,
        )
    sessions: dict[date | None, list[Administration]] = {}
    for a in routed.lesional:  # one intralesional session per date
        sessions.setdefault(a.start_at.date() if encounter.dated else None, []).append(a)
    for shots in sessions.values():
        beside.code_intralesional(shots, ctx)
    if routed.arterial:
        beside.code_intra_arterial(routed.arterial, ctx)
    if routed.subcutaneous:
        beside.code_sc_infusions(routed.subcutaneous, ctx)
    beside.note_repeat_injections([a for a in active if a.route in INJECTION_ROUTES], ctx)


def _rank(draft: Draft) -> Rank:
    """How an IV chain's initial line ranks against another site's (R-C1); every such line has a rank."""
    return draft.rank or NO_RANK


def _separate_sites(initials: list[Draft], sheet: Sheet) -> None:
    """A second initial service only on a necessary separate site; the lower-ranked one carries 59 (R-C1)."""
    ranked = sorted(initials, key=_rank, reverse=True)
    for draft in ranked[1:]:
        draft.modifiers.append("59")
        draft.rule = "R-C1"
        draft.reason = LineReason.SEPARATE_SITE
        draft.why += (
            " A second initial service on a separate site carries modifier 59 (XU or XS are accepted too)."
        )
    if len(ranked) > 1:
        sheet.note(
            "R-C1",
            NoteReason.SEVERAL_INITIAL_SERVICES,
            "More than one initial service: allowed only because each is on a medically necessary separate IV "
            "site; document why the separate access was needed.",
        )


def _port_flush(flushes: list[Administration], ctx: Context) -> None:
    if not flushes:
        return
    if ctx.sheet.drafts:
        ctx.sheet.note(
            "R-I1",
            NoteReason.PORT_FLUSH_WITH_OTHER_SERVICES,
            f"{names(flushes)}: a port flush is reported only when nothing else is coded in the encounter; "
            "here it is part of the other services.",
            *flushes,
        )
        return
    first = flushes[0]
    why = f"The implanted port was flushed at {ctx.at(first.start_at)} and nothing else was given: the flush is coded."
    beside.standalone(ctx, first, "96523", "R-I1", LineReason.PORT_FLUSH_ALONE, why)
    if len(flushes) > 1:
        ctx.sheet.note(
            "R-I1",
            NoteReason.PORT_FLUSH_ONCE,
            "Several flushes in one encounter are reported once.",
            *flushes,
        )


def _professional_primary(encounter: Encounter, initials: list[Draft], sheet: Sheet) -> None:
    """Office notes on the primary mark (R-C4, R-C5), worded by what was coded: nothing on IV services when
    none is reportable."""
    if encounter.setting is not Setting.PROFESSIONAL:
        return
    marked = [a for a in encounter.administrations if a.primary]
    if not marked and initials:
        sheet.note(
            "R-C4",
            NoteReason.NO_PRIMARY_MARKED,
            "No administration is marked as the primary reason for the office visit, so the hierarchy picked "
            "the initial service; mark the main reason to code it as the office would.",
        )
    outside = [a for a in marked if a.route not in IV_ROUTES]
    if not outside:
        return
    if not initials:
        text = (
            f"{names(outside)} is marked as the primary reason and is coded on a line of its own; "
            "nothing else here takes an initial service from that mark."
        )
    elif any(a.route in IV_ROUTES for a in marked):
        text = (
            f"{names(outside)} is marked as the primary reason but is reported beside the IV services, never as "
            "their initial."
        )
    else:
        text = (
            f"{names(outside)} is marked as the primary reason but is reported beside the IV services, never as "
            "their initial; the IV services take their initial service by the hierarchy."
        )
    sheet.note("R-C5", NoteReason.PRIMARY_BESIDE_THE_CHAIN, text, *outside)


def _drug_required_hydration(sheet: Sheet) -> None:
    """C7: hydration beside chemotherapy is coded, with a word on contractors that bundle it."""
    codes = {d.code for d in sheet.drafts}
    if codes & {"96360", "96361"} and codes & {"96409", "96413", "96416"}:
        sheet.note(
            "R-F4",
            NoteReason.LABEL_REQUIRED_HYDRATION,
            "Hydration beside chemotherapy is coded when it does not overlap the drugs. If the chemotherapy's "
            "label requires that hydration (cisplatin, for example), some Medicare contractors treat it as part "
            "of the drug administration.",
        )


def _addon_pairings(sheet: Sheet) -> None:
    """Every add-on is still reported; where none of its listed primaries is on the claim, say so (R-C2)."""
    on_claim = {d.code for d in sheet.drafts}
    for code in sorted({d.code for d in sheet.drafts if CODES[d.code].addon}):
        primaries = CODES[code].primaries
        if not on_claim.intersection(primaries):
            sheet.warn(
                "R-C2",
                NoteReason.ADDON_WITHOUT_PRIMARY,
                f"+{code} is reported, but none of the primary codes it is listed with ({', '.join(primaries)}) is "
                "on this claim: check Medicare's add-on code edit list before billing.",
            )


def _midnight(encounter: Encounter, active: list[Administration], sheet: Sheet) -> None:
    crossing = [a for a in active if a.stop_at is not None and a.stop_at.date() != a.start_at.date()]
    if encounter.dated and crossing:
        dating = (
            "each unit is dated on the day its time accrued"
            if encounter.setting is Setting.FACILITY
            else "every unit carries the start date"
        )
        sheet.note(
            "R-K3",
            NoteReason.CROSSED_MIDNIGHT,
            f"{names(crossing)} crossed midnight: a continuous service is timed as a whole, and {dating}.",
            *crossing,
        )
    if encounter.dated and len({a.start_at.date() for a in active}) > 1:
        sheet.note(
            "R-K1",
            NoteReason.SEVERAL_DATES,
            "The encounter spans more than one date: it keeps one initial service (per necessary site) for the "
            "whole encounter, and each line carries the date it was provided.",
        )


def _lines(drafts: list[Draft], initials: list[Draft], encounter: Encounter) -> list[Line]:
    """The initial service first, then the others in the order they happened; one line per date."""
    head = sorted(initials, key=_rank, reverse=True)[:1] or [d for d in drafts if d.role == "initial"][:1]
    first = {id(d) for d in head}
    rest = sorted((d for d in drafts if id(d) not in first and d.follows is None), key=lambda d: d.at)
    extensions: dict[int, list[Draft]] = {}  # further hours, by the line they extend
    for d in drafts:
        if d.follows is not None:
            extensions.setdefault(id(d.follows), []).append(d)
    ordered = [line for draft in head + rest for line in (draft, *extensions.get(id(draft), []))]
    lines = []
    for draft in ordered:
        dates = _dates(draft, encounter)
        for day, count in dates:
            why = draft.why
            if len(dates) > 1:
                why += f" {count} of these {draft.units} units fall on {day}."
            lines.append(
                Line(
                    code=draft.code,
                    units=count,
                    modifiers=list(draft.modifiers),
                    administrations=list(draft.administrations),
                    role=draft.role,
                    rule=draft.rule,
                    reason=draft.reason,
                    why=why,
                    date=day,
                )
            )
    if encounter.dated:  # a later date's units come after everything of the earlier date
        lines[1:] = sorted(lines[1:], key=lambda line: line.date or "")
    return lines


def _dates(draft: Draft, encounter: Encounter) -> list[tuple[str | None, int]]:
    if not encounter.dated:
        return [(None, draft.units)]
    if encounter.setting is Setting.PROFESSIONAL or not draft.accrued:
        return [((draft.started or draft.at).date().isoformat(), draft.units)]
    per_date = Counter(moment.date().isoformat() for moment in draft.accrued)
    return sorted(per_date.items())
