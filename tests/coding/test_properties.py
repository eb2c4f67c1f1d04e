"""Invariants over random valid encounters (hypothesis): what must hold whatever a trainee lays out."""

from collections import Counter
from datetime import datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coding.engine import EncounterError, code_encounter
from coding.engine.codes import CODES
from coding.engine.schema import ROUTE_CATEGORIES, Category, Route

IV_INITIALS = {"96360", "96365", "96374", "96409", "96413"}
# The first codes of a chain (R-B7), with the subcutaneous and intra-arterial chains of R-H4.
INITIAL_CODES = IV_INITIALS | {"96369", "96422"}
SUBSTANCES = [
    "Normal saline",
    "Ondansetron",
    "Cefazolin",
    "Vancomycin",
    "Morphine",
    "Cisplatin",
    "Fluorouracil",
]


EVENING = datetime(2026, 3, 14, 18, 0)


def _time(minute: int, dated: bool) -> str:
    """Minutes into the day as HH:MM, or minutes after 18:00 on 14 March as a date-time (crossing midnight)."""
    if dated:
        return (EVENING + timedelta(minutes=minute)).isoformat(timespec="minutes")
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _administration(draw, index: int, routes: list[Route], start: str) -> tuple[dict, Route, Category]:
    """An administration of a drawn route, with a category that route takes."""
    route = draw(st.sampled_from(routes))
    category = draw(st.sampled_from(sorted(ROUTE_CATEGORIES[route])))
    item = {
        "id": f"a{index}",
        "substance": draw(st.sampled_from(SUBSTANCES)),
        "category": category.value,
        "route": route.value,
        "start": start,
    }
    return item, route, category


@st.composite
def administrations(draw, index: int, dated: bool):
    start = draw(st.integers(min_value=0 if dated else 6 * 60, max_value=12 * 60 if dated else 20 * 60))
    item, route, category = _administration(draw, index, list(Route), _time(start, dated))
    if draw(st.booleans()):
        longest = 240 if dated else min(240, 23 * 60 + 59 - start)
        item["stop"] = _time(start + draw(st.integers(min_value=1, max_value=longest)), dated)
    if route in (Route.IV_INFUSION, Route.IV_PUSH):
        item["access"] = draw(st.sampled_from(["A", "A", "B", "C"]))
    if route is Route.PUMP_REFILL or (route is Route.IV_INFUSION and draw(st.integers(0, 9)) == 0):
        item["pump"] = draw(st.sampled_from(["portable", "implantable"]))
    if route in (Route.SUBCUTANEOUS, Route.INTRAMUSCULAR):
        item["hormonal"] = draw(st.booleans())
    if route is Route.INTRALESIONAL and draw(st.booleans()):
        item["lesions"] = draw(st.integers(min_value=1, max_value=12))
    if category.value == "hydration" and draw(st.integers(0, 3)) == 0:
        item["incidental"] = True
    if draw(st.integers(0, 4)) == 0:
        item["primary"] = True
    return item


@st.composite
def encounters(draw):
    count = draw(st.integers(min_value=1, max_value=10))
    dated = draw(st.booleans())
    return {
        "setting": draw(st.sampled_from(["facility", "professional"])),
        "accesses": [{"id": "B", "separate_site_necessary": draw(st.booleans())}],
        "administrations": [draw(administrations(i, dated)) for i in range(count)],
    }


def _site(data, administration_id):
    necessary = {a["id"] for a in data["accesses"] if a["separate_site_necessary"]}
    access = next(a for a in data["administrations"] if a["id"] == administration_id).get("access", "A")
    return access if access in necessary else "A"


PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(encounters())
def test_at_most_one_iv_initial_per_necessary_site(data):
    result = code_encounter(data)

    sites = Counter(_site(data, line.administrations[0]) for line in result.lines if line.code in IV_INITIALS)
    assert all(count == 1 for count in sites.values())
    assert sum(1 for line in result.lines if line.role == "initial" and line.code not in IV_INITIALS) <= 2


@PROPERTY_SETTINGS
@given(encounters())
def test_every_add_on_accompanies_an_initial_service(data):
    result = code_encounter(data)

    codes = {line.code for line in result.lines}
    for line in result.lines:
        if CODES[line.code].addon:
            assert codes & INITIAL_CODES, f"+{line.code} without an initial service"
            if not codes & set(CODES[line.code].primaries):
                assert any(n.rule == "R-C2" and f"+{line.code}" in n.text for n in result.notes)


@PROPERTY_SETTINGS
@given(encounters())
def test_units_are_positive_whole_numbers_and_96368_is_once_per_date(data):
    result = code_encounter(data)

    assert all(isinstance(line.units, int) and line.units >= 1 for line in result.lines)
    concurrent = Counter(line.date for line in result.lines if line.code == "96368")
    assert all(units == 1 for units in concurrent.values())
    assert all(line.code in CODES for line in result.lines)
    dated = "T" in data["administrations"][0]["start"]
    assert all((line.date is not None) == dated for line in result.lines)


@PROPERTY_SETTINGS
@given(encounters())
def test_incidental_fluid_is_never_coded(data):
    result = code_encounter(data)

    incidental = {a["id"] for a in data["administrations"] if a.get("incidental")}
    assert not incidental & {i for line in result.lines for i in line.administrations}


@PROPERTY_SETTINGS
@given(encounters(), st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_input_order(data, random):
    shuffled = dict(
        data, administrations=random.sample(data["administrations"], len(data["administrations"]))
    )

    def claim(result):
        return Counter((line.code, line.units, tuple(line.modifiers), line.date) for line in result.lines)

    assert claim(code_encounter(shuffled)) == claim(code_encounter(data))


BREAKAGES = [
    ("start", "24:00"),
    ("start", "noon"),
    ("stop", "00:00"),
    ("category", "vitamin"),
    ("route", "oral"),
    ("substance", ""),
    ("substance", "\x00"),
    ("id", "has space"),
    ("incidental", "true"),
    ("dose", 5),
    ("lesions", -1),
    ("pump", "balloon"),
]


@PROPERTY_SETTINGS
@given(encounters(), st.sampled_from(BREAKAGES), st.data())
def test_invalid_encounters_always_give_the_error_body(data, breakage, pick):
    field, value = breakage
    index = pick.draw(st.integers(min_value=0, max_value=len(data["administrations"]) - 1))
    data["administrations"][index][field] = value

    try:
        code_encounter(data)
    except EncounterError as error:
        assert error.errors
        assert all(set(e) == {"loc", "msg"} and e["loc"] and e["msg"] for e in error.errors)
        assert any(e["loc"].startswith(f"administrations.{index}") for e in error.errors)
    else:
        raise AssertionError(f"{field}={value!r} was accepted")


# Bounded input: any time of any year, any length, sometimes not an object at all ----------------------

TIMED_ROUTES = [Route.IV_INFUSION, Route.IV_PUSH, Route.SC_INFUSION, Route.INTRA_ARTERIAL]
WEEK = timedelta(days=7)
MOST_UNITS_IN_A_WEEK = 7 * 24 + 1  # a first hour and every further hour of a week-long service


@st.composite
def wild_administrations(draw, index: int):
    if draw(st.integers(0, 19)) == 0:
        return draw(st.sampled_from([1, None, "a1", [], True]))
    if draw(st.integers(0, 7)) == 0:  # any year at all
        start = draw(st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 30)))
    else:  # within three days of one evening, so that many encounters are accepted and some span too long
        start = EVENING + timedelta(minutes=draw(st.integers(min_value=0, max_value=3 * 24 * 60)))
    item, route, _ = _administration(draw, index, TIMED_ROUTES, start.isoformat(timespec="minutes"))
    if draw(st.booleans()):
        longest = draw(st.sampled_from([8 * 60, 8 * 60, 8 * 60, 30 * 24 * 60]))
        stop = start + timedelta(minutes=draw(st.integers(min_value=1, max_value=longest)))
        item["stop"] = stop.isoformat(timespec="minutes")
    if route is Route.IV_INFUSION and draw(st.integers(0, 3)) == 0:
        item["pump"] = "portable"
    return item


@st.composite
def wild_encounters(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    return {"setting": "facility", "administrations": [draw(wild_administrations(i)) for i in range(count)]}


@PROPERTY_SETTINGS
@given(wild_encounters())
def test_any_encounter_is_refused_with_the_error_body_or_coded_within_the_bounds(data):
    try:
        result = code_encounter(data)
    except EncounterError as error:
        assert error.errors
        assert all(set(e) == {"loc", "msg"} and e["loc"] and e["msg"] for e in error.errors)
        return
    times = [
        datetime.fromisoformat(a[field])
        for a in data["administrations"]
        for field in ("start", "stop")
        if field in a
    ]
    assert all(1900 <= moment.year <= 2100 for moment in times)
    assert max(times) - min(times) <= WEEK
    assert all(line.units <= MOST_UNITS_IN_A_WEEK for line in result.lines)
    assert sum(line.units for line in result.lines) <= MOST_UNITS_IN_A_WEEK * len(data["administrations"])
    first_day, last_day = min(times).date().isoformat(), max(times).date().isoformat()
    assert all(first_day <= line.date <= last_day for line in result.lines)
