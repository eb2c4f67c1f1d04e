"""The LTI 1.3 endpoints: our keys, login initiation, the launch, its welcome page, the deep-linking picker,
Canvas's configuration, and a class's platform actions (sync its roster, send its grades again)."""

import logging
from collections.abc import Callable
from dataclasses import asdict
from typing import cast
from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth import login as sign_in
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import listing
from assignments.forms import AssignmentForm, QuizChoiceForm
from assignments.models import Assignment
from authoring.access import signed_in
from classes.access import taught_or_403
from classes.models import Class
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from lti import adapter, canvas, linking, passback, roster
from lti.adapter import DeepLinkRequest, LinkedContent, Reason, Refusal
from lti.identity import class_for_launch, user_for_launch
from lti.middleware import LAUNCHED_SESSION_KEY
from lti.models import LtiCourse
from quizzes import generator

COURSE_SESSION_KEY = LAUNCHED_SESSION_KEY
DEEP_LINK_SESSION_KEY = "lti_deep_link"

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
        "The lab cannot open this kind of link",
        "The lab opens course links that name a person, and lets instructors pick content; this was neither.",
        "Use the lab's link in your course, or ask the site's administrator which placement sent you here.",
    ),
    Reason.NOT_INSTRUCTOR: (
        "Only the course's instructors pick content",
        "Adding the lab's quizzes to a course is for its instructors, and the platform named you otherwise.",
        "Ask an instructor of the course to add the quiz.",
    ),
    Reason.NOTHING_TO_PICK: (
        "There is nothing to pick for",
        "Picking content starts in your course (adding an activity or assignment), and no such request is open here.",
        "Start again from your course: add an assignment or activity and choose the lab.",
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
    """A checked launch signs the person in. A deep-linking request from an instructor goes to the picker; any
    other launch lands on the welcome page, which opens what the link names (an assignment, a practice set)."""
    try:
        checked = adapter.check_launch(request)
        if checked.deep_link is not None and not checked.is_instructor:
            raise Refusal(Reason.NOT_INSTRUCTOR, issuer=checked.issuer)
        user = user_for_launch(checked)
    except Refusal as refusal:
        return refused(request, refusal)
    klass = class_for_launch(user, checked)
    sign_in(request, user, backend="django.contrib.auth.backends.ModelBackend")
    opened = linking.opened(checked, klass)
    request.session[COURSE_SESSION_KEY] = {
        **asdict(checked.course),
        "class_pk": klass.pk if klass else None,
        **asdict(opened),
    }
    if klass is not None and checked.is_instructor:
        roster.sync_soon(klass.lti_course)  # every launched class has its course
    if checked.deep_link is not None:
        request.session[DEEP_LINK_SESSION_KEY] = asdict(checked.deep_link)
        return redirect("lti:pick")
    return redirect("lti:welcome")


@require_GET
@login_required
@frameable
def welcome(request: HtmxHttpRequest) -> HttpResponse:
    """Where a launch lands: who you are here, the course you came from, and what its link opens."""
    course = request.session.get(COURSE_SESSION_KEY) or {}
    class_pk = course.get("class_pk")
    klass = Class.objects.filter(pk=class_pk).first() if class_pk else None
    assignment = row = None
    if klass is not None and (assignment_pk := course.get("assignment_pk")):
        assignment = Assignment.objects.select_related("quiz").filter(klass=klass, pk=assignment_pk).first()
        row = next(
            (r for r in listing.for_trainee(signed_in(request)) if r.assignment.pk == assignment_pk), None
        )
    practice = course.get("practice")
    context = {
        "course": course,
        "klass": klass,
        "assignment": assignment,
        "row": row,
        "practice": {"family": practice, "title": generator.FAMILIES[practice]} if practice else None,
    }
    return render_page(request, "lti/welcome.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@frameable
def pick(request: HtmxHttpRequest) -> HttpResponse:
    """The deep-linking picker: an instructor chooses a quiz (assigned to the course's class, with its dates and
    limits, graded in the platform's gradebook) or an ungraded practice set; the platform then adds the link."""
    waiting = request.session.get(DEEP_LINK_SESSION_KEY)
    class_pk = (request.session.get(COURSE_SESSION_KEY) or {}).get("class_pk")
    klass = (
        Class.objects.taught_by(request.user).filter(pk=class_pk).select_related("lti_course").first()
        if class_pk
        else None
    )
    if not waiting or klass is None:
        return refused(request, Refusal(Reason.NOTHING_TO_PICK))
    launch_url = request.build_absolute_uri(reverse("lti:launch"))
    data = request.POST if request.method == "POST" else request.GET
    if request.method == "POST" and "practice" in data:
        content = linking.practise(data["practice"], launch_url=launch_url)
        if content is not None:
            return _picked(request, klass.lti_course, DeepLinkRequest(**waiting), content)
    choice = QuizChoiceForm(data if "quiz" in data else None, educator=signed_in(request))
    form = None
    if choice.is_valid():
        form = AssignmentForm(
            request.POST if request.method == "POST" else None, quiz=choice.cleaned_data["quiz"]
        )
        if request.method == "POST" and form.is_valid():
            content = linking.assign(klass, form, signed_in(request), launch_url=launch_url)
            return _picked(request, klass.lti_course, DeepLinkRequest(**waiting), content)
    context = {
        "klass": klass,
        "choice": choice,
        "quiz": choice.cleaned_data["quiz"] if form else None,
        "form": form,
        "families": generator.FAMILIES,
    }
    return render_page(request, "lti/pick.html", context, status=form_status(form) if form else 200)


def _picked(
    request: HtmxHttpRequest, course: LtiCourse, waiting: DeepLinkRequest, content: LinkedContent
) -> HttpResponse:
    """The signed answer, posted back to the platform by the browser (our script, or the button without it)."""
    token = adapter.deep_link_reply(course.services, waiting, content)
    del request.session[DEEP_LINK_SESSION_KEY]
    response = render_page(
        request, "lti/picked.html", {"return_url": waiting.return_url, "token": token, "content": content}
    )
    # The form posts to the platform: our policy allows forms to our own pages only, so this one origin is added.
    return_to = urlsplit(waiting.return_url)
    allowed = {"form-action": [f"{return_to.scheme}://{return_to.netloc}"]}
    response._csp_update = response._csp_update_ro = allowed  # type: ignore[attr-defined]  # read by django-csp
    return response


@educator_required
@require_POST
def sync_roster(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Bring the class's roster in line with its course on the platform, now (a background task)."""
    klass = taught_or_403(request.user, pk)
    course = get_object_or_404(LtiCourse, klass_id=klass.pk)
    roster.sync_in_background.enqueue(course.pk)
    messages.success(request, "The roster is being read from the course; reload in a moment to see it.")
    return redirect_to(request, reverse("classes:detail", args=[klass.pk]))


@educator_required
@require_POST
def send_grades(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Send every trainee's score again, for the class's linked assignments (or the one named)."""
    klass = taught_or_403(request.user, pk)
    lines = list(get_object_or_404(LtiCourse, klass_id=klass.pk).line_items.select_related("assignment"))
    if assignment_pk := request.POST.get("assignment", ""):
        lines = [line for line in lines if str(line.assignment_id) == assignment_pk]
    count = passback.send_again(lines)
    messages.success(
        request, f"{count} score{'s' if count != 1 else ''} queued to be sent to the course again."
    )
    # Back to the one assignment's page, or to the class's; never an address the form names.
    back = (
        lines[0].assignment.get_absolute_url()
        if assignment_pk and lines
        else reverse("classes:detail", args=[klass.pk])
    )
    return redirect_to(request, back)


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
