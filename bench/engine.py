"""Median time to code seeded random encounters of 5, 20, 100 and 200 administrations.

    .venv/bin/python bench/engine.py [--runs N]

Targets on the 2-core reference machine: 20 administrations under 2 ms; 200 under 15 times the cost of 20.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coding.engine import code_encounter, parse_encounter  # noqa: E402

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


if __name__ == "__main__":
    main()
