"""Short-hand for writing encounters in rule tables: `encounter(infusion("Vancomycin", "09:00", "10:31"))`."""

from collections import Counter
from itertools import count

from coding.engine import CodingResult, code_encounter

_ids = count(1)


def administration(substance, category, route, start, stop=None, **extra):
    item = {
        "id": f"a{next(_ids)}",
        "substance": substance,
        "category": category,
        "route": route,
        "start": start,
    }
    if stop is not None:
        item["stop"] = stop
    return item | extra


def infusion(substance, start, stop=None, category="therapeutic", **extra):
    return administration(substance, category, "iv_infusion", start, stop, **extra)


def push(substance, start, stop=None, category="therapeutic", **extra):
    return administration(substance, category, "iv_push", start, stop, **extra)


def hydration(start, stop=None, substance="Normal saline", **extra):
    return administration(substance, "hydration", "iv_infusion", start, stop, **extra)


def chemo(substance, start, stop=None, route="iv_infusion", **extra):
    return administration(substance, "chemotherapy", route, start, stop, **extra)


def encounter(*administrations, setting="facility", accesses=()):
    data = {"setting": setting, "administrations": list(administrations)}
    if accesses:
        data["accesses"] = [{"id": a, "separate_site_necessary": True} for a in accesses]
    return data


def coded(*administrations, **options) -> CodingResult:
    return code_encounter(encounter(*administrations, **options))


def units(result: CodingResult) -> dict[str, int]:
    """Codes with their units summed, as the example files compare them."""
    total = Counter()
    for line in result.lines:
        total[line.code] += line.units
    return dict(total)


def note_rules(result: CodingResult) -> set[str]:
    return {note.rule for note in result.notes}
