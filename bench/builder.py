"""Server time of one builder re-code round trip: an htmx POST that moves one stop time by a minute,
on a 20-administration encounter, answered with the re-rendered workspace (codes, picture, what-if hints).

    .venv/bin/python bench/builder.py [--runs N]

Runs in-process through Django's test client against a throwaway test database, signed in as a trainee, so
it measures the server's work (session, engine, hints, templates), not the network. Three timelines: the busy
day in clock times, the same in date-times, and ten such days twelve hours apart (200 administrations). Prints
the median and the spread of the wall time, the process's CPU time (steadier on a shared machine) and the HTML
size.

Measured 2026-12-02 on a shared machine (CPU, median): the busy day in date-times 8.0 ms changes only (46 KB),
13.1 ms whole (98 KB); the spaced day with hints 6.7 ms; 200 administrations 86 ms changes only, 131 ms whole.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.urls import reverse  # noqa: E402

from coding import session, whatif  # noqa: E402
from coding.engine import code_encounter, parse_encounter  # noqa: E402

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


def spaced_day() -> dict:
    """Twenty services (drugs of their own, not the busy day's) where several infusions stand alone near a unit boundary (25, 35, 85, 95 and 145 minutes:
    near 15/16, 30/31, 90/91 and 150/151), so their own minutes decide their lines and the builder shows hints."""
    plan = [
        ("Lactated Ringer's", "hydration", "iv_infusion", 0, 35),
        ("Ondansetron", "therapeutic", "iv_push", 47, None),
        ("Carboplatin", "chemotherapy", "iv_infusion", 52, 147),
        ("Famotidine", "therapeutic", "iv_push", 90, None),
        ("Methylprednisolone", "therapeutic", "iv_infusion", 159, 184),
        ("Cefazolin", "therapeutic", "iv_infusion", 196, 281),
        ("Diphenhydramine", "therapeutic", "iv_push", 230, None),
        ("Ketorolac", "therapeutic", "intramuscular", 250, None),
        ("Docetaxel", "chemotherapy", "iv_infusion", 293, 338),
        ("Enoxaparin", "therapeutic", "subcutaneous", 310, None),
        ("Dextrose in water", "hydration", "iv_infusion", 350, 410),
        ("Morphine", "therapeutic", "iv_push", 430, None),
        ("Esomeprazole", "therapeutic", "iv_infusion", 422, 472),
        ("Morphine", "therapeutic", "iv_push", 450, None),
        ("Leuprolide", "chemotherapy", "intramuscular", 484, None),
        ("Ceftriaxone", "therapeutic", "iv_infusion", 496, 641),
        ("Diphenhydramine", "therapeutic", "iv_push", 540, None),
        ("Ondansetron", "therapeutic", "iv_push", 560, None),
        ("Ketorolac", "therapeutic", "intramuscular", 600, None),
        ("Ondansetron", "therapeutic", "iv_push", 660, None),
    ]
    administrations = []
    for number, (substance, category, route, start, stop) in enumerate(plan, 1):
        item = {"id": f"a{number}", "substance": substance, "category": category, "route": route}
        item["start"] = clock(7 * 60 + start)
        if stop is not None:
            item["stop"] = clock(7 * 60 + stop)
        if substance == "Leuprolide":
            item["hormonal"] = True
        administrations.append(item)
    return {"setting": "facility", "administrations": administrations}


def at(minutes: int, day: str = "") -> str:
    """An HH:MM clock time, or with `day` ("2026-03-14") a date-time that may run past midnight."""
    if not day:
        return clock(minutes)
    moment = datetime.fromisoformat(f"{day}T00:00") + timedelta(minutes=minutes)
    return moment.strftime("%Y-%m-%dT%H:%M")


def dated_days(blocks: int, first: dict | None = None) -> dict:
    """`blocks` days of 20 administrations twelve hours apart, in date-times: the busy day, or `first` then busy
    days (copies of one day would cancel each other's hints: hints need a length no other service shares). After
    a `first`, the busy days' portable pump stops after an hour rather than running on over the day of hints."""
    day = busy_day()
    if first:
        for item in day["administrations"]:
            if "pump" in item:
                hours, minutes = map(int, item["start"].split(":"))
                item["stop"] = clock(hours * 60 + minutes + 60)
    administrations = []
    for block in range(blocks):
        for item in (first or day)["administrations"] if block == 0 else day["administrations"]:
            copy = dict(item)
            copy["id"] = f"a{len(administrations) + 1}"
            for field in ("start", "stop"):
                if field in item:
                    hours, minutes = map(int, item[field].split(":"))
                    copy[field] = at(block * 12 * 60 + hours * 60 + minutes, "2026-03-14")
            administrations.append(copy)
    return day | {"administrations": administrations}


def median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.1f} ms (min {min(samples) * 1000:.1f}, max {max(samples) * 1000:.1f})"


def measure(name: str, encounter: dict, runs: int) -> None:
    """Prints the engine alone, the hints alone, and the htmx nudge round trip with its HTML size."""
    parsed = parse_encounter(encounter)
    result = code_encounter(parsed)
    assert result.lines
    engine, hints = [], []
    for _ in range(runs):
        started = time.perf_counter()
        code_encounter(parsed)
        engine.append(time.perf_counter() - started)
        started = time.perf_counter()
        found = whatif.hints(parsed, result)
        hints.append(time.perf_counter() - started)

    print(f"{name}: {len(encounter['administrations'])} administrations, {runs} runs, {len(found)} hints")
    print(f"  engine alone (code, parsed input)  {median_ms(engine)}")
    print(f"  what-if hints (all stops)          {median_ms(hints)}")
    for label, in_place in (("whole workspace (no version)", False), ("changes only (page's version)", True)):
        round_trips, cpu, sizes, shown = nudges(encounter, runs, in_place=in_place)
        print(f"  htmx POST nudge, {label}")
        print(f"    round trip                       {median_ms(round_trips)}")
        print(f"    of which CPU of this process     {median_ms(cpu)}")
        print(f"    HTML {statistics.median(sizes) / 1000:7.1f} KB, hints shown in it {shown}")


def nudges(encounter: dict, runs: int, *, in_place: bool) -> tuple[list[float], list[float], list[int], int]:
    """Moves a3's stop a minute later and back, `runs` times, as the page would: posting the version it was drawn
    at (`in_place`: the answer is only what changed) or no version (an old page: the whole workspace), signed in
    as a trainee like bench/load.sh's nudges."""
    client = Client()
    User.objects.filter(username="bench-trainee").delete()
    client.force_login(User.objects.create_user("bench-trainee"))
    store = client.session
    store[session.SESSION_KEY] = encounter
    store.save()
    url = reverse("coding:nudge", args=["a3"])
    version = re.search(
        r'name="version" value="(\d+)"', client.get(reverse("coding:builder")).content.decode()
    )[1]
    round_trips, cpu, sizes, shown = [], [], [], 0
    for run in range(runs + 2):
        data = {"minutes": "1" if run % 2 == 0 else "-1"} | ({"version": version} if in_place else {})
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, data, headers={"HX-Request": "true"})
        elapsed, elapsed_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        assert response.status_code == 200 and b'id="codes"' in response.content, response.status_code
        html = response.content.decode()
        version = re.search(r'name="version" value="(\d+)"', html)[1]
        if run >= 2:  # the first two warm the template cache
            round_trips.append(elapsed)
            cpu.append(elapsed_cpu)
            sizes.append(len(response.content))
            shown = html.count('class="hint"')
    return round_trips, cpu, sizes, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs

    # No setup_test_environment(): it instruments every template render for the test client (a copy of the
    # context per template), work a served request never does. The test database is all the bench needs.
    runner = DiscoverRunner(verbosity=0)
    databases = runner.setup_databases()
    try:
        with override_settings(
            STORAGES=PLAIN_STATIC, ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False
        ):
            measure("clock times", busy_day(), runs)
            measure("date-times", dated_days(1), runs)
            measure("date-times", dated_days(10), max(runs // 3, 5))
            measure("date-times, spaced (hints)", dated_days(1, spaced_day()), runs)
            measure(
                "date-times, spaced day then busy days (hints)",
                dated_days(10, spaced_day()),
                max(runs // 3, 5),
            )
    finally:
        runner.teardown_databases(databases)


if __name__ == "__main__":
    main()
