"""A class's results for one quiz, the drill-down into an attempt with score overrides, regrading, and the
downloads and export_results command: numbers from the hand table appear, only the class's attempts count."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from quizzes.models import Attempt, Regrade, ScoreOverride
from quizzes.result_exports import HEADERS
from tests.factories import (
    AssignmentFactory,
    MembershipFactory,
    QuizFactory,
    UserFactory,
    case_question,
    choice_question,
    marked_attempt,
    override_key,
    taught_class,
)

pytestmark = pytest.mark.django_db

HAND_TABLE = [(1, 1, 1), (1, 1, 0), (1, 0.5, 0), (0, 1, 0), (0, 0, 0)]


def class_trainee_named(klass, username, first_name=""):
    user = UserFactory(username=username, first_name=first_name)
    MembershipFactory(klass=klass, user=user)
    return user


@pytest.fixture
def hand_quiz(klass):
    """The hand table's five attempts by five of the class's trainees, at a quiz of three choice questions."""
    quiz = QuizFactory(slug="hand-table", title="The hand table")
    questions = [
        choice_question(quiz=quiz, position=1, rule_tags=["R-E4"]),
        choice_question(quiz=quiz, position=2, rule_tags=["R-E3"]),
        choice_question(quiz=quiz, position=3, rule_tags=["R-E4"]),
    ]
    for number, marks in enumerate(HAND_TABLE):
        marked_attempt(class_trainee_named(klass, f"t{number}", f"Trainee {number}"), quiz, marks, questions)
    return quiz, questions


def results_url(klass, quiz, **query):
    url = reverse("classes:results", args=[klass.pk, quiz.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_results_page_prints_the_hand_tables_statistics(client, educator, klass, hand_quiz):
    quiz, _ = hand_quiz
    client.force_login(educator)
    page = client.get(results_url(klass, quiz)).content.decode()
    for number in (
        "60.0%",  # item 1's facility
        "49.2%",  # item 1's discrimination index
        "61.5%",  # item 1's discriminative efficiency
        "100.0%",  # item 3's discriminative efficiency
        "66.0%",  # alpha
        "58.3%",  # error ratio
        "37.3%",  # SD as a share of the maximum
        "1.12 of 3",  # SD in marks
        "21.7%",  # standard error
        "0.20",  # kurtosis
    ):
        assert number in page
    assert "Counting each trainee&#x27;s first finished attempt: 5 attempts." in page
    assert "5 of 5" in page


def test_a_heat_map_cell_opens_the_attempt_it_counts(client, educator, klass, hand_quiz):
    client.force_login(educator)
    page = client.get(results_url(klass, hand_quiz[0])).content.decode()
    for attempt in Attempt.objects.exclude(score=1):
        assert reverse("classes:attempt", args=[klass.pk, attempt.pk]) in page


def test_every_counted_attempt_opens_from_the_results_even_one_with_nothing_missed(
    client, educator, klass, hand_quiz
):
    client.force_login(educator)
    page = client.get(results_url(klass, hand_quiz[0])).content.decode()
    assert "The 5 attempts counted, each with its answers" in page
    full_marks = Attempt.objects.get(score=1)  # no heat-map cell links it: it missed nothing
    assert f'<a href="{reverse("classes:attempt", args=[klass.pk, full_marks.pk])}">Trainee 0</a>' in page


def test_each_statistic_is_printed_with_its_definition(client, educator, klass, hand_quiz):
    client.force_login(educator)
    page = client.get(results_url(klass, hand_quiz[0])).content.decode()
    assert "Cronbach" in page and "The middle total score." in page and "under 15% needs checking" in page


def test_the_page_names_who_has_not_finished(client, educator, klass, hand_quiz):
    class_trainee_named(klass, "slow", "Sloane")
    client.force_login(educator)
    page = client.get(results_url(klass, hand_quiz[0])).content.decode()
    assert "5 of 6" in page and "1 not finished yet" in page and "Sloane" in page


@pytest.mark.parametrize(
    ("which", "counted"),
    [("first", "5 attempts"), ("all", "6 attempts"), ("best", "5 attempts"), ("nonsense", "5 attempts")],
)
def test_which_attempts_count_is_chosen_and_stated(client, educator, klass, hand_quiz, which, counted):
    quiz, questions = hand_quiz
    marked_attempt(Attempt.objects.first().user, quiz, (1, 1, 1), questions)
    client.force_login(educator)
    page = client.get(results_url(klass, quiz, which=which)).content.decode()
    assert f": {counted}." in page


def test_attempts_by_people_outside_the_class_do_not_count(client, educator, klass, hand_quiz):
    quiz, questions = hand_quiz
    marked_attempt(UserFactory(username="outsider"), quiz, (1, 1, 1), questions)
    client.force_login(educator)
    response = client.get(results_url(klass, quiz))
    assert len(response.context["results"].attempts) == 5 and "outsider" not in response.content.decode()


def test_a_quiz_nobody_in_the_class_finished_says_so(client, educator, klass, class_trainee):
    client.force_login(educator)
    page = client.get(results_url(klass, QuizFactory())).content.decode()
    assert "No finished attempts yet" in page and "0 of 1" in page


def test_the_heat_map_sorts_by_a_rule_and_lists_who_struggles(client, educator, klass, hand_quiz):
    client.force_login(educator)
    response = client.get(results_url(klass, hand_quiz[0], sort="R-E4"))
    # t3 and t4 missed both R-E4 items, t1 and t2 one of two, t0 none
    assert [row.trainee.username for row in response.context["heat_rows"]] == ["t3", "t4", "t1", "t2", "t0"]
    assert "Struggling on a rule" in response.content.decode()


def test_sorting_with_htmx_answers_only_the_heat_map(client, educator, klass, hand_quiz):
    client.force_login(educator)
    page = client.get(results_url(klass, hand_quiz[0], sort="R-E4"), HTTP_HX_REQUEST="true").content.decode()
    assert page.lstrip().startswith(
        '<section class="results-section" aria-labelledby="heat-map-heading" id="heat-map">'
    )
    assert "Score distribution" not in page


def test_the_class_page_lists_the_quizzes_its_trainees_finished(client, educator, klass, hand_quiz):
    client.force_login(educator)
    page = client.get(reverse("classes:detail", args=[klass.pk])).content.decode()
    assert results_url(klass, hand_quiz[0]) in page and "The hand table" in page


@pytest.mark.parametrize("trainees", [3, 30])
def test_the_results_page_makes_the_same_queries_for_3_or_30_trainees(
    client, educator, klass, trainees, django_assert_num_queries
):
    quiz = QuizFactory(slug="sized")
    questions = [
        choice_question(quiz=quiz, position=1, rule_tags=["R-E4"]),
        case_question(quiz=quiz, position=2),
    ]
    for number in range(trainees):
        marked_attempt(class_trainee_named(klass, f"t{number:02d}"), quiz, (number % 2, 1), questions)
    client.force_login(educator)
    # session, user, groups (decorator, navigation), the class, may-teach, the quiz, trainees, attempts,
    # questions, choices, responses
    with django_assert_num_queries(12):
        response = client.get(results_url(klass, quiz))
    assert len(response.context["results"].attempts) == trainees


@pytest.mark.parametrize("what", sorted(HEADERS))
def test_each_download_is_a_csv_with_its_header(client, educator, klass, hand_quiz, what):
    client.force_login(educator)
    response = client.get(reverse("classes:results_download", args=[klass.pk, hand_quiz[0].slug, what]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[0] == HEADERS[what]


def test_an_unknown_download_is_a_404(client, educator, klass, hand_quiz):
    client.force_login(educator)
    url = reverse("classes:results_download", args=[klass.pk, hand_quiz[0].slug, "secrets"])
    assert client.get(url).status_code == 404


# --- the drill-down and overrides ---------------------------------------------------------------------------


@pytest.fixture
def coded(klass):
    """A quiz of one case question, answered by a trainee of the class with a lone push (partly wrong)."""
    quiz = QuizFactory(slug="coded")
    question = case_question(quiz=quiz)
    attempt = Attempt.start(class_trainee_named(klass, "amy", "Amy"), quiz)
    attempt.record(question, {"lines": [{"code": "96374"}]})
    attempt.finish()
    return quiz, question, attempt


def attempt_url(klass, attempt):
    return reverse("classes:attempt", args=[klass.pk, attempt.pk])


def override_url(klass, attempt):
    return reverse("classes:override", args=[klass.pk, attempt.pk, attempt.responses.get().pk])


def test_the_drill_down_shows_the_answer_with_the_key_and_the_lines_missed(client, educator, klass, coded):
    _, question, attempt = coded
    client.force_login(educator)
    page = client.get(attempt_url(klass, attempt)).content.decode()
    assert "Amy's attempt" in page
    for line in question.case.answer_key:
        assert line["code"] in page
    assert "Change this score" in page


def test_an_attempt_not_by_a_class_trainee_or_not_finished_is_not_there(client, educator, klass, coded):
    quiz, _, _ = coded
    outsider = Attempt.start(UserFactory(), quiz)
    outsider.finish()
    open_attempt = Attempt.start(class_trainee_named(klass, "bea"), quiz)
    client.force_login(educator)
    assert client.get(attempt_url(klass, outsider)).status_code == 404
    assert client.get(attempt_url(klass, open_attempt)).status_code == 404


def test_an_override_changes_the_score_keeps_the_trail_and_shows_it(client, educator, klass, coded):
    _, _, attempt = coded
    client.force_login(educator)
    answer = attempt.responses.get()
    response = client.post(
        override_url(klass, attempt),
        {f"r{answer.pk}-percent": "75", f"r{answer.pk}-reason": "Stop time unclear."},
    )
    assert response.status_code == 302
    entry = ScoreOverride.objects.get()
    attempt.refresh_from_db()
    assert (entry.changed_by, entry.new_score, entry.reason) == (educator, 0.75, "Stop time unclear.")
    assert attempt.score == 0.75
    assert "Stop time unclear." in client.get(attempt_url(klass, attempt)).content.decode()


def test_the_results_page_names_each_wrong_code_with_the_misconception_it_suggests(client, educator, klass):
    quiz = QuizFactory(slug="pushes")
    question = case_question(quiz=quiz)
    attempt = Attempt.start(class_trainee_named(klass, "amy"), quiz)
    attempt.record(question, {"lines": [{"code": "96365"}, {"code": "96374"}]})
    attempt.finish()
    client.force_login(educator)
    page = " ".join(client.get(results_url(klass, quiz)).content.decode().split())
    assert "Wrong codes: a key code answered with another of its family" in page
    assert ">96375</span> answered as <span" in page and "1 answer, which suggests" in page


@pytest.mark.parametrize(
    ("percent", "reason", "error"),
    [
        ("", "Fair enough.", "Give the new score, from 0 to 100."),
        ("150", "Generous.", "A score cannot be above 100%."),
        ("-5", "Harsh.", "A score cannot be below 0%."),
        ("lots", "Hm.", "Give the new score as a number"),
        ("80", "   ", "Say why the score changes; the trainee reads it."),
    ],
)
def test_a_bad_override_answers_422_with_its_error_and_saves_nothing(
    client, educator, klass, coded, percent, reason, error
):
    _, _, attempt = coded
    client.force_login(educator)
    answer = attempt.responses.get()
    response = client.post(
        override_url(klass, attempt), {f"r{answer.pk}-percent": percent, f"r{answer.pk}-reason": reason}
    )
    answer.refresh_from_db()
    assert response.status_code == 422 and error in response.content.decode()
    assert not ScoreOverride.objects.exists() and answer.override_score is None


# --- regrading ----------------------------------------------------------------------------------------------


def regrade_url(klass, quiz):
    return reverse("classes:regrade", args=[klass.pk, quiz.slug])


def test_the_dry_run_lists_old_and_new_scores_and_saves_nothing(client, educator, klass, coded):
    quiz, question, attempt = coded
    before = attempt.score
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    response = client.get(regrade_url(klass, quiz))
    attempt.refresh_from_db()
    (change,) = response.context["changes"]
    assert (change.old_score, change.new_score) == (before, 1.0)
    assert attempt.score == before and not Regrade.objects.exists()


def test_a_regrade_is_applied_once_and_shown_in_the_history(client, educator, klass, coded):
    quiz, question, attempt = coded
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    assert client.post(regrade_url(klass, quiz)).status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 1.0
    page = client.get(regrade_url(klass, quiz))
    assert page.context["changes"] == [] and "Nothing would change" in page.content.decode()
    assert "Amy: " in page.content.decode() and Regrade.objects.get().applied_by == educator


def test_never_lower_keeps_a_score_the_new_key_would_lower(client, educator, klass):
    quiz = QuizFactory(slug="right")
    question = case_question(quiz=quiz)
    key = [{"code": line["code"], "units": line["units"]} for line in question.case.answer_key]
    attempt = Attempt.start(class_trainee_named(klass, "amy"), quiz)
    attempt.record(question, {"lines": key})
    attempt.finish()
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    client.post(regrade_url(klass, quiz), {"never_lower": "on"})
    attempt.refresh_from_db()
    assert attempt.score == 1.0 and Regrade.objects.get().never_lower


def test_a_regrade_touches_only_the_class_attempts(client, educator, klass, coded):
    quiz, question, _ = coded
    elsewhere = Attempt.start(UserFactory(), quiz)
    elsewhere.record(question, {"lines": [{"code": "96374"}]})
    elsewhere.finish()
    before = elsewhere.score
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    client.post(regrade_url(klass, quiz))
    elsewhere.refresh_from_db()
    assert elsewhere.score == before


@pytest.mark.parametrize("from_assignment", [False, True])
def test_a_regrade_records_the_class_and_assignment_it_was_applied_from(
    client, educator, klass, from_assignment
):
    quiz = QuizFactory(slug="scoped")
    question = case_question(quiz=quiz)
    assignment = AssignmentFactory(klass=klass, quiz=quiz)
    attempt = Attempt.start(class_trainee_named(klass, "amy"), quiz, assignment)
    attempt.record(question, {"lines": [{"code": "96374"}]})
    attempt.finish()
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    query = f"?assignment={assignment.pk}" if from_assignment else ""
    assert client.post(regrade_url(klass, quiz) + query).status_code == 302
    entry = Regrade.objects.get()
    assert (entry.klass, entry.assignment) == (klass, assignment if from_assignment else None)


def test_a_class_lists_only_its_own_regrades_even_of_a_trainee_it_shares(client, educator, klass, coded):
    quiz, question, attempt = coded
    other = taught_class(educator, name="Thursday cohort")
    MembershipFactory(klass=other, user=attempt.user)
    override_key(question, [{"code": "96374", "units": 1, "modifiers": []}])
    client.force_login(educator)
    client.post(regrade_url(other, quiz))
    ours = client.get(regrade_url(klass, quiz))
    assert (
        ours.context["history"] == [] and "No regrade of this quiz has been applied" in ours.content.decode()
    )
    [theirs] = client.get(regrade_url(other, quiz)).context["history"]
    assert [change["attempt"] for change in theirs["changes"]] == [attempt]


@pytest.mark.parametrize(
    ("page", "listed"),
    [
        ("", ["class", "first", "second"]),
        ("first", ["class", "first"]),
        ("second", ["class", "second"]),
    ],
)
def test_an_assignments_regrade_page_lists_the_whole_class_regrades_and_its_own(
    client, educator, klass, page, listed
):
    quiz = QuizFactory(slug="twice")
    scopes = {
        "first": AssignmentFactory(klass=klass, quiz=quiz),
        "second": AssignmentFactory(klass=klass, quiz=quiz),
    }
    for assignment in (None, *scopes.values()):
        Regrade.objects.create(quiz=quiz, klass=klass, assignment=assignment, changes=[])
    Regrade.objects.create(quiz=quiz, klass=taught_class(educator), changes=[])
    Regrade.objects.create(quiz=quiz, changes=[])  # quiz-wide: no class's
    client.force_login(educator)
    query = f"?assignment={scopes[page].pk}" if page else ""
    history = client.get(regrade_url(klass, quiz) + query).context["history"]
    names = {None: "class"} | {assignment.pk: name for name, assignment in scopes.items()}
    assert sorted(names[row["entry"].assignment_id] for row in history) == listed


def test_a_regrade_by_someone_since_removed_says_so(client, educator, klass, coded):
    quiz, _, _ = coded
    Regrade.objects.create(quiz=quiz, klass=klass, applied_by=None, changes=[])
    client.force_login(educator)
    assert "by someone since removed" in client.get(regrade_url(klass, quiz)).content.decode()


def test_regrades_from_before_their_class_was_kept_go_to_the_one_class_that_fits(educator, klass, coded):
    from importlib import import_module

    from django.apps import apps

    quiz, _, attempt = coded
    other = taught_class(educator, name="Thursday cohort")
    shared = class_trainee_named(klass, "bea")
    MembershipFactory(klass=other, user=shared)
    only_ours = Regrade.objects.create(quiz=quiz, applied_by=educator, changes=[{"attempt": attempt.pk}])
    shared_attempt = Attempt.start(shared, quiz)
    shared_attempt.finish()
    ambiguous = Regrade.objects.create(
        quiz=quiz, applied_by=educator, changes=[{"attempt": shared_attempt.pk}]
    )
    not_taught = Regrade.objects.create(
        quiz=quiz, applied_by=UserFactory(username="stranger"), changes=[{"attempt": attempt.pk}]
    )
    import_module("quizzes.migrations.0008_regrade_scope").scope_earlier_regrades(apps, None)
    assert [Regrade.objects.get(pk=r.pk).klass for r in (only_ours, ambiguous, not_taught)] == [
        klass,
        None,
        None,
    ]


# --- export_results ------------------------------------------------------------------------------------------


def test_export_results_writes_a_file_or_standard_output(tmp_path, klass, hand_quiz):
    out = tmp_path / "items.csv"
    call_command("export_results", str(out), "--class", "xk7 4pm", "--quiz", "hand-table", "--what", "items")
    rows = list(csv.reader(out.open()))
    assert rows[0] == HEADERS["items"] and rows[1][1] == "60.00"
    printed = io.StringIO()
    call_command(
        "export_results",
        "-",
        "--class",
        klass.join_code,
        "--quiz",
        "hand-table",
        "--what",
        "gradebook",
        stdout=printed,
    )
    assert printed.getvalue().splitlines()[0] == ",".join(HEADERS["gradebook"])


@pytest.mark.parametrize(
    ("code", "slug", "message"),
    [
        ("NOPE-00", "hand-table", "No class has the code “NOPE-00”."),
        ("XK7-4PM", "nope", "No quiz has the slug “nope”."),
    ],
)
def test_export_results_exits_2_on_an_unknown_class_or_quiz(capsys, klass, hand_quiz, code, slug, message):
    with pytest.raises(SystemExit) as exit:
        call_command("export_results", "-", "--class", code, "--quiz", slug, "--what", "lines")
    assert exit.value.code == 2 and message in capsys.readouterr().err


def test_an_assignments_results_count_only_the_attempts_started_from_it(
    client, educator, klass, class_trainee
):
    assignment = AssignmentFactory(klass=klass)
    quiz = assignment.quiz
    question = choice_question(quiz=quiz)
    right = question.choices.get(is_correct=True)
    for chosen in (right, None):
        attempt = Attempt.start(class_trainee, quiz, assignment if chosen else None)
        attempt.record(
            question, {"choices": [chosen.pk if chosen else question.choices.exclude(pk=right.pk)[0].pk]}
        )
        attempt.finish()
    client.force_login(educator)
    url = reverse("classes:results", args=[klass.pk, quiz.slug])
    everything = client.get(url, {"which": "all"})
    scoped = client.get(url, {"which": "all", "assignment": assignment.pk})
    assert len(everything.context["results"].attempts) == 2
    assert [a.assignment_id for a in scoped.context["results"].attempts] == [assignment.pk]
    assert f"assignment={assignment.pk}&amp;which=all" in scoped.content.decode()


@pytest.mark.parametrize("value", ["999", "nope"])
def test_an_assignment_of_another_class_or_quiz_is_a_404(client, educator, klass, value):
    quiz = choice_question().quiz
    client.force_login(educator)
    url = reverse("classes:results", args=[klass.pk, quiz.slug])
    assert client.get(url, {"assignment": value}).status_code == 404
