"""A hint when a substance that is usually a drug is entered as hydration beside a drug.

Electrolyte replacement (potassium chloride in its own bag, say) is a drug given to treat, not a fluid given to
hydrate; entered as hydration, the drug line it earns silently disappears. The builder never blocks the entry:
it codes the encounter once more with that administration entered as a drug and says what would change. It works
on the engine's reading of the encounter, which the builder has already: nothing is read or validated again.
Substances are matched by their normalised name against a small table, never by reading sentences.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from coding.engine import CodingResult, Encounter, code_encounter
from coding.engine.codes import chip_label
from coding.engine.schema import Administration, Category

# Normalised names (lower case, words separated by one space) of substances usually given as a drug even when
# they hang in their own bag of fluid: electrolyte replacement.
USUALLY_DRUGS = frozenset(
    {
        "potassium chloride",
        "kcl",
        "potassium phosphate",
        "potassium phosphates",
        "sodium phosphate",
        "magnesium sulfate",
        "magnesium sulphate",
        "mgso4",
        "magnesium",
        "calcium gluconate",
        "calcium chloride",
        "sodium bicarbonate",
    }
)
HYDRATION_RULE = "R-B3"  # what hydration is, and what it is not
DRUG_CATEGORIES = frozenset({Category.THERAPEUTIC, Category.CHEMOTHERAPY})
NOT_A_LETTER = re.compile(r"[^a-z0-9]+")


def normalised_name(substance: str) -> str:
    """ "Potassium-Chloride 20 mEq" -> "potassium chloride 20 meq"."""
    return NOT_A_LETTER.sub(" ", substance.lower()).strip()


def usually_a_drug(substance: str) -> bool:
    """True when the name, or its first one or two words (the dose may follow), is in the table."""
    words = normalised_name(substance).split()
    return any(" ".join(words[:size]) in USUALLY_DRUGS for size in (1, 2))


@dataclass(frozen=True)
class CategoryHint:
    """Entering `administration_id` (`substance`) as a drug would add `added` and drop `dropped` (chip labels)."""

    administration_id: str
    substance: str
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    rule: ClassVar[str] = HYDRATION_RULE

    @property
    def text(self) -> str:
        changes = []
        if self.added:
            changes.append(f"add {', '.join(self.added)}")
        if self.dropped:
            changes.append(f"drop {', '.join(self.dropped)}")
        return (
            f"{self.substance} is entered as hydration. Entered as a drug, it would {' and '.join(changes)}."
        )


def _claim(result: CodingResult) -> Counter[str]:
    """The claim as chip labels counted by units, so a changed unit count shows as one added or dropped. A code
    on several lines (+96367 for two sequential drugs, say) counts the units of all of them."""
    claim: Counter[str] = Counter()
    for line in result.lines:
        claim[chip_label(line.code)] += line.units
    return claim


def _units(code: str, units: int) -> str:
    return code if units == 1 else f"{code} ×{units}"


def entered_as_drug(encounter: Encounter, administration_id: str) -> Encounter:
    """The encounter with one administration entered as a drug, copied rather than validated again: every route
    that takes hydration takes a drug too, and nothing else the engine checks depends on a category."""
    administrations = [
        a.model_copy(update={"category": Category.THERAPEUTIC}) if a.id == administration_id else a
        for a in encounter.administrations
    ]
    return encounter.model_copy(update={"administrations": administrations})


def _beside_a_drug(encounter: Encounter) -> bool:
    return any(a.category in DRUG_CATEGORIES and not a.incidental for a in encounter.administrations)


def _suspect(administration: Administration) -> bool:
    return (
        administration.category is Category.HYDRATION
        and not administration.incidental
        and usually_a_drug(administration.substance)
    )


def category_hints(encounter: Encounter | None, result: CodingResult | None) -> list[CategoryHint]:
    """One hint per usually-a-drug substance entered as hydration beside a drug, where entering it as a drug
    changes the claim; `encounter` is the engine's reading of the timeline and `result` its coding (None for
    either: nothing to compare)."""
    if encounter is None or result is None or not _beside_a_drug(encounter):
        return []
    now = _claim(result)
    hints = []
    for administration in filter(_suspect, encounter.administrations):
        alternative = _claim(code_encounter(entered_as_drug(encounter, administration.id)))
        added, dropped = alternative - now, now - alternative
        if added or dropped:
            hints.append(
                CategoryHint(
                    administration.id,
                    administration.substance,
                    tuple(_units(code, units) for code, units in added.items()),
                    tuple(_units(code, units) for code, units in dropped.items()),
                )
            )
    return hints
