"""What a trainee reads after answering: feedback for one answer, and an attempt's score broken down by rule."""

from __future__ import annotations

from dataclasses import dataclass

from coding.engine import EncounterError, code_encounter, parse_encounter
from coding.engine.codes import CODES
from coding.engine.rulebook import get_rule
from coding.engine.schema import Administration
from coding.picture import timeline_picture
from quizzes.grading import graded_key_lines, key_signature
from quizzes.models import Attempt, Case, PracticeCase, Response
from quizzes.progress import accuracy_by_rule, weakest

STATUS_LABELS = {
    "hit": "Right",
    "miss": "Missed",
    "over_code": "Not in the key",
    "wrong_units": "Wrong units",
    "wrong_modifiers": "Wrong modifiers",
}
STATUS_LEVELS = {
    "hit": "ok",
    "miss": "bad",
    "over_code": "bad",
    "wrong_units": "warn",
    "wrong_modifiers": "warn",
}


@dataclass(frozen=True)
class RuleRef:
    id: str
    title: str


def rule_ref(rule_id: str) -> RuleRef:
    rule = get_rule(rule_id)
    return RuleRef(rule_id, rule.title if rule else "")


def _lines(result: dict) -> list[dict]:
    lines = []
    for line in result.get("lines", []):
        code = CODES.get(line["code"])
        lines.append(
            {
                **line,
                "label": STATUS_LABELS[line["status"]],
                "level": STATUS_LEVELS[line["status"]],
                "short": code.short if code else "Not a code in this family",
                "rule_ref": rule_ref(line["rule"]) if line.get("rule") else None,
            }
        )
    return lines


def feedback_for(answer: Response | PracticeCase) -> dict:
    """Everything the feedback panel shows, built from the stored grading result."""
    result = answer.result
    feedback = {
        "score": answer.score,
        "percent": round(answer.score * 100),
        "correct": answer.score >= 1.0,
        "coded": not isinstance(answer, Response) or answer.question.is_case,
        "lines": _lines(result),
        "misconceptions": [
            {**misconception, "rule_ref": rule_ref(misconception["rule"])}
            for misconception in result.get("misconceptions", [])
        ],
    }
    if isinstance(answer, Response):
        question = answer.question
        chosen = set(answer.answer.get("choices", []))
        feedback["choices"] = [
            {"choice": choice, "chosen": choice.pk in chosen} for choice in question.choices.all()
        ]
        feedback["explanation"] = question.explanation
        feedback["rules"] = [rule_ref(rule) for rule in question.rule_tags]
        # Only coded answers are graded against the case's key; a choice question has its own right choices.
        feedback["key"] = key_history(answer) if question.is_case else None
        if question.kind == question.Kind.BUILD_TIMELINE and "encounter" in answer.answer:
            feedback["timelines"] = timeline_comparison(question.case, answer.answer["encounter"])
    return feedback


PLACES = {"facility": "a facility", "professional": "an office"}


def timeline_comparison(case: Case, yours: dict) -> dict:
    """For "build this timeline": the trainee's timeline beside the case's, and where they differ in drugs and
    times. Only codes are graded; this is a note, so a timeline that earns the right codes by a different
    road is still seen for what it is."""
    try:
        yours_result = code_encounter(yours)
    except EncounterError:
        yours_result = None
    yours_picture = timeline_picture(yours, yours_result)
    return {
        # Both pictures are on one page: each gets its own ids and scrolling-region label, even when the
        # encounters are identical.
        "yours": {**yours_picture, "uid": f"{yours_picture['uid']}-yours", "label": "Your timeline"},
        "case": {**timeline_picture(case.encounter, case.graded_result()), "label": "The case's timeline"},
        "differences": timeline_differences(case.encounter, yours),
    }


def _span(administration: Administration) -> str:
    start = f"{administration.start_at:%H:%M}"
    if administration.stop_at is None:
        return f"at {start}"
    return f"{start}–{administration.stop_at:%H:%M} ({administration.minutes} min)"


def _route(administration: Administration) -> str:
    return administration.route.replace("iv_", "IV ").replace("sc_", "subcutaneous ").replace("_", " ")


def timeline_differences(case_encounter: dict, yours: dict) -> list[str]:
    """Each drug, time or route of the trainee's timeline that is not the case's, in a phrase."""
    try:
        case, mine = parse_encounter(case_encounter), parse_encounter(yours)
    except EncounterError:
        return []
    differences = []
    if case.setting != mine.setting:
        differences.append(
            f"your timeline is set in {PLACES[mine.setting]} where the case is in {PLACES[case.setting]}"
        )
    unmatched = list(mine.administrations)
    for given in case.administrations:
        same_drug = [a for a in unmatched if a.drug_key == given.drug_key]
        if not same_drug:
            differences.append(f"the case has {given.substance} {_span(given)}, which your timeline lacks")
            continue
        match = min(same_drug, key=lambda a: abs(a.start_at - given.start_at))
        unmatched.remove(match)
        if _span(match) != _span(given):
            theirs = _span(given) if given.stop_at else f"it {_span(given)}"
            differences.append(
                f"your timeline has {given.substance} {_span(match)} where the case has {theirs}"
            )
        if match.route != given.route:
            differences.append(
                f"your timeline gives {given.substance} as {_route(match)} where the case has {_route(given)}"
            )
    differences.extend(
        f"your timeline has {a.substance} {_span(a)}, which the case does not give" for a in unmatched
    )
    return differences


def key_history(response: Response) -> dict:
    """The key an answer was graded against (who set it, their note) and, when the case's key has changed since,
    the key trainees are graded against now, so feedback never shows one key above a note about another."""
    current = response.question.case.key_record()
    graded = response.result.get("key")
    if not graded:
        # Graded before answers kept their key: the outcomes still hold its lines, though not who set them.
        lines = graded_key_lines(response.result.get("lines", []))
        same = key_signature(lines) == key_signature(current["lines"])
        graded = {**current, "lines": lines} if same else {"by": "", "note": "", "lines": lines}
    changed = key_signature(graded["lines"]) != key_signature(current["lines"])
    return {**graded, "now": current if changed else None}


def attempt_breakdown(attempt: Attempt) -> dict:
    """The attempt's responses in quiz order with their feedback, and accuracy per rule."""
    responses = {
        response.question_id: response
        for response in attempt.responses.select_related("question__case").prefetch_related(
            "question__choices"
        )
    }
    items = []
    for question in attempt.quiz.questions.select_related("case").prefetch_related("choices"):
        response = responses.get(question.pk)
        level, label = _verdict(response)
        items.append(
            {
                "question": question,
                "response": response,
                "feedback": feedback_for(response) if response else None,
                "level": level,
                "label": label,
            }
        )
    covered = attempt.quiz.covered_rules()
    by_rule = accuracy_by_rule(
        {rule: score for rule, score in response.rule_scores.items() if rule in covered}
        for response in responses.values()
    )
    return {
        "items": items,
        "by_rule": [{"accuracy": item, "rule": rule_ref(item.rule)} for item in by_rule],
        "weakest": weakest(by_rule) if by_rule and min(item.accuracy for item in by_rule) < 1 else None,
        "counts": {
            level: sum(item["level"] == level for item in items) for level in ("ok", "warn", "bad", "none")
        },
        "percent": round((attempt.score or 0) * 100),
        "answered": len(responses),
    }


def _verdict(response: Response | None) -> tuple[str, str]:
    if response is None:
        return "none", "Not answered"
    if response.score >= 1.0:
        return "ok", "Right"
    return ("warn", "Partly right") if response.score > 0 else ("bad", "Not right")
