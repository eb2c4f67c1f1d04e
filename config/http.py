"""The request type of every view and the one helper for each htmx idiom, so no view writes them out again.

- `render_page`: the whole page, or for an htmx request the partial of the same template named by its target.
- `redirect_to`: after a change, HX-Redirect for htmx (so the browser loads the new page), a 302 otherwise.
- `INVALID_FORM_STATUS` and `form_status`: a form shown again with its errors answers 422, to htmx too
  (base.html sets htmx 2's `responseHandling` so a 422 is swapped like a 200).
"""

from django.contrib.auth.models import AnonymousUser, User
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

INVALID_FORM_STATUS = 422


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User | AnonymousUser  # the project uses Django's own User model


def render_page(
    request: HtmxHttpRequest,
    template: str,
    context: dict[str, object],
    *,
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """`template` for a normal request; `template#partial` for htmx when the page names a partial."""
    name = f"{template}#{partial}" if partial and request.htmx else template
    return render(request, name, context, status=status)


def redirect_to(request: HtmxHttpRequest, url: str) -> HttpResponse:
    """Where to go after a change: htmx follows HX-Redirect with a full page load; without JS, a 302."""
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def form_status(*forms: BaseForm | None) -> int:
    """422 when any bound form on the page has errors, 200 otherwise."""
    return INVALID_FORM_STATUS if any(form is not None and form.errors for form in forms) else 200
