"""Starter encounters for the builder, each in our own words and named for the rule it shows.

Data only: the engine codes them like anything a trainee builds, and a test checks each headline code.
"""

from dataclasses import dataclass

from coding.edits import AdministrationData, EncounterData
from coding.engine.codes import CODES


@dataclass(frozen=True)
class Example:
    slug: str
    title: str
    rule: str
    headline: str
    narrative: str
    encounter: EncounterData

    @property
    def headline_addon(self) -> bool:
        return CODES[self.headline].addon


def _iv(
    id_: str, substance: str, category: str, start: str, stop: str | None = None, **extra: object
) -> AdministrationData:
    administration = {
        "id": id_,
        "substance": substance,
        "category": category,
        "route": "iv_infusion",
        "start": start,
    }
    if stop is not None:
        administration["stop"] = stop
    return administration | extra


def _push(id_: str, substance: str, start: str, category: str = "therapeutic") -> AdministrationData:
    return {"id": id_, "substance": substance, "category": category, "route": "iv_push", "start": start}


EXAMPLES = [
    Example(
        slug="prophylactic-infusion",
        title="A prophylactic infusion",
        rule="R-D2",
        headline="96365",
        narrative=(
            "Before a procedure the nurse hangs cefazolin and runs it for 40 minutes to prevent infection. "
            "Prevention counts as therapy here, and anything over 15 minutes is an infusion, so the first hour "
            "is 96365. This is where the reader question starts."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_iv("a1", "Cefazolin 2 g", "therapeutic", "09:00", "09:40")],
        },
    ),
    Example(
        slug="sequential-infusion",
        title="A sequential infusion",
        rule="R-B4",
        headline="96367",
        narrative=(
            "Ceftriaxone runs for 50 minutes, then metronidazole follows through the same IV line once the "
            "first bag is done. The second drug is new and comes after the initial service, so it is a "
            "sequential infusion, +96367, on top of 96365."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Ceftriaxone 1 g", "therapeutic", "09:00", "09:50"),
                _iv("a2", "Metronidazole 500 mg", "therapeutic", "09:55", "10:35"),
            ],
        },
    ),
    Example(
        slug="concurrent-infusion",
        title="A concurrent infusion",
        rule="R-B5",
        headline="96368",
        narrative=(
            "Vancomycin runs for an hour and a half; twenty minutes in, pantoprazole is hung in its own bag on "
            "the same line and the two run side by side for 40 minutes. The second drug is concurrent: +96368, "
            "beside the initial 96365."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Vancomycin 1 g", "therapeutic", "09:00", "10:30"),
                _iv("a2", "Pantoprazole 40 mg", "therapeutic", "09:20", "10:00"),
            ],
        },
    ),
    Example(
        slug="hydration-31-minutes",
        title="Hydration needs 31 minutes",
        rule="R-D3",
        headline="96360",
        narrative=(
            "A dehydrated patient gets normal saline for 31 minutes. That is just enough for the first hour of "
            "hydration, 96360. Stop it one minute sooner and nothing is reported at all: short hydration never "
            "turns into a push."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_iv("a1", "Normal saline 1 L", "hydration", "10:00", "10:31")],
        },
    ),
    Example(
        slug="additional-hour-91-minutes",
        title="The 91st minute earns +96366",
        rule="R-D4",
        headline="96366",
        narrative=(
            "An acyclovir infusion runs for an hour and 31 minutes. The first hour's code covers up to 90 "
            "minutes; the 91st minute is more than 30 minutes past the hour, so one additional hour, +96366, "
            "is added."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_iv("a1", "Acyclovir 500 mg", "therapeutic", "08:00", "09:31")],
        },
    ),
    Example(
        slug="hierarchy-over-clock",
        title="The hierarchy beats the clock",
        rule="R-C3",
        headline="96374",
        narrative=(
            "Saline starts first and runs an hour; ondansetron is pushed a little later. In a facility the drug "
            "outranks the fluid whatever the order, so the push is the initial service, 96374, and the saline "
            "becomes secondary hydration."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Normal saline 1 L", "hydration", "08:00", "09:00"),
                _push("a2", "Ondansetron 4 mg", "09:05"),
            ],
        },
    ),
    Example(
        slug="repeat-push-facility",
        title="A repeat push in a facility",
        rule="R-E3",
        headline="96376",
        narrative=(
            "Morphine is pushed at 10:00 and again at 10:45 for pain that came back. The same drug pushed again "
            "more than 30 minutes later is +96376, which only a facility may report."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_push("a1", "Morphine 4 mg", "10:00"), _push("a2", "Morphine 4 mg", "10:45")],
        },
    ),
    Example(
        slug="keep-vein-open",
        title="Keep-vein-open fluid is not hydration",
        rule="R-F2",
        headline="96365",
        narrative=(
            "Saline drips slowly all morning only to keep the line open, while ceftriaxone runs for half an "
            "hour. The saline is incidental: it is never coded, and a note says so. Only the drug's 96365 remains."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Normal saline KVO", "hydration", "08:00", "11:00", incidental=True),
                _iv("a2", "Ceftriaxone 1 g", "therapeutic", "08:15", "08:45"),
            ],
        },
    ),
    Example(
        slug="secondary-hydration",
        title="Secondary hydration is +96361",
        rule="R-F6",
        headline="96361",
        narrative=(
            "After a 30-minute ceftriaxone infusion the patient still needs fluid, and saline runs for an hour "
            "through the same line. Hydration after a different initial service has no first hour of its own: "
            "it is +96361."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Ceftriaxone 1 g", "therapeutic", "09:00", "09:30"),
                _iv("a2", "Normal saline 1 L", "hydration", "09:30", "10:30"),
            ],
        },
    ),
    Example(
        slug="chemotherapy-with-hydration",
        title="Chemotherapy with hydration before and after",
        rule="R-D11",
        headline="96413",
        narrative=(
            "Saline runs before and after a two-hour cisplatin infusion to protect the kidneys. Chemotherapy is "
            "the initial service, 96413 with one more hour; the two stretches of hydration are added together "
            "and coded as secondary hydration."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Normal saline pre-hydration", "hydration", "08:00", "08:45"),
                _iv("a2", "Cisplatin", "chemotherapy", "08:45", "10:45"),
                _iv("a3", "Normal saline post-hydration", "hydration", "10:45", "11:45"),
            ],
        },
    ),
    Example(
        slug="concurrent-once",
        title="+96368 once, however many drugs",
        rule="R-E4",
        headline="96368",
        narrative=(
            "Two more drugs, each in its own bag, run alongside a long vancomycin infusion. The reader question "
            "says to report +96368 for each concurrent drug; the code is reported once per date, whatever the "
            "number of drugs."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Vancomycin 1 g", "therapeutic", "09:00", "10:30"),
                _iv("a2", "Pantoprazole 40 mg", "therapeutic", "09:10", "09:50"),
                _iv("a3", "Levetiracetam 500 mg", "therapeutic", "09:30", "10:15"),
            ],
        },
    ),
    Example(
        slug="missing-stop-time",
        title="No stop time: a push",
        rule="R-D8",
        headline="96374",
        narrative=(
            "Ceftriaxone is hung at 09:00 but nobody wrote down when it finished. An infusion that cannot be "
            "timed is coded as a push, 96374, and a note asks for better documentation."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_iv("a1", "Ceftriaxone 1 g", "therapeutic", "09:00")],
        },
    ),
    Example(
        slug="fifteen-minutes-is-a-push",
        title="Fifteen minutes is still a push",
        rule="R-B1",
        headline="96374",
        narrative=(
            "Ondansetron is run in a small bag for exactly 15 minutes. An infusion of 15 minutes or less is a "
            "push, 96374. Nudge its stop time one minute later and it becomes an infusion."
        ),
        encounter={
            "setting": "facility",
            "administrations": [_iv("a1", "Ondansetron 4 mg", "therapeutic", "10:00", "10:15")],
        },
    ),
    Example(
        slug="chemotherapy-pump",
        title="Sending a chemotherapy pump home",
        rule="R-H5",
        headline="96416",
        narrative=(
            "Oxaliplatin runs for two hours in the clinic; then fluorouracil is started on a portable pump that "
            "the patient takes home for two days. Starting the prolonged pump infusion is 96416, reported once."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Oxaliplatin", "chemotherapy", "09:00", "11:00"),
                _iv("a2", "Fluorouracil pump", "chemotherapy", "11:05", pump="portable"),
            ],
        },
    ),
    Example(
        slug="separate-site-modifier-59",
        title="A second site that was necessary: modifier 59",
        rule="R-C1",
        headline="96365",
        narrative=(
            "Two drugs that must not meet in one line run at the same time through two IV sites. Because the "
            "second site was medically necessary, each site has its own initial service, and the second 96365 "
            "carries modifier 59."
        ),
        encounter={
            "setting": "facility",
            "accesses": [{"id": "B", "separate_site_necessary": True}],
            "administrations": [
                _iv("a1", "Vancomycin 1 g", "therapeutic", "09:00", "10:00"),
                _iv("a2", "Phenytoin 1 g", "therapeutic", "09:10", "09:50", access="B"),
            ],
        },
    ),
    Example(
        slug="professional-primary-reason",
        title="In the office, the reason for the visit decides",
        rule="R-C4",
        headline="96360",
        narrative=(
            "In a physician's office a patient comes in for fluids and gets an anti-nausea push on the way. "
            "Marked as the main reason, the hydration is the initial service, 96360, and the push follows as "
            "+96375. In a facility the push would have come first."
        ),
        encounter={
            "setting": "professional",
            "administrations": [
                _iv("a1", "Lactated Ringer's 1 L", "hydration", "09:00", "10:15", primary=True),
                _push("a2", "Ondansetron 4 mg", "10:20"),
            ],
        },
    ),
    Example(
        slug="across-midnight",
        title="Hydration across midnight",
        rule="R-K3",
        headline="96361",
        narrative=(
            "Saline starts at 23:00 and runs until 02:00 the next morning. A continuous service is timed as a "
            "whole: the first hour is 96360 and two more hours are +96361, each line dated by when its time "
            "was given."
        ),
        encounter={
            "setting": "facility",
            "administrations": [
                _iv("a1", "Normal saline 1 L", "hydration", "2026-03-14T23:00", "2026-03-15T02:00"),
            ],
        },
    ),
]

BY_SLUG = {example.slug: example for example in EXAMPLES}
