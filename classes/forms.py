"""The class forms: a new class (a name; the code is made for it), a join code, a co-educator."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.models import User

from classes.models import Class, Membership
from config.roles import is_educator

if TYPE_CHECKING:
    # django-stubs makes ModelForm generic over its model; at run time it is not.
    ClassFormBase = forms.ModelForm[Class]
else:
    ClassFormBase = forms.ModelForm


class ClassForm(ClassFormBase):
    class Meta:
        model = Class
        fields = ("name",)
        labels = {"name": "Class name"}
        help_texts = {
            "name": "What your trainees see, like “Spring coding cohort” or “Infusion module, group B”."
        }
        error_messages = {"name": {"required": "Give the class a name your trainees will recognise."}}


class ClassCodeField(forms.CharField):
    """A join code however it is typed (xk7 4pm, XK7-4PM); cleans to the class it opens, or None when empty and
    optional. Wrong and archived codes are form errors, never a 404."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}
        )

    def clean(self, value: Any) -> Class | None:
        entered = super().clean(value)
        if not entered:
            return None
        klass = Class.objects.with_code(entered).first()
        if klass is None:
            raise forms.ValidationError(
                "No class has the code “%(code)s”. Check it with your educator: codes look like XK7-4PM.",
                code="unknown",
                params={"code": entered},
            )
        if klass.archived:
            raise forms.ValidationError(
                "“%(name)s” is archived and takes no new trainees. Ask your educator for a current code.",
                code="archived",
                params={"name": klass.name},
            )
        return klass


class JoinForm(forms.Form):
    code = ClassCodeField(
        label="Class code",
        help_text="The code your educator gave you, like XK7-4PM.",
        error_messages={"required": "Type the code your educator gave you."},
    )


class AddEducatorForm(forms.Form):
    username = forms.CharField(
        max_length=150,
        label="Educator's username",
        help_text="They must be in the Educators group. They will see and manage this class as you do.",
        error_messages={"required": "Type the username of the educator to add."},
    )

    def __init__(self, *args: Any, klass: Class, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.klass = klass

    def clean_username(self) -> User:
        username = self.cleaned_data["username"].strip()
        user = User.objects.filter(username__iexact=username).first()
        if user is None:
            raise forms.ValidationError("Nobody has the username “%(name)s”.", params={"name": username})
        if not is_educator(user):
            raise forms.ValidationError(
                "“%(name)s” is not in the Educators group; an administrator adds them there first.",
                params={"name": user.username},
            )
        membership = self.klass.memberships.filter(user=user).first()
        if membership is not None and membership.role == Membership.Role.EDUCATOR:
            raise forms.ValidationError(
                "“%(name)s” already teaches this class.", params={"name": user.username}
            )
        if membership is not None:
            raise forms.ValidationError(
                "“%(name)s” is a trainee in this class; remove them from the roster first.",
                params={"name": user.username},
            )
        return user

    def save(self) -> Membership:
        user: User = self.cleaned_data["username"]
        membership, _ = Membership.objects.get_or_create(
            klass=self.klass, user=user, defaults={"role": Membership.Role.EDUCATOR}
        )
        return membership


class OverrideForm(forms.Form):
    """An educator's score for one answer, in percent, with the reason the trainee reads."""

    percent = forms.DecimalField(
        label="New score (%)",
        min_value=0,
        max_value=100,
        decimal_places=1,
        error_messages={
            "required": "Give the new score, from 0 to 100.",
            "invalid": "Give the new score as a number, from 0 to 100.",
            "min_value": "A score cannot be below 0%%.",
            "max_value": "A score cannot be above 100%%.",
        },
    )
    reason = forms.CharField(
        label="Reason",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The trainee reads it beside the new score.",
        error_messages={"required": "Say why the score changes; the trainee reads it."},
    )


class RegradeForm(forms.Form):
    never_lower = forms.BooleanField(
        label="Never lower a score",
        required=False,
        help_text="An answer the new key would mark lower keeps its old score; raised scores still rise.",
    )
