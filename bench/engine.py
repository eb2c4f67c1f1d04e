"""Median time to code seeded random encounters of 5, 20, 100 and 200 administrations, then the worst cases.

    .venv/bin/python bench/engine.py [--runs N]

Targets on the 2-core reference machine: 20 administrations under 2 ms; 200 under 15 times the cost of 20;
every accepted input of up to 200 administrations (the worst cases below: the longest spans the format allows,
everything overlapping everything, date-times across midnight, repeated pushes) under 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datetime import datetime, timedelta  # noqa: E402

from coding.engine import EncounterError, code_encounter, parse_encounter  # noqa: E402

DRUGS = [
    "Ondansetron",
    "Cefazolin",
    "Vancomycin",
    "Morphine",
    "Famotidine",
    "Heparin",
    "Insulin",
    "Ketorolac",
]
CHEMO = ["Cisplatin", "Paclitaxel", "Carboplatin", "Fluorouracil"]


def random_encounter(size: int, seed: int) -> dict:
    """A plausible day of services: mostly IV work on one or two sites, some injections, spread over the day."""
    rng = random.Random(seed)
    administrations = []
    for index in range(size):
        start = rng.randrange(0, 23 * 60 - 240)
        kind = rng.random()
        item = {"id": f"a{index}", "start": f"{start // 60:02d}:{start % 60:02d}"}
        if kind < 0.25:
            item |= {"substance": "Normal saline", "category": "hydration", "route": "iv_infusion"}
        elif kind < 0.55:
            item |= {"substance": rng.choice(DRUGS), "category": "therapeutic", "route": "iv_infusion"}
        elif kind < 0.75:
            item |= {"substance": rng.choice(DRUGS), "category": "therapeutic", "route": "iv_push"}
        elif kind < 0.9:
            item |= {"substance": rng.choice(CHEMO), "category": "chemotherapy", "route": "iv_infusion"}
        else:
            item |= {"substance": rng.choice(DRUGS), "category": "therapeutic", "route": "intramuscular"}
        if item["route"] == "iv_infusion":
            stop = start + rng.randrange(5, 240)
            item["stop"] = f"{stop // 60:02d}:{stop % 60:02d}"
            item["access"] = rng.choice("AAB")
        administrations.append(item)
    return {
        "setting": rng.choice(["facility", "professional"]),
        "accesses": [{"id": "B", "separate_site_necessary": True}],
        "administrations": administrations,
    }


def median_ms(size: int, runs: int) -> tuple[float, float]:
    """Median milliseconds to code one encounter (validation included), and to validate it alone."""
    encounters = [random_encounter(size, seed) for seed in range(runs)]
    coding, validation = [], []
    for data in encounters:
        began = time.perf_counter()
        parse_encounter(data)
        validation.append(time.perf_counter() - began)
        began = time.perf_counter()
        code_encounter(data)
        coding.append(time.perf_counter() - began)
    return statistics.median(coding) * 1000, statistics.median(validation) * 1000


MONDAY = datetime(2026, 3, 9, 8, 0)
WEEK = 7 * 24 * 60 - 1  # minutes: just inside the longest span an encounter may have


def _at(minutes: int) -> str:
    return (MONDAY + timedelta(minutes=minutes)).isoformat(timespec="minutes")


def _week_long(index: int, substance: str, category: str, route: str = "iv_infusion") -> dict:
    """An administration starting `index` minutes into the week and running to its end."""
    return {
        "id": f"a{index}",
        "substance": substance,
        "category": category,
        "route": route,
        "start": _at(index),
        "stop": _at(WEEK),
    }


def worst_cases(size: int = 200) -> dict[str, dict]:
    """Inputs chosen to be expensive: long spans, many overlaps, many dates, many doses of one drug.

    Long because it is a table of inputs, one entry per worst case.
    """
    drugs = [f"Drug {i}" for i in range(size)]
    return {
        "every drug concurrent for a week": {
            "setting": "facility",
            "administrations": [_week_long(i, drugs[i], "therapeutic") for i in range(size)],
        },
        "one drug restarted every hour for a week": {
            "setting": "facility",
            "administrations": [
                dict(_week_long(i, "Vancomycin", "therapeutic"), start=_at(i * 50), stop=_at(i * 50 + 40))
                for i in range(size)
            ],
        },
        "hydration beside a week of chemotherapy": {
            "setting": "facility",
            "administrations": [
                _week_long(i, drugs[i], "hydration") if i % 2 else _week_long(i, drugs[i], "chemotherapy")
                for i in range(size)
            ],
        },
        "untimed chemotherapy pumps beside a week of drugs": {
            "setting": "facility",
            "administrations": [
                {k: v for k, v in _week_long(i, drugs[i], "chemotherapy").items() if k != "stop"}
                | {"pump": "portable"}
                if i % 2
                else _week_long(i, drugs[i], "therapeutic")
                for i in range(size)
            ],
        },
        "a push of one drug every 31 minutes": {
            "setting": "facility",
            "administrations": [
                {
                    "id": f"a{i}",
                    "substance": "Morphine",
                    "category": "therapeutic",
                    "route": "iv_push",
                    "start": _at(i * 31),
                }
                for i in range(size)
            ],
        },
        "short overlaps in a chain across midnights": {
            "setting": "professional",
            "administrations": [
                dict(_week_long(i, drugs[i], "therapeutic"), start=_at(i * 50), stop=_at(i * 50 + 60))
                for i in range(size)
            ],
        },
        "sc and intra-arterial week-long infusions beside hydration": {
            "setting": "facility",
            "administrations": [
                _week_long(
                    i,
                    drugs[i],
                    *(
                        ("therapeutic", "sc_infusion"),
                        ("chemotherapy", "intra_arterial"),
                        ("hydration", "iv_infusion"),
                    )[i % 3],
                )
                for i in range(size)
            ],
        },
    }


def worst_case_ms(data: dict, runs: int) -> tuple[float, str]:
    """Median milliseconds to code (or refuse) one worst case, and what came out."""
    timings, outcome = [], ""
    for _ in range(runs):
        began = time.perf_counter()
        try:
            result = code_encounter(data)
            outcome = f"{sum(line.units for line in result.lines)} units"
        except EncounterError as error:
            outcome = f"refused: {error.errors[0]['loc']}"
        timings.append(time.perf_counter() - began)
    return statistics.median(timings) * 1000, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="encounters per size (default 200)")
    runs = parser.parse_args().runs
    results = {}
    print(f"{'administrations':>16} {'median ms':>10} {'of which validation':>20}")
    for size in (5, 20, 100, 200):
        total, validation = median_ms(size, runs)
        results[size] = total
        print(f"{size:>16} {total:>10.3f} {validation:>20.3f}")
    print(f"200 / 20 cost ratio: {results[200] / results[20]:.1f} (target under 15)")
    print(f"20 administrations: {results[20]:.3f} ms (target under 2 ms)")
    print(f"\n{'worst case (200 administrations)':<60} {'median ms':>10}  outcome (target under 50 ms)")
    for label, data in worst_cases().items():
        total, outcome = worst_case_ms(data, max(3, runs // 40))
        print(f"{label:<60} {total:>10.1f}  {outcome}")


if __name__ == "__main__":
    main()
