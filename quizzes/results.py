"""What a trainee reads after answering: feedback for one answer, and an attempt's score broken down by rule."""

from __future__ import annotations

from dataclasses import dataclass

from coding.engine.codes import CODES
from coding.engine.rulebook import get_rule
from quizzes.grading import graded_key_lines, key_signature
from quizzes.models import Attempt, PracticeCase, Response
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
        feedback["key"] = key_history(answer) if question.case_id else None
    return feedback


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
