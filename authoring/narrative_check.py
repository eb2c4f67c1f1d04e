"""Does a case's narrative name what its timeline gives? A warning, never a block.

Names are compared as data: each substance's name is normalised (coding.category_hints.normalised_name) and cut
to its core (the words before a dose, a bag size or a detail such as "KVO"), then looked for as whole words in
the normalised narrative. A narrative word counts as a substance only when it is in KNOWN_SUBSTANCES: the
substances the site itself uses (the random cases' drug lists, the builder's examples, the starter cases and the
electrolytes the builder's category hint knows) and those of the timeline being checked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from coding.category_hints import USUALLY_DRUGS, normalised_name
from coding.gallery import EXAMPLES
from quizzes import generator, starter

# Words after which a substance's name is over: what the bag holds or why it hangs, not which substance it is.
DETAIL_WORDS = frozenset({"kvo", "pump", "pre", "post", "hydration", "bolus", "bag", "drip", "flush"})

UNNAMED = "unnamed"  # on the timeline, not in the narrative
ABSENT = "absent"  # in the narrative, not on the timeline


def core_name(substance: str) -> str:
    """ "Normal saline 1 L" -> "normal saline"; "Cefazolin 2 g" -> "cefazolin"; "D5 half-normal saline" stays."""
    words: list[str] = []
    for word in normalised_name(substance).split():
        if word[0].isdigit() or word in DETAIL_WORDS:
            break
        words.append(word)
    return " ".join(words)


def _by_core(substances: Iterable[str]) -> dict[str, str]:
    """Each core name, in the order first met, with the first name it was found under (to show people)."""
    names: dict[str, str] = {}
    for substance in substances:
        if core := core_name(substance):
            names.setdefault(core, substance[:1].upper() + substance[1:])
    return names


def _substances(encounters: Iterable[dict[str, Any]]) -> list[str]:
    return [str(a["substance"]) for encounter in encounters for a in encounter["administrations"]]


# The shortest name of each is shown: "Normal saline" rather than "Normal saline 1 L".
KNOWN_SUBSTANCES = _by_core(
    sorted(
        [
            *generator.THERAPEUTIC_INFUSIONS,
            *generator.THERAPEUTIC_PUSHES,
            *generator.FLUIDS,
            *generator.CHEMO_INFUSIONS,
            *generator.INJECTION_ROUTES,
            *generator.HORMONAL_ROUTES,
            *USUALLY_DRUGS,
            *_substances(example.encounter for example in EXAMPLES),
            *_substances(case.encounter for case in starter.CASES),
        ],
        key=len,
    )
)


@dataclass(frozen=True)
class NarrativeWarning:
    kind: str  # UNNAMED or ABSENT
    substance: str

    @property
    def text(self) -> str:
        if self.kind == UNNAMED:
            return f"The timeline gives {self.substance}, but the narrative does not name it."
        return f"The narrative names {self.substance}, but the timeline has no such administration."


def _contains(text: str, words: str) -> bool:
    """Whole-word containment of normalised strings."""
    return f" {words} " in f" {text} "


def narrative_warnings(narrative: str, encounter: dict[str, Any]) -> list[NarrativeWarning]:
    """Each timeline substance the narrative does not name, then each known substance it names that the timeline
    lacks (a longer name found, "magnesium sulfate", stands for the shorter one inside it, "magnesium")."""
    text = normalised_name(narrative)
    timeline = _by_core(str(a.get("substance", "")) for a in encounter.get("administrations", []))
    warnings = [
        NarrativeWarning(UNNAMED, name) for core, name in timeline.items() if not _contains(text, core)
    ]
    named = {known for known in KNOWN_SUBSTANCES.keys() | timeline.keys() if _contains(text, known)}
    longest = {core for core in named if not any(other != core and _contains(other, core) for other in named)}
    absent = [
        KNOWN_SUBSTANCES[core]
        for core in sorted(longest)
        if not any(_contains(mine, core) or _contains(core, mine) for mine in timeline)
    ]
    return warnings + [NarrativeWarning(ABSENT, name) for name in absent]
