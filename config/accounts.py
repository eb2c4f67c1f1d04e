"""Forgotten passwords: Django's reset-by-e-mail views, with the request form throttled per address and e-mail.

Django's views already never say whether an address has an account (the "sent" page is the same either way,
and mail goes only to active accounts); the throttle answers 429 the same way for known and unknown addresses.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited  # type: ignore[import-untyped]  # ships no type information

THROTTLED_MESSAGE = "Too many reset requests from here. Wait an hour, then ask again."


def reset_rate(group: str, request: HttpRequest) -> str | None:
    rate = settings.PASSWORD_RESET_RATE_LIMIT
    return None if rate.lower() == "off" else rate


def entered_email(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def reset_requests_throttled(request: HttpRequest) -> bool:
    """Counts this request against the visitor's address and against the e-mail typed (both must be under)."""
    by_address = is_ratelimited(
        request, group="password_reset", key="ip", rate=reset_rate, method="POST", increment=True
    )
    by_email = is_ratelimited(
        request,
        group="password_reset_email",
        key=entered_email,
        rate=reset_rate,
        method="POST",
        increment=True,
    )
    return bool(by_address or by_email)


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]  # the stubs' generic is only for the user type
    """Django's form with one line of help, as on the sign-up form, instead of the list of four validator texts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "new_password1"
        ].help_text = "At least 8 characters, not only digits, not a common password."


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm


class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if reset_requests_throttled(request):
            form = self.get_form()
            form.is_valid()
            form.add_error(None, THROTTLED_MESSAGE)
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            response["Retry-After"] = "3600"
            return response
        return super().post(request, *args, **kwargs)


def locked_out(
    request: HttpRequest, response: HttpResponse | None, credentials: dict[str, object] | None
) -> HttpResponse:
    """django-axes' answer to a locked-out sign-in (the admin's too): 429, never saying which part was wrong."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    page = render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)
    page["Retry-After"] = str(minutes * 60)
    return page
