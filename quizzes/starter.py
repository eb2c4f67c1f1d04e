"""The starter bank: cases and quizzes in our own words, loaded idempotently by `load_starter`.

Facts come from the rules of the reference (/rules/); the wording is ours. Every question carries the rule ids
it tests and an explanation that cites them. The keys of "code this case" questions are whatever the engine says when each
case is saved, so they never drift from the rules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db import transaction

from quizzes.models import Case, Choice, Question, Quiz


def _admin(
    id: str, substance: str, category: str, route: str, start: str, stop: str | None = None, **extra: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id,
        "substance": substance,
        "category": category,
        "route": route,
        "start": start,
    }
    if stop:
        data["stop"] = stop
    return {**data, **extra}


def _encounter(
    *administrations: dict[str, Any], setting: str = "facility", accesses: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {"setting": setting, "administrations": list(administrations)}
    if accesses:
        data["accesses"] = accesses
    return data


@dataclass(frozen=True)
class CaseData:
    slug: str
    title: str
    narrative: str
    encounter: dict[str, Any]
    rule_tags: tuple[str, ...]


@dataclass(frozen=True)
class QuestionData:
    slug: str
    kind: str
    prompt: str
    rule_tags: tuple[str, ...]
    explanation: str
    case: str | None = None
    # (text, correct, feedback)
    choices: tuple[tuple[str, bool, str], ...] = ()


@dataclass(frozen=True)
class QuizData:
    slug: str
    title: str
    summary: str
    questions: tuple[QuestionData, ...]
    mode: str = Quiz.Mode.PRACTICE
    time_limit_minutes: int | None = None


def choose(
    kind: str,
    slug: str,
    prompt: str,
    choices: Iterable[tuple[str, bool, str]],
    rules: Iterable[str],
    explanation: str,
    case: str | None = None,
) -> QuestionData:
    """A single-choice or multiple-select item; `single` and `several` below fix the kind."""
    return QuestionData(slug, kind, prompt, tuple(rules), explanation, case, tuple(choices))


single = partial(choose, Question.Kind.SINGLE)
several = partial(choose, Question.Kind.MULTIPLE)


def true_or_false(
    slug: str, statement: str, answer: bool, rules: Iterable[str], explanation: str, case: str | None = None
) -> QuestionData:
    choices = (("True", answer, ""), ("False", not answer, ""))
    return QuestionData(slug, Question.Kind.TRUE_FALSE, statement, tuple(rules), explanation, case, choices)


def code_case(
    slug: str,
    case: str,
    rules: Iterable[str],
    explanation: str,
    prompt: str = "Code this encounter: codes, units and any modifiers.",
) -> QuestionData:
    return QuestionData(slug, Question.Kind.CODE_CASE, prompt, tuple(rules), explanation, case)


def build_timeline(slug: str, case: str, rules: Iterable[str], explanation: str) -> QuestionData:
    prompt = (
        "Lay this encounter out in the timeline builder from the narrative alone, then come back and submit "
        "your timeline. The codes your timeline earns are compared with the key."
    )
    return QuestionData(slug, Question.Kind.BUILD_TIMELINE, prompt, tuple(rules), explanation, case)


CASES = (
    CaseData(
        "reader-sequential",
        "Prophylactic antibiotic, then a second drug",
        "An outpatient receives cefazolin as prophylaxis through one IV line from 09:00 to 09:50. When it "
        "finishes, the nurse hangs vancomycin on the same line, from 09:50 to 10:40.",
        _encounter(
            _admin("a1", "Cefazolin", "therapeutic", "iv_infusion", "09:00", "09:50"),
            _admin("a2", "Vancomycin", "therapeutic", "iv_infusion", "09:50", "10:40"),
        ),
        ("R-B4", "R-C2", "R-E1"),
    ),
    CaseData(
        "reader-concurrent",
        "Prophylactic antibiotic with a second bag alongside",
        "Cefazolin runs as prophylaxis from 09:00 to 09:50 through one IV line. At 09:10 a second bag, magnesium "
        "sulfate to replace a low magnesium level, is piggybacked onto the same line and runs until 09:45, while "
        "the cefazolin is still going.",
        _encounter(
            _admin("a1", "Cefazolin", "therapeutic", "iv_infusion", "09:00", "09:50"),
            _admin("a2", "Magnesium sulfate", "therapeutic", "iv_infusion", "09:10", "09:45"),
        ),
        ("R-B5", "R-E4"),
    ),
    CaseData(
        "three-concurrent",
        "One infusion with two others alongside",
        "Levofloxacin, an antibiotic, runs from 10:00 to 11:00. Two more drugs, each in its own bag, are hung on the "
        "same line during it: famotidine from 10:05 to 10:45 and pantoprazole from 10:10 to "
        "10:50.",
        _encounter(
            _admin("a1", "Levofloxacin", "therapeutic", "iv_infusion", "10:00", "11:00"),
            _admin("a2", "Famotidine", "therapeutic", "iv_infusion", "10:05", "10:45"),
            _admin("a3", "Pantoprazole", "therapeutic", "iv_infusion", "10:10", "10:50"),
        ),
        ("R-E4", "R-B5"),
    ),
    CaseData(
        "hydration-then-antibiotic",
        "Saline first, the antibiotic after",
        "In the emergency department a dehydrated patient gets normal saline from 08:00 to 09:00. Ceftriaxone "
        "then runs on the same line from 09:00 to 09:40.",
        _encounter(
            _admin("a1", "Normal saline 1 L", "hydration", "iv_infusion", "08:00", "09:00"),
            _admin("a2", "Ceftriaxone", "therapeutic", "iv_infusion", "09:00", "09:40"),
        ),
        ("R-C3", "R-F6"),
    ),
    CaseData(
        "office-hydration-primary",
        "Office visit for dehydration",
        "A patient comes to the office because of dehydration. Normal saline runs from 13:00 to 14:00, the "
        "reason for the visit. Ondansetron is then infused over 20 minutes, 14:00 to 14:20.",
        _encounter(
            _admin("a1", "Normal saline 1 L", "hydration", "iv_infusion", "13:00", "14:00", primary=True),
            _admin("a2", "Ondansetron", "therapeutic", "iv_infusion", "14:00", "14:20"),
            setting="professional",
        ),
        ("R-C4", "R-C2"),
    ),
    CaseData(
        "two-sites-necessary",
        "Two drugs that cannot share a line",
        "Two drugs that are incompatible must run through separate IV sites, and the chart says so. "
        "Acyclovir runs from 09:00 to 10:00 through site A; phenytoin is pushed at 09:15 through site B.",
        _encounter(
            _admin("a1", "Acyclovir", "therapeutic", "iv_infusion", "09:00", "10:00"),
            _admin("a2", "Phenytoin", "therapeutic", "iv_push", "09:15", access="B"),
            accesses=[{"id": "B", "separate_site_necessary": True}],
        ),
        ("R-C1",),
    ),
    CaseData(
        "chemo-push-then-infusion",
        "Chemotherapy push, then an antibiotic",
        "At a hospital infusion centre, vincristine is pushed at 10:00. Afterwards, cefepime runs on the same "
        "line from 10:15 to 10:55.",
        _encounter(
            _admin("a1", "Vincristine", "chemotherapy", "iv_push", "10:00"),
            _admin("a2", "Cefepime", "therapeutic", "iv_infusion", "10:15", "10:55"),
        ),
        ("R-C3", "R-E1"),
    ),
    CaseData(
        "infusion-75-minutes",
        "An antibiotic over 75 minutes",
        "Piperacillin-tazobactam runs from 14:00 to 15:15, the only service of the visit.",
        _encounter(_admin("a1", "Piperacillin-tazobactam", "therapeutic", "iv_infusion", "14:00", "15:15")),
        ("R-D2",),
    ),
    CaseData(
        "infusion-91-minutes",
        "An infusion one minute past ninety",
        "Iron sucrose runs from 08:00 to 09:31, nothing else given.",
        _encounter(_admin("a1", "Iron sucrose", "therapeutic", "iv_infusion", "08:00", "09:31")),
        ("R-D2", "R-D4"),
    ),
    CaseData(
        "hydration-200-minutes",
        "A long bag of saline",
        "A patient with severe vomiting gets normal saline alone, from 11:00 to 14:20.",
        _encounter(_admin("a1", "Normal saline 1 L", "hydration", "iv_infusion", "11:00", "14:20")),
        ("R-D3", "R-D4"),
    ),
    CaseData(
        "infusion-12-minutes",
        "A short infusion",
        "Famotidine is infused from 07:30 to 07:42; nothing else is given.",
        _encounter(_admin("a1", "Famotidine", "therapeutic", "iv_infusion", "07:30", "07:42")),
        ("R-B1",),
    ),
    CaseData(
        "kvo-with-antibiotic",
        "Keep-vein-open fluid beside an antibiotic",
        "Normal saline runs at a keep-vein-open rate from 09:00 to 11:00 only to keep the line patent. Ceftriaxone "
        "runs through the same line from 09:30 to 10:10.",
        _encounter(
            _admin("a1", "Normal saline KVO", "hydration", "iv_infusion", "09:00", "11:00", incidental=True),
            _admin("a2", "Ceftriaxone", "therapeutic", "iv_infusion", "09:30", "10:10"),
        ),
        ("R-F2",),
    ),
    CaseData(
        "push-with-short-hydration",
        "A push and a short bag of fluid",
        "Ondansetron is pushed at 10:00. Afterwards lactated Ringer's runs from 10:05 to 10:25 and is stopped "
        "when the patient feels better.",
        _encounter(
            _admin("a1", "Ondansetron", "therapeutic", "iv_push", "10:00"),
            _admin("a2", "Lactated Ringer's", "hydration", "iv_infusion", "10:05", "10:25"),
        ),
        ("R-D3",),
    ),
    CaseData(
        "facility-repeat-push",
        "The same push twice in the emergency department",
        "In the emergency department ondansetron is pushed at 09:00, and again at 10:00 when the nausea "
        "returns.",
        _encounter(
            _admin("a1", "Ondansetron", "therapeutic", "iv_push", "09:00"),
            _admin("a2", "Ondansetron", "therapeutic", "iv_push", "10:00"),
        ),
        ("R-E3", "R-G1"),
    ),
    CaseData(
        "office-repeat-push",
        "The same push twice in the office",
        "In a physician's office ondansetron is pushed at 09:00, and again at 10:00 when the nausea returns. "
        "The first ondansetron push is the reason for the visit.",
        _encounter(
            _admin("a1", "Ondansetron", "therapeutic", "iv_push", "09:00", primary=True),
            _admin("a2", "Ondansetron", "therapeutic", "iv_push", "10:00"),
            setting="professional",
        ),
        ("R-E3",),
    ),
    CaseData(
        "chemo-with-premedication",
        "Chemotherapy with an anti-emetic first",
        "Before chemotherapy, ondansetron is pushed at 09:45 to prevent nausea. Paclitaxel then runs from "
        "10:00 to 11:30 through the same line.",
        _encounter(
            _admin("a1", "Ondansetron", "therapeutic", "iv_push", "09:45"),
            _admin("a2", "Paclitaxel", "chemotherapy", "iv_infusion", "10:00", "11:30"),
        ),
        ("R-H1", "R-H4", "R-C3"),
    ),
    CaseData(
        "chemo-with-prehydration",
        "Hydration before a two-hour chemotherapy infusion",
        "Normal saline runs from 08:00 to 08:45 to prepare the kidneys. Cisplatin then runs from 08:45 to "
        "10:45 on the same line.",
        _encounter(
            _admin("a1", "Normal saline 1 L", "hydration", "iv_infusion", "08:00", "08:45"),
            _admin("a2", "Cisplatin", "chemotherapy", "iv_infusion", "08:45", "10:45"),
        ),
        ("R-F5", "R-D4", "R-H4"),
    ),
    CaseData(
        "chemo-with-concurrent-drug",
        "A supportive drug alongside chemotherapy",
        "Oxaliplatin runs from 09:00 to 11:00. From 09:15 to 09:55 a separate bag of magnesium sulfate, given to "
        "replace magnesium the chemotherapy depletes, runs on the same line at the same time.",
        _encounter(
            _admin("a1", "Oxaliplatin", "chemotherapy", "iv_infusion", "09:00", "11:00"),
            _admin("a2", "Magnesium sulfate", "therapeutic", "iv_infusion", "09:15", "09:55"),
        ),
        ("R-E7", "R-E4"),
    ),
    CaseData(
        "chemo-push-with-short-hydration",
        "A chemotherapy push and fifteen minutes of fluid",
        "Normal saline runs for 15 minutes, 10:00 to 10:15, before bortezomib is pushed at 10:20.",
        _encounter(
            _admin("a1", "Normal saline", "hydration", "iv_infusion", "10:00", "10:15"),
            _admin("a2", "Bortezomib", "chemotherapy", "iv_push", "10:20"),
        ),
        ("R-D3", "R-H1"),
    ),
    CaseData(
        "office-short-infusion",
        "A quick infusion in the office",
        "In the office, ketorolac is infused from 15:00 to 15:14, the reason for the visit, and nothing else "
        "is given.",
        _encounter(
            _admin("a1", "Ketorolac", "therapeutic", "iv_infusion", "15:00", "15:14", primary=True),
            setting="professional",
        ),
        ("R-B1",),
    ),
)


READER_QUIZ = QuizData(
    "reader-question-sequential-or-concurrent",
    "The reader question: sequential or concurrent?",
    "A coder asked how an additional sequential infusion differs from a concurrent one. Work through the "
    "answer, the codes each add-on may follow, and the one thing the published answer got wrong.",
    (
        single(
            "reader-sequential-second-drug",
            "Cefazolin runs as prophylaxis from 09:00 to 09:50; then vancomycin runs on the same line from "
            "09:50 to 10:40. How is the vancomycin reported?",
            (
                (
                    "+96367, a sequential infusion of a new drug",
                    True,
                    "A new drug after the first, same line.",
                ),
                (
                    "+96368, a concurrent infusion",
                    False,
                    "Nothing overlapped: the second bag began as the first ended.",
                ),
                ("96365 again, a second initial infusion", False, "Only one initial service per encounter."),
                ("+96366, an additional hour", False, "Extra hours belong to the same drug, not a new one."),
            ),
            ("R-B4", "R-C2"),
            "A new drug that follows another service through the same access is sequential (R-B4); after the "
            "initial service everything else is subsequent (R-C2).",
            case="reader-sequential",
        ),
        single(
            "reader-concurrent-second-drug",
            "Now the second drug is magnesium sulfate, in its own bag on the same line, from 09:10 to 09:45 "
            "while the cefazolin is still running. How is it reported?",
            (
                ("+96368, a concurrent infusion", True, "Two bags, one line, at the same time."),
                ("+96367, a sequential infusion", False, "Sequential means one after the other."),
                ("96365 with modifier 59", False, "A second initial needs a necessary second site."),
            ),
            ("R-B5", "R-E4"),
            "A different drug in a separate bag running at the same time through the same access is concurrent "
            "(R-B5), reported with +96368 once per date (R-E4).",
            case="reader-concurrent",
        ),
        code_case(
            "reader-code-sequential",
            "reader-sequential",
            ("R-C3", "R-B4"),
            "The first hour of the prophylactic infusion is the initial service; the new drug that follows is "
            "a sequential infusion (R-C3, R-B4).",
        ),
        code_case(
            "reader-code-concurrent",
            "reader-concurrent",
            ("R-B5", "R-D10"),
            "The cefazolin is the initial infusion; the overlapping second bag on the same line is the concurrent "
            "add-on (R-B5, R-D10).",
        ),
        single(
            "reader-first-hour-code",
            "Which code reports the first hour of a prophylactic IV infusion when it is the initial service?",
            (
                ("96365", True, ""),
                ("96360", False, "That is hydration with fluid alone."),
                ("96374", False, "That is a push."),
                ("+96367", False, "That is an add-on, never the initial service."),
            ),
            ("R-B2", "R-B7"),
            "Therapy, prophylaxis and diagnosis share one first-hour infusion code, 96365 (R-B2, R-B7).",
        ),
        several(
            "reader-96367-primaries",
            "+96367 (sequential infusion) may be reported with which primary codes? Select all that apply.",
            (
                ("96365 (initial infusion)", True, ""),
                ("96374 (initial push)", True, ""),
                ("96409 (chemotherapy push)", True, ""),
                ("96413 (chemotherapy infusion, first hour)", True, ""),
                (
                    "96360 (hydration, first hour)",
                    False,
                    "Not on its list; the engine notes the add-on edit.",
                ),
                (
                    "96372 (injection under the skin or into muscle)",
                    False,
                    "An injection is outside the IV chain.",
                ),
            ),
            ("R-E1", "R-C2"),
            "The sequential add-on follows an initial infusion or push, chemotherapy included: 96365, 96374, "
            "96409, 96413 (R-E1, R-C2).",
        ),
        several(
            "reader-96368-primaries",
            "+96368 (concurrent infusion) may be reported with which codes? Select all that apply.",
            (
                ("96365", True, ""),
                ("+96366", True, ""),
                ("96413", True, ""),
                ("+96415", True, ""),
                ("96416", True, ""),
                ("96374", False, "A push is not an infusion that another bag can run beside."),
                ("96360", False, "Hydration is never the partner of a concurrent infusion."),
            ),
            ("R-E4", "R-E7"),
            "The concurrent add-on runs beside an infusion: 96365, +96366, 96413, +96415 or 96416. Beside "
            "chemotherapy it is for a non-chemotherapy drug (R-E4, R-E7).",
        ),
        true_or_false(
            "reader-96368-per-drug-trap",
            "When three drugs run concurrently with the initial infusion on the same date, +96368 is reported "
            "three times.",
            False,
            ("R-E4",),
            "The published answer said one 96368 per concurrent drug. That is wrong: 96368 is reported at most "
            "once per date, however many drugs overlap (R-E4).",
        ),
        code_case(
            "reader-code-three-concurrent",
            "three-concurrent",
            ("R-E4",),
            "Two drugs overlap the levofloxacin, but the concurrent add-on is reported once per date (R-E4).",
        ),
        true_or_false(
            "reader-one-bag-mixture",
            "Two drugs mixed in one bag and infused together are reported as a concurrent infusion.",
            False,
            ("R-B5",),
            "A mixture in one bag is one infusate and one infusion, never concurrent (R-B5).",
        ),
        true_or_false(
            "reader-two-lines-not-concurrent",
            "Two drugs run at the same time through two different IV sites, and each site is medically necessary "
            "(the drugs are incompatible). The second drug is reported with +96368.",
            False,
            ("R-E6", "R-C1"),
            "Concurrent means the same access. Two medically necessary sites give two initial services, the "
            "second with a modifier (R-E6, R-C1). A second site that was not medically necessary is coded as one "
            "site, and then the overlap is +96368.",
        ),
        true_or_false(
            "reader-sequential-needs-new-drug",
            "A sequential infusion must be a different drug from the one before it.",
            True,
            ("R-B4",),
            "Sequential means a new drug; the only same-drug exception is the facility repeat push (R-B4).",
        ),
        build_timeline(
            "reader-build-concurrent",
            "reader-concurrent",
            ("R-B5", "R-D10"),
            "Lay the two bags on one access with the overlap: the engine finds the concurrent add-on once "
            "(R-B5, R-D10).",
        ),
    ),
)


INITIAL_QUIZ = QuizData(
    "choosing-the-initial-service",
    "Choosing the initial service",
    "Which service opens the claim? The hierarchy in a facility, the reason for the visit in an office, and "
    "what happens to everything else.",
    (
        single(
            "initial-facility-hierarchy",
            "In the emergency department, saline runs from 08:00 to 09:00, then ceftriaxone from 09:00 to 09:40. "
            "Which service is the initial one?",
            (
                ("The ceftriaxone infusion", True, "A drug infusion outranks hydration."),
                ("The saline, because it came first", False, "Clock order does not pick it in a facility."),
                ("Both, one for each bag", False, "One initial service per encounter."),
            ),
            ("R-C3",),
            "In a facility the hierarchy picks the initial service, whatever started first: chemotherapy, then "
            "therapeutic, then hydration; infusions before pushes (R-C3).",
            case="hydration-then-antibiotic",
        ),
        code_case(
            "initial-code-hydration-then-antibiotic",
            "hydration-then-antibiotic",
            ("R-C3", "R-F6"),
            "The antibiotic is initial by hierarchy; the saline becomes secondary hydration (R-C3, R-F6).",
        ),
        single(
            "initial-office-primary-reason",
            "In the office, a dehydrated patient's saline (13:00–14:00) is the reason for the visit; "
            "ondansetron is then infused 14:00–14:20. Which service is initial?",
            (
                ("The saline, 96360", True, "In the office the reason for the visit decides."),
                ("The ondansetron, 96365", False, "The facility hierarchy does not apply in the office."),
            ),
            ("R-C4",),
            "In the office the initial service is the main reason for the visit, not the hierarchy (R-C4).",
            case="office-hydration-primary",
        ),
        code_case(
            "initial-code-office-hydration",
            "office-hydration-primary",
            ("R-C4", "R-C2"),
            "The saline is initial because it is why the patient came; the drug after it is subsequent (R-C4, "
            "R-C2).",
        ),
        true_or_false(
            "initial-first-push-after-infusion",
            "After an initial infusion, the first push of a new drug is coded 96374 because it is the first push "
            "of the visit.",
            False,
            ("R-C2", "R-G1"),
            "Once the initial service is chosen, everything else is subsequent even if it is the first of its "
            "kind: the push is +96375 (R-C2, R-G1).",
        ),
        single(
            "initial-second-site-modifier",
            "A second IV site was medically necessary for incompatible drugs, so a second initial service is "
            "reported. What goes on the lower-ranked initial line?",
            (
                ("Modifier 59 (or XU / XS)", True, ""),
                ("Modifier 25", False, "25 belongs on an evaluation and management visit."),
                ("Modifier 76", False, "76 is a repeat procedure by the same clinician."),
                ("No modifier", False, "The second initial needs one to show it is distinct."),
            ),
            ("R-C1",),
            "A second initial service needs a medically necessary separate site and a distinct-service modifier "
            "such as 59, XU or XS (R-C1).",
        ),
        code_case(
            "initial-code-two-sites",
            "two-sites-necessary",
            ("R-C1",),
            "Each necessary site gets its own initial service; the lower-ranked one carries the modifier (R-C1).",
        ),
        true_or_false(
            "initial-restart-new-site",
            "An IV restarted at a new site after infiltration begins a new initial service.",
            False,
            ("R-C7", "R-B6"),
            "A restart is not a new site for coding: the sequence simply continues (R-C7, R-B6).",
        ),
        single(
            "initial-ranking",
            "In a hospital outpatient department, which of these outranks the others for the initial service?",
            (
                ("A chemotherapy push", True, "Chemotherapy outranks every non-chemotherapy service."),
                ("A therapeutic infusion of an hour", False, "Therapeutic ranks below chemotherapy."),
                ("Two hours of hydration", False, "Hydration ranks last."),
            ),
            ("R-C3",),
            "Category first (chemotherapy, therapeutic, hydration), then infusion before push within a "
            "category (R-C3).",
        ),
        code_case(
            "initial-code-chemo-push-then-antibiotic",
            "chemo-push-then-infusion",
            ("R-C3", "R-B4"),
            "The chemotherapy push outranks the antibiotic infusion, which follows as a sequential infusion "
            "(R-C3, R-B4).",
        ),
    ),
)


TIME_QUIZ = QuizData(
    "time-and-units",
    "Time and units",
    "Pushes or infusions, first hours and additional hours: count the minutes the way the codes do.",
    (
        single(
            "time-75-minutes",
            "A therapeutic infusion runs for 75 minutes and nothing else is given. What is reported?",
            (
                ("96365 × 1", True, "A first hour covers up to 90 minutes."),
                (
                    "96365 × 1 and +96366 × 1",
                    False,
                    "The additional hour needs more than 30 minutes past 60.",
                ),
                ("96365 × 2", False, "The first-hour code is one unit."),
            ),
            ("R-D2",),
            "A first hour stretches to 90 minutes; the first additional hour starts at 91 (R-D2).",
            case="infusion-75-minutes",
        ),
        code_case(
            "time-code-75-minutes",
            "infusion-75-minutes",
            ("R-B2",),
            "75 minutes is one infusion and still its first hour: no additional hour yet (R-B2).",
        ),
        code_case(
            "time-code-91-minutes",
            "infusion-91-minutes",
            ("R-B2", "R-D4"),
            "At 91 minutes the last part is more than 30 minutes past the hour, so one additional hour counts "
            "(R-B2, R-D4).",
        ),
        single(
            "time-hydration-200",
            "Hydration alone runs 3 hours 20 minutes. What is reported?",
            (
                ("96360 × 1 and +96361 × 2", True, ""),
                (
                    "96360 × 1 and +96361 × 3",
                    False,
                    "The last 20 minutes are not more than 30 past the hour.",
                ),
                ("96360 × 4", False, "The first-hour code is one unit."),
            ),
            ("R-D4",),
            "After the first hour, each further hour counts, and a last part only when it is more than 30 "
            "minutes: 200 minutes is a first hour plus two (R-D4).",
            case="hydration-200-minutes",
        ),
        code_case(
            "time-code-hydration-200",
            "hydration-200-minutes",
            ("R-D3", "R-D4"),
            "Hydration of 31 minutes or more earns its first hour; the rest is counted by the more-than-30-minute "
            "rule (R-D3, R-D4).",
        ),
        true_or_false(
            "time-15-minute-infusion",
            "An IV drug infusion that runs exactly 15 minutes is coded as an infusion.",
            False,
            ("R-B1", "R-B2"),
            "Fifteen minutes or less is a push; an infusion needs 16 minutes or more (R-B1, R-B2).",
        ),
        code_case(
            "time-code-12-minutes",
            "infusion-12-minutes",
            ("R-B1",),
            "Twelve minutes of infusion is a push (R-B1).",
        ),
        single(
            "time-no-stop-drug",
            "A drug infusion has a start time but no documented stop time. How is it coded?",
            (
                ("As a push", True, "Without a stop time it cannot be timed."),
                ("As a one-hour infusion", False, "Time that is not documented cannot be counted."),
                ("It cannot be coded at all", False, "That is hydration without a stop time."),
            ),
            ("R-D8",),
            "A drug infusion with no stop time cannot be timed, so it is a push; hydration with no stop time is "
            "not reportable (R-D8).",
        ),
        true_or_false(
            "time-no-stop-hydration",
            "Hydration with no documented stop time is coded as a push.",
            False,
            ("R-D8", "R-D3"),
            "Hydration with no stop time is not reportable, and hydration never becomes a push (R-D8, R-D3).",
        ),
        single(
            "time-151-minutes",
            "A therapeutic infusion runs 151 minutes. How many units of +96366?",
            (
                ("2", True, "60 + 60 + 31: the last 31 minutes count."),
                ("1", False, "The 31 minutes past the second hour are more than 30."),
                ("3", False, "Only whole hours past the first, plus a last part over 30 minutes."),
            ),
            ("R-D4",),
            "One unit per hour past the first, and a final part only if it runs more than 30 minutes: 151 "
            "minutes gives two (R-D4).",
        ),
    ),
)


HYDRATION_QUIZ = QuizData(
    "hydration-pushes-and-injections",
    "Hydration, pushes and injections",
    "When fluid counts as hydration, when a push repeats, and which injection code fits which drug.",
    (
        true_or_false(
            "hydration-kvo",
            "Saline run at a keep-vein-open rate is reported as hydration if it runs long enough.",
            False,
            ("R-F2",),
            "Fluid that only keeps the line open, carries or flushes a drug is never hydration (R-F2).",
        ),
        code_case(
            "hydration-code-kvo",
            "kvo-with-antibiotic",
            ("R-F2",),
            "The keep-vein-open saline is incidental; only the antibiotic is coded (R-F2).",
        ),
        single(
            "hydration-25-minutes",
            "Hydration alone runs 25 minutes. What is reported?",
            (
                ("Nothing", True, "Under 31 minutes hydration is not reported."),
                ("96360 × 1", False, "96360 needs at least 31 minutes."),
                ("96374, as a push", False, "Short hydration never becomes a push."),
            ),
            ("R-D3",),
            "Hydration needs 31 minutes; shorter hydration is not reported and does not become a push (R-D3).",
        ),
        code_case(
            "hydration-code-push-short-fluid",
            "push-with-short-hydration",
            ("R-D3",),
            "The 20 minutes of fluid are not reportable; only the push is coded (R-D3).",
        ),
        single(
            "hydration-secondary",
            "After an initial drug infusion, hydration runs for 45 minutes on the same line. What is it?",
            (
                ("+96361 × 1", True, "Secondary hydration takes the add-on code."),
                ("96360 × 1", False, "96360 is only for hydration that is the initial service."),
                ("Not reportable", False, "45 minutes is past the 31-minute threshold."),
            ),
            ("R-F6",),
            "Hydration after a different initial service is secondary hydration, +96361, once it passes 30 "
            "minutes (R-F6).",
        ),
        true_or_false(
            "hydration-never-concurrent",
            "Hydration running at the same time as a drug infusion on the same line is reported with +96368.",
            False,
            ("R-E5",),
            "Hydration is never concurrent: minutes that overlap a drug are taken out of the hydration (R-E5).",
        ),
        single(
            "hydration-facility-repeat-push",
            "In the emergency department, ondansetron is pushed at 09:00 and again at 10:00. What is reported?",
            (
                ("96374 and +96376", True, "A repeat push of the same drug, more than 30 minutes later."),
                ("96374 and +96375", False, "+96375 is for a new drug."),
                ("96374 × 2", False, "Only one initial service per encounter."),
            ),
            ("R-E3",),
            "In a facility, the same drug pushed again more than 30 minutes later is +96376 (R-E3).",
            case="facility-repeat-push",
        ),
        code_case(
            "hydration-code-facility-repeat-push",
            "facility-repeat-push",
            ("R-E3",),
            "The second push of the same drug an hour later is the facility repeat push (R-E3).",
        ),
        code_case(
            "hydration-code-office-repeat-push",
            "office-repeat-push",
            ("R-E3",),
            "The repeat push code is for facilities only; in the office the second push is not coded (R-E3).",
        ),
        single(
            "hydration-im-injection",
            "A non-chemotherapy antibiotic is given as an intramuscular injection. Which code?",
            (
                ("96372", True, ""),
                ("96401", False, "96401 is for non-hormonal antineoplastics."),
                ("96374", False, "96374 is an IV push."),
            ),
            ("R-G2",),
            "Under-the-skin and into-muscle injections of non-chemotherapy drugs are 96372 (R-G2).",
        ),
        single(
            "hydration-second-new-push",
            "After an initial IV push of ondansetron, a different drug, famotidine, is pushed. Which code?",
            (
                ("+96375", True, "A new drug pushed in sequence."),
                ("+96376", False, "+96376 is the same drug again."),
                ("96374", False, "Only one initial service."),
            ),
            ("R-E2",),
            "Each new drug given by sequential push is +96375 (R-E2).",
        ),
    ),
)


CHEMO_EXAM = QuizData(
    "chemotherapy-and-mixed-review",
    "Chemotherapy and mixed review (exam)",
    "A timed review: chemotherapy administration with supportive drugs and hydration, and a few traps from "
    "the other quizzes. Feedback comes at the end.",
    (
        single(
            "chemo-antiemetic",
            "A cancer patient gets an anti-emetic by IV push before chemotherapy. Which code family reports the "
            "anti-emetic?",
            (
                ("Therapeutic drug administration, 96360–96379", True, ""),
                ("Chemotherapy administration, 96401–96549", False, "The drug, not the patient, decides."),
            ),
            ("R-H1",),
            "Anti-emetics and other supportive drugs are not chemotherapy administration, even for a cancer "
            "patient (R-H1).",
        ),
        code_case(
            "chemo-code-premedication",
            "chemo-with-premedication",
            ("R-C3", "R-E2"),
            "The chemotherapy infusion is initial by hierarchy; the earlier anti-emetic push becomes a "
            "sequential push of a new drug (R-C3, R-E2).",
        ),
        code_case(
            "chemo-code-prehydration",
            "chemo-with-prehydration",
            ("R-D4", "R-F6"),
            "Two hours of chemotherapy earn a first hour and one more; the hydration before it is secondary "
            "(R-D4, R-F6).",
        ),
        single(
            "chemo-pump",
            "A chemotherapy infusion expected to run more than 8 hours is started on a portable pump. Which code "
            "reports starting it?",
            (
                ("96416", True, ""),
                ("96413 plus +96415 for each hour", False, "The prolonged pump start has its own code."),
                ("96521", False, "96521 is a refill of a portable pump."),
            ),
            ("R-H5",),
            "Starting a prolonged chemotherapy infusion with a pump is 96416 (R-H5).",
        ),
        true_or_false(
            "chemo-hormonal-injection",
            "An intramuscular injection of a hormonal antineoplastic such as leuprolide is coded 96402.",
            True,
            ("R-G2",),
            "Hormonal antineoplastics under the skin or into muscle are 96402 (R-G2).",
        ),
        code_case(
            "chemo-code-concurrent-support",
            "chemo-with-concurrent-drug",
            ("R-C3", "R-B5"),
            "A non-chemotherapy drug running beside chemotherapy on the same line is the concurrent add-on "
            "(R-C3, R-B5).",
        ),
        true_or_false(
            "chemo-90-minutes",
            "A 90-minute chemotherapy infusion earns one unit of +96415.",
            False,
            ("R-D2",),
            "The first hour covers up to 90 minutes; +96415 starts at 91 (R-D2).",
        ),
        code_case(
            "chemo-code-short-hydration",
            "chemo-push-with-short-hydration",
            ("R-D3", "R-B1"),
            "Fifteen minutes of hydration are not reportable; the chemotherapy push stands alone (R-D3, R-B1).",
        ),
        single(
            "chemo-sequential-chemo",
            "After a first chemotherapy infusion, a different chemotherapy drug is infused for 45 minutes. "
            "Which code?",
            (
                ("+96417", True, "Sequential chemotherapy infusion of a new drug."),
                ("+96367", False, "+96367 is for non-chemotherapy drugs."),
                ("+96415", False, "+96415 is an additional hour of the same infusion."),
            ),
            ("R-E1",),
            "A new chemotherapy drug in sequence is +96417, once per infusate (R-E1).",
        ),
        code_case(
            "chemo-code-office-short-infusion",
            "office-short-infusion",
            ("R-B1",),
            "Fourteen minutes is a push, in the office as anywhere (R-B1).",
        ),
    ),
    mode=Quiz.Mode.EXAM,
    time_limit_minutes=20,
)

QUIZZES = (READER_QUIZ, INITIAL_QUIZ, TIME_QUIZ, HYDRATION_QUIZ, CHEMO_EXAM)


@transaction.atomic
def load() -> dict[str, int]:
    """Create what is missing from the starter bank, keyed by slug; rows that exist are left alone.

    Educators may edit or extend starter cases, questions and choices: loading again never overwrites them.
    """
    cases = {}
    for data in CASES:
        cases[data.slug], _ = Case.objects.get_or_create(
            slug=data.slug,
            defaults={
                "title": data.title,
                "narrative": data.narrative,
                "encounter": data.encounter,
                "rule_tags": list(data.rule_tags),
            },
        )
    for quiz_position, quiz_data in enumerate(QUIZZES):
        quiz, _ = Quiz.objects.get_or_create(
            slug=quiz_data.slug,
            defaults={
                "title": quiz_data.title,
                "summary": quiz_data.summary,
                "mode": quiz_data.mode,
                "key_release": Quiz.KeyRelease.default_for(quiz_data.mode),
                "time_limit_minutes": quiz_data.time_limit_minutes,
                "position": quiz_position,
                "published": True,
            },
        )
        for position, item in enumerate(quiz_data.questions, start=1):
            question, created = Question.objects.get_or_create(
                slug=item.slug,
                defaults={
                    "quiz": quiz,
                    "position": position,
                    "kind": item.kind,
                    "prompt": item.prompt,
                    "case": cases[item.case] if item.case else None,
                    "rule_tags": list(item.rule_tags),
                    "explanation": item.explanation,
                },
            )
            if created:
                _create_choices(question, item)
    return {
        "cases": len(CASES),
        "quizzes": len(QUIZZES),
        "questions": sum(len(quiz.questions) for quiz in QUIZZES),
    }


def _create_choices(question: Question, item: QuestionData) -> None:
    """The bank writes the right answer first; stored, the choices are in an order that gives nothing away."""
    choices = list(item.choices)
    if item.kind != Question.Kind.TRUE_FALSE:
        choices.sort(key=lambda choice: hashlib.sha256(f"{item.slug}:{choice[0]}".encode()).hexdigest())
    Choice.objects.bulk_create(
        Choice(question=question, position=position, text=text, is_correct=correct, feedback=feedback)
        for position, (text, correct, feedback) in enumerate(choices)
    )
