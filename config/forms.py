from django.contrib.auth.forms import UserCreationForm
from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Renders `{{ form }}` everywhere with the site's .field / .field-error layout (templates/forms/)."""

    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name")
        labels = {"first_name": "Your name"}
        help_texts = {"first_name": "Optional. Shown in the navigation bar instead of your username."}
