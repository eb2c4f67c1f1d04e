"""The site's form renderer and the sign-up form."""

from typing import TYPE_CHECKING, Any

from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.forms.renderers import TemplatesSetting

from classes.forms import ClassCodeField


class FormRenderer(TemplatesSetting):
    """Renders `{{ form }}` everywhere with the site's .field / .field-error layout (templates/forms/)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


if TYPE_CHECKING:
    # django-stubs makes the form generic over the user model; at run time it is not.
    UserCreationFormBase = UserCreationForm[User]
else:
    UserCreationFormBase = UserCreationForm


class SignupForm(UserCreationFormBase):
    class_code = ClassCodeField(
        required=False,
        label="Class code",
        help_text="Optional. The code your educator gave you, like XK7-4PM.",
    )

    class Meta(UserCreationForm.Meta):  # type: ignore[name-defined,misc]  # django-stubs does not declare Meta
        fields = ("username", "first_name")
        labels = {"first_name": "Your name"}
        help_texts = {"first_name": "Optional. Shown in the navigation bar instead of your username."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One line instead of Django's list of four validator texts; the validators still run as before.
        self.fields[
            "password1"
        ].help_text = (
            "At least 8 characters, not only digits, not a common password and not like your username."
        )

    def full_clean(self) -> None:
        super().full_clean()
        if self.errors:  # send the keyboard to the first field at fault, not back to the username
            for field in self.fields.values():
                field.widget.attrs.pop("autofocus", None)
            first = next((name for name in self.fields if name in self.errors), None)
            if first:
                self.fields[first].widget.attrs["autofocus"] = True
