"""A class's results for one quiz (statistics, histogram, item analysis, rule heat map, downloads), the drill-down
into one trainee's attempt with score overrides, and regrading after a key changed.

Every page reads the class's trainees' finished attempts through `scope_attempts`, the one place that narrows
them (to one assignment's, when a page is asked for `?assignment=<pk>`; its links keep the scope).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from assignments.models import Assignment
from authoring.access import signed_in
from classes.access import taught_or_403
from classes.forms import OverrideForm, RegradeForm
from classes.models import Class, Membership
from config.http import HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes import regrade, result_exports
from quizzes.feedback import attempt_breakdown
from quizzes.item_statistics import DEFINITIONS, TestStatistics, Which
from quizzes.models import Attempt, Quiz, Response
from quizzes.results import histogram, quiz_results

WHICH_LABELS = {
    Which.FIRST: "First attempts",
    Which.BEST: "Best",
    Which.LAST: "Last",
    Which.ALL: "All attempts",
}
WHICH_WORDS = {
    Which.FIRST: "each trainee's first finished attempt",
    Which.BEST: "each trainee's best attempt (the earliest of equal scores)",
    Which.LAST: "each trainee's last finished attempt",
    Which.ALL: "every finished attempt, each counted as a separate person",
}
HEAT_SORT_DEFAULT = "trainee"


def trainees(klass: Class) -> list[User]:
    """The class's trainees, by username."""
    return list(
        User.objects.filter(memberships__klass=klass, memberships__role=Membership.Role.TRAINEE).order_by(
            "username"
        )
    )


def assignment_in_scope(klass: Class, quiz: Quiz, request: HtmxHttpRequest) -> Assignment | None:
    """The assignment named by `?assignment=<pk>`, which must be this class's, of this quiz (404 otherwise)."""
    pk = request.GET.get("assignment", "")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("No such assignment.")
    return get_object_or_404(Assignment.objects.filter(klass=klass, quiz=quiz), pk=int(pk))


def scope_attempts(klass: Class, quiz: Quiz, request: HtmxHttpRequest) -> QuerySet[Attempt]:
    """The finished attempts at `quiz` by the class's trainees that the results pages count: only one
    assignment's when the page is asked for `?assignment=<pk>`."""
    attempts = Attempt.objects.finished().filter(
        quiz=quiz, user__memberships__klass=klass, user__memberships__role=Membership.Role.TRAINEE
    )
    assignment = assignment_in_scope(klass, quiz, request)
    return attempts.filter(assignment=assignment) if assignment is not None else attempts


def scope_query(request: HtmxHttpRequest) -> str:
    """The start of the pages' own query strings that keeps an assignment's scope (`assignment=5&`, or nothing)."""
    pk = request.GET.get("assignment", "")
    return f"assignment={pk}&" if pk.isdigit() else ""


def attempted_quizzes(klass: Class) -> QuerySet[Quiz]:
    """The quizzes the class's trainees finished an attempt at, with how many of them did, by title."""
    return (
        Quiz.objects.filter(
            attempts__finished_at__isnull=False,
            attempts__user__memberships__klass=klass,
            attempts__user__memberships__role=Membership.Role.TRAINEE,
        )
        .annotate(trainees_finished=Count("attempts__user", distinct=True))
        .order_by("title")
    )


def _which(request: HtmxHttpRequest) -> Which:
    try:
        return Which(request.GET.get("which", Which.FIRST))
    except ValueError:
        return Which.FIRST


@educator_required
@require_GET
def results(request: HtmxHttpRequest, pk: int, slug: str) -> HttpResponse:
    klass = taught_or_403(request.user, pk)
    quiz = get_object_or_404(Quiz, slug=slug)
    which = _which(request)
    people = trainees(klass)
    found = quiz_results(quiz, people, which, scope_attempts(klass, quiz, request))
    test = found.analysis.test
    sort = request.GET.get("sort", HEAT_SORT_DEFAULT)
    sort = sort if sort in found.heat_map.rules else HEAT_SORT_DEFAULT
    finished_ids = {attempt.user_id for attempt in found.attempts}
    context = {
        "klass": klass,
        "quiz": quiz,
        "results": found,
        "test": test,
        "which": which,
        "which_words": WHICH_WORDS[which],
        "choices": WHICH_LABELS.items(),
        "not_finished": [person for person in people if person.pk not in finished_ids],
        "definitions": DEFINITIONS,
        "chart": histogram(found.bins, test.share(test.mean)),
        "bins": found.bins,
        "heat_map": found.heat_map,
        "heat_rows": found.heat_map.sorted_by(sort),
        "sort": sort,
        "cards": _cards(test),
        "assignment": assignment_in_scope(klass, quiz, request),
        "scope_query": scope_query(request),
        # The page's own links keep the assignment and the attempts counted.
        "which_query": f"{scope_query(request)}which={which}",
    }
    return render_page(request, "classes/results.html", context, partial="heat-map")


@dataclass(frozen=True)
class StatCard:
    name: str
    share: float | None
    definition: str
    # Totals (mean, median, SD, standard error) also in marks, of the quiz's maximum.
    raw: float | None = None
    # Skewness and kurtosis are shapes, not shares: printed as plain numbers.
    plain: bool = False


def _cards(test: TestStatistics) -> list[StatCard]:
    """The whole-quiz statistics, each as a share (totals also in marks) with its definition."""
    totals = (
        ("Mean", test.mean, "mean"),
        ("Median", test.median, "median"),
        ("Standard deviation", test.standard_deviation, "test_standard_deviation"),
    )
    return [
        *(StatCard(name, test.share(raw), DEFINITIONS[key], raw) for name, raw, key in totals),
        StatCard("Cronbach's alpha", test.alpha, DEFINITIONS["alpha"]),
        StatCard("Error ratio", test.error_ratio, DEFINITIONS["error_ratio"]),
        StatCard(
            "Standard error",
            test.share(test.standard_error),
            DEFINITIONS["standard_error"],
            test.standard_error,
        ),
        StatCard("Skewness", test.skewness, DEFINITIONS["skewness"], plain=True),
        StatCard("Kurtosis", test.kurtosis, DEFINITIONS["kurtosis"], plain=True),
    ]


@educator_required
@require_GET
def download(request: HtmxHttpRequest, pk: int, slug: str, what: str) -> HttpResponse:
    """One of the results' CSV exports (quizzes.result_exports), over the attempts the page counts."""
    klass = taught_or_403(request.user, pk)
    quiz = get_object_or_404(Quiz, slug=slug)
    if what not in result_exports.WHAT:
        raise Http404("No such export.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{klass.join_code}-{quiz.slug}-{what}.csv"'
    result_exports.write(
        what, quiz, trainees(klass), response, _which(request), scope_attempts(klass, quiz, request)
    )
    return response


def _class_attempt(klass: Class, attempt_pk: int) -> Attempt:
    """A finished attempt by one of the class's trainees; anything else is not there for this class."""
    return get_object_or_404(
        Attempt.objects.finished().select_related("quiz", "user").distinct(),
        pk=attempt_pk,
        user__memberships__klass=klass,
        user__memberships__role=Membership.Role.TRAINEE,
    )


def _attempt_page(
    request: HtmxHttpRequest,
    klass: Class,
    attempt: Attempt,
    invalid: tuple[int, OverrideForm] | None = None,
) -> HttpResponse:
    breakdown = attempt_breakdown(attempt, show_key=True)
    shown, form = invalid or (None, None)
    rows = [
        (item, _override_form(item.response, shown, form) if item.response else None)
        for item in breakdown.items
    ]
    context = {"klass": klass, "attempt": attempt, "breakdown": breakdown, "rows": rows}
    return render_page(request, "classes/attempt.html", context, status=form_status(form))


def _override_form(answer: Response, shown: int | None, form: OverrideForm | None) -> OverrideForm:
    """The form posted for this answer, with its errors, or an empty one (prefixed: one form per answer)."""
    return form if form is not None and answer.pk == shown else OverrideForm(prefix=f"r{answer.pk}")


@educator_required
@require_GET
def attempt(request: HtmxHttpRequest, pk: int, attempt_pk: int) -> HttpResponse:
    klass = taught_or_403(request.user, pk)
    return _attempt_page(request, klass, _class_attempt(klass, attempt_pk))


@educator_required
@require_POST
def override(request: HtmxHttpRequest, pk: int, attempt_pk: int, response_pk: int) -> HttpResponse:
    """Set one answer's score by hand, with the reason the trainee reads (Response.override keeps the trail)."""
    klass = taught_or_403(request.user, pk)
    found = _class_attempt(klass, attempt_pk)
    answer = get_object_or_404(Response, pk=response_pk, attempt=found)
    form = OverrideForm(request.POST, prefix=f"r{answer.pk}")
    if not form.is_valid():
        return _attempt_page(request, klass, found, (answer.pk, form))
    answer.override(
        signed_in(request), float(form.cleaned_data["percent"]) / 100, form.cleaned_data["reason"]
    )
    messages.success(
        request, "Score changed; the trainee sees the new score and your reason on their results."
    )
    url = reverse("classes:attempt", args=[klass.pk, found.pk])
    return redirect_to(request, f"{url}#answer-{answer.pk}")


@educator_required
@require_http_methods(["GET", "POST"])
def regrade_quiz(request: HtmxHttpRequest, pk: int, slug: str) -> HttpResponse:
    """GET: what a regrade of the class's attempts would change, saving nothing. POST: apply it, once."""
    klass = taught_or_403(request.user, pk)
    quiz = get_object_or_404(Quiz, slug=slug)
    assignment = assignment_in_scope(klass, quiz, request)
    among = scope_attempts(klass, quiz, request)
    form = RegradeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = regrade.apply(
            quiz,
            signed_in(request),
            among=among,
            never_lower=form.cleaned_data["never_lower"],
            klass=klass,
            assignment=assignment,
        )
        changed = len(entry.changes)
        messages.success(request, f"Regraded: {changed} attempt{'s' if changed != 1 else ''} changed score.")
        here = reverse("classes:regrade", args=[klass.pk, quiz.slug])
        return redirect_to(request, f"{here}?{scope_query(request)}".rstrip("?&"))
    context: dict[str, object] = {
        "klass": klass,
        "quiz": quiz,
        "assignment": assignment,
        "scope_query": scope_query(request),
        "changes": regrade.plan(quiz, among),
        "form": form,
        "history": _history(quiz, klass, assignment, among),
    }
    return render_page(request, "classes/regrade.html", context, status=form_status(form))


def _history(
    quiz: Quiz, klass: Class, assignment: Assignment | None, among: QuerySet[Attempt]
) -> list[dict[str, object]]:
    """The quiz's regrades applied from this class's pages (Regrade.objects.applied_from), each with its changes
    to the attempts the page counts (names in one query)."""
    entries = list(quiz.regrades.applied_from(klass, assignment).select_related("applied_by", "assignment"))
    ids = {change["attempt"] for entry in entries for change in entry.changes}
    ours = {a.pk: a for a in among.filter(pk__in=ids).select_related("user")}
    return [
        {
            "entry": entry,
            "changes": [
                {**change, "attempt": ours[change["attempt"]]}
                for change in entry.changes
                if change["attempt"] in ours
            ],
        }
        for entry in entries
    ]
