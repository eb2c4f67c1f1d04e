"""Answer forms for the five kinds of question and the random case."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from coding.engine import EncounterError, code_encounter
from quizzes.grading import AnswerLine
from quizzes.models import Question, engine_error_messages

CODE_PATTERN = re.compile(r"^\+?(\d{5}|[A-Z]\d{4})$")
MODIFIER_PATTERN = re.compile(r"^[A-Z0-9]{2}$")
ANSWER_ROWS = 6


class ChoiceAnswerForm(forms.Form):
    """Radio buttons or checkboxes whose values are opaque per attempt, so nothing on the page points at the key.

    A choice's posted value is an HMAC of the attempt and the choice id: it differs between attempts, cannot be
    ordered back to the bank's order, and is mapped back to the choice id here when the answer is posted.
    """

    def __init__(self, question: Question, *args: Any, attempt_key: object, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bank = list(question.choices.all())
        self.choice_ids = {choice_token(attempt_key, choice.pk): choice.pk for choice in bank}
        choices = [(choice_token(attempt_key, choice.pk), choice.text) for choice in bank]
        if question.kind != Question.Kind.TRUE_FALSE:
            # Each attempt sees its own stable order, which says nothing about the bank's order.
            choices.sort()
        if question.kind == Question.Kind.MULTIPLE:
            self.fields["choices"] = forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, label="Select all that apply"
            )
        else:
            self.fields["choices"] = forms.ChoiceField(
                choices=choices, widget=forms.RadioSelect, label="Your answer"
            )
        self.fields["choices"].error_messages["required"] = "Choose an answer before you submit."

    def answer(self) -> dict[str, Any]:
        value = self.cleaned_data["choices"]
        tokens = value if isinstance(value, list) else [value]
        return {"choices": sorted(self.choice_ids[token] for token in tokens)}


def choice_token(attempt_key: object, choice_id: int) -> str:
    """The value a choice is posted as in one attempt: opaque, stable within the attempt."""
    return salted_hmac("quizzes.choice", f"{attempt_key}:{choice_id}").hexdigest()[:20]


class CodedAnswerForm(forms.Form):
    """Up to six lines of code, units and modifiers, or "nothing is reportable"."""

    nothing = forms.BooleanField(required=False, label="Nothing in this encounter is reportable")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in range(ANSWER_ROWS):
            self.fields[f"code_{row}"] = forms.CharField(
                required=False, max_length=6, label=f"Code, line {row + 1}", strip=True
            )
            self.fields[f"units_{row}"] = forms.IntegerField(
                required=False, min_value=1, max_value=24, label=f"Units, line {row + 1}"
            )
            self.fields[f"modifiers_{row}"] = forms.CharField(
                required=False, max_length=20, label=f"Modifiers, line {row + 1}", strip=True
            )

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(self[f"code_{r}"], self[f"units_{r}"], self[f"modifiers_{r}"]) for r in range(ANSWER_ROWS)]

    def more_rows_used(self) -> bool:
        """Open "More lines" when the trainee used those rows (a form shown again with its errors)."""
        return self.is_bound and any(self.data.get(f"code_{r}") for r in range(3, ANSWER_ROWS))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = []
        for row in range(ANSWER_ROWS):
            code = (cleaned.get(f"code_{row}") or "").upper()
            units = cleaned.get(f"units_{row}")
            modifiers = [m for m in re.split(r"[\s,]+", (cleaned.get(f"modifiers_{row}") or "").upper()) if m]
            if not code:
                if units or modifiers:
                    self.add_error(
                        f"code_{row}", "Enter a code for this line, or clear its units and modifiers."
                    )
                continue
            if not CODE_PATTERN.match(code):
                self.add_error(f"code_{row}", f"“{code}” is not a code: enter five digits.")
                continue
            bad = [m for m in modifiers if not MODIFIER_PATTERN.match(m)]
            if bad:
                self.add_error(
                    f"modifiers_{row}", f"“{bad[0]}” is not a modifier: two letters or digits, like 59."
                )
                continue
            lines.append(AnswerLine(code.lstrip("+"), units or 1, tuple(modifiers)))
        if not self.errors:
            if lines and cleaned.get("nothing"):
                raise ValidationError("You entered codes and ticked “nothing is reportable”: choose one.")
            if not lines and not cleaned.get("nothing"):
                raise ValidationError("Enter at least one code, or tick “nothing is reportable”.")
        cleaned["lines"] = lines
        return cleaned

    def answer(self) -> dict[str, Any]:
        return {"lines": [line_json(line) for line in self.cleaned_data["lines"]]}


class TimelineAnswerForm(forms.Form):
    """Submits the timeline the trainee built for this question (kept in the session); the engine codes it."""

    def __init__(self, *args: Any, timeline: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeline = timeline

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.timeline.get("administrations"):
            raise ValidationError(
                "Your timeline for this question is empty: lay the encounter out in the builder first."
            )
        try:
            result = code_encounter(self.timeline)
        except EncounterError as exc:
            problems = "; ".join(engine_error_messages(exc, self.timeline)[:3])
            raise ValidationError(f"The engine cannot code your timeline yet ({problems}).") from None
        cleaned["lines"] = [AnswerLine(line.code, line.units, tuple(line.modifiers)) for line in result.lines]
        return cleaned

    def answer(self) -> dict[str, Any]:
        return {"lines": [line_json(line) for line in self.cleaned_data["lines"]], "encounter": self.timeline}


def line_json(line: AnswerLine) -> dict[str, Any]:
    return {"code": line.code, "units": line.units, "modifiers": list(line.modifiers)}
