"""The quiz editor's forms: the quiz's settings, a section drawn from the bank, and adding a question."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.models import User

from authoring.question_forms import rule_choices
from quizzes.models import Question, Quiz, QuizSection, unique_slug

if TYPE_CHECKING:
    # django-stubs makes ModelForm generic over its model; at run time it is not.
    QuizFormBase = forms.ModelForm[Quiz]
    SectionFormBase = forms.ModelForm[QuizSection]
else:
    QuizFormBase = SectionFormBase = forms.ModelForm

DUE_FORMAT = "%Y-%m-%dT%H:%M"


class QuizSettingsForm(QuizFormBase):
    """Title, slug, summary and the policy fields; Quiz.clean's rules come back as errors on their fields."""

    class Meta:
        model = Quiz
        fields = [
            "title",
            "slug",
            "summary",
            "mode",
            "time_limit_minutes",
            "attempt_limit",
            "key_release",
            "due_at",
        ]
        labels = {
            "time_limit_minutes": "Time limit (minutes)",
            "attempt_limit": "Attempts allowed",
            "key_release": "Show the answer key",
            "due_at": "Due date",
        }
        help_texts = {
            "slug": "The quiz's address. Leave it empty to make one from the title.",
            "time_limit_minutes": "Empty for no time limit.",
            "attempt_limit": "Finished attempts each trainee may make; empty for no limit.",
            "key_release": "When trainees see the correct answers and explanations. The mode decides when they see right or wrong.",
            "due_at": "Needed when the key is shown after the due date.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "due_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DUE_FORMAT),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data.get("slug") or ""
        if not slug and self.cleaned_data.get("title"):
            slug = unique_slug(Quiz, self.cleaned_data["title"])
        return slug


class SectionForm(SectionFormBase):
    """A part of the quiz drawn at random per attempt: `count` questions tagged with one rule."""

    rule = forms.ChoiceField(choices=rule_choices, label="Rule", help_text="Questions tagged with this rule.")
    kinds = forms.MultipleChoiceField(
        choices=Question.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds to draw",
        help_text="None ticked: any kind.",
    )

    class Meta:
        model = QuizSection
        fields = ["rule", "count", "kinds"]
        labels = {"count": "Questions to draw"}


class AddQuestionForm(forms.Form):
    """One question into the quiz: moved from the educator's bank, or a copy of any question they can read."""

    from_bank = forms.ModelChoiceField(
        queryset=Question.objects.none(),
        required=False,
        label="From your bank",
        empty_label="Choose a question",
    )
    copy_of = forms.ModelChoiceField(
        queryset=Question.objects.none(),
        required=False,
        label="A copy of a question from another quiz or the starter bank",
        empty_label="Choose a question",
    )

    def __init__(self, *args: Any, quiz: Quiz, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        mine = Question.objects.current().editable_by(user).filter(quiz=None)
        others = Question.objects.current().visible_to_educator(user).exclude(quiz=quiz).exclude(quiz=None)
        self.fields["from_bank"].queryset = mine  # type: ignore[attr-defined]
        self.fields["copy_of"].queryset = others.select_related("quiz")  # type: ignore[attr-defined]
        self.fields["from_bank"].label_from_instance = _label  # type: ignore[attr-defined]
        self.fields["copy_of"].label_from_instance = _label  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        picked = [name for name in ("from_bank", "copy_of") if cleaned.get(name)]
        if len(picked) != 1 and not self.errors:
            raise forms.ValidationError("Choose one question: from your bank, or one to copy.")
        return cleaned


def _label(question: Question) -> str:
    where = f"{question.quiz.title}: " if question.quiz else ""
    prompt = question.prompt if len(question.prompt) <= 70 else f"{question.prompt[:69]}…"
    return f"{where}{prompt} ({question.get_kind_display()})"
