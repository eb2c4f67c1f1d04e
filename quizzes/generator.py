"""Random practice cases: plausible encounters aimed at one rule family, reproducible from a seed.

`generate(family, seed)` returns the encounter (the encounter format) and a narrative in our own words.
The generator knows drugs, fluids and clock times, never codes: the engine codes every case for its key.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

FAMILIES: dict[str, str] = {
    "R-B": "Pushes, infusions and what counts as what",
    "R-C": "Choosing the initial service",
    "R-D": "Time and units",
    "R-E": "Sequential and concurrent",
    "R-F": "Hydration",
    "R-G": "Injections and pushes",
    "R-H": "Chemotherapy",
}

# What a trainee meets in each family's cases, in a sentence.
FAMILY_BLURBS: dict[str, str] = {
    "R-B": "Short infusions beside pushes: which is which, and why 15 minutes matters.",
    "R-C": "Fluids first and drugs later, in the hospital and the office: which service opens the claim.",
    "R-D": "Lengths around the thresholds, and drugs charted without a stop time.",
    "R-E": "Drugs after, beside and on top of the first one, and the same push given twice.",
    "R-F": "Fluid before or after a drug, fluid too short to count, fluid that only keeps the vein open.",
    "R-G": "Pushes of new and repeated drugs, and injections into muscle or under the skin.",
    "R-H": "Chemotherapy with its supportive drugs, fluids, pumps and other routes.",
}

MAX_SEED = 999_999

THERAPEUTIC_INFUSIONS = (
    "Ceftriaxone",
    "Cefazolin",
    "Vancomycin",
    "Levofloxacin",
    "Iron sucrose",
    "Magnesium sulfate",
    "Pantoprazole",
    "Acyclovir",
    "Piperacillin-tazobactam",
)
# Two beta-lactams back to back (piperacillin-tazobactam, then cefazolin) is not a plausible order: a case gets
# at most one of them.
BETA_LACTAMS = frozenset({"Ceftriaxone", "Cefazolin", "Piperacillin-tazobactam"})
THERAPEUTIC_PUSHES = (
    "Ondansetron",
    "Famotidine",
    "Diphenhydramine",
    "Furosemide",
    "Metoclopramide",
    "Dexamethasone",
    "Ketorolac",
    "Morphine",
)
# The shortest run that is realistic for a drug's usual dose, in minutes; drugs not listed may be given as a short
# infusion (or even a slow push) of a few minutes.
SHORTEST_INFUSION_MINUTES: dict[str, int] = {
    "Vancomycin": 60,
    "Levofloxacin": 60,
    "Acyclovir": 60,
    "Piperacillin-tazobactam": 30,
    "Magnesium sulfate": 15,
}
FLUIDS = ("Normal saline 1 L", "Lactated Ringer's", "D5 half-normal saline")
# Why the fluid is given, so a narrative says it is hydration and not a drug's carrier.
HYDRATION_PURPOSES = (
    "to treat dehydration",
    "for dehydration after a day of vomiting",
    "to replace fluid the patient cannot keep down",
)
CHEMO_INFUSIONS = ("Paclitaxel", "Carboplatin", "Cisplatin", "Oxaliplatin", "Rituximab", "Gemcitabine")
# Each injected drug with the routes it is really given by.
INJECTION_ROUTES: dict[str, tuple[str, ...]] = {
    "Cyanocobalamin": ("intramuscular", "subcutaneous"),
    "Ceftriaxone": ("intramuscular",),
    "Methylprednisolone": ("intramuscular",),
    "Enoxaparin": ("subcutaneous",),
}
HORMONAL_ROUTES: dict[str, tuple[str, ...]] = {
    "Leuprolide": ("intramuscular", "subcutaneous"),
    "Fulvestrant": ("intramuscular",),
    "Goserelin": ("subcutaneous",),
}


@dataclass(frozen=True)
class GeneratedCase:
    family: str
    seed: int
    encounter: dict[str, Any]
    narrative: str

    @property
    def title(self) -> str:
        return f"{FAMILIES[self.family]} · case {self.seed}"


class _Clock:
    """Times of one encounter, in minutes after midnight, written as HH:MM."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.now = rng.randrange(7 * 60, 12 * 60, 5)

    @staticmethod
    def text(minutes: int) -> str:
        return f"{minutes // 60:02d}:{minutes % 60:02d}"

    def later(self, low: int, high: int) -> int:
        self.now += self.rng.randint(low, high)
        return self.now


class _Builder:
    def __init__(self, rng: random.Random, setting: str = "facility") -> None:
        self.rng = rng
        self.clock = _Clock(rng)
        self.setting = setting
        self.administrations: list[dict[str, Any]] = []
        self.sentences: list[tuple[int, str]] = []
        self.accesses: list[dict[str, Any]] = []

    def _add(self, start: int, sentence: str, **data: Any) -> dict[str, Any]:
        administration = {"id": f"a{len(self.administrations) + 1}", **data, "start": _Clock.text(start)}
        if "stop" in administration:
            administration["stop"] = _Clock.text(administration["stop"])
        self.administrations.append(administration)
        self.sentences.append((start, sentence))
        return administration

    def infusion(
        self, substance: str, category: str, start: int, minutes: int, *, beside: str = "", **extra: Any
    ) -> dict[str, Any]:
        """An IV infusion; `beside` names the drug it runs alongside, in its own bag on the same line."""
        stop = start + minutes
        span = f"from {_Clock.text(start)} to {_Clock.text(stop)} ({minutes} minutes)"
        if extra.get("incidental"):
            sentence = f"{substance} drips at a keep-vein-open rate {span}."
        elif beside:
            sentence = f"{substance} is hung in its own bag on the same line, while {beside} is still running, {span}."
        elif category == "hydration":
            purpose = HYDRATION_PURPOSES[start % len(HYDRATION_PURPOSES)]
            sentence = f"{substance} runs through the IV {span} {purpose}."
        else:
            sentence = f"{substance} runs through the IV {span}."
        return self._add(
            start, sentence, substance=substance, category=category, route="iv_infusion", stop=stop, **extra
        )

    def push(self, substance: str, category: str, start: int, **extra: Any) -> dict[str, Any]:
        return self._add(
            start,
            f"{substance} is pushed by the nurse at {_Clock.text(start)}.",
            substance=substance,
            category=category,
            route="iv_push",
            **extra,
        )

    def injection(
        self, substance: str, category: str, route: str, start: int, **extra: Any
    ) -> dict[str, Any]:
        where = "into a muscle" if route == "intramuscular" else "under the skin"
        return self._add(
            start,
            f"{substance} is injected {where} at {_Clock.text(start)}.",
            substance=substance,
            category=category,
            route=route,
            **extra,
        )

    def pump(self, substance: str, start: int) -> dict[str, Any]:
        return self._add(
            start,
            f"At {_Clock.text(start)} {substance} is started on a portable pump, to run for two days at home.",
            substance=substance,
            category="chemotherapy",
            route="iv_infusion",
            pump="portable",
        )

    def reason_for_the_visit(self) -> str:
        """An office key may rest on the service the visit was for, so the narrative says which (or that the
        chart does not say)."""
        if self.setting != "professional":
            return ""
        primary = next((a for a in self.administrations if a.get("primary")), None)
        if primary is None:
            return " The chart does not say which service was the reason for the visit."
        return f" {primary['substance']} given at {primary['start']} is the reason for the visit."

    def case(self, family: str, seed: int, opening: str) -> GeneratedCase:
        encounter = {"setting": self.setting, "administrations": self.administrations}
        if self.accesses:
            encounter["accesses"] = self.accesses
        ordered = " ".join(sentence for _, sentence in sorted(self.sentences, key=lambda item: item[0]))
        return GeneratedCase(family, seed, encounter, f"{opening} {ordered}{self.reason_for_the_visit()}")


def _therapeutic_infusions(rng: random.Random, count: int, minutes: int = 24 * 60) -> list[str]:
    """`count` different therapeutic infusion drugs that could plausibly be given in one visit, each one that
    can realistically run as short as `minutes`."""
    pool = [drug for drug in THERAPEUTIC_INFUSIONS if SHORTEST_INFUSION_MINUTES.get(drug, 0) <= minutes]
    while True:
        drugs = rng.sample(pool, count)
        if len(BETA_LACTAMS.intersection(drugs)) <= 1:
            return drugs


def _infusion_for(rng: random.Random, minutes: int, *, besides: Sequence[str] = ()) -> str:
    """A therapeutic drug that can realistically run `minutes`, different from (and not a second beta-lactam
    beside) the drugs already given."""
    taken = set(besides)
    pool = [
        drug
        for drug in THERAPEUTIC_INFUSIONS
        if SHORTEST_INFUSION_MINUTES.get(drug, 0) <= minutes
        and drug not in taken
        and not (drug in BETA_LACTAMS and BETA_LACTAMS & taken)
    ]
    return rng.choice(pool)


def _opening(rng: random.Random, case: _Builder) -> str:
    if case.setting == "professional":
        return rng.choice(("In a physician's office:", "At the practice's infusion chair:"))
    # A hospital gives chemotherapy at its infusion centre, not in the emergency department.
    if any(a["category"] == "chemotherapy" for a in case.administrations):
        return "At the hospital's outpatient infusion centre:"
    return rng.choice(("In the emergency department:", "At the hospital's outpatient infusion centre:"))


def _pushes_and_infusions(rng: random.Random) -> _Builder:
    """R-B: short and long infusions beside pushes, so a trainee must tell one from the other."""
    case = _Builder(rng)
    minutes, other_minutes = rng.choice((8, 10, 12, 15, 16, 20, 25)), rng.choice((10, 14, 15, 30, 45))
    drug = _infusion_for(rng, minutes)
    case.infusion(drug, "therapeutic", case.clock.now, minutes)
    case.clock.later(20, 40)
    if rng.random() < 0.5:
        case.push(rng.choice(THERAPEUTIC_PUSHES), "therapeutic", case.clock.now)
    else:
        case.infusion(
            _infusion_for(rng, other_minutes, besides=[drug]), "therapeutic", case.clock.now, other_minutes
        )
    return case


def _initial_service(rng: random.Random) -> _Builder:
    """R-C: the first thing given is often not the initial service."""
    case = _Builder(rng, rng.choice(("facility", "facility", "professional")))
    first_minutes = rng.choice((40, 60, 75))
    first = case.infusion(rng.choice(FLUIDS), "hydration", case.clock.now, first_minutes)
    case.clock.later(first_minutes, first_minutes + 10)
    if rng.random() < 0.5:
        minutes = rng.choice((30, 45))
        second = case.infusion(_infusion_for(rng, minutes), "therapeutic", case.clock.now, minutes)
    else:
        second = case.push(rng.choice(THERAPEUTIC_PUSHES), "therapeutic", case.clock.now)
    if case.setting == "professional":
        rng.choice((first, second))["primary"] = True
    return case


def _time_and_units(rng: random.Random) -> _Builder:
    """R-D: lengths around the thresholds (31, 90/91, 150/151 minutes) and a drug with no stop time."""
    case = _Builder(rng)
    minutes = rng.choice((25, 31, 45, 75, 90, 91, 120, 150, 151, 200, 215))
    category, pool = rng.choice(
        (("therapeutic", THERAPEUTIC_INFUSIONS), ("hydration", FLUIDS), ("chemotherapy", CHEMO_INFUSIONS))
    )
    first, drug = (
        _therapeutic_infusions(rng, 2, minutes) if pool is THERAPEUTIC_INFUSIONS else (rng.choice(pool), None)
    )
    drug = drug or _therapeutic_infusions(rng, 1)[0]
    case.infusion(first, category, case.clock.now, minutes)
    if rng.random() < 0.3:
        start = case.clock.later(minutes + 5, minutes + 20)
        case._add(
            start,
            f"{drug} is hung at {_Clock.text(start)}; no stop time is charted.",
            substance=drug,
            category="therapeutic",
            route="iv_infusion",
        )
    return case


def _sequential_and_concurrent(rng: random.Random) -> _Builder:
    """R-E: drugs after the first (sequential), beside it (concurrent), and the same push again."""
    case = _Builder(rng)
    first, *others = _therapeutic_infusions(rng, 3)
    start = case.clock.now
    minutes = rng.choice((60, 75, 90, 120))
    case.infusion(first, "therapeutic", start, minutes)
    given = [first]
    for _ in others[: rng.randint(1, 2)]:
        if rng.random() < 0.5:
            offset, length = rng.randrange(5, 20, 5), rng.choice((30, 40))
            other = _infusion_for(rng, length, besides=given)
            case.infusion(other, "therapeutic", start + offset, length, beside=first)
        else:
            later, length = case.clock.later(minutes, minutes + 10), rng.choice((20, 45, 60))
            other = _infusion_for(rng, length, besides=given)
            case.infusion(other, "therapeutic", later, length)
        given.append(other)
    if rng.random() < 0.7:
        push, other_push = rng.sample(THERAPEUTIC_PUSHES, 2)
        case.push(push, "therapeutic", case.clock.later(90, 100))
        case.push(rng.choice((push, other_push)), "therapeutic", case.clock.later(25, 60))
    return case


def _hydration(rng: random.Random) -> _Builder:
    """R-F: hydration before or after a drug, short hydration, and fluid that only keeps the vein open."""
    case = _Builder(rng)
    fluid, drug_minutes = rng.choice(FLUIDS), rng.choice((30, 45, 60))
    drug = _infusion_for(rng, drug_minutes)
    shape = rng.choice(("before", "after", "kvo", "short"))
    if shape == "kvo":
        start = case.clock.now
        case.infusion("Normal saline", "hydration", start, 120, incidental=True)
        case.infusion(drug, "therapeutic", start + 20, drug_minutes)
        return case
    hydration_minutes = rng.choice((20, 30)) if shape == "short" else rng.choice((31, 45, 60, 95, 150))
    if shape == "after":
        case.infusion(drug, "therapeutic", case.clock.now, drug_minutes)
        case.infusion(fluid, "hydration", case.clock.later(drug_minutes, drug_minutes), hydration_minutes)
    else:
        case.infusion(fluid, "hydration", case.clock.now, hydration_minutes)
        case.infusion(
            drug, "therapeutic", case.clock.later(hydration_minutes, hydration_minutes), drug_minutes
        )
    return case


def _injections_and_pushes(rng: random.Random) -> _Builder:
    """R-G: pushes of new and repeated drugs, and injections into muscle or under the skin."""
    case = _Builder(rng, rng.choice(("facility", "professional")))
    first, second = rng.sample(THERAPEUTIC_PUSHES, 2)
    case.push(first, "therapeutic", case.clock.now, primary=case.setting == "professional")
    case.push(rng.choice((first, second)), "therapeutic", case.clock.later(20, 60))
    route = rng.choice(("intramuscular", "subcutaneous"))
    hormonal = rng.random() < 0.4
    drugs = HORMONAL_ROUTES if hormonal else INJECTION_ROUTES
    drug = rng.choice([name for name, routes in drugs.items() if route in routes])
    if hormonal:
        case.injection(drug, "chemotherapy", route, case.clock.later(10, 20), hormonal=True)
    else:
        case.injection(drug, "therapeutic", route, case.clock.later(10, 20))
    return case


def _chemotherapy(rng: random.Random) -> _Builder:
    """R-H: chemotherapy with supportive drugs (which are not chemotherapy), hydration and pumps."""
    case = _Builder(rng)
    case.push(rng.choice(("Ondansetron", "Dexamethasone", "Diphenhydramine")), "therapeutic", case.clock.now)
    start = case.clock.later(10, 20)
    minutes = rng.choice((45, 90, 120, 150))
    chemo = rng.choice(CHEMO_INFUSIONS)
    case.infusion(chemo, "chemotherapy", start, minutes)
    extra = rng.choice(("concurrent", "pump", "hydration", "second", "intrathecal", "intra_arterial"))
    if extra == "intrathecal":
        later = case.clock.later(minutes + 10, minutes + 30)
        case._add(
            later,
            f"Methotrexate is given into the spinal fluid by lumbar puncture at {_Clock.text(later)}.",
            substance="Methotrexate",
            category="chemotherapy",
            route="intrathecal",
        )
    elif extra == "intra_arterial":
        later, arterial_minutes = case.clock.later(minutes + 10, minutes + 20), rng.choice((30, 60, 100))
        case._add(
            later,
            f"Floxuridine then runs into the hepatic artery from {_Clock.text(later)} to "
            f"{_Clock.text(later + arterial_minutes)} ({arterial_minutes} minutes).",
            substance="Floxuridine",
            category="chemotherapy",
            route="intra_arterial",
            stop=later + arterial_minutes,
        )
    elif extra == "concurrent":
        case.infusion("Magnesium sulfate", "therapeutic", start + 15, 40, beside=chemo)
    elif extra == "pump":
        case.pump("Fluorouracil", case.clock.later(minutes + 5, minutes + 15))
    elif extra == "hydration":
        case.infusion(
            rng.choice(FLUIDS), "hydration", case.clock.later(minutes, minutes + 5), rng.choice((45, 60))
        )
    else:
        second = rng.choice([drug for drug in CHEMO_INFUSIONS if drug != chemo])
        case.infusion(second, "chemotherapy", case.clock.later(minutes, minutes + 5), rng.choice((30, 60)))
    return case


GENERATORS: dict[str, Callable[[random.Random], _Builder]] = {
    "R-B": _pushes_and_infusions,
    "R-C": _initial_service,
    "R-D": _time_and_units,
    "R-E": _sequential_and_concurrent,
    "R-F": _hydration,
    "R-G": _injections_and_pushes,
    "R-H": _chemotherapy,
}


def generate(family: str, seed: int) -> GeneratedCase:
    """The same family and seed always give the same case."""
    rng = random.Random(f"{family}:{seed}")
    case = GENERATORS[family](rng)
    return case.case(family, seed, _opening(rng, case))


def new_seed() -> int:
    return random.SystemRandom().randint(1, MAX_SEED)


def family_of(rule_id: str) -> str | None:
    """ "R-E4" -> "R-E", when that family has a generator."""
    family = rule_id.upper()[:3]
    return family if family in FAMILIES else None
