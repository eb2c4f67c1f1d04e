"""The class pages: My classes, a new class, the class page (code, link, roster, co-educators), removing a
trainee, archiving, leaving, and joining by code or by link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments import listing as assignment_listing
from authoring.access import signed_in
from classes import roster
from classes.access import taught_or_403
from classes.forms import AddEducatorForm, ClassForm, JoinForm
from classes.models import Class, Joined, Membership
from classes.results import attempted_quizzes
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required, is_educator

JOINED_MESSAGES = {
    Joined.JOINED: "You joined “{name}”.",
    Joined.ALREADY_IN: "You are already in “{name}”: nothing changed.",
    Joined.TEACHES: "You teach “{name}”, so you are in it already.",
}


def join_message(request: HtmxHttpRequest, klass: Class, joined: Joined) -> None:
    """The message after a join, by code, by link or at sign-up."""
    level = messages.SUCCESS if joined is Joined.JOINED else messages.INFO
    messages.add_message(request, level, JOINED_MESSAGES[joined].format(name=klass.name))


@login_required
@require_GET
def index(request: HtmxHttpRequest) -> HttpResponse:
    """My classes: the ones the user teaches (current and archived apart) and the ones they are in."""
    user = signed_in(request)
    teaches = is_educator(user)
    taught = list(Class.objects.taught_by(user).with_trainee_counts()) if teaches else []
    educators = Prefetch(
        "memberships", Membership.objects.educators().select_related("user"), to_attr="educator_memberships"
    )
    joined = Class.objects.joined_by(user).prefetch_related(educators)
    context = {
        "teaches": teaches,
        "taught": [klass for klass in taught if not klass.archived],
        "archived": [klass for klass in taught if klass.archived],
        "joined": joined,
    }
    return render_page(request, "classes/index.html", context)


@educator_required
@require_http_methods(["GET", "POST"])
def new(request: HtmxHttpRequest) -> HttpResponse:
    form = ClassForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        klass = Class.create_for(signed_in(request), form.cleaned_data["name"])
        messages.success(request, f"“{klass.name}” is ready. Give your trainees its code, {klass.join_code}.")
        return redirect_to(request, reverse("classes:detail", args=[klass.pk]))
    return render_page(request, "classes/new.html", {"form": form}, status=form_status(form))


def _class_page(
    request: HtmxHttpRequest, klass: Class, educator_form: AddEducatorForm | None = None
) -> HttpResponse:
    sort = roster.Sort.parse(request.GET.get("sort"))
    educator_form = educator_form or AddEducatorForm(klass=klass)
    user = signed_in(request)
    context = {
        "klass": klass,
        "join_link": request.build_absolute_uri(reverse("classes:join_link", args=[klass.join_code])),
        "trainees": roster.trainees(klass, sort),
        "assignments": assignment_listing.for_class(klass),
        "columns": roster.columns(sort),
        "educators": klass.educators(),
        "educator_form": educator_form,
        "quizzes": attempted_quizzes(klass),
        "may_leave": klass.created_by_id != user.pk
        and klass.memberships.educators().filter(user=user).exists(),
    }
    return render_page(request, "classes/detail.html", context, status=form_status(educator_form))


@educator_required
@require_GET
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    return _class_page(request, taught_or_403(request.user, pk))


@educator_required
@require_POST
def add_educator(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    klass = taught_or_403(request.user, pk)
    form = AddEducatorForm(request.POST, klass=klass)
    if not form.is_valid():
        return _class_page(request, klass, form)
    membership = form.save()
    messages.success(request, f"{_name(membership.user)} now teaches “{klass.name}” with you.")
    return redirect_to(request, reverse("classes:detail", args=[klass.pk]))


@educator_required
@require_http_methods(["GET", "POST"])
def remove_trainee(request: HtmxHttpRequest, pk: int, user_pk: int) -> HttpResponse:
    """Take a trainee off the roster (after a confirmation page); their attempts are theirs and stay."""
    klass = taught_or_403(request.user, pk)
    membership = get_object_or_404(klass.memberships.trainees().select_related("user"), user_id=user_pk)
    if request.method == "POST":
        membership.delete()
        messages.success(
            request, f"{_name(membership.user)} is no longer in “{klass.name}”. Their work is kept."
        )
        return redirect_to(request, reverse("classes:detail", args=[klass.pk]))
    context = {"klass": klass, "member": membership.user, "action": "remove"}
    return render_page(request, "classes/confirm.html", context)


@educator_required
@require_POST
def archive(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Archive a class (no more joins) or, with `archived=0`, bring it back."""
    klass = taught_or_403(request.user, pk)
    klass.archived = request.POST.get("archived") != "0"
    klass.save(update_fields=["archived"])
    if klass.archived:
        messages.success(request, f"“{klass.name}” is archived: its code no longer lets anyone join.")
    else:
        messages.success(request, f"“{klass.name}” is current again; its code works as before.")
    return redirect_to(request, reverse("classes:detail", args=[klass.pk]))


@login_required
@require_http_methods(["GET", "POST"])
def leave(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A trainee leaves a class, or a co-educator stops teaching it; its creator cannot leave it (they archive it)."""
    user = signed_in(request)
    membership = get_object_or_404(Membership.objects.select_related("klass"), klass_id=pk, user=user)
    klass = membership.klass
    if membership.role == Membership.Role.EDUCATOR and klass.created_by_id == user.pk:
        raise PermissionDenied("A class's creator archives it rather than leaving it.")
    if request.method == "POST":
        membership.delete()
        messages.success(request, f"You left “{klass.name}”.")
        return redirect_to(request, reverse("classes:index"))
    context = {"klass": klass, "member": user, "action": "leave", "role": membership.role}
    return render_page(request, "classes/confirm.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HtmxHttpRequest) -> HttpResponse:
    form = JoinForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        klass: Class = form.cleaned_data["code"]
        join_message(request, klass, Membership.join(signed_in(request), klass))
        return redirect_to(request, reverse("classes:index"))
    return render_page(request, "classes/join.html", {"form": form}, status=form_status(form))


@require_GET
def join_link(request: HtmxHttpRequest, code: str) -> HttpResponse:
    """The link an educator shares: the class it opens and a Join button (joining is a POST); signed-out
    visitors sign in or sign up first and come back here, or sign up with the code filled in."""
    form = JoinForm({"code": code})
    klass: Class | None = form.cleaned_data["code"] if form.is_valid() else None
    user = request.user
    context: dict[str, object] = {
        "form": form,
        "invitation": klass,
        "membership": klass.memberships.filter(user=user).first()
        if klass and isinstance(user, User)
        else None,
        "educators": klass.educators() if klass else [],
    }
    return render_page(request, "classes/join.html", context, status=200 if klass else 404)


def _name(user: User) -> str:
    return user.get_full_name() or user.username
