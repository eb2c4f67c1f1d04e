from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from classes.models import Joined, Membership
from classes.views import join_message
from coding.reference import start_path
from config.forms import SignupForm
from config.http import HtmxHttpRequest, form_status, render_page
from config.roles import is_educator
from quizzes.models import PracticeCase, Response


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    """The pitch; for a signed-in trainee who has answered nothing yet, the path to start on as well."""
    user = request.user
    new_trainee = (
        user.is_authenticated
        and not is_educator(user)
        and not Response.objects.for_user(user).exists()
        and not PracticeCase.objects.for_user(user).exists()
    )
    return render(request, "home.html", {"start": start_path() if new_trainee else None})


@never_cache
@require_safe
def healthz(request: HtmxHttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": connection.vendor})


def _create_account(form: SignupForm) -> User | None:
    """The new user, in the class whose code they gave; None with a form error when a simultaneous sign-up took
    the username first."""
    try:
        with transaction.atomic():
            user: User = form.save()
            if klass := form.cleaned_data["class_code"]:
                Membership.join(user, klass)
            return user
    except IntegrityError:
        form.add_error("username", User._meta.get_field("username").error_messages["unique"])
        return None


@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    # A join link's "Create an account" fills in the class code; the sign-in page's link passes `next` on.
    initial = {"class_code": request.GET.get("code", "")}
    form = (
        SignupForm(request.POST, initial=initial) if request.method == "POST" else SignupForm(initial=initial)
    )
    next_url = request.POST.get("next") or request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    if request.method == "POST" and form.is_valid() and (user := _create_account(form)) is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_full_name() or user.username}. Your account is ready.")
        if klass := form.cleaned_data["class_code"]:
            join_message(request, klass, Joined.JOINED)
            return redirect("classes:index")
        return redirect(next_url or "coding:sequential_or_concurrent")
    context = {"form": form, "next": next_url}
    return render_page(request, "registration/signup.html", context, status=form_status(form))
