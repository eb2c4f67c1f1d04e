"""The LTI 1.3 endpoints: our keys, login initiation, the launch, its welcome page and Canvas's configuration."""

import logging
from collections.abc import Callable
from dataclasses import asdict
from typing import cast

from csp.decorators import csp_replace
from django.contrib.auth import login as sign_in
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from classes.models import Class
from config.http import HtmxHttpRequest, render_page
from lti import adapter, canvas
from lti.adapter import Reason, Refusal
from lti.identity import class_for_launch, user_for_launch

COURSE_SESSION_KEY = "lti_course"

logger = logging.getLogger(__name__)

View = Callable[..., HttpResponse]

# What each refusal says: a title, what happened, and what the person can do about it.
REFUSALS: dict[Reason, tuple[str, str, str]] = {
    Reason.MALFORMED: (
        "This is not a launch",
        "The request is missing what a learning platform sends when it opens the lab.",
        "Open the lab from the link in your course.",
    ),
    Reason.LOST_SESSION: (
        "The sign-in was lost on the way",
        "Your browser did not keep the short-lived cookie that ties the platform's answer to this sign-in.",
        "Open the lab from your course again; if this repeats, choose to open it in a new window.",
    ),
    Reason.UNKNOWN_ISSUER: (
        "This platform is not registered",
        "The learning platform that sent you is not one this site knows.",
        "Ask the site's administrator to register it (manage.py lti_register).",
    ),
    Reason.WRONG_AUDIENCE: (
        "This launch was meant for another tool",
        "The platform is registered here, but not with the client id this launch was addressed to.",
        "Ask the site's administrator to check the client id of the platform's registration.",
    ),
    Reason.FORGED: (
        "The launch's signature does not check out",
        "It was not signed by a key the platform publishes, so we cannot tell who sent it.",
        "Open the lab from your course again. If it keeps failing, tell the site's administrator.",
    ),
    Reason.EXPIRED: (
        "The launch has expired",
        "Launches are valid for a few minutes only, and this one is outside them (or a clock is wrong).",
        "Open the lab from your course again.",
    ),
    Reason.REPLAYED: (
        "This launch was already used",
        "Each launch opens the lab once; this one has been seen before, or was not started here.",
        "Open the lab from your course again.",
    ),
    Reason.UNKNOWN_DEPLOYMENT: (
        "The lab is not set up for this part of the platform",
        "The platform is registered, but this deployment of the lab is not, or has been switched off.",
        "Ask the site's administrator to add the deployment id (manage.py lti_register --deployment-id).",
    ),
    Reason.UNSUPPORTED_MESSAGE: (
        "The lab cannot open this kind of link yet",
        "Only course links that name a person are supported so far; picking content comes with assignments.",
        "Use the lab's link in your course navigation.",
    ),
    Reason.ACCOUNT_CLOSED: (
        "Your account here is closed",
        "The platform vouched for you, but the account it leads to has been switched off on this site.",
        "Ask the site's administrator to open it again.",
    ),
    Reason.PLATFORM_KEYS: (
        "We could not reach the platform's keys",
        "Checking a launch means reading the keys your platform publishes, and its address did not answer.",
        "Try again in a moment. If it keeps failing, ask the site's administrator to check the JWKS URL.",
    ),
}


def frameable(view: View) -> View:
    """The pages a platform shows in its iframe: no X-Frame-Options, and any HTTPS page may frame them."""
    return cast(View, xframe_options_exempt(csp_replace({"frame-ancestors": ["https:"]})(view)))


def refused(request: HtmxHttpRequest, refusal: Refusal) -> HttpResponse:
    """Our page for a refusal; logged, so an administrator can see what a platform sent (its issuer above all)."""
    logger.warning(
        "LTI %s refused: %s (issuer %r, client id %r)",
        request.path,
        refusal.reason.value,
        refusal.issuer,
        refusal.client_id,
    )
    title, what, next_step = REFUSALS[refusal.reason]
    context: dict[str, object] = {
        "reason": refusal.reason.value,
        "title": title,
        "what": what,
        "next_step": next_step,
        "issuer": refusal.issuer,
        "client_id": refusal.client_id,
    }
    return render_page(request, "lti/refused.html", context, status=refusal.reason.status)


@require_GET
def jwks(request: HtmxHttpRequest) -> JsonResponse:
    """Our public keys, for platforms to check what we sign."""
    return JsonResponse(adapter.public_jwks())


@csrf_exempt  # the platform posts the initiation from its own site
@require_http_methods(["GET", "POST"])
@frameable
def login(request: HtmxHttpRequest) -> HttpResponse:
    try:
        return adapter.begin_login(request, request.build_absolute_uri(reverse("lti:launch")))
    except Refusal as refusal:
        return refused(request, refusal)


@csrf_exempt  # the id_token is the proof here, checked in full by the adapter
@require_POST
@frameable
def launch(request: HtmxHttpRequest) -> HttpResponse:
    try:
        checked = adapter.check_launch(request)
        user = user_for_launch(checked)
    except Refusal as refusal:
        return refused(request, refusal)
    klass = class_for_launch(user, checked)
    sign_in(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[COURSE_SESSION_KEY] = {**asdict(checked.course), "class_pk": klass.pk if klass else None}
    return redirect("lti:welcome")


@require_GET
@login_required
@frameable
def welcome(request: HtmxHttpRequest) -> HttpResponse:
    """Where a launch lands: who you are here, the course you came from, and where to start."""
    course = request.session.get(COURSE_SESSION_KEY) or {}
    class_pk = course.get("class_pk")
    klass = Class.objects.filter(pk=class_pk).first() if class_pk else None
    return render_page(request, "lti/welcome.html", {"course": course, "klass": klass})


@require_GET
def canvas_json(request: HtmxHttpRequest) -> JsonResponse:
    """The developer key configuration for Canvas, with this site's addresses as the request reached it."""
    configuration = canvas.developer_key(
        host=request.get_host().split(":")[0],
        login_url=request.build_absolute_uri(reverse("lti:login")),
        launch_url=request.build_absolute_uri(reverse("lti:launch")),
        jwks_url=request.build_absolute_uri(reverse("lti:jwks")),
    )
    return JsonResponse(configuration, json_dumps_params={"indent": 2})
