"""Answer forms for the five kinds of question, the random case, and the educators' case forms."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.crypto import salted_hmac

from coding.engine import EncounterError, code_encounter, parse_encounter, parse_json
from coding.engine.codes import CODES
from quizzes.grading import AnswerLine, KeyDifference, key_differences
from quizzes.models import Case, Question, engine_error_messages, rule_tag_errors

CODE_PATTERN = re.compile(r"^\+?(\d{5}|[A-Z]\d{4})$")
MODIFIER_PATTERN = re.compile(r"^[A-Z0-9]{2}$")
UNITS_PATTERN = re.compile(r"[X×]\d+")
ANSWER_ROWS = 6

if TYPE_CHECKING:
    # django-stubs makes ModelForm generic over its model; at run time it is not.
    ModelFormBase = forms.ModelForm[Case]
else:
    ModelFormBase = forms.ModelForm


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


class CaseForm(ModelFormBase):
    """An educator's new case: a narrative and an encounter in the encounter format; the key is derived."""

    encounter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10, "spellcheck": "false"}),
        help_text="The encounter format (version 1) as JSON. The engine derives the key when the case is saved.",
    )
    rule_tags = forms.CharField(required=False, help_text="Rule ids, separated by commas, like R-E4, R-B5.")

    class Meta:
        model = Case
        fields = ["title", "slug", "narrative", "encounter", "rule_tags"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 4})}

    def clean_encounter(self) -> dict[str, Any]:
        data: object = None
        try:
            data = parse_json(self.cleaned_data["encounter"])
            parse_encounter(data)
        except EncounterError as exc:
            raise ValidationError(engine_error_messages(exc, data)) from None
        assert isinstance(data, dict), "parse_encounter accepts only a JSON object"
        return data

    def clean_rule_tags(self) -> list[str]:
        tags = [tag.strip().upper() for tag in self.cleaned_data["rule_tags"].split(",") if tag.strip()]
        if problems := rule_tag_errors(tags):
            raise ValidationError(problems)
        return tags


class OverrideForm(forms.Form):
    """Replace a case's key with the educator's lines; the note saying why is required."""

    lines = forms.CharField(
        label="Override key",
        widget=forms.Textarea(attrs={"rows": 3, "spellcheck": "false"}),
        help_text="One line per code: code, units, modifiers. For example “96365” or “96361 x2” or “96374 59”.",
    )
    note = forms.CharField(
        label="Why the engine's key is overridden",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "A note is required: trainees read it when their answer differs."},
    )
    differs_confirmed = forms.BooleanField(
        required=False,
        label="I know this differs from the engine",
        help_text="Needed when your key departs from the engine's, whose rules the quizzes teach.",
    )

    def __init__(self, *args: Any, engine_lines: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.engine_lines = engine_lines
        self.differences: list[KeyDifference] = []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "lines" in cleaned:
            self.differences = key_differences(self.engine_lines, cleaned["lines"])
            if self.differences and not cleaned.get("differs_confirmed"):
                self.add_error(
                    "differs_confirmed",
                    "This key differs from the engine's (see the lines listed): tick the box to save it anyway.",
                )
        return cleaned

    def clean_lines(self) -> list[dict[str, Any]]:
        lines = []
        for number, text in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            parts = text.replace(",", " ").upper().split()
            if not parts:
                continue
            code, rest = parts[0].lstrip("+"), parts[1:]
            units = 1
            if rest and UNITS_PATTERN.fullmatch(rest[0]):
                units, rest = int(rest[0][1:]), rest[1:]
            if units < 1 or not CODE_PATTERN.match(code) or not all(MODIFIER_PATTERN.match(m) for m in rest):
                raise ValidationError(
                    f"Line {number} (“{text.strip()}”) is not “code [xUnits] [modifiers]”, units 1 or more."
                )
            if code not in CODES:
                raise ValidationError(f"Line {number}: {code} is not a drug-administration code we know.")
            lines.append({"code": code, "units": units, "modifiers": rest})
        if not lines:
            raise ValidationError("Enter at least one line.")
        return lines


def line_json(line: AnswerLine) -> dict[str, Any]:
    return {"code": line.code, "units": line.units, "modifiers": list(line.modifiers)}
