"""Server time of one builder re-code round trip: an htmx POST that moves one stop time by a minute,
on a 20-administration encounter, answered with the re-rendered workspace (codes, picture, what-if hints).

    .venv/bin/python bench/builder.py [--runs N]

Runs in-process through Django's test client against a throwaway test database, so it measures the
server's work (session, engine, hints, templates), not the network. Prints the median and the spread.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.test import Client, override_settings  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from coding import session, whatif  # noqa: E402
from coding.engine import code_encounter  # noqa: E402

PLAIN_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def busy_day() -> dict:
    """Twenty services over a long infusion-centre day on two sites: drugs, hydration, pushes, injections."""
    plan = [
        ("Normal saline", "hydration", "iv_infusion", 0, 45),
        ("Ondansetron", "therapeutic", "iv_push", 50, None),
        ("Cisplatin", "chemotherapy", "iv_infusion", 55, 175),
        ("Dexamethasone", "therapeutic", "iv_infusion", 60, 80),
        ("Normal saline", "hydration", "iv_infusion", 180, 240),
        ("Fosaprepitant", "therapeutic", "iv_infusion", 245, 275),
        ("Paclitaxel", "chemotherapy", "iv_infusion", 280, 460),
        ("Famotidine", "therapeutic", "iv_push", 300, None),
        ("Diphenhydramine", "therapeutic", "iv_push", 310, None),
        ("Magnesium in saline", "hydration", "iv_infusion", 465, 525),
        ("Vancomycin", "therapeutic", "iv_infusion", 90, 181),
        ("Pantoprazole", "therapeutic", "iv_infusion", 100, 140),
        ("Morphine", "therapeutic", "iv_push", 200, None),
        ("Morphine", "therapeutic", "iv_push", 260, None),
        ("Ketorolac", "therapeutic", "intramuscular", 330, None),
        ("Enoxaparin", "therapeutic", "subcutaneous", 340, None),
        ("Leuprolide", "chemotherapy", "intramuscular", 350, None),
        ("Normal saline", "hydration", "iv_infusion", 530, 600),
        ("Granisetron", "therapeutic", "iv_infusion", 605, 620),
        ("Fluorouracil pump", "chemotherapy", "iv_infusion", 625, None),
    ]
    administrations = []
    for number, (substance, category, route, start, stop) in enumerate(plan, 1):
        item = {
            "id": f"a{number}",
            "substance": substance,
            "category": category,
            "route": route,
            "start": clock(7 * 60 + start),
        }
        if stop is not None:
            item["stop"] = clock(7 * 60 + stop)
        if 11 <= number <= 12:
            item["access"] = "B"
        if substance == "Fluorouracil pump":
            item["pump"] = "portable"
        if substance == "Leuprolide":
            item["hormonal"] = True
        administrations.append(item)
    return {
        "setting": "facility",
        "accesses": [{"id": "B", "separate_site_necessary": True}],
        "administrations": administrations,
    }


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs

    setup_test_environment()
    runner = DiscoverRunner(verbosity=0)
    databases = runner.setup_databases()
    try:
        with override_settings(STORAGES=PLAIN_STATIC):
            encounter = busy_day()
            result = code_encounter(encounter)
            assert len(encounter["administrations"]) == 20 and result.lines

            engine, hints, round_trips = [], [], []
            for _ in range(runs):
                started = time.perf_counter()
                code_encounter(encounter)
                engine.append(time.perf_counter() - started)
                started = time.perf_counter()
                whatif.hints(encounter, result)
                hints.append(time.perf_counter() - started)

            client = Client()
            store = client.session
            store[session.SESSION_KEY] = encounter
            store.save()
            url = reverse("coding:nudge", args=["a3"])
            for run in range(runs + 2):
                minutes = "1" if run % 2 == 0 else "-1"
                started = time.perf_counter()
                response = client.post(url, {"minutes": minutes}, headers={"HX-Request": "true"})
                elapsed = time.perf_counter() - started
                assert response.status_code == 200 and b'id="codes"' in response.content
                if run >= 2:  # the first two warm the template cache
                    round_trips.append(elapsed)
    finally:
        runner.teardown_databases(databases)

    print(f"builder re-code round trip, 20 administrations, {runs} runs")
    print(f"  engine alone (code_encounter)      {median_ms(engine)}")
    print(f"  what-if hints (±{whatif.WINDOW} min, all stops)  {median_ms(hints)}")
    print(f"  htmx POST nudge -> workspace HTML  {median_ms(round_trips)}")


if __name__ == "__main__":
    main()
