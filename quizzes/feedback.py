"""What a trainee reads after answering: feedback for one answer, and an attempt's score broken down by rule.

Every piece is a small frozen dataclass built from the grading result an answer stored (quizzes.grading), so
templates read named fields and feedback is shown again without regrading. An answer of a quiz is shown through
`response_feedback`, which asks quizzes.policy whether the key may show: while it is withheld, the feedback holds
the verdict and the trainee's own answer only, so no template can show a key it was never given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from coding.engine import Encounter, EncounterError, code_encounter, parse_encounter
from coding.engine.codes import CODES, chip_label
from coding.engine.rulebook import get_rule, rules_mentioning
from coding.engine.schema import Administration
from coding.labels import CATEGORY_LABELS, INCIDENTAL_LABEL, ROUTE_LABELS
from coding.picture import Picture, timeline_picture
from quizzes import policy
from quizzes.grading import (
    HIT,
    MISS,
    OVER_CODE,
    WRONG_MODIFIERS,
    WRONG_UNITS,
    graded_key_lines,
    key_signature,
)
from quizzes.models import Attempt, Case, Choice, PracticeCase, Question, Response, ScoreOverride
from quizzes.progress import RuleAccuracy, accuracy_by_rule, weakest

STATUS_LABELS = {
    HIT: "Right",
    MISS: "Missed",
    OVER_CODE: "Not in the key",
    WRONG_UNITS: "Wrong units",
    WRONG_MODIFIERS: "Wrong modifiers",
}
STATUS_LEVELS = {HIT: "ok", MISS: "bad", OVER_CODE: "bad", WRONG_UNITS: "warn", WRONG_MODIFIERS: "warn"}
VERDICT_SYMBOLS = {"ok": "✓", "warn": "◐", "bad": "✗", "none": "–"}
PLACES = {"facility": "a facility", "professional": "an office"}
# How a timeline field's value follows the drug's name in a difference: "has Magnesium sulfate as Hydration …".
FIELD_LINKS = {"Category": "as ", "Route": "as ", "Times": "", "Access": "on "}


@dataclass(frozen=True)
class RuleRef:
    id: str
    title: str


def rule_ref(rule_id: str) -> RuleRef:
    rule = get_rule(rule_id)
    return RuleRef(rule_id, rule.title if rule else "")


@dataclass(frozen=True)
class LineFeedback:
    """One code of the key or of the answer, with how the trainee did on it and why the key has it."""

    code: str
    status: str
    label: str
    level: str
    short: str
    expected_units: int
    given_units: int
    expected_modifiers: list[str]
    given_modifiers: list[str]
    why: str
    rule_ref: RuleRef | None
    # Set on every line that is not right: why it is wrong.
    reason: LineReason | None = None


@dataclass(frozen=True)
class MisconceptionFeedback:
    slug: str
    title: str
    explanation: str
    rule_ref: RuleRef
    codes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LineReason:
    """Why a line is wrong, missing or extra: the misreading it shows where one is named, the rule that decides
    the line (linked to its page) and what the trainee's line would have needed."""

    misconception: MisconceptionFeedback | None
    rule: RuleRef | None
    needed: str


@dataclass(frozen=True)
class ChoiceFeedback:
    choice: Choice
    chosen: bool


@dataclass(frozen=True)
class KeyLines:
    """A key as an answer keeps it: who set it ("engine" or "educator"), their note, and its lines."""

    by: str
    note: str
    lines: list[dict[str, Any]]


@dataclass(frozen=True)
class KeyHistory(KeyLines):
    """The key an answer was graded against, and the case's current key when it has changed since."""

    now: KeyLines | None = None


@dataclass(frozen=True)
class TimelineComparison:
    """For "build this timeline": both pictures (the timeline include's geometry) and their differences."""

    yours: Picture
    case: Picture
    differences: list[TimelineDifference]


@dataclass(frozen=True)
class GivenAnswer:
    """The trainee's own answer and nothing of the key: the texts of the choices they chose, the codes they gave
    (dicts of code, units, modifiers), and for "build this timeline" the timeline they built."""

    choices: list[str]
    lines: list[dict[str, Any]]
    timeline: Picture | None = None


@dataclass(frozen=True)
class Feedback:
    """Everything the feedback panel shows for one answer. With `withheld` set (why the key is not shown yet),
    only the verdict and `given` are filled in."""

    score: float
    percent: int
    correct: bool
    coded: bool
    lines: list[LineFeedback]
    misconceptions: list[MisconceptionFeedback]
    choices: list[ChoiceFeedback] = field(default_factory=list)
    explanation: str = ""
    rules: list[RuleRef] = field(default_factory=list)
    key: KeyHistory | None = None
    timelines: TimelineComparison | None = None
    withheld: str = ""
    given: GivenAnswer | None = None


def _modifiers(modifiers: list[str]) -> str:
    return " ".join(f"-{m}" for m in modifiers) if modifiers else "no modifier"


def _needed(line: LineFeedback) -> str:
    """What the trainee's line would have needed, in a sentence."""
    code = chip_label(line.code)
    if line.status == MISS:
        because = (line.why or line.short).rstrip(".")
        return f"The key reports {code} ×{line.expected_units}: {because}. Your answer leaves it out."
    if line.status == WRONG_UNITS:
        return f"{code} needs ×{line.expected_units} here, not ×{line.given_units}. {line.why}".strip()
    if line.status == WRONG_MODIFIERS:
        expected, yours = _modifiers(line.expected_modifiers), _modifiers(line.given_modifiers)
        return f"{code} needs {expected} here, not {yours}."
    return f"Nothing in this encounter is reported as {code}."


def _deciding_rule(line: LineFeedback) -> RuleRef | None:
    """The key line's own rule; for a code the key does not have, the first rule about that code."""
    if line.rule_ref is not None:
        return line.rule_ref
    rules = rules_mentioning(line.code)
    return rule_ref(rules[0].id) if rules else None


def _with_reason(line: LineFeedback, misconceptions: list[MisconceptionFeedback]) -> LineFeedback:
    if line.status == HIT:
        return line
    named = next((m for m in misconceptions if line.code in m.codes), None)
    rule = named.rule_ref if named else _deciding_rule(line)
    return replace(line, reason=LineReason(named, rule, _needed(line)))


def _line_feedback(line: dict[str, Any]) -> LineFeedback:
    code = CODES.get(line["code"])
    return LineFeedback(
        code=line["code"],
        status=line["status"],
        label=STATUS_LABELS[line["status"]],
        level=STATUS_LEVELS[line["status"]],
        short=code.short if code else "Not a code in this family",
        expected_units=line["expected_units"],
        given_units=line["given_units"],
        expected_modifiers=line["expected_modifiers"],
        given_modifiers=line["given_modifiers"],
        why=line.get("why", ""),
        rule_ref=rule_ref(line["rule"]) if line.get("rule") else None,
    )


def feedback_for(answer: Response | PracticeCase) -> Feedback:
    """Everything the feedback panel shows, built from the stored grading result."""
    result = answer.result
    misconceptions = [
        MisconceptionFeedback(
            m["slug"], m["title"], m["explanation"], rule_ref(m["rule"]), m.get("codes", [])
        )
        for m in result.get("misconceptions", [])
    ]
    coded = Feedback(
        score=answer.score,
        percent=round(answer.score * 100),
        correct=answer.score >= 1.0,
        coded=True,
        lines=[_with_reason(_line_feedback(line), misconceptions) for line in result.get("lines", [])],
        misconceptions=misconceptions,
    )
    if not isinstance(answer, Response):
        return coded
    question = answer.question
    chosen = set(answer.answer.get("choices", []))
    return replace(
        coded,
        coded=question.is_case,
        choices=[ChoiceFeedback(choice, choice.pk in chosen) for choice in question.choices.all()],
        explanation=question.explanation,
        rules=[rule_ref(rule) for rule in question.rule_tags],
        # Only coded answers are graded against the case's key; a choice question has its own right choices.
        key=key_history(answer) if question.is_case else None,
        timelines=_timelines(question, answer.answer),
    )


def response_feedback(response: Response, key_shown: bool) -> Feedback:
    """The feedback of a quiz answer: all of it when the key may show (policy.key_visible), else the verdict
    and the trainee's own answer, with the policy's words for when the answers come."""
    if key_shown:
        return feedback_for(response)
    question, answer = response.question, response.answer
    chosen = set(answer.get("choices", []))
    yours = answer.get("encounter") if question.kind == Question.Kind.BUILD_TIMELINE else None
    return Feedback(
        score=response.score,
        percent=round(response.score * 100),
        correct=response.score >= 1.0,
        coded=question.is_case,
        lines=[],
        misconceptions=[],
        withheld=policy.key_release_message(response.attempt),
        given=GivenAnswer(
            choices=[choice.text for choice in question.choices.all() if choice.pk in chosen],
            lines=list(answer.get("lines", [])),
            timeline=_own_timeline(yours) if yours else None,
        ),
    )


def _own_timeline(yours: dict[str, Any]) -> Picture:
    try:
        result = code_encounter(yours)
    except EncounterError:
        result = None
    return timeline_picture(yours, result, label="Your timeline", uid_suffix="-yours")


def _timelines(question: Question, answer: dict[str, Any]) -> TimelineComparison | None:
    if question.kind != Question.Kind.BUILD_TIMELINE or question.case is None or "encounter" not in answer:
        return None
    return timeline_comparison(question.case, answer["encounter"])


def timeline_comparison(case: Case, yours: dict[str, Any]) -> TimelineComparison:
    """For "build this timeline": the trainee's timeline beside the case's, and where they differ in drugs and
    times. Only codes are graded; this is a note, so a timeline that earns the right codes by a different
    road is still seen for what it is."""
    return TimelineComparison(
        # Both pictures are on one page: each gets its own ids and scrolling-region label, even when the
        # encounters are identical.
        yours=_own_timeline(yours),
        case=timeline_picture(case.encounter, case.graded_result(), label="The case's timeline"),
        differences=timeline_differences(case.encounter, yours),
    )


def _span(administration: Administration) -> str:
    start = f"{administration.start_at:%H:%M}"
    if administration.stop_at is None:
        return f"at {start}"
    return f"{start}–{administration.stop_at:%H:%M} ({administration.minutes} min)"


def _category(administration: Administration) -> str:
    return INCIDENTAL_LABEL if administration.incidental else CATEGORY_LABELS[administration.category]


def _access(encounter: Encounter, administration: Administration) -> str:
    """Where a drug runs, in the words that matter to coding: alone or beside which drugs, and whether its site
    is a medically necessary separate one."""
    mates = [
        a.substance
        for a in encounter.administrations
        if a.access == administration.access and a is not administration
    ]
    where = f"the same line as {', '.join(mates)}" if mates else "a line of its own"
    necessary = any(
        access.id == administration.access and access.separate_site_necessary for access in encounter.accesses
    )
    return f"{where}, a medically necessary separate site" if necessary else where


@dataclass(frozen=True)
class TimelineDifference:
    """One way the trainee's timeline departs from the case's: the field (as the builder names it) and how."""

    field: str
    text: str


def timeline_differences(case_encounter: dict[str, Any], yours: dict[str, Any]) -> list[TimelineDifference]:
    """Each drug, category, route, time or access of the trainee's timeline that is not the case's."""
    try:
        case, mine = parse_encounter(case_encounter), parse_encounter(yours)
    except EncounterError:
        return []
    differences = []
    if case.setting != mine.setting:
        differences.append(
            TimelineDifference(
                "Setting",
                f"your timeline is set in {PLACES[mine.setting]} where the case is in {PLACES[case.setting]}",
            )
        )
    unmatched = list(mine.administrations)
    for given in case.administrations:
        same_drug = [a for a in unmatched if a.drug_key == given.drug_key]
        if not same_drug:
            differences.append(
                TimelineDifference(
                    "Substance", f"the case has {given.substance} {_span(given)}, which your timeline lacks"
                )
            )
            continue
        match = min(same_drug, key=lambda a: abs(a.start_at - given.start_at))
        unmatched.remove(match)
        differences.extend(_administration_differences(case, given, mine, match))
    differences.extend(
        TimelineDifference(
            "Substance", f"your timeline has {a.substance} {_span(a)}, which the case does not give"
        )
        for a in unmatched
    )
    return differences


def _administration_differences(
    case: Encounter, given: Administration, mine: Encounter, match: Administration
) -> list[TimelineDifference]:
    """How the trainee's administration of a drug departs from the case's, field by field."""
    name = given.substance
    fields = (
        # (field, the trainee's value, the case's, how the case's is led in: a span reads alone, a time needs "it")
        ("Category", _category(match), _category(given), "it as "),
        ("Route", ROUTE_LABELS[match.route], ROUTE_LABELS[given.route], "it as "),
        ("Times", _span(match), _span(given), "" if given.stop_at else "it "),
        ("Access", _access(mine, match), _access(case, given), "it on "),
    )
    return [
        TimelineDifference(
            label, f"your timeline has {name} {FIELD_LINKS[label]}{yours} where the case has {lead}{theirs}"
        )
        for label, yours, theirs, lead in fields
        if yours != theirs
    ]


def _key_lines(record: dict[str, Any]) -> KeyLines:
    return KeyLines(record.get("by", ""), record.get("note", ""), record.get("lines", []))


def key_history(response: Response) -> KeyHistory:
    """The key an answer was graded against (who set it, their note) and, when the case's key has changed since,
    the key trainees are graded against now, so feedback never shows one key above a note about another."""
    assert response.question.case is not None  # only case questions have a key
    current = _key_lines(response.question.case.key_record())
    graded = _key_lines(response.result["key"]) if response.result.get("key") else None
    if graded is None:
        # Graded before answers kept their key: the outcomes still hold its lines, though not who set them.
        lines = graded_key_lines(response.result.get("lines", []))
        same = key_signature(lines) == key_signature(current.lines)
        graded = KeyLines(current.by, current.note, lines) if same else KeyLines("", "", lines)
    changed = key_signature(graded.lines) != key_signature(current.lines)
    return KeyHistory(graded.by, graded.note, graded.lines, now=current if changed else None)


@dataclass(frozen=True)
class AttemptItem:
    """One question of a finished attempt, in quiz order, with the trainee's response and its verdict."""

    question: Question
    response: Response | None
    feedback: Feedback | None
    level: str
    label: str

    @property
    def edited(self) -> bool:
        """The question has a newer version than the one this attempt asked (and graded against)."""
        return not self.question.is_current

    @property
    def symbol(self) -> str:
        """The verdict as a mark beside its colour, so colour is never the only signal."""
        return VERDICT_SYMBOLS[self.level]

    @property
    def override(self) -> ScoreOverride | None:
        """The educator's latest change to this answer's score, which the trainee reads with its reason."""
        overrides = list(self.response.overrides.all()) if self.response is not None else []
        return overrides[-1] if overrides else None


@dataclass(frozen=True)
class VerdictCounts:
    ok: int
    warn: int
    bad: int
    none: int


@dataclass(frozen=True)
class AttemptBreakdown:
    items: list[AttemptItem]
    by_rule: list[RuleAccuracy]
    weakest: RuleAccuracy | None
    counts: VerdictCounts
    percent: int
    answered: int
    key_shown: bool
    key_message: str


def attempt_breakdown(attempt: Attempt, *, show_key: bool = False) -> AttemptBreakdown:
    """The attempt's responses in quiz order with their feedback (the key only as quizzes.policy allows, or
    always with `show_key`: the class's educators), and accuracy per rule."""
    key_shown = show_key or policy.key_visible(attempt)
    responses = {
        response.question_id: response
        for response in attempt.responses.select_related("question__case").prefetch_related(
            "question__choices", "overrides__changed_by"
        )
    }
    for response in responses.values():
        response.attempt = attempt
    items = [
        _attempt_item(question, responses.get(question.pk), key_shown) for question in attempt.questions()
    ]
    covered = attempt.quiz.covered_rules()
    by_rule = accuracy_by_rule(
        {rule: score for rule, score in response.rule_scores.items() if rule in covered}
        for response in responses.values()
    )
    levels = [item.level for item in items]
    return AttemptBreakdown(
        items=items,
        by_rule=by_rule,
        weakest=weakest(by_rule) if by_rule and min(item.accuracy for item in by_rule) < 1 else None,
        counts=VerdictCounts(*(levels.count(level) for level in ("ok", "warn", "bad", "none"))),
        percent=round((attempt.score or 0) * 100),
        answered=len(responses),
        key_shown=key_shown,
        key_message=policy.key_release_message(attempt),
    )


def _attempt_item(question: Question, response: Response | None, key_shown: bool) -> AttemptItem:
    if response is None:
        return AttemptItem(question, None, None, "none", "Not answered")
    feedback = response_feedback(response, key_shown)
    if response.final_score >= 1.0:
        return AttemptItem(question, response, feedback, "ok", "Right")
    level, label = ("warn", "Partly right") if response.final_score > 0 else ("bad", "Not right")
    return AttemptItem(question, response, feedback, level, label)
