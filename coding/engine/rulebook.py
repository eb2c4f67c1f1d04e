"""The numbered rules (R-A1 … R-L2), as data a trainee can read.

Every line and note the engine writes names one of these ids; the reference pages (/rules/<id>/) render
them. Summaries and readings are our own words: facts from the sources, never their sentences. Source
titles are citations, kept as the sources themselves give them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Confidence = Literal["high", "medium", "low"]
CONFIDENCE_LEVELS: tuple[Confidence, ...] = ("high", "medium", "low")


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    title: str
    summary: str
    confidence: Confidence
    sources: tuple[str, ...]
    readings: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    # Some source entries gather several documents under one id: (label, url) for the others.
    also: tuple[tuple[str, str], ...] = ()


FAMILIES: dict[str, str] = {
    "A": "Scope, setting and who reports",
    "B": "Definitions",
    "C": "Choosing the initial service",
    "D": "Time and units",
    "E": "Sequential, concurrent and how often add-ons count",
    "F": "Hydration",
    "G": "Injections and pushes",
    "H": "Chemotherapy and complex drugs",
    "I": "Access devices",
    "J": "Visits and other bundling",
    "K": "Midnight and observation stays",
    "L": "Documentation",
}


def _rule(
    rule_id: str,
    title: str,
    confidence: Confidence,
    sources: str,
    codes: str,
    summary: str,
    *readings: str,
) -> Rule:
    """A rule whose family is the letter in its id; sources and codes are written space-separated."""
    return Rule(
        id=rule_id,
        family=rule_id[2],
        title=title,
        summary=summary,
        confidence=confidence,
        sources=tuple(sources.split()),
        readings=readings,
        codes=tuple(codes.split()),
    )


_OUTSIDE_THE_CHAIN = (
    "Our engine: only IV hydration, therapeutic and chemotherapy infusions and pushes compete to be "
    "initial; injections, 96377, cavity, intrathecal, intralesional and reservoir chemotherapy, pump "
    "starts, refills and port flushes are reported beside that chain, never as its initial."
)

_RULES = (
    # A. Scope, setting and who reports
    _rule(
        "R-A1",
        "Physicians in a facility",
        "high",
        "S30 S6 S58 S31",
        "",
        "The drug-administration codes (96360–96379, 96401, 96402, 96409–96425 and 96521–96523) mostly "
        "pay for what the staff do and use: nursing time and supplies. So when the patient is in a "
        "hospital outpatient department or emergency department, the facility reports them and the "
        "physician does not. Places of service 19, 21, 22, 23 and 24, among others, count as facility.",
        "Our engine: a physician working in a facility is out of scope. The professional setting means "
        "the office, and the builder's help says so.",
        "C15: an old AAP item notes that CPT never strictly forbade emergency physicians to report the "
        "older codes, and Medicare treats them as incident-to. Today's practice is not to report them.",
    ),
    _rule(
        "R-A2",
        "Physician work under Medicare",
        "medium",
        "S33 S60",
        "",
        "Under Medicare, the physician's share of hydration, injections and infusions is confirming the "
        "treatment plan and supervising the staff who give them. In the office the codes are paid as "
        "services incident to the physician's.",
    ),
    _rule(
        "R-A3",
        "Hospitals use the whole code set",
        "medium",
        "S27",
        "",
        "CMS asks hospitals to code drug administration with the full CPT set, initial, sequential and "
        "concurrent services included, and to list every code that applies even where payment for some "
        "of them is folded into others.",
    ),
    _rule(
        "R-A4",
        "Part of another procedure",
        "high",
        "S4 S49 S28",
        "",
        "When giving a drug is an integral part of another procedure that is reported on its own, the "
        "administration gets no code: contrast for a scan, pain relief after a procedure, a protocol "
        "premedication before a transfusion, fluids during surgery. The hospital still charges for the "
        "drug, on a line without an administration code.",
        "The encounter format has no way to mark an administration as part of another procedure: "
        "leave such administrations out of the encounter.",
    ),
    _rule(
        "R-A5",
        "Outpatients, not inpatients",
        "medium",
        "S55",
        "",
        "The injection and infusion codes serve emergency department and observation patients. Once the "
        "patient is admitted as an inpatient they are hardly ever the right choice.",
        "Our engine codes outpatient encounters only: the facility setting means a hospital outpatient "
        "department or emergency department.",
    ),
    _rule(
        "R-A6",
        "No drug, no administration",
        "high",
        "S59",
        "",
        "If Medicare finds the drug itself not reasonable and necessary, it denies the administration "
        "as well. A drug the provider received free is billed with its HCPCS code at one cent, next to "
        "the administration code.",
    ),
    # B. Definitions
    _rule(
        "R-B1",
        "Push",
        "high",
        "S37 S5 S38",
        "96374 96375 96376 96409 96411 96420",
        "A push is an injection during which the person giving it stays with the patient from start to "
        "finish, giving the drug and watching for its effects. Any infusion of 15 minutes or less also "
        "counts as a push. A slow push that takes more than 15 minutes is still a push as long as the "
        "nurse never leaves.",
        "Our engine: an iv_push stays a push whatever its length; a note asks to confirm presence when "
        "over 15 minutes.",
        "Our engine: an iv_infusion of 15 minutes or less is coded as a push.",
    ),
    _rule(
        "R-B2",
        "Infusion",
        "high",
        "S37 S58 S53",
        "96365 96367 96369 96413 96417 96422",
        "An infusion is an IV, subcutaneous or intra-arterial administration lasting longer than 15 "
        "minutes, so 16 minutes is the shortest. Its time runs from the moment it actually starts to "
        "the moment it stops.",
        "Our engine times an infusion from its documented start to its documented stop; for a missing "
        "stop time see R-D8.",
    ),
    _rule(
        "R-B3",
        "Hydration",
        "high",
        "S8 S26 S44",
        "96360 96361",
        "Hydration is prepackaged fluid and electrolytes given into a vein with no drug in it: saline, "
        "lactated Ringer's or dextrose solutions, standard potassium additions included. Once a drug "
        "goes into the bag, the service is a therapeutic infusion instead.",
        "C11: one hospital guide codes electrolytes given to correct a deficiency as hydration, while "
        "other sources treat them as a therapeutic infusion. Our engine trusts the category you choose, "
        "and the builder explains the choice.",
    ),
    _rule(
        "R-B4",
        "Sequential",
        "high",
        "S14 S28 S29 S52",
        "96367 96375 96376 96411 96417",
        "A sequential service gives a new drug, by infusion or push, after the initial service or "
        "another service, on the same IV access. Only a repeat push in a facility (96376) lets the same "
        "drug count again.",
        "Our engine: two administrations are the same drug when their substance names match, ignoring "
        "case and surrounding spaces.",
    ),
    _rule(
        "R-B5",
        "Concurrent",
        "high",
        "S17 S16",
        "96368",
        "A concurrent infusion runs a new drug at the same time as another one, from a bag of its own, "
        "on the same IV access. Drugs mixed in a single bag make one infusion, which is never "
        "concurrent, although each drug in it keeps its own HCPCS code on the claim.",
        "Our engine: enter a mixed bag as one administration.",
        "C13: CPT sets no minimum overlap and the sources disagree. Our engine calls two different "
        "substances on one access concurrent when they overlap by more than 15 minutes, whichever "
        "started first.",
    ),
    _rule(
        "R-B6",
        "One access site",
        "high",
        "S19 S48",
        "",
        "All the lumens of a multi-lumen catheter are one site. Restarting an IV, for example after it "
        "infiltrates, using a second line to reach the ordered rate, or moving to another port of the "
        "same catheter opens neither a new site nor a new initial service.",
        "Our engine: an access label that is not listed as a medically necessary separate site is "
        "coded as the same site, with a note.",
    ),
    _rule(
        "R-B7",
        "The initial service codes",
        "high",
        "S1 S13",
        "96360 96365 96369 96374 96409 96413 96401 96420 96422",
        "Six codes open the chain as initial services in CMS's audit issue: hydration 96360, drug "
        "infusion 96365, subcutaneous infusion 96369, push 96374, chemotherapy push 96409 and "
        "chemotherapy infusion 96413. NCCI's list leaves out 96369. Chemotherapy by other routes, such "
        "as 96401, 96420 or 96422, uses primary codes that are on neither list.",
        "Our engine: a subcutaneous infusion (96369) and an intra-arterial infusion (96422) each start "
        "a chain of their own (R-H4).",
    ),
    # C. Choosing the initial service
    _rule(
        "R-C1",
        "One initial service per encounter",
        "high",
        "S1 S3 S13 S22",
        "96360 96365 96374 96409 96413",
        "An encounter has one initial service. A second one is allowed only when a separate IV site was "
        "medically necessary, for instance for drugs that cannot share a line, and the second initial "
        "line takes modifier 59 or one of the X modifiers (CMS lists XE, XS, XP and XU; Medlearn "
        "suggests 59 or XU).",
        "Our engine: a second initial service only on an access listed as a medically necessary "
        "separate site; the lower-ranked of the two carries 59, and graders accept XU or XS too.",
        "C1: CPT speaks of one initial service per date, CMS and NCCI of one per encounter. Our engine "
        "counts per encounter, and one input is one encounter.",
    ),
    _rule(
        "R-C2",
        "Everything after the initial is subsequent",
        "high",
        "S3 S44",
        "96361 96366 96367 96368 96375 96376 96411 96415 96417",
        "After the initial service has been picked, all the others take add-on codes (sequential, "
        "concurrent or additional hours), even one that is the first of its kind. A push that follows "
        "an initial infusion is therefore 96375, not 96374. The add-on may come from any subsection.",
        "Our engine: when none of an add-on's listed primary codes is on the claim (for example 96375 "
        "after an initial 96360), the line is still reported and a note asks to check Medicare's "
        "add-on code edit list.",
    ),
    _rule(
        "R-C3",
        "Facility hierarchy",
        "high",
        "S57 S55 S58",
        "96413 96409 96401 96365 96374 96372 96360",
        "In a hospital outpatient department or emergency department, rank decides the initial service, "
        "not the order of events. Chemotherapy outranks therapeutic drugs, which outrank hydration; "
        "within each group an infusion outranks a push, and a push outranks an injection. A CPT "
        "guideline with no public quote adds that the hierarchy wins over add-on pairings (medium "
        "confidence for that part).",
        _OUTSIDE_THE_CHAIN,
        "Our engine: among services of equal rank, the longest documented time wins, then the earliest "
        "start, then the order of input.",
        "C2: some web sources say the first service given, or the best paid, is initial. Both are wrong.",
        "Trap to unlearn: in a facility, the initial service is not simply the first one given.",
    ),
    _rule(
        "R-C4",
        "Office: the reason for the visit",
        "high",
        "S37 S26 S44 S56b",
        "",
        "In a physician office, the initial service is the one that was the main reason for the visit, "
        "whatever order the drugs went in. The facility hierarchy plays no part.",
        "Our engine: the administration marked primary is initial. If none is marked, or the marked "
        "one cannot be reported, the hierarchy decides and a note says so.",
        "Our engine: when chemotherapy is given, its top-ranked service is initial whatever is marked, "
        "because the chemotherapy add-ons accept no other primary; a note says so.",
    ),
    _rule(
        "R-C5",
        "Injections and subcutaneous infusions",
        "medium",
        "S57 S25",
        "96372 96401 96402 96369",
        "Subcutaneous and intramuscular injections, and subcutaneous infusion, do not fit the IV "
        "hierarchy well; sources say it does not apply to them, or never mentions them. An IV service "
        "should take the initial place ahead of a 96372, which stands alone with no add-on codes.",
        _OUTSIDE_THE_CHAIN,
        "Our engine: a subcutaneous infusion (96369) starts a chain of its own.",
    ),
    _rule(
        "R-C6",
        "Two encounters on one day",
        "high",
        "S9 S13 S57",
        "",
        "A patient who returns later the same day, say for chemotherapy in the morning and for nausea "
        "and fluids in the afternoon, has two encounters, and each may have its own initial service; "
        "the second takes a distinct-encounter modifier (59 or XE). NCCI counts encounters, not days.",
        "Our engine: one input is one encounter; code a second visit on the same day as a second input.",
    ),
    _rule(
        "R-C7",
        "Restarting after infiltration",
        "high",
        "S19 S48",
        "",
        "When an IV fails and is restarted at another site, the coding sequence carries on where it "
        "was: the restart is not a new initial service.",
        "Our engine: give the restarted line the same access label, or any label not listed as a "
        "medically necessary separate site.",
    ),
    # D. Time and units
    _rule(
        "R-D1",
        "Count the documented time",
        "high",
        "S37 S44",
        "",
        "Only the time the drug or fluid was actually running counts, from its documented start to its "
        "documented stop. Teaching after the infusion, or the flush at the end, adds nothing.",
    ),
    _rule(
        "R-D2",
        "A first hour reaches 90 minutes",
        "high",
        "S29 S26 S53",
        "96365 96367 96369 96413 96417 96422",
        "Codes written as 'up to one hour' (96365, 96413, 96422, 96369 and the sequential 96367 and "
        "96417) need more than 15 minutes and in practice cover anything up to 90 minutes. An "
        "additional hour starts only at 91 minutes.",
        "Our engine: these codes need more than 15 minutes, and each covers up to 90.",
        "Trap to unlearn: a 90-minute infusion earns no additional hour.",
    ),
    _rule(
        "R-D3",
        "Hydration needs 31 minutes",
        "high",
        "S39 S4 S8 S51",
        "96360",
        "Initial hydration (96360) needs 31 minutes or more. Thirty minutes or less cannot be reported "
        "at all, and short hydration is never turned into a push instead.",
        "Our engine: hydration under 31 minutes is left out, with a note.",
        "C10: one commercial policy accepts 96360 after 15 minutes, against CPT; it would only ever be "
        "a payer-specific override.",
        "Trap to unlearn: hydration under 31 minutes never becomes a push.",
    ),
    _rule(
        "R-D4",
        "Additional hours",
        "high",
        "S39 S52b",
        "96361 96366 96370 96415 96423",
        "The each-additional-hour codes earn one unit per further hour, and a last partial hour counts "
        "only when it runs more than 30 minutes past the last full hour. So 60 minutes is the first "
        "hour alone, 91 minutes adds one unit and 151 minutes two; hydration lasting 3 hours 20 minutes "
        "is 96360 plus two units of 96361.",
        "Our engine: count the whole hours after the first, plus one more if what is left runs over 30 "
        "minutes. So 90 minutes → 0 units, 91 → 1, 150 → 1, 151 → 2.",
        "Our engine: secondary hydration with no 96360 has no first hour of its own, so it counts "
        "from zero (see R-F6).",
    ),
    _rule(
        "R-D5",
        "Code rules beat the midpoint rule",
        "medium",
        "S39",
        "96360 96365 96413",
        "CPT's general time rule reaches a unit once the midpoint is passed, but instructions written "
        "for a particular code take precedence. That is why a drug infusion needs only more than 15 "
        "minutes for its first hour while hydration needs 31.",
    ),
    _rule(
        "R-D6",
        "Sequential minimums",
        "high",
        "S53 S52a",
        "96367 96417 96375 96411 96366 96415",
        "A new drug given in sequence is a sequential infusion (96367, or 96417 for chemotherapy) when "
        "it runs more than 15 minutes, and a sequential push (96375 or 96411) when it runs 15 minutes "
        "or less. Time past its first hour earns 96366 or 96415 under the more-than-30-minutes rule.",
    ),
    _rule(
        "R-D7",
        "Stopped for a reaction",
        "medium",
        "S23",
        "",
        "When an infusion is stopped because of an adverse reaction, code the time actually given: more "
        "than 15 minutes is an infusion, 15 or less a push. A stop time written in a nursing note may "
        "be used when the medication record has none.",
        "Our engine: enter the real stop time, and the minutes given decide the code.",
    ),
    _rule(
        "R-D8",
        "Missing stop time",
        "medium",
        "S54 S28 S51",
        "96374 96409 96360",
        "A drug infusion whose stop time was never written down has no measurable length, and is coded "
        "as a push instead. Hydration with no stop time cannot be billed at all.",
        "Our engine: an IV drug infusion without a stop time is a push and hydration without one is "
        "not reportable; both get a note.",
        "Our engine: a pump start is the exception; it needs only a start time (R-H5).",
    ),
    _rule(
        "R-D9",
        "The same drug stopped and restarted",
        "low",
        "S20",
        "96365 96366",
        "For one drug given in separate intervals, one expert says to judge each interval alone (more "
        "than 15 minutes makes an infusion), never to add them, and to use 96366 for a repeat infusion "
        "of a drug that is not chemotherapy. Other sources disagree: the reference rates this low to "
        "medium, and we show the lower.",
        "C5: our engine adds the intervals of one substance together, leaving out the gaps, and times "
        "them as one infusion; an interval of 15 minutes or less becomes a push first. A note says one "
        "expert times each interval alone.",
        "C5: one Q&A codes repeat infusions of an antibiotic with 96376, a push code; that reading is "
        "doubtful.",
    ),
    _rule(
        "R-D10",
        "Overlapping infusions on one line",
        "medium",
        "S21",
        "96365 96366 96367 96368",
        "When two infusions overlap on one line, the shared minutes count once. In Medlearn's example "
        "drug B (07:00 to 16:00) took 96365 plus eight units of 96366, and drug A (06:00 to 07:30) "
        "became 96367 once the 30 shared minutes were taken off. Two drugs whose start and stop times "
        "nearly match are coded 96365 plus 96368.",
        "Our engine does not follow the first example: different substances overlapping by more than "
        "15 minutes on one access are concurrent (C13).",
        "Our engine: an overlap of 15 minutes or less is not concurrent. The higher-ranked service "
        "keeps those minutes and the other is timed on what is left.",
    ),
    _rule(
        "R-D11",
        "Hydration before and after chemotherapy",
        "medium",
        "S45",
        "96360 96361",
        "When hydration runs more than once in a visit, before and after chemotherapy, CPT Assistant "
        "(as quoted) says to use the total hydration time. At least one payer refused to add the pieces "
        "together when a drug infusion had interrupted the hydration.",
        "C6: our engine adds the remaining hydration intervals of the encounter together before "
        "applying the time thresholds; a note says some payers refuse to.",
    ),
    # E. Sequential, concurrent and how often add-ons count
    _rule(
        "R-E1",
        "One sequential infusion per mix",
        "high",
        "S29 S52 S28",
        "96367 96417 96366 96415",
        "96367, and 96417 for chemotherapy, are reported once for each sequential infusion of a given "
        "mix. A fresh bag of the same mix earns no second one: its time goes to the additional-hour "
        "code (96366 or 96415).",
        "Our engine: repeated intervals of one substance are timed together as one infusion (C5).",
    ),
    _rule(
        "R-E2",
        "One 96375 per new drug",
        "high",
        "S28 S47",
        "96375",
        "Every new drug pushed in sequence after the initial service earns one unit of 96375.",
    ),
    _rule(
        "R-E3",
        "Pushing the same drug again",
        "high",
        "S14 S15 S28",
        "96376 96374 96409 96411",
        "96376 is for pushing the same drug again, in a facility only, and only when over 30 minutes "
        "separate it from the last reported push of that drug. Physicians do not report it (the 2009 "
        "physician fee schedule gave it status X), and an office has no code at all for pushing a drug "
        "it already pushed (medium confidence for that last part).",
        "Our engine: 30 minutes exactly is not enough. The gap runs from the end of the last reported "
        "push of the substance, or from its time when it has no stop.",
        "Our engine: a drug infused earlier and pushed later also gives 96376.",
        "Our engine: in the professional setting a repeat push is not coded, with a note.",
        "Our engine: a chemotherapy drug pushed again is not coded again, since 96411 needs a "
        "different drug; a note says so.",
        "C14: no current CMS statement on 96376 for practitioners was found, only the 2009 status X "
        "and CPT's 'facilities only'.",
        "Trap to unlearn: 96376 does not exist in the office.",
    ),
    _rule(
        "R-E4",
        "96368 once per date",
        "high",
        "S16 S28 S29",
        "96368",
        "Concurrent infusion (96368) is reported at most once per date of service, however many drugs "
        "run together, and time plays no part. The reader question this site started from says once per "
        "concurrent drug, which is wrong. CPT counts by date; several secondary sources say encounter.",
        "Our engine: at most one unit of 96368 per date, chemotherapy included. There is no concurrent "
        "chemotherapy code, and a note says so.",
        "C3: for an observation stay over several dates the sources split between date and encounter. "
        "Our engine counts per date, which also fits the reported MUE of 1.",
        "C12: one site adds 96360 and 96374 as primaries for 96368 and another sends concurrent "
        "chemotherapy to 96416. Both are wrong, and our engine ignores them.",
    ),
    _rule(
        "R-E5",
        "Hydration is never concurrent",
        "high",
        "S18 S44",
        "96360 96361 96368",
        "While a drug infusion runs, hydration alongside it is not reported for those minutes, and "
        "96360 is never a concurrent service.",
        "Our engine: hydration minutes that overlap a drug infusion or a timed push, on any access, are "
        "taken off the hydration first. Two hydration bags at once count their shared time once.",
    ),
    _rule(
        "R-E6",
        "Two lines are not concurrent",
        "high",
        "S46 S22",
        "96368",
        "Drugs running at the same time through two different lines or sites are not 96368. They are "
        "two initial services, and only when the separate access was medically necessary (R-C1). When "
        "the second site was not necessary, both are coded as one site, so a drug running alongside "
        "another is reported with +96368.",
        "C8: one AAPC article bills 96413 twice with 59 whenever two lines are used. CMS and NCCI, and "
        "our engine, need the separate site to be medically necessary.",
    ),
    _rule(
        "R-E7",
        "96368 beside chemotherapy",
        "medium",
        "S46",
        "96368 96413 96415 96416",
        "A drug that is not chemotherapy, running concurrently with chemotherapy on the same line, can "
        "take 96368 with 96413, 96415 or 96416 as its primary.",
        "Our engine: a drug hung concurrently on the line of a chemotherapy pump may still take 96368.",
    ),
    # F. Hydration
    _rule(
        "R-F1",
        "Hydration must be needed and documented",
        "high",
        "S2 S4 S8",
        "96360 96361",
        "Hydration is reportable only with an order and a medical need: documented evidence that the "
        "patient was dehydrated or losing fluid. Routine fluids given around surgery because the "
        "patient is fasting do not qualify without that documentation.",
        "Our engine cannot read the chart: it codes hydration as entered. Check the order and the "
        "documented reason yourself.",
    ),
    _rule(
        "R-F2",
        "Keep-open and carrier fluid",
        "high",
        "S2 S33 S4 S26",
        "96360 96361",
        "Fluid that only keeps a vein open, carries or dilutes a drug, or flushes the line is not "
        "hydration and never earns 96360 or 96361. The bag itself may still be charged as a supply.",
        "Our engine: mark such fluid incidental. It is never coded and always noted.",
        "Trap to unlearn: keep-vein-open fluid is not hydration.",
    ),
    _rule(
        "R-F3",
        "Fluid behind blood, drips or sedation",
        "high",
        "S26 S44",
        "96360 96361",
        "Fluid running behind blood products or heparin and nitroglycerin drips, fluid used to give "
        "sedation, and fluid between units of blood is not hydration.",
        "Our engine: enter such fluid as incidental.",
    ),
    _rule(
        "R-F4",
        "Hydration a drug requires",
        "high",
        "S4",
        "96360 96361",
        "According to one Medicare contractor, hydration that a drug's label calls for, to prevent its "
        "toxicity, belongs to that drug's administration, and hydration needed during surgery belongs "
        "to the surgery. Compare R-F5.",
        "C7: our engine codes such hydration like any other when it is not concurrent; a note says "
        "some Medicare contractors treat it as part of the drug.",
    ),
    _rule(
        "R-F5",
        "Hydration around chemotherapy",
        "high",
        "S18",
        "96360 96361",
        "Medically necessary fluids given before or after chemotherapy or a transfusion, for example to "
        "correct dehydration or protect the kidneys, may be reported separately, but never for the "
        "minutes that overlap the chemotherapy. Medicare accepts hydration in sequence with "
        "chemotherapy, not at the same time.",
        "C7: report only the time that does not overlap, and only with a documented medical reason; "
        "expect Medicare contractors to differ.",
    ),
    _rule(
        "R-F6",
        "Secondary hydration",
        "high",
        "S44 S26",
        "96361 96360 96365 96413",
        "When hydration follows another initial service on the same access, for example 96365 or 96413, "
        "it is coded 96361 rather than 96360, and it still needs more than 30 minutes.",
        "Our engine: secondary hydration has no first hour of its own, so it counts from zero: nothing "
        "below 31 minutes, then 31–90 → 1 unit, 91–150 → 2, 151–210 → 3.",
        "C6: the remaining hydration intervals of the encounter are added together first.",
    ),
    _rule(
        "R-F7",
        "When hydration is initial",
        "high",
        "S56",
        "96360",
        "Hydration takes the initial code (96360) only when nothing else in the encounter outranks it "
        "in the facility hierarchy, or, in the office, when hydration was the main reason for the "
        "visit.",
    ),
    # G. Injections and pushes
    _rule(
        "R-G1",
        "Pushes after an initial infusion",
        "high",
        "S44 S28",
        "96375 96376",
        "A push that follows an initial infusion is 96375 for a new drug, or 96376 when a facility "
        "pushes the same drug again.",
    ),
    _rule(
        "R-G2",
        "Choosing the injection code",
        "high",
        "S33 S62",
        "96372 96401 96402",
        "96372 is the code for drugs that are not chemotherapy given under the skin or into a muscle. "
        "Non-hormonal anti-cancer drugs and complex biologics given that way are 96401, hormonal "
        "anti-cancer drugs are 96402, and other hormones stay on 96372. Vaccines (90460–90474) and "
        "allergen immunotherapy (95115–95117) have codes of their own.",
        "Our engine: a subcutaneous or intramuscular chemotherapy drug is 96401, or 96402 when it is "
        "marked hormonal.",
    ),
    _rule(
        "R-G3",
        "Office injections need supervision",
        "high",
        "S35 S34",
        "96372",
        "Medicare does not cover an office injection given without direct physician supervision, and "
        "CPT's advice to report 99211 instead does not hold for Medicare. A hospital can still report "
        "96372 with no physician in the room.",
    ),
    _rule(
        "R-G4",
        "On-body injector",
        "medium",
        "S42",
        "96377 96372",
        "Applying an on-body injector is 96377, which Medicare's hospital outpatient payment packages "
        "with other services. For the pegfilgrastim on-body kits, a Medicare contractor article directs "
        "96377 for applying the device, and 96372 when a prefilled syringe is used instead.",
        _OUTSIDE_THE_CHAIN,
    ),
    _rule(
        "R-G5",
        "96372 and 96401/96402 on one day",
        "low",
        "",
        "96372 96401 96402",
        "The drug's class decides between 96372 and 96401/96402 (R-G2): one injection gets exactly one "
        "administration code, and injections of different classes on the same day each get their own. "
        "No public NCCI edit for this pair was found, so whether a modifier is needed stays open until "
        "the CMS edit file is loaded. Medium confidence for the idea, low for the edit details; we show "
        "the lower.",
    ),
    # H. Chemotherapy and complex drugs
    _rule(
        "R-H1",
        "What counts as chemotherapy administration",
        "high",
        "S6 S7 S33 S63",
        "96401 96409 96413",
        "The chemotherapy codes cover parenteral anti-cancer drugs that are not radioactive, "
        "anti-cancer drugs used for other diseases (cyclophosphamide for an autoimmune condition, say), "
        "and some monoclonal antibodies and biologic response modifiers, all of which need closer "
        "watching for serious reactions. Anti-nausea and anti-anaemia drugs given to people with cancer "
        "are not chemotherapy administration: they use 96360–96379.",
        "Our engine trusts the category you choose: an anti-emetic given with chemotherapy is therapeutic.",
    ),
    _rule(
        "R-H2",
        "Complex drugs under Medicare",
        "high",
        "S5 S43",
        "96401 96409 96413",
        "Since a technical direction letter of December 2023 (TDL 12397), Medicare contractors may not "
        "down-code 96401–96549 on the drug's name alone. An update to the Medicare manual in January "
        "2025 lets several factors decide whether the complex-administration level was met.",
    ),
    _rule(
        "R-H3",
        "Included in the administration",
        "high",
        "S33 S6 S26",
        "",
        "Local anaesthesia, starting the IV, reaching an indwelling catheter or port, the flush at the "
        "end, ordinary tubing, syringes and supplies, and preparing the chemotherapy drug are all part "
        "of the administration and get no code of their own.",
    ),
    _rule(
        "R-H3b",
        "Routine flush or declotting",
        "medium",
        "S41 S12",
        "96523",
        "A routine flush of the port during the visit is included in the administration. Clearing a "
        "clot with a thrombolytic such as tPA is a separate service, coded 36593.",
    ),
    _rule(
        "R-H4",
        "Each technique counts",
        "medium",
        "S18 S46",
        "96361 96367 96368 96375 96422 96450",
        "Each different parenteral technique used in a visit, such as an IV infusion plus an "
        "intra-arterial or intrathecal dose, is reported separately. Supportive drugs that are not "
        "chemotherapy are coded from 96360–96379 as secondary services: 96367, 96375, 96368, 96361 and "
        "so on.",
        _OUTSIDE_THE_CHAIN,
        "Our engine: a subcutaneous infusion (96369) and an intra-arterial infusion (96422) each start "
        "a chain of their own.",
    ),
    _rule(
        "R-H5",
        "Prolonged pump infusions",
        "medium",
        "S40 S64",
        "96416 96425 96521 96522",
        "96416 and 96425 cover starting a chemotherapy infusion planned to last over 8 hours on a "
        "portable or implanted pump. When a Medicare patient goes home with a pump the practice owns, "
        "the code is G0498 instead (MAC article A55134, retired December 2025; Coding Clinic for HCPCS "
        "2Q2017). Refilling or maintaining the pump is 96521 (portable) or 96522 (implanted); "
        "disconnecting it is not paid separately.",
        "Our engine: chemotherapy with a pump gives 96416 (96425 intra-arterial) once when expected "
        "to run over 8 hours. It needs only a start time, earns no additional hours and takes no part "
        "in the hierarchy.",
        "Our engine: a note says a Medicare office claim uses G0498 instead. A pump start for a drug "
        "that is not chemotherapy is out of scope and noted.",
        "Our engine: pump_refill gives 96521 for a portable pump and 96522 for an implanted one.",
    ),
    _rule(
        "R-H6",
        "Cavity and reservoir chemotherapy",
        "high",
        "S50 S65",
        "96440 96446 96450 96542",
        "96440 already includes the thoracentesis and 96450 the spinal puncture. 96446 is delivery into "
        "the peritoneal cavity through a port or catheter that is already in place; placing one is not "
        "part of it. Chemotherapy given into the spinal fluid through a reservoir under the skin is 96542.",
        _OUTSIDE_THE_CHAIN,
    ),
    # I. Access devices
    _rule(
        "R-I1",
        "Port flush only on its own",
        "medium",
        "S44 S46b S66",
        "96523",
        "Flushing an implanted access device (96523) is reported only when nothing else is: one source "
        "says no injection or infusion that day, others that it must be the only service. It is never "
        "reported with chemotherapy or other infusions. High confidence for 'not with infusions', "
        "medium for 'not with anything'; we show the lower.",
        "C9: the sources word the limit differently. Our engine reports 96523 only when nothing else is "
        "coded in the encounter.",
    ),
    _rule(
        "R-I2",
        "Port access is included",
        "high",
        "S33",
        "",
        "Reaching an indwelling port or catheter is part of the administration and is not coded on its own.",
    ),
    # J. Visits and other bundling
    _rule(
        "R-J1",
        "A visit on the same day",
        "high",
        "S33 S27",
        "",
        "A same-day evaluation and management visit can be billed only if it was significant and "
        "separately identifiable; the visit code then takes modifier 25. No different diagnosis is "
        "needed.",
        "Our engine codes drug administration only; it never codes the visit.",
    ),
    _rule(
        "R-J2",
        "No 99211 with drug administration",
        "high",
        "S32 S44",
        "",
        "Medicare does not pay 99211 alongside drug-administration codes, a policy that began with CR "
        "3631. Another transmittal later allowed a higher-level visit with modifier 25.",
    ),
    _rule(
        "R-J3",
        "Concurrent hydration is bundled",
        "medium",
        "S18 S44",
        "96360 96361",
        "Hydration that runs alongside another drug administration is bundled into it by NCCI (R-E5). "
        "Where sequential hydration is paid, some payers ask for modifier 59 or XU on it, and a "
        "separate diagnosis.",
        "C10: one commercial policy requires a separate diagnosis and 59 for sequential hydration; "
        "treat that as a payer-specific override only.",
    ),
    _rule(
        "R-J4",
        "IV start and venipuncture are included",
        "high",
        "S44",
        "96360 96365",
        "Starting an IV (36000) or drawing blood from a vein (36410) is part of the hydration and "
        "infusion codes and is not reported beside them.",
    ),
    # K. Midnight and observation stays
    _rule(
        "R-K1",
        "Medicare hospitals across midnight",
        "high",
        "S3 S11 S10",
        "",
        "Medicare hospitals date each drug-administration line with the day it was actually given. "
        "Still, each vascular access site has just one initial service for the whole encounter, even in "
        "an observation stay lasting several calendar days; everything else through that site is "
        "sequential, concurrent or an additional hour.",
        "Our engine: in the facility setting each line carries the date on which its time accrued.",
        "C1: CPT counts one initial service per date; our engine follows CMS and counts per encounter.",
    ),
    _rule(
        "R-K2",
        "Pushes across midnight",
        "high",
        "S36 S35b S10",
        "96374 96376",
        "For a while CPT 2012 had coders report a second initial service when pushes went on past "
        "midnight, while CMS told its contractors to keep one initial per encounter (Transmittal 2386). "
        "CPT 2013 changed the example: the same drug pushed at 10 PM and again at 2 AM is an initial "
        "push plus 96376, provided no infusion changes the hierarchy and the gap is over 30 minutes.",
        "Our engine: one initial service per encounter across dates; a repeat push follows R-E3.",
    ),
    _rule(
        "R-K3",
        "Continuous infusions across midnight",
        "high",
        "S39",
        "96360 96361",
        "A continuous service is timed as a whole, not cut at midnight: CPT's own example of hydration "
        "from 11 PM to 2 AM gives one 96360 and two units of 96361. Which date the later units carry is "
        "not settled (C4).",
        "C4: our engine dates each unit, in the facility setting, on the day its time accrued (CMS "
        "line-item dating); in the professional setting every line takes the start date.",
    ),
    # L. Documentation
    _rule(
        "R-L1",
        "What to document",
        "high",
        "S4 S57 S26",
        "",
        "For every administration, record the drug or fluid, the route, the start and stop times, the "
        "access site, the purpose (above all for hydration) and the order.",
        "Our engine asks for the substance, category, route, start, stop and access of each "
        "administration; a missing stop time changes the code (R-D8).",
    ),
    _rule(
        "R-L2",
        "One timeline per access site",
        "medium",
        "S54",
        "",
        "Lay out one timeline per access site before giving any code. In an observation stay of several "
        "days, what happens on day 3 can change whether day 1's service is initial or sequential.",
        "Our engine lays out the whole encounter before it chooses the initial service.",
    ),
)

# Codes outside the two families that the rules send a coder to, in our words.
RELATED_CODES: tuple[tuple[str, str, str], ...] = (
    (
        "G0498",
        "Medicare, office: a chemotherapy IV infusion started with a pump the practice owns and continued at "
        "home, the follow-up visit included",
        "R-H5",
    ),
    (
        "C8957",
        "Hospital: starting an IV infusion of a drug that is not chemotherapy, planned to last over 8 hours "
        "on a pump",
        "R-H5",
    ),
    ("36000, 36410", "Starting an IV line, or drawing blood from a vein: part of the administration", "R-J4"),
    (
        "36591, 36592",
        "Drawing blood from an access device or catheter: a code of its own, not an administration",
        "",
    ),
    ("36593", "Clearing a clot from an access device with a thrombolytic such as tPA", "R-H3b"),
)

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
_BY_FOLDED_ID: dict[str, Rule] = {rule.id.casefold(): rule for rule in _RULES}


def get_rule(rule_id: str) -> Rule | None:
    """The rule with this id, whatever its case ("r-d4" finds R-D4); None for an unknown id."""
    return _BY_FOLDED_ID.get(rule_id.strip().casefold())


def rules_mentioning(code: str) -> tuple[Rule, ...]:
    """The rules that concern a code, in rulebook order."""
    return tuple(rule for rule in _RULES if code in rule.codes)


# The sources the rules cite (there is no S24). Titles are citations, kept as the sources give them.
SOURCES: dict[str, Source] = {
    "S1": Source(
        'CMS Recovery Audit approved issue 0071 "Initial Hydration, Infusion and Chemotherapy Administration"',
        "https://www.cms.gov/Research-Statistics-Data-and-Systems/Monitoring-Programs/Medicare-FFS-Compliance-Programs/Recovery-Audit-Program/Approved-RAC-Topics-Items/0071-Initial-Hydration-Infusion-and-Chemotherapy-Administration.html",
    ),
    "S2": Source(
        'CMS RAC issue 0137 "IV Hydration Administration"',
        "https://www.cms.gov/Research-Statistics-Data-and-Systems/Monitoring-Programs/Medicare-FFS-Compliance-Programs/Recovery-Audit-Program/Approved-RAC-Topics-Items/0137-IV-Hydration-Administration.html",
    ),
    "S3": Source(
        'Noridian JE Part A, "Initial Drug Administration" (quotes IOM 100-04 ch.4 §230.2(B) and CR 3631)',
        "https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/initial-drug-administration",
    ),
    "S4": Source(
        'Noridian JE Part A, "Hydration"',
        "https://med.noridianmedicare.com/web/jea/topics/drugs-biologicals-injections/hydration",
    ),
    "S5": Source(
        'Noridian JF Part B, "Chemotherapy and Nonchemotherapy – bundling and unbundling" (push definition; Jan 2, 2025 §30.5 update)',
        "https://med.noridianmedicare.com/es/web/jfb/topics/drugs-biologicals-injections/chemotherapy-and-nonchemotherapy-bundling-and-unbundling-of-services-and-supplies",
    ),
    "S6": Source(
        "Noridian JE Part B, Chemotherapy Administration (A52953)",
        "https://med.noridianmedicare.com/web/jeb/policies/coverage-articles/chemotherapy-administration",
    ),
    "S7": Source(
        "CMS MCD article A58527 (MAC; inappropriate use of 96401–96549)",
        "https://cms.gov/medicare-coverage-database/details/article-details.aspx?articleid=58527",
    ),
    "S8": Source(
        "Noridian Billing & Coding: Hydration Services A52732",
        "https://cms.gov/medicare-coverage-database/view/article.aspx?articleid=52732",
        also=(
            (
                "Text of the article (freemedicalcoding.com)",
                "https://freemedicalcoding.com/medicare-article/billing-and-coding-hydration-services",
            ),
        ),
    ),
    "S9": Source(
        "First Coast, Part A outpatient infusion and hydration services",
        "https://medicare-prod.fcso.com/billing/part-outpatient-infusion-and-hydration-services",
    ),
    "S10": Source(
        'HCPro APCs Insider Q/A, "Drug administration services that cross midnight" (2012; Transmittals 2141, 2386)',
        "https://www.hcpro.com/HIM-277210-859/QA-Drug-administration-services-that-cross-midnight.html",
    ),
    "S11": Source(
        'The Haugen Group, "Hydration infusion coding at midnight" (quotes R1702CP)',
        "https://www.thehaugengroup.com/hydration-infusion-coding-at-midnight-the-orphaned-service-interval/",
    ),
    "S12": Source(
        "The Haugen Group, Injections & Infusions webinar Q&A",
        "https://www.thehaugengroup.com/tips-expertise-injections-infusions-beyond-the-basics-webinar-qa/",
    ),
    "S13": Source(
        'AAPC Oncology & Hematology Coding Alert, "Do 2 trips allow 2 initial codes?" (quotes NCCI ch. XI)',
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/you-be-the-coder-do-2-trips-allow-2-initial-codes-136211-article",
    ),
    "S14": Source(
        'AAPC Oncology Alert, "Skip +96376 on physician claim"',
        "https://www.aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/reader-questions-skip-96376-on-physician-claim-article",
    ),
    "S15": Source(
        'ASCO, J Oncol Pract 2009;5(5):252 "Billing for multiple injections or IV pushes of the same drug"',
        "http://pubmedcentralcanada.ca/pmcc/articles/PMC2790664/",
    ),
    "S16": Source(
        'ASCO, J Oncol Pract 2008;4(4):171 "Concurrent Infusions" (also PMC2793946; AAPC forum copy)',
        "http://jop.ascopubs.org/cgi/content/full/4/4/171",
    ),
    "S17": Source(
        'AAPC Oncology Alert, "Simultaneous infusions don\'t always equal concurrent code" (CPT Assistant Nov 2005/Nov 2006)',
        "https://www.aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/heres-why-simultaneous-infusions-dont-always-equal-concurrent-code-article",
    ),
    "S18": Source(
        'AAPC Oncology Alert, "Nix reporting NS concurrent with chemo" (quotes NCCI ch. XI §B.4/B.5; Highmark A47797)',
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/reader-questions-nix-reporting-ns-concurrent-with-chemo-article",
    ),
    "S19": Source(
        'RevenueCycleAdvisor, "Is each lumen in a multi-lumen catheter billed separately?" (quotes NCCI ch. 11 and CPT)',
        "https://revenuecycleadvisor.com/news-analysis/each-lumen-multi-lumen-catheter-billed-separately",
    ),
    "S20": Source(
        "RevenueCycleAdvisor Q&A, multiple infusions of the same substance (J. Shah)",
        "https://revenuecycleadvisor.com/node/4136",
    ),
    "S21": Source(
        "Medlearn, Pharmacy question week of Jan 31, 2022",
        "https://medlearn.com/pharmacy-question-for-the-week-of-january-31-2022/",
    ),
    "S22": Source(
        "Medlearn, Pharmacy question week of Nov 22, 2021",
        "https://medlearn.com/pharmacy-question-for-the-week-of-november-22-2021/",
    ),
    "S23": Source(
        "Medlearn, Jan 17, 2022 and Jun 24, 2024 questions",
        "https://medlearn.com/pharmacy-question-for-the-week-of-january-17-2022/",
        also=(
            (
                "Medlearn, Jun 24, 2024 question",
                "https://racmonitor.medlearn.com/general-question-for-the-week-of-june-24-2024",
            ),
        ),
    ),
    "S25": Source(
        'ICD10monitor/Medlearn, "Subcutaneous infusion coding for success"',
        "https://icd10monitor.medlearn.com/subcutaneous-infusion-coding-for-success",
    ),
    "S26": Source(
        "UW Health (UWHC) IV Infusion Mini Manual 2014",
        "https://docslib.org/doc/9492712/uwhc-iv-infusion-mini-manual",
    ),
    "S27": Source(
        "UCLA Health Drug Administration Guidelines CY2009",
        "http://medpdffinder.com/c/compliance.uclahealth.org1.html",
    ),
    "S28": Source(
        'University of Miami OBC Tips, "Administration charges"',
        "http://www.obc.med.miami.edu/awareness/obc-tips/administration-charges",
    ),
    "S29": Source(
        'medicalcoding123, "Injection/Infusion guidelines" (2012)',
        "http://www.medicalcoding123.com/2012/08/injectioninfusion-guidelines.html",
    ),
    "S30": Source(
        'AAPC ED Coding Alert, "Know the hydration rules" (quotes CPT facility statement)',
        "https://aapc.com/codes/coding-newsletters/my-emergency-medicine-coding-alert/reader-question-know-the-hydration-rules-161452-article",
    ),
    "S31": Source(
        "Regence reimbursement policy 109, Injection and Infusion Services",
        "https://www.regence.com/web/regence_provider/injection-and-infusion-services",
    ),
    "S32": Source(
        "HHS guidance repository: CMS transmittal (Oct 28, 2005) on E/M with drug administration / 99211",
        "https://hhs.gov/guidance/document/payment-office-or-other-outpatient-evaluation-and-management-em-visits-codes-99201-99215",
    ),
    "S33": Source(
        "Reproductions of older IOM 100-04 ch.12 §30.5 text",
        "http://www.whatismedicalinsurancebilling.org/2016/08/admin-cpt-code-policy-therapeutic.html",
        also=(
            (
                "The chemotherapy section",
                "http://www.whatismedicalinsurancebilling.org/2016/07/admin-code-policy-for-chemotherapy.html",
            ),
        ),
    ),
    "S34": Source(
        'AAPC Oncology Alert, "99211 and 96372 are out without supervision" (quotes §30.5.C)',
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/reader-questions-99211-and-96372-are-out-without-supervision-article",
    ),
    "S35": Source(
        "SuperCoder Q&A, 96372 vs 99211 (CPT 2013 parenthetical)",
        "https://www.supercoder.com/my-ask-an-expert/topic/96372-vs-99211",
    ),
    "S35b": Source(
        "SuperCoder Q&A, billing infusion codes (quotes CPT Assistant Dec 2011)",
        "https://www.supercoder.com/my-ask-an-expert/topic/billing-infusion-codes",
    ),
    "S36": Source(
        "AAPC Oncology Alert on CPT 2013 guideline revisions",
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/chemotherapy-96401-96549-guidelines-arent-as-new-as-they-appear-pinpoint-the-key-revisions-130909-article",
    ),
    "S37": Source(
        'AAPC Part B Alert, "CPT Panel will resolve tricky drug coding issues" (CPT 2006 decisions)',
        "https://aapc.com/codes/coding-newsletters/my-part-b-coding-alert/cpt-panel-will-resolve-tricky-drug-coding-issues-article",
    ),
    "S38": Source(
        'AAPC Oncology Alert, "Put push questions behind you"',
        "https://www.aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/put-push-questions-behind-you-article",
    ),
    "S39": Source(
        'Time rules: aapcps "It\'s About Time"',
        "http://www.aapcps.com/news-articles/Its-About-Time-CPT-Clarifies-Coding.aspx",
        also=(
            (
                'AAPC forum "First hour of service"',
                "https://aapc.com/discuss/threads/first-hour-of-service.109191",
            ),
            (
                'AAPC forum "IV hydration question" (CPT 11 PM–2 AM example)',
                "https://aapc.com/discuss/threads/iv-hydration-question.110083",
            ),
        ),
    ),
    "S40": Source(
        "AAPC Revenue Cycle Insider, chemo pump coding (A55134; Coding Clinic HCPCS 2Q2017 on G0498)",
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/oncologyhematology-coding-look-to-these-documents-for-correct-chemo-pump-coding-180336-article/rci",
    ),
    "S41": Source(
        "NAHRI forum quoting Coding Clinic for HCPCS 1Q2014 p.4 (36593 vs 96523)",
        "https://forums.nahri.org/discussion/372/can-declotting-36593-be-coded-separately-from-chemo-96413",
    ),
    "S42": Source(
        "CMS MCD article A54682 (Neulasta Onpro / Udenyca Onbody; 96377)",
        "https://www.cms.gov/medicare-coverage-database/view/article.aspx?articleId=54682",
        also=(("A summary of the article", "https://verity.backworkai.com/policy/A54682"),),
    ),
    "S43": Source(
        "Mondaq, CMS TDL 12397 and CY2025 PFS complex drug administration",
        "https://www.mondaq.com/unitedstates/food-and-drugs-law/1503954/cms-solicits-comments-to-clarify-parameters-on-mac-downcoding-of-complex-drug-administration-infusion-services",
    ),
    "S44": Source(
        "Select Health coding policy #09 Hydration (office-based), rev. 2025",
        "https://www.thinkbymore.com/doc/codingreimbursement-policy-hydration-(office-based)-(see-also%2C-chemotherapy%2C-and-therapeutic%2C-prophylactic%2C-and-diagnostic-injections-and-infusions-policies)",
    ),
    "S45": Source(
        'AAPC forum, "Billing hydration and chemotherapy" (CPT Assistant June 2007 quote; payer denial)',
        "https://www.aapc.com/discuss/threads/billing-hydration-and-chemotherapy.196971/post-539772",
    ),
    "S46": Source(
        "AAPC Oncology Alert, concurrent/sequential chemo infusions",
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/you-be-the-coder-know-these-codes-for-concurrent-sequential-chemo-infusions-170567-article",
    ),
    "S46b": Source(
        "codingahead 96523 page",
        "https://webhooks.codingahead.com/cpt/codes/96523",
    ),
    "S47": Source(
        "codingahead code pages (96361, 96366, 96368, 96365, 96372, 96375); third party, MUE values unverified",
        "https://webhooks.codingahead.com/cpt/codes/96361",
    ),
    "S48": Source(
        "AAPC forum, IV blow-out/restart",
        "https://www.aapc.com/discuss/threads/iv-infusion-and-injections-initial.205146/latest",
    ),
    "S49": Source(
        'HCPro APCs Insider, "Report drug administration codes properly" (2011)',
        "http://www.hcpro.com/HIM-261884-859/Tip-Report-drug-administration-codes-properly.html",
    ),
    "S50": Source(
        "Palmetto GBA (2007), cavity chemotherapy without thoracentesis/peritoneocentesis",
        "http://www.palmettogba.com/palmetto/providers.nsf/DocsCat/West%20Virginia%20Part%20B%20Carrier~Browse%20by%20Specialty~Oncology%20Hematology~9CFDFD722ADAB43D852575EB006F1026",
    ),
    "S51": Source(
        'MMP Inc., "Medicare requirements for hydration services" (2015)',
        "http://mmplusinc.com/news-articles/item/medicare-requirements-for-hydration-services?category_id=36",
    ),
    "S52": Source(
        "iframe.ai CPT summary: 96367",
        "https://iframe.ai/medical-coding/CPT/96367",
    ),
    "S52a": Source(
        "carecostestimate 96417 (partly wrong, see C12)",
        "https://carecostestimate.com/billing/cpt/96417",
    ),
    "S52b": Source(
        "iframe.ai 96415",
        "https://iframe.ai/medical-coding/reference/96415",
    ),
    "S53": Source(
        'AAPC forum, "Initial code 96413 & sequential"',
        "https://aapc.com/discuss/threads/initial-code-96413-sequential.93008",
        also=(
            (
                "AAPC forum on sequential minimum",
                "https://aapc.com/discuss/threads/infusions-can-someone-help-on-this.53255",
            ),
        ),
    ),
    "S54": Source(
        'wearemedicalcoders, "The 16-minute rule / ED & observation" (partly unreliable, see C2)',
        "https://www.wearemedicalcoders.com/post/the-16-minute-rule-cpt-96365-vs-96374",
    ),
    "S55": Source(
        'AHIMA Body of Knowledge, "Injection and infusion coding offers high stakes"',
        "https://bok.ahima.org/doc?oid=107707",
    ),
    "S56": Source(
        'wearemedicalcoders, "31-minute rule"',
        "https://www.wearemedicalcoders.com/post/mastering-iv-hydration-coding-the-31-minute-rule-and-essential-compliance",
    ),
    "S56b": Source(
        'RMC, "Infusions, injections and hydration"',
        "https://rmcinc.org/infusions-injections-and-hydration/",
    ),
    "S57": Source(
        "AAPC Healthcon 2021 summary",
        "https://www.aapc.com/blog/84877-hows-your-infusion-hydration-and-injection-coding/",
        also=(("NAMAS (M. Stevens)", "https://namas.co/auditing-infusions-hydrations-and-injections/"),),
    ),
    "S58": Source(
        "AAPC ED Coding Alert, facility infusion coding tips",
        "https://aapc.com/codes/coding-newsletters/my-emergency-medicine-coding-alert/facility-infusion-coding-quell-infusion-confusion-with-these-quick-tips-164439-article",
        also=(
            (
                "AAPC forum on the CPT facility paragraph",
                "https://www.aapc.com/discuss/threads/iv-infusion-and-injection-heirarchy.1872/",
            ),
        ),
    ),
    "S59": Source(
        'CGS, "Drug administration reminder"',
        "https://www.cgsmedicare.com/partb/pubs/news/2021/03/cope20933.html",
    ),
    "S60": Source(
        "AAP Coding News (abstract), hydration/infusion by ED physicians",
        "https://publications.aap.org/codingnews/article-abstract/doi/10.1542/pcco_book039_document003/27427/",
    ),
    "S61": Source(
        'codingclarified, "Non-chemo IV drug & hydration coding"',
        "https://codingclarified.com/medical-coding-non-chemo-iv-drug-hydration-coding",
    ),
    "S62": Source(
        "revenantcare, 96372 vs 96401",
        "https://revenantcare.com/blog/rheumatologist-medical-coding/",
    ),
    "S63": Source(
        "CGS billing guideline CHEMO-001 excerpt",
        "https://docslib.org:443/doc/5796246/",
    ),
    "S64": Source(
        "AAPC Oncology Alert (older), practice sends chemo pump home",
        "https://aapc.com/codes/coding-newsletters/my-oncology-hematology-coding-alert/you-be-the-coder-practice-sends-chemo-pump-home-article",
    ),
    "S65": Source(
        "codingahead descriptors 96440/96450/96542",
        "https://webhooks.codingahead.com/cpt/codes/96440",
    ),
    "S66": Source(
        "iframe.ai 96523",
        "https://iframe.ai/medical-coding/reference/96523",
    ),
    "S67": Source(
        "clearcostestimate 96360/96361",
        "https://www.clearcostestimate.com/billing/cpt/96360-96361",
    ),
    "S68": Source(
        "valiantlifecare infusion center guide (contains errors; do not use)",
        "https://valiantlifecare.com/blog/infusion-center-billing-guide.php",
    ),
    "S69": Source(
        "carecostestimate 96417 (contains an error about 96416)",
        "https://carecostestimate.com/billing/cpt/96417",
    ),
    "S70": Source(
        "First Coast, MUE denials",
        "https://medicare.fcso.com/coding/medically-unlikely-edits-avoid-denials-and-appeals-properly-coding-first",
    ),
    "S71": Source(
        'AAPC, "Don\'t chase your tail over MUEs"',
        "https://www.aapc.com/blog/44087-dont-chase-your-tail-over-medically-unlikely-edits/",
    ),
    "S72": Source(
        'MMP Inc., "Increasing Medicare MUE denials" (2011)',
        "http://www.mmplusinc.com/news-articles/item/increasing-medicare-mue-denials",
    ),
}
