"""The assignment forms: choosing a quiz, the assignment's window and limits, and a trainee's allowance."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.models import User
from django.utils import timezone

from assignments.models import Allowance, Assignment
from authoring.quiz_forms import DUE_FORMAT
from classes.models import Membership
from quizzes.models import OwnedQuerySet, Quiz

if TYPE_CHECKING:
    # django-stubs makes ModelForm generic over its model; at run time it is not.
    AssignmentFormBase = forms.ModelForm[Assignment]
    AllowanceFormBase = forms.ModelForm[Allowance]
else:
    AssignmentFormBase = AllowanceFormBase = forms.ModelForm

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DUE_FORMAT)
DEFAULT_WEEKS = 1


def assignable_quizzes(educator: User) -> OwnedQuerySet[Quiz]:
    """What an educator may assign: their own published quizzes and the starter ones."""
    return Quiz.objects.published().visible_to_educator(educator).order_by("title", "pk")


class QuizChoiceForm(forms.Form):
    """The first step of "Assign a quiz": which one (its own settings then fill the next step)."""

    quiz = forms.ModelChoiceField(
        queryset=Quiz.objects.none(),
        empty_label=None,
        help_text="Your own published quizzes and the starter ones.",
    )

    def __init__(self, *args: Any, educator: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quiz"].queryset = assignable_quizzes(educator)  # type: ignore[attr-defined]


class AssignmentForm(AssignmentFormBase):
    """The window, limits and key release; a new assignment starts from the quiz's own settings."""

    class Meta:
        model = Assignment
        fields = ["opens_at", "due_at", "time_limit_minutes", "attempt_limit", "key_release"]
        labels = {
            "opens_at": "Opens",
            "due_at": "Due",
            "time_limit_minutes": "Time limit (minutes)",
            "attempt_limit": "Attempts allowed",
            "key_release": "Show the answer key",
        }
        help_texts = {
            "opens_at": "Trainees can start it from then on.",
            "due_at": "No attempt starts, and no answer is recorded, after this (allowances aside).",
            "time_limit_minutes": "Empty for no time limit.",
            "attempt_limit": "Finished attempts each trainee may make; empty for no limit.",
            "key_release": "When trainees see the correct answers and explanations.",
        }
        widgets = {"opens_at": MOMENT, "due_at": MOMENT}

    def __init__(self, *args: Any, quiz: Quiz, **kwargs: Any) -> None:
        if kwargs.get("instance") is None:
            now = timezone.now().replace(second=0, microsecond=0)
            kwargs["initial"] = {
                "opens_at": now,
                "due_at": quiz.due_at
                if quiz.due_at and quiz.due_at > now
                else now + timedelta(weeks=DEFAULT_WEEKS),
                "time_limit_minutes": quiz.time_limit_minutes,
                "attempt_limit": quiz.attempt_limit,
                "key_release": quiz.key_release,
            } | kwargs.get("initial", {})
        super().__init__(*args, **kwargs)
        self.instance.quiz = quiz


class AllowanceForm(AllowanceFormBase):
    """An extension, an accommodation multiplier, or both, for one trainee of the class, with the reason."""

    class Meta:
        model = Allowance
        fields = ["trainee", "extended_due_at", "multiplier", "reason"]
        labels = {"extended_due_at": "New due date", "multiplier": "Accommodation multiplier"}
        help_texts = {
            "extended_due_at": "An extension: this trainee may start and answer until then.",
            "multiplier": "Widens the timer and the window alike: 1.5 gives half as much time again.",
            "reason": "Kept with the allowance, shown to the class's educators.",
        }
        widgets = {"extended_due_at": MOMENT, "reason": forms.TextInput()}

    def __init__(self, *args: Any, assignment: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        trainees = User.objects.filter(
            memberships__klass=assignment.klass, memberships__role=Membership.Role.TRAINEE
        ).order_by("first_name", "username")
        trainee = self.fields["trainee"]
        trainee.queryset = trainees  # type: ignore[attr-defined]
        trainee.label_from_instance = lambda user: (  # type: ignore[attr-defined]
            f"{user.get_full_name()} ({user.username})" if user.get_full_name() else user.username
        )
        trainee.help_text = "Setting an allowance for a trainee who has one replaces it."
        self.assignment = assignment
        self.instance.assignment = assignment

    def validate_unique(self) -> None:
        # One allowance per trainee: saving one for a trainee who has one replaces it (save()), not an error.
        pass

    def save_for(self, educator: User) -> Allowance:
        data = self.cleaned_data
        allowance, _ = Allowance.objects.update_or_create(
            assignment=self.assignment,
            trainee=data["trainee"],
            defaults={
                "extended_due_at": data["extended_due_at"],
                "multiplier": data["multiplier"],
                "reason": data["reason"],
                "set_by": educator,
                "set_at": timezone.now(),
            },
        )
        return allowance
