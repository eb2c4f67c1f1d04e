from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from config.forms import SignupForm
from config.http import HtmxHttpRequest


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "home.html")


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
    """The new user; None with a form error when a simultaneous sign-up took the username first."""
    try:
        with transaction.atomic():
            user: User = form.save()
            return user
    except IntegrityError:
        form.add_error("username", User._meta.get_field("username").error_messages["unique"])
        return None


@require_http_methods(["GET", "POST"])
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and (user := _create_account(form)) is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_full_name() or user.username}. Your account is ready.")
        return redirect("home")
    return render(request, "registration/signup.html", {"form": form}, status=422 if form.errors else 200)
