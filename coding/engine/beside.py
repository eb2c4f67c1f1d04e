"""Services reported beside the IV chain (R-C5, R-H4): injections, cavity and reservoir chemotherapy,
pump starts and refills, port flushes, and the subcutaneous and intra-arterial infusion chains."""

from __future__ import annotations

from datetime import date

from coding.engine import timeline, units
from coding.engine.chain import Context
from coding.engine.explain import ROUTE_WORDS, article, minutes_text, name, names, plural
from coding.engine.schema import Administration, Category, LineReason, NoteReason, Pump, Route
from coding.engine.sheet import Draft

CAVITY = {
    Route.INTRAPLEURAL: "96440",
    Route.INTRAPERITONEAL: "96446",
    Route.INTRATHECAL: "96450",
    Route.VENTRICULAR_RESERVOIR: "96542",
}
PUMP_START = {Route.IV_INFUSION: "96416", Route.INTRA_ARTERIAL: "96425"}
REFILL = {Pump.PORTABLE: "96521", Pump.IMPLANTABLE: "96522"}


def is_pump_start(a: Administration) -> bool:
    """A prolonged infusion started on a pump (R-H5); one documented as 8 hours or less is an ordinary infusion."""
    if a.pump is None or a.route not in PUMP_START:
        return False
    return a.minutes is None or a.minutes > units.PROLONGED_PUMP_MINUTES


def standalone(ctx: Context, a: Administration, code: str, rule: str, reason: LineReason, why: str) -> Draft:
    return ctx.sheet.once(code, "standalone", rule, reason, why, (a.id,), a.start_at)


def code_injection(a: Administration, ctx: Context) -> None:
    route = ROUTE_WORDS[a.route]
    if a.category is Category.CHEMOTHERAPY:
        if a.hormonal:
            why = (
                f"{name(a)} is a hormonal anti-cancer drug given as {article(route)} at {ctx.at(a.start_at)}."
            )
            standalone(ctx, a, "96402", "R-G2", LineReason.INJECTION, why)
        else:
            why = f"{name(a)} is a non-hormonal chemotherapy or complex drug given as {article(route)} at {ctx.at(a.start_at)}."
            standalone(ctx, a, "96401", "R-G2", LineReason.INJECTION, why)
        return
    why = (
        f"{name(a)} is {article(route)} of a therapeutic drug at {ctx.at(a.start_at)}: coded on its own, "
        "beside any IV services."
    )
    standalone(ctx, a, "96372", "R-G2", LineReason.INJECTION, why)


def note_repeat_injections(injections: list[Administration], ctx: Context) -> None:
    """The same drug injected more than once on one date: each injection is its own line, and many payers
    want modifier 59 or XS on the second and later ones (R-G2)."""
    by_drug_and_date: dict[tuple[str, date | None], list[Administration]] = {}
    for a in injections:
        day = a.start_at.date() if ctx.dated else None
        by_drug_and_date.setdefault((a.drug_key, day), []).append(a)
    for (_, day), shots in by_drug_and_date.items():
        if len(shots) < 2:
            continue
        when = f"on {day.isoformat()}" if day else "in this encounter"
        ctx.sheet.note(
            "R-G2",
            NoteReason.REPEAT_INJECTION,
            f"{name(shots[0])} was injected {plural(len(shots), 'time')} {when}: each injection is its own line, "
            f"and many payers want modifier 59 or XS on the second and later ones ({len(shots) - 1} here); "
            "check the payer's rule.",
            *shots,
        )


def code_pump_start(a: Administration, ctx: Context) -> bool:
    """A chemotherapy pump start is coded once (R-H5); any other pump start is noted and left out (False)."""
    if a.category is not Category.CHEMOTHERAPY:
        ctx.sheet.warn(
            "R-H5",
            NoteReason.PUMP_OUT_OF_SCOPE,
            f"{name(a)} is a prolonged non-chemotherapy infusion started on a pump: outside this code family "
            "(hospitals may have a HCPCS code for it), so it is not coded here.",
            a,
        )
        return False
    expected = (
        "documented as " + minutes_text(a.minutes) if a.minutes else "expected to run more than 8 hours"
    )
    pump = a.pump.value if a.pump else "infusion"
    why = (
        f"{name(a)} was started on a {pump} pump at {ctx.at(a.start_at)}, {expected}: one start code, "
        "no further hours."
    )
    standalone(ctx, a, PUMP_START[a.route], "R-H5", LineReason.PUMP_START, why)
    ctx.sheet.note(
        "R-H5",
        NoteReason.MEDICARE_OFFICE_PUMP,
        f"{name(a)}: a Medicare office claim for a practice pump sent home uses G0498 instead of the pump start code.",
        a,
    )
    return True


def code_refill(a: Administration, pump: Pump, ctx: Context) -> None:
    """A pump refill: 96521 for a portable pump, 96522 for an implantable one (R-H5)."""
    why = f"The {pump.value} pump was refilled and maintained at {ctx.at(a.start_at)}."
    standalone(ctx, a, REFILL[pump], "R-H5", LineReason.PUMP_REFILL, why)


def code_cavity(a: Administration, ctx: Context) -> None:
    why = f"{name(a)} was given by {ROUTE_WORDS[a.route]} at {ctx.at(a.start_at)}: a technique with its own code."
    standalone(ctx, a, CAVITY[a.route], "R-H6", LineReason.OWN_TECHNIQUE, why)


def code_intralesional(shots: list[Administration], ctx: Context) -> None:
    lesions = sum(a.lesions or 0 for a in shots)
    if any(a.lesions is None for a in shots):
        ctx.sheet.warn(
            "R-H4",
            NoteReason.LESIONS_NOT_DOCUMENTED,
            f"{names(shots)}: the number of lesions is not documented; coded as up to 7 lesions.",
            *[a for a in shots if a.lesions is None],
        )
    code = "96406" if lesions > 7 else "96405"
    first = shots[0]
    why = (
        f"{names(shots)} injected into {plural(lesions, 'lesion') if lesions else 'an undocumented number of lesions'}"
        f" ({'more than 7' if lesions > 7 else 'up to 7'}): one intralesional chemotherapy code for the session."
    )
    ctx.sheet.once(
        code,
        "standalone",
        "R-H4",
        LineReason.INTRALESIONAL_SESSION,
        why,
        tuple(a.id for a in shots),
        first.start_at,
    )


def code_intra_arterial(shots: list[Administration], ctx: Context) -> None:
    """Intra-arterial: injections and pushes stand alone; chemotherapy infusions start a chain of their own (R-H4)."""
    infusions = []
    for a in shots:
        minutes = a.minutes or 0
        timed = not units.is_push_length(minutes)
        if a.category is Category.THERAPEUTIC:
            if timed:
                why = (
                    f"{name(a)} ran {minutes_text(minutes)} intra-arterially: no specific code exists for a "
                    "therapeutic intra-arterial infusion, so the unlisted code applies."
                )
                standalone(ctx, a, "96379", "R-H4", LineReason.UNLISTED, why)
            else:
                why = f"{name(a)} was injected intra-arterially at {ctx.at(a.start_at)}."
                standalone(ctx, a, "96373", "R-H4", LineReason.INTRA_ARTERIAL_PUSH, why)
        elif timed:
            infusions.append(a)
        else:
            why = f"{name(a)} was pushed intra-arterially at {ctx.at(a.start_at)} (15 minutes or less, or untimed)."
            standalone(ctx, a, "96420", "R-H4", LineReason.INTRA_ARTERIAL_PUSH, why)
    if infusions:
        _timed_chain(
            infusions, ctx, first="96422", further="96423", kind="intra-arterial chemotherapy infusion"
        )


def code_sc_infusions(bags: list[Administration], ctx: Context) -> None:
    """Subcutaneous infusion: 96369 once, 96370 per further hour, +96371 for another pump set-up (R-C5)."""
    timed = []
    for a in bags:
        if a.minutes is None or units.is_push_length(a.minutes):
            reason = "has no stop time" if a.minutes is None else f"ran {minutes_text(a.minutes)}, 15 or less"
            why = f"{name(a)} {reason}: a subcutaneous infusion that short (or untimed) is coded as an injection."
            if a.minutes is None:
                standalone(ctx, a, "96372", "R-D8", LineReason.NO_STOP_TIME, why)
            else:
                standalone(ctx, a, "96372", "R-B1", LineReason.SHORT_INFUSION, why)
        else:
            timed.append(a)
    if not timed:
        return
    _timed_chain(timed, ctx, first="96369", further="96370", kind="subcutaneous infusion")
    if len(timed) > 1:
        later = timed[1:]
        why = f"{names(later)} needed another pump set-up at a new subcutaneous site: reported once."
        ctx.sheet.once(
            "96371",
            "sequential",
            "R-C5",
            LineReason.ANOTHER_PUMP_SET_UP,
            why,
            tuple(a.id for a in later),
            later[0].start_at,
        )


def _timed_chain(infusions: list[Administration], ctx: Context, first: str, further: str, kind: str) -> None:
    intervals = timeline.union((a.start_at, a.stop_at) for a in infusions if a.stop_at is not None)
    total = timeline.minutes(intervals)
    ids = tuple(a.id for a in infusions)
    start = intervals[0][0]
    if len(infusions) > 1:
        ctx.sheet.note(
            "R-H4",
            NoteReason.INFUSION_TIME_ADDED,
            f"{names(infusions)}: the {kind} time is added together ({minutes_text(total)}) under one first-hour code.",
            *infusions,
        )
    first_hour = ctx.sheet.once(
        first,
        "initial",
        "R-H4" if first == "96422" else "R-C5",
        LineReason.SEPARATE_CHAIN,
        f"{names(infusions)}: {kind} of {minutes_text(total)} (over 15) starts a chain of its own.",
        ids,
        start,
        accrued=timeline.moment_at(intervals, units.PUSH_MAX_MINUTES + 1),
    )
    offsets = units.additional_hour_offsets(total)
    if offsets:
        ctx.sheet.hours(
            further,
            "R-D4",
            (
                f"{names(infusions)} ran {minutes_text(total)}: {plural(len(offsets), 'further hour')}, a last "
                "part counted only when more than 30 minutes past the hour."
            ),
            ids,
            intervals,
            offsets,
            follows=first_hour,
        )
