"""The question editor's form: stem, choices with their feedback, explanation, rule tags, case and quiz.

Choices are rows of fields (text, correct, feedback); empty rows are ignored, so the form works without
JavaScript: it shows a few spare rows, and "Add a choice" posts the form back with one row more.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.forms.utils import ErrorDict

from coding.engine.rulebook import FAMILIES, RULES
from quizzes.models import Case, Question, Quiz, rule_tag_errors

SPARE_ROWS = 2
MIN_ROWS = 6
MAX_ROWS = 12
TRUE_FALSE = ("true", "false")


def rule_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Every rule of the rulebook as a checkbox, grouped by family ("Hydration": R-F1 …)."""
    return [
        (
            f"{letter} · {title}",
            [(rule.id, f"{rule.id} · {rule.title}") for rule in RULES.values() if rule.family == letter],
        )
        for letter, title in FAMILIES.items()
    ]


def suggested_rules(case: Case | None) -> list[str]:
    """The rules a case exercises: its own tags, then every rule its engine key cites, in rulebook order."""
    if case is None:
        return []
    cited = set(case.rule_tags) | {line["rule"] for line in case.engine_result.get("lines", [])}
    return [rule for rule in RULES if rule in cited]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(choices=Question.Kind.choices, label="Kind of question")
    prompt = forms.CharField(
        label="Stem", widget=forms.Textarea(attrs={"rows": 3}), help_text="What the trainee is asked."
    )
    case = forms.ModelChoiceField(
        queryset=Case.objects.none(),
        required=False,
        empty_label="No case",
        help_text="Needed for “code this case” and “build this timeline”; a choice question may show one too.",
    )
    explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown after answering; cite the rule ids it relies on.",
    )
    rule_tags = forms.MultipleChoiceField(
        choices=rule_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Rules this question tests",
    )
    quiz = forms.ModelChoiceField(
        queryset=Quiz.objects.none(),
        required=False,
        empty_label="My question bank (no quiz)",
        help_text="Questions in the bank can be added to quizzes later, or drawn by a quiz's sections.",
    )
    # The number of choice rows on the page; its errors are the errors of the choices as a whole.
    choices = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=MAX_ROWS, required=False)

    def __init__(
        self,
        *args: Any,
        user: User,
        rows: int = MIN_ROWS,
        add_row: bool = False,
        keep_case: Case | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.adding_row = add_row
        # Active cases only, except the one the question already uses, archived or not.
        cases = Case.objects.active().visible_to_educator(user)
        if keep_case is not None:
            cases = cases | Case.objects.filter(pk=keep_case.pk)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["quiz"].queryset = Quiz.objects.editable_by(user)  # type: ignore[attr-defined]
        if self.is_bound:
            rows = _int(self.data.get("choices"), rows) + add_row
        if add_row:
            # "Add a choice" posts the form only to grow it: nothing is checked, so no error is shown yet.
            self._errors = ErrorDict()
        self.rows = max(1, min(rows, MAX_ROWS))
        self.fields["choices"].initial = self.rows
        for row in range(self.rows):
            self.fields[f"choice_{row}_text"] = forms.CharField(
                required=False, max_length=300, label=f"Choice {row + 1}"
            )
            self.fields[f"choice_{row}_correct"] = forms.BooleanField(
                required=False, label=f"Choice {row + 1} is correct"
            )
            self.fields[f"choice_{row}_feedback"] = forms.CharField(
                required=False, max_length=300, label=f"Feedback on choice {row + 1}"
            )

    def is_valid(self) -> bool:
        return not self.adding_row and super().is_valid()

    def choice_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"choice_{row}_text"], self[f"choice_{row}_correct"], self[f"choice_{row}_feedback"])
            for row in range(self.rows)
        ]

    def can_add_row(self) -> bool:
        return self.rows < MAX_ROWS

    def clean_rule_tags(self) -> list[str]:
        tags: list[str] = self.cleaned_data["rule_tags"]
        if problems := rule_tag_errors(tags):
            raise forms.ValidationError(problems)
        return tags

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind in Question.CASE_KINDS:
            if cleaned.get("case") is None and "case" not in self.errors:
                self.add_error("case", "Pick the case this question is about: this kind needs one.")
            cleaned["choice_list"] = []
            return cleaned
        choices = [
            {
                "text": cleaned.get(f"choice_{row}_text", ""),
                "is_correct": bool(cleaned.get(f"choice_{row}_correct")),
                "feedback": cleaned.get(f"choice_{row}_feedback", ""),
            }
            for row in range(self.rows)
        ]
        for row, choice in enumerate(choices):
            if not choice["text"] and (choice["is_correct"] or choice["feedback"]):
                self.add_error(f"choice_{row}_text", "Write this choice's text, or clear its other fields.")
        choices = [choice for choice in choices if choice["text"]]
        if problem := choice_set_error(kind, choices):
            self.add_error("choices", problem)
        cleaned["choice_list"] = choices
        return cleaned

    def revision(self) -> dict[str, Any]:
        """The fields `Question.revise` takes (choices apart)."""
        data = self.cleaned_data
        return {name: data[name] for name in ("kind", "prompt", "case", "explanation", "rule_tags", "quiz")}


def choice_set_error(kind: str | None, choices: list[dict[str, Any]]) -> str | None:
    """What is wrong with a choice question's choices as a whole, for its kind; None when they are fine."""
    correct = sum(choice["is_correct"] for choice in choices)
    if kind == Question.Kind.TRUE_FALSE:
        texts = sorted(choice["text"].strip().casefold() for choice in choices)
        if len(choices) != 2 or texts != sorted(TRUE_FALSE):
            return "A true-or-false question has exactly two choices: “True” and “False”."
        if correct != 1:
            return "Tick exactly one of “True” and “False” as correct."
        return None
    if len(choices) < 2:
        return "Write at least two choices."
    if kind == Question.Kind.SINGLE and correct != 1:
        return f"A single-choice question has exactly one correct choice; {correct} are ticked."
    if kind == Question.Kind.MULTIPLE and correct < 1:
        return "Tick at least one correct choice."
    return None


def rows_for(count: int) -> int:
    """How many choice rows to show for a question with `count` choices: a few spare, at least MIN_ROWS."""
    return min(MAX_ROWS, max(MIN_ROWS, count + SPARE_ROWS))


def initial_for(question: Question) -> dict[str, Any]:
    """The form's starting values for an existing question, its choices included."""
    initial: dict[str, Any] = {
        "kind": question.kind,
        "prompt": question.prompt,
        "case": question.case_id,
        "explanation": question.explanation,
        "rule_tags": question.rule_tags,
        "quiz": question.quiz_id,
    }
    for row, choice in enumerate(question.choices.all()):
        initial |= {
            f"choice_{row}_text": choice.text,
            f"choice_{row}_correct": choice.is_correct,
            f"choice_{row}_feedback": choice.feedback,
        }
    return initial


def _int(value: object, default: int) -> int:
    return int(value) if isinstance(value, str) and value.isdigit() else default
