"""The drug-administration code families (96360–96379 and 96401–96549), in our own short words.

CPT descriptors belong to the AMA: every `short` here is our paraphrase. Read a row as
code, add-on?, the primary codes an add-on may accompany, and our description.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    code: str
    addon: bool
    primaries: tuple[str, ...]
    family: str
    short: str

    @property
    def label(self) -> str:
        """The code as coders write it: add-ons carry a leading +."""
        return f"+{self.code}" if self.addon else self.code


HYDRATION_THERAPEUTIC = "Hydration, therapeutic, prophylactic and diagnostic (96360–96379)"
CHEMOTHERAPY = "Chemotherapy and highly complex drugs (96401–96549)"

_PUSH_PRIMARIES = ("96365", "96374", "96409", "96413")

# fmt: off
_ROWS: list[tuple[str, bool, tuple[str, ...], str, str]] = [
    # code    add-on  may accompany                                      family                 our description
    ("96360", False, (),                                                 HYDRATION_THERAPEUTIC, "IV hydration, first hour (31 minutes or more)"),
    ("96361", True,  ("96360", "96365", "96374", "96409", "96413"),      HYDRATION_THERAPEUTIC, "IV hydration, each further hour, or secondary hydration"),
    ("96365", False, (),                                                 HYDRATION_THERAPEUTIC, "IV drug infusion, first hour (over 15 minutes)"),
    ("96366", True,  ("96365", "96367"),                                 HYDRATION_THERAPEUTIC, "IV drug infusion, each further hour"),
    ("96367", True,  _PUSH_PRIMARIES,                                    HYDRATION_THERAPEUTIC, "Sequential IV infusion of a new drug, up to an hour"),
    ("96368", True,  ("96365", "96366", "96413", "96415", "96416"),      HYDRATION_THERAPEUTIC, "Concurrent IV infusion, once per date"),
    ("96369", False, (),                                                 HYDRATION_THERAPEUTIC, "Subcutaneous infusion, first hour, with pump set-up"),
    ("96370", True,  ("96369",),                                         HYDRATION_THERAPEUTIC, "Subcutaneous infusion, each further hour"),
    ("96371", True,  ("96369",),                                         HYDRATION_THERAPEUTIC, "Subcutaneous infusion, another pump set-up at a new site"),
    ("96372", False, (),                                                 HYDRATION_THERAPEUTIC, "Subcutaneous or intramuscular injection of a drug"),
    ("96373", False, (),                                                 HYDRATION_THERAPEUTIC, "Intra-arterial injection of a drug"),
    ("96374", False, (),                                                 HYDRATION_THERAPEUTIC, "IV push of a drug, first or only"),
    ("96375", True,  _PUSH_PRIMARIES,                                    HYDRATION_THERAPEUTIC, "IV push of each further new drug"),
    ("96376", True,  _PUSH_PRIMARIES,                                    HYDRATION_THERAPEUTIC, "IV push of the same drug again after 30 minutes (facility only)"),
    ("96377", False, (),                                                 HYDRATION_THERAPEUTIC, "Applying an on-body injector for a timed subcutaneous dose"),
    ("96379", False, (),                                                 HYDRATION_THERAPEUTIC, "Unlisted IV or intra-arterial drug injection or infusion"),
    ("96401", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy injection under the skin or into muscle, non-hormonal"),
    ("96402", False, (),                                                 CHEMOTHERAPY,          "Hormonal anti-cancer injection under the skin or into muscle"),
    ("96405", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy into lesions, up to 7 lesions"),
    ("96406", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy into lesions, more than 7 lesions"),
    ("96409", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy IV push, first or only drug"),
    ("96411", True,  ("96409", "96413"),                                 CHEMOTHERAPY,          "Chemotherapy IV push of each further drug"),
    ("96413", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy IV infusion, first hour (over 15 minutes)"),
    ("96415", True,  ("96413", "96417"),                                 CHEMOTHERAPY,          "Chemotherapy IV infusion, each further hour"),
    ("96416", False, (),                                                 CHEMOTHERAPY,          "Starting a chemotherapy IV infusion of over 8 hours on a pump"),
    ("96417", True,  ("96413",),                                         CHEMOTHERAPY,          "Sequential chemotherapy IV infusion of a different drug, up to an hour"),
    ("96420", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy intra-arterial push"),
    ("96422", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy intra-arterial infusion, first hour"),
    ("96423", True,  ("96422",),                                         CHEMOTHERAPY,          "Chemotherapy intra-arterial infusion, each further hour"),
    ("96425", False, (),                                                 CHEMOTHERAPY,          "Starting an intra-arterial chemotherapy infusion of over 8 hours on a pump"),
    ("96440", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy into the pleural cavity, with thoracentesis"),
    ("96446", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy given into the abdomen through a port or catheter already in place"),
    ("96450", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy into the spinal fluid, with the spinal puncture"),
    ("96521", False, (),                                                 CHEMOTHERAPY,          "Topping up and servicing a portable drug pump"),
    ("96522", False, (),                                                 CHEMOTHERAPY,          "Topping up and servicing an implanted pump or reservoir feeding the bloodstream"),
    ("96523", False, (),                                                 CHEMOTHERAPY,          "Flushing an implanted venous access device, when nothing else is given"),
    ("96542", False, (),                                                 CHEMOTHERAPY,          "Chemotherapy through a subcutaneous reservoir into the spinal fluid"),
    ("96549", False, (),                                                 CHEMOTHERAPY,          "Unlisted chemotherapy procedure"),
]
# fmt: on

CODES: dict[str, Code] = {row[0]: Code(*row) for row in _ROWS}


def is_addon(code: str) -> bool:
    """True for an add-on code (reported only beside its primary); an unknown code is not one."""
    entry = CODES.get(code)
    return entry is not None and entry.addon


def chip_label(code: str) -> str:
    """How a code is written for a person: add-ons with a leading "+" (+96366)."""
    return f"+{code}" if is_addon(code) else code
