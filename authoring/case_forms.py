"""The educator's case form (the timeline comes from the builder) and the override form."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError

from coding.engine.codes import CODES
from coding.engine.rulebook import RULES, get_rule
from quizzes.forms import CODE_PATTERN, MODIFIER_PATTERN
from quizzes.grading import KeyDifference, key_differences
from quizzes.models import Case, rule_tag_errors, unique_slug

UNITS_PATTERN = re.compile(r"[X×]\d+")
RULE_ORDER = {rule_id: number for number, rule_id in enumerate(RULES)}

if TYPE_CHECKING:
    # django-stubs makes ModelForm generic over its model; at run time it is not.
    ModelFormBase = forms.ModelForm[Case]
else:
    ModelFormBase = forms.ModelForm


def traced_rules(engine_result: dict[str, Any]) -> list[str]:
    """The rules the engine's lines and notes cite, in rulebook order: the case's suggested rule tags."""
    cited = {
        item["rule"]
        for part in ("lines", "notes")
        for item in engine_result.get(part, [])
        if item.get("rule")
    }
    return sorted((rule for rule in cited if rule in RULES), key=RULE_ORDER.__getitem__)


class CaseForm(ModelFormBase):
    """Title, slug (made from the title when left empty), narrative and rule tags of a case whose encounter is the
    builder's timeline. The tags offered are the rules the engine's key cites (ticked for a new case) and the
    case's own; more go in `more_tags`."""

    rule_tags = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Rule tags",
        help_text="Suggested from the rules the engine's key cites. Untick any the case does not teach.",
    )
    more_tags = forms.CharField(
        required=False,
        label="Other rule tags",
        help_text="Rule ids, separated by commas, like R-E4, R-B5.",
    )

    class Meta:
        model = Case
        fields = ["title", "slug", "narrative", "rule_tags"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": "What the quizzes and your lists call the case.",
            "slug": "The case's address and its name in exported files. Left empty, it is made from the title.",
            "narrative": "The case as the trainee reads it, in your own words: name every substance on the timeline.",
        }

    def __init__(self, *args: Any, suggested: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        own = list(self.instance.rule_tags) if self.instance.pk else []
        offered = sorted(set(suggested) | set(own), key=lambda tag: RULE_ORDER.get(tag, len(RULE_ORDER)))
        rules = [get_rule(tag) for tag in offered]
        tags_field = self.fields["rule_tags"]
        assert isinstance(tags_field, forms.MultipleChoiceField)
        tags_field.choices = [
            (tag, f"{tag} {rule.title}" if rule else tag) for tag, rule in zip(offered, rules, strict=True)
        ]
        if not self.instance.pk:
            self.initial["rule_tags"] = suggested
        self.fields["slug"].required = False
        self.fields["slug"].widget.attrs["data-slug-from"] = self["title"].auto_id

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug") or ""
        if slug and Case.objects.exclude(pk=self.instance.pk).filter(slug=slug).exists():
            raise ValidationError(f"Another case already uses “{slug}”: choose another, or leave it empty.")
        return slug

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        more = [tag.strip() for tag in cleaned.get("more_tags", "").split(",") if tag.strip()]
        if problems := rule_tag_errors(more):
            self.add_error("more_tags", problems)
        tags = [*cleaned.get("rule_tags", []), *(rule.id for tag in more if (rule := get_rule(tag)))]
        cleaned["rule_tags"] = list(dict.fromkeys(tags))
        if not cleaned.get("slug") and cleaned.get("title"):
            cleaned["slug"] = unique_slug(Case, cleaned["title"])
        return cleaned


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
