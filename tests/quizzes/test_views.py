import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from coding import session
from config.roles import EDUCATORS_GROUP
from quizzes import generator, starter
from quizzes.forms import ChoiceAnswerForm, choice_token
from quizzes.models import Attempt, Case, PracticeCase, Question, Quiz, Response
from tests.factories import (
    PUSH_THEN_INFUSION,
    AttemptFactory,
    CaseFactory,
    QuizFactory,
    UserFactory,
    case_question,
    choice_question,
    finished_attempt,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainee(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def educator(client):
    user = UserFactory(username="edna")
    user.groups.add(Group.objects.get_or_create(name=EDUCATORS_GROUP)[0])
    client.force_login(user)
    return user


def answer_url(attempt):
    return reverse("quizzes:answer", args=[attempt.pk])


def coded(*codes, **extra):
    data = {}
    for row, code in enumerate(codes):
        code, _, units = code.partition("x")
        data[f"code_{row}"] = code
        data[f"units_{row}"] = units or "1"
    return {**data, **extra}


def test_the_quiz_list_shows_published_quizzes_to_anyone_with_a_call_to_sign_in(
    client, django_assert_num_queries
):
    for _ in range(3):
        choice_question(quiz=QuizFactory())
    with django_assert_num_queries(1):  # the quizzes with their question counts
        page = client.get(reverse("quizzes:index"))
    assert page.status_code == 200
    assert page.content.count(b'class="card quiz-card"') == 3
    assert b"Sign in" in page.content


def test_the_quiz_list_queries_do_not_grow_with_attempts(client, trainee, django_assert_max_num_queries):
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    for _ in range(4):
        AttemptFactory(user=trainee, quiz=quiz, finished_at=timezone.now(), score=0.5)
    AttemptFactory(user=trainee, quiz=quiz)
    with django_assert_max_num_queries(6):
        page = client.get(reverse("quizzes:index"))
    assert b"In progress" in page.content


def test_starting_a_quiz_needs_a_sign_in(client):
    quiz = QuizFactory()
    page = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert page.status_code == 302 and "/accounts/login/" in page["Location"]
    assert not Attempt.objects.exists()


def test_starting_twice_resumes_the_open_attempt(client, trainee):
    quiz = QuizFactory()
    choice_question(quiz=quiz)
    first = client.post(reverse("quizzes:start", args=[quiz.slug]))
    second = client.post(reverse("quizzes:start", args=[quiz.slug]))
    assert first["Location"] == second["Location"]
    assert Attempt.objects.count() == 1


def test_another_users_attempt_is_a_404(client, trainee):
    theirs = AttemptFactory()
    for name in ("quizzes:attempt", "quizzes:results"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert client.post(answer_url(theirs), {"question": 1}).status_code == 404
    assert client.post(reverse("quizzes:finish", args=[theirs.pk])).status_code == 404


def test_the_question_page_never_shows_which_choice_is_right(client, trainee):
    question = choice_question(correct="Report 96368 once per date", wrong=("Once per drug", "Never"))
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert "Report 96368 once per date" in page  # the choice is offered …
    for marker in ("is_correct", "is-key", "correct", "Correct answer", question.explanation):
        assert marker not in page  # … but nothing says it is the right one


def test_the_question_page_of_a_case_never_shows_its_key(client, trainee):
    case = CaseFactory()
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.get(attempt.get_absolute_url()).content.decode()
    assert case.narrative in page
    assert case.answer_key, "the engine should have coded the factory case"
    for line in case.answer_key:
        assert line["code"] not in page
        assert line["why"] not in page


def test_every_starter_question_page_hides_its_key(client, trainee):
    starter.load()
    for quiz in Quiz.objects.all():
        attempt = Attempt.start(trainee, quiz)
        for question in quiz.questions.filter(kind=Question.Kind.CODE_CASE):
            page = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
            for line in question.case.answer_key:
                assert f">{line['code']}<" not in page and line["why"] not in page
            Response.objects.create(attempt=attempt, question=question, answer={}, score=0)


def test_a_practice_answer_shows_feedback_with_the_rule(client, trainee):
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    right = question.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt),
        {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)},
        follow=True,
    )
    content = page.content.decode()
    assert "Right" in content and question.explanation in content
    assert reverse("coding:rule", args=["R-E4"]) in content
    assert attempt.responses.get().score == 1.0


def test_a_double_submit_records_one_response(client, trainee):
    question = choice_question()
    choice_question(quiz=question.quiz)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    wrong = question.choices.filter(is_correct=False).first()
    right = question.choices.get(is_correct=True)
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, wrong.pk)})
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)})
    assert attempt.responses.count() == 1
    assert attempt.responses.get().score == 0.0  # the first answer stands


def test_an_invalid_coded_answer_names_the_field_and_records_nothing(client, trainee):
    question = case_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(answer_url(attempt), coded("9636", question=question.pk))
    assert page.status_code == 422
    assert "is not a code" in page.content.decode()
    assert not attempt.responses.exists()
    empty = client.post(answer_url(attempt), {"question": question.pk})
    assert "Enter at least one code" in empty.content.decode()


def test_a_coded_answer_is_graded_by_line_and_names_the_misconception(client, trainee):
    case = CaseFactory(
        encounter={
            "setting": "facility",
            "administrations": [
                {
                    "id": "a1",
                    "substance": "Cefazolin",
                    "category": "therapeutic",
                    "route": "iv_infusion",
                    "start": "09:00",
                    "stop": "10:15",
                },
            ],
        }
    )
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client.post(answer_url(attempt), coded("96365", "96366", question=question.pk))
    response = attempt.responses.get()
    assert response.score == 0.5
    assert [m["slug"] for m in response.result["misconceptions"]] == ["additional-hour-too-soon"]
    page = client.get(f"{attempt.get_absolute_url()}?answered={question.pk}").content.decode()
    assert "An additional hour reported before it is earned" in page and "starts at 91" in page


def test_a_build_this_timeline_question_grades_the_builder_timeline(client, trainee):
    case = CaseFactory()
    question = case_question(case=case, kind=Question.Kind.BUILD_TIMELINE)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    empty = client.post(answer_url(attempt), {"question": question.pk})
    assert empty.status_code == 422 and "builder timeline is empty" in empty.content.decode()
    client_session = client.session
    client_session[session.SESSION_KEY] = case.encounter
    client_session.save()
    client.post(answer_url(attempt), {"question": question.pk})
    response = attempt.responses.get()
    assert response.score == 1.0
    assert response.answer["encounter"] == case.encounter


def test_an_exam_gives_no_feedback_until_the_end(client, trainee):
    quiz = QuizFactory(mode=Quiz.Mode.EXAM)
    first, second = choice_question(quiz=quiz, position=1), choice_question(quiz=quiz, position=2)
    attempt = Attempt.start(trainee, quiz)
    right = first.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt),
        {"question": first.pk, "choices": choice_token(attempt.pk, right.pk)},
        follow=True,
    )
    assert first.explanation not in page.content.decode()
    assert f'value="{second.pk}"' in page.content.decode()
    wrong = second.choices.filter(is_correct=False).first()
    done = client.post(
        answer_url(attempt), {"question": second.pk, "choices": choice_token(attempt.pk, wrong.pk)}
    )
    assert done["Location"] == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.is_finished and attempt.score == 0.5


def test_a_late_exam_answer_is_rejected_and_the_attempt_closed(client, trainee):
    quiz = QuizFactory(mode=Quiz.Mode.EXAM, time_limit_minutes=10)
    question = choice_question(quiz=quiz)
    attempt = Attempt.start(trainee, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=timezone.now() - timedelta(minutes=11), deadline=timezone.now() - timedelta(minutes=1)
    )
    right = question.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)}
    )
    assert page["Location"] == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert not attempt.responses.exists()
    assert attempt.is_finished and attempt.timed_out and attempt.score == 0.0


def test_an_htmx_answer_returns_only_the_question_fragment(client, trainee):
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    right = question.choices.get(is_correct=True)
    page = client.post(
        answer_url(attempt),
        {"question": question.pk, "choices": choice_token(attempt.pk, right.pk)},
        headers={"HX-Request": "true"},
    )
    content = page.content.decode()
    assert content.lstrip().startswith('<section id="question"')
    assert "<html" not in content


def test_results_break_the_score_down_by_rule(client, trainee):
    quiz = QuizFactory()
    question = choice_question(quiz=quiz, rule_tags=["R-E4"])
    attempt = AttemptFactory(user=trainee, quiz=quiz)
    client.post(
        answer_url(attempt),
        {
            "question": question.pk,
            "choices": choice_token(attempt.pk, question.choices.get(is_correct=True).pk),
        },
    )
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    page = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "100%" in page and "R-E4" in page and "Retake" in page


def test_a_random_case_is_graded_once_and_feeds_progress(client, trainee):
    url = reverse("quizzes:practice_case", args=["R-D", 7])
    page = client.get(url)
    assert page.status_code == 200
    client.post(url, coded("96365"))
    client.post(url, coded("96365"))
    assert PracticeCase.objects.filter(user=trainee).count() == 1
    progress = client.get(reverse("quizzes:progress")).content.decode()
    assert "<svg" in progress and "Accuracy per rule" in progress and "Practise my weakest rule" in progress


def test_progress_without_answers_says_what_to_do(client, trainee):
    page = client.get(reverse("quizzes:progress")).content.decode()
    assert "Nothing to chart yet" in page


def test_an_unknown_rule_family_is_a_404(client, trainee):
    assert client.get(reverse("quizzes:practice_case", args=["R-Z", 1])).status_code == 404
    assert client.get(reverse("quizzes:random_case", args=["R-Z"])).status_code == 404


def test_the_educators_page_is_for_educators(client, trainee):
    assert client.get(reverse("quizzes:educators")).status_code == 403


def test_educators_see_keys_and_create_cases_with_field_errors(client, educator):
    starter.load()
    page = client.get(reverse("quizzes:educators")).content.decode()
    assert "96368" in page and "R-E4" in page
    bad = client.post(
        reverse("quizzes:educators"),
        {
            "title": "New",
            "slug": "new",
            "narrative": "x",
            "encounter": '{"setting": "facility", "administrations": []}',
        },
    )
    assert bad.status_code == 422 and "administrations" in bad.content.decode()
    assert not Case.objects.filter(slug="new").exists()
    encounter = '{"setting": "facility", "administrations": [{"id": "a1", "substance": "Ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:00"}]}'
    client.post(
        reverse("quizzes:educators"),
        {"title": "New", "slug": "new", "narrative": "x", "encounter": encounter, "rule_tags": "r-b1"},
    )
    case = Case.objects.get(slug="new")
    assert [line["code"] for line in case.answer_key] == ["96374"] and case.rule_tags == ["R-B1"]


def test_an_override_needs_a_note(client, educator):
    case = CaseFactory()
    url = reverse("quizzes:override", args=[case.slug])
    prefix = f"case-{case.pk}"
    page = client.post(url, {f"{prefix}-lines": "96365\n96375"})
    assert page.status_code == 422 and "A note is required" in page.content.decode()
    client.post(
        url,
        {
            f"{prefix}-lines": "96365\n96361 x2\n96374 59",
            f"{prefix}-note": "Our payer's reading.",
            f"{prefix}-differs_confirmed": "on",
        },
    )
    case.refresh_from_db()
    assert case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96361", "units": 2, "modifiers": []},
        {"code": "96374", "units": 1, "modifiers": ["59"]},
    ]


def test_an_invalid_htmx_answer_is_swapped_in_with_its_errors(client, trainee):
    question = case_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(
        answer_url(attempt), coded("abc", question=question.pk), headers={"HX-Request": "true"}
    )
    assert page.status_code == 200  # htmx swaps only 2xx responses
    assert "is not a code" in page.content.decode()


def test_a_bad_encounter_is_reported_once_per_problem(client, educator):
    encounter = '{"setting": "facility", "typo": 1, "administrations": []}'
    page = client.post(
        reverse("quizzes:educators"), {"title": "T", "slug": "t", "narrative": "n", "encounter": encounter}
    )
    content = page.content.decode()
    assert "typo: unknown field" in content
    assert "must be a JSON object" not in content


def test_the_admin_lists_every_quizzes_model(admin_client):
    starter.load()
    for model in ("case", "quiz", "question", "attempt", "practicecase"):
        assert admin_client.get(f"/admin/quizzes/{model}/").status_code == 200
    case = Case.objects.first()
    assert admin_client.get(f"/admin/quizzes/case/{case.pk}/change/").status_code == 200


def test_ids_that_are_not_numbers_are_404s_not_errors(client, trainee):
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    assert client.post(answer_url(attempt), {"question": "abc"}).status_code == 404
    assert client.get(f"{attempt.get_absolute_url()}?answered=abc").status_code == 200


def test_list_pages_do_not_query_per_row(client, educator, django_assert_max_num_queries):
    starter.load()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("quizzes:educators")).status_code == 200
    attempt = finished_attempt(educator, Quiz.objects.get(slug=starter.TIME_QUIZ.slug))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("quizzes:results", args=[attempt.pk])).status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get(reverse("quizzes:progress")).status_code == 200


def test_starter_choice_values_say_nothing_about_the_key(trainee):
    starter.load()
    quizzes = Quiz.objects.all()
    ours, theirs = (
        {quiz.pk: Attempt.objects.create(user=user, quiz=quiz, mode=quiz.mode) for quiz in quizzes}
        for user in (trainee, UserFactory())
    )
    smallest_is_key = 0
    questions = Question.objects.filter(kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE])
    for question in questions:
        ids = {str(pk) for pk in question.choices.values_list("pk", flat=True)}
        values = [
            value
            for value, _ in ChoiceAnswerForm(question, attempt_key=ours[question.quiz_id].pk)
            .fields["choices"]
            .choices
        ]
        others = [
            value
            for value, _ in ChoiceAnswerForm(question, attempt_key=theirs[question.quiz_id].pk)
            .fields["choices"]
            .choices
        ]
        assert not ids & set(values), question.slug
        assert not set(values) & set(others), question.slug
        key = {
            choice_token(ours[question.quiz_id].pk, pk)
            for pk in question.choices.filter(is_correct=True).values_list("pk", flat=True)
        }
        smallest_is_key += min(values) in key
    assert smallest_is_key < questions.count() / 2


def test_unicode_digits_are_not_ids(client, trainee):
    question = choice_question()
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    assert client.post(answer_url(attempt), {"question": "²"}).status_code == 404
    assert client.get(f"{attempt.get_absolute_url()}?answered=²").status_code == 200
    assert client.get(f"{attempt.get_absolute_url()}?answered=٣").status_code == 200


@pytest.mark.parametrize("overridden", [False, True])
def test_the_feedback_picture_draws_the_key_that_was_graded(client, trainee, overridden):
    case = CaseFactory()  # the engine: 96365 for the infusion, +96375 for the push
    if overridden:
        case.override_lines = [{"code": "96365", "units": 1, "modifiers": []}]
        case.override_note = "Our payer bundles the push."
        case.save()
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    page = client.post(
        answer_url(attempt), coded("96365", question=question.pk), follow=True
    ).content.decode()
    assert ("96375" in page) is not overridden
    assert ("your educator's key, below, replaces the engine's" in page) is overridden


@pytest.mark.parametrize(
    ("lines", "problem"),
    [("96365 x0", "units 1 or more"), ("96365 X00", "units 1 or more"), ("99999", "99999 is not")],
)
def test_an_override_with_no_units_or_an_unknown_code_is_refused(client, educator, lines, problem):
    case = CaseFactory()
    prefix = f"case-{case.pk}"
    page = client.post(
        reverse("quizzes:override", args=[case.slug]), {f"{prefix}-lines": lines, f"{prefix}-note": "Why."}
    )
    assert page.status_code == 422 and problem in page.content.decode()
    case.refresh_from_db()
    assert case.override_lines is None


def test_an_override_on_a_case_that_fails_its_checks_is_a_form_error_not_a_500(client, educator):
    case = CaseFactory()
    # Saved before the engine tightened its input checks: the stored encounter no longer validates.
    Case.objects.filter(pk=case.pk).update(encounter={**case.encounter, "typo": 1})
    prefix = f"case-{case.pk}"
    page = client.post(
        reverse("quizzes:override", args=[case.slug]),
        {f"{prefix}-lines": "96365", f"{prefix}-note": "Why.", f"{prefix}-differs_confirmed": "on"},
    )
    assert page.status_code == 422 and "typo" in page.content.decode()
    case.refresh_from_db()
    assert case.override_lines is None


def test_a_new_case_with_an_unknown_rule_tag_is_refused(client, educator):
    encounter = '{"setting": "facility", "administrations": [{"id": "a1", "substance": "Ondansetron", "category": "therapeutic", "route": "iv_push", "start": "09:00"}]}'
    page = client.post(
        reverse("quizzes:educators"),
        {"title": "New", "slug": "new", "narrative": "x", "encounter": encounter, "rule_tags": "R-E4, R/1"},
    )
    assert page.status_code == 422 and "“R/1” is not a rule id" in page.content.decode()
    assert not Case.objects.filter(slug="new").exists()


def test_the_practice_index_has_one_primary_action_and_a_secondary_one_per_family(client, trainee):
    page = client.get(reverse("quizzes:practice")).content.decode()
    assert page.count("btn btn-primary") == 1
    assert page.count('class="btn" href="/quizzes/practice/R-') == len(generator.FAMILIES)


def test_the_rules_a_quiz_covers_include_its_keys_rules_and_bound_its_by_rule_panel(client, trainee):
    question = case_question(rule_tags=["R-E4"])  # the key cites other rules (the initial infusion, the push)
    key_rules = {line["rule"] for line in question.case.answer_key}
    attempt = finished_attempt(trainee, question.quiz)
    quiz_page = client.get(question.quiz.get_absolute_url()).content.decode()
    covered = set(re.findall(r'<span class="mono">(R-[A-Z]\d+)</span>', quiz_page))
    results = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    by_rule = set(re.findall(r'class="mono rule-id" href="[^"]*">(R-[A-Z]\d+)</a>', results))
    assert covered == {"R-E4"} | key_rules
    assert by_rule and by_rule <= covered


def results_after_answering(client, trainee, case, *codes):
    question = case_question(case=case)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client.post(answer_url(attempt), coded(*codes, question=question.pk))
    client.post(reverse("quizzes:finish", args=[attempt.pk]))
    return lambda: client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()


def test_results_graded_before_an_override_say_the_key_has_changed_and_never_claim_the_new_key(
    client, trainee
):
    case = CaseFactory()  # the engine: 96365 and +96375
    results = results_after_answering(client, trainee, case, "96365", "96375")
    case.override_lines = [{"code": "96365", "units": 1, "modifiers": []}]
    case.override_note = "Our payer bundles the push."
    case.save()
    page = results()
    assert "Graded against your educator's key" not in page and "Your educator set this key" not in page
    assert "This case's key has changed since you answered" in page
    assert "Your educator now grades it with" in page and "Our payer bundles the push." in page
    assert "100%" in page  # the score stays the one earned against the key it was graded with
    # The engine's rules still score "By rule" under an override.
    assert 'href="/rules/R-C3/">R-C3</a>' in page


def test_results_graded_against_an_override_keep_its_note_after_it_is_cleared(client, trainee):
    case = CaseFactory(
        override_lines=[{"code": "96365", "units": 1, "modifiers": []}], override_note="Our payer bundles it."
    )
    results = results_after_answering(client, trainee, case, "96365")
    assert "Graded against your educator's key:</strong> Our payer bundles it." in results()
    assert "has changed since you answered" not in results()
    case.override_lines, case.override_note = None, ""
    case.save()
    page = results()
    assert "Graded against your educator's key:</strong> Our payer bundles it." in page
    assert "It is now graded with the engine's key again" in page


def test_an_answer_stored_before_answers_kept_their_key_still_notices_a_changed_key(client, trainee):
    case = CaseFactory()
    results = results_after_answering(client, trainee, case, "96365", "96375")
    response = Response.objects.get(question__case=case)
    response.result = {k: v for k, v in response.result.items() if k != "key"}
    response.save()
    assert "has changed since you answered" not in results()
    case.override_lines, case.override_note = [{"code": "96365", "units": 1, "modifiers": []}], "Bundled."
    case.save()
    assert "has changed since you answered" in results()


def test_an_override_that_contradicts_the_engine_lists_the_difference_and_needs_confirming(client, educator):
    starter.load()
    case = Case.objects.get(slug="three-concurrent")  # the engine: 96365, +96368 once (R-E4)
    url, prefix = reverse("quizzes:override", args=[case.slug]), f"case-{case.pk}"
    override = {f"{prefix}-lines": "96365\n96368 x2", f"{prefix}-note": "One per drug."}
    page = client.post(url, override)
    content = page.content.decode()
    assert page.status_code == 422 and "tick the box to save it anyway" in content
    assert (
        "The override has 96368 ×2 where the engine has ×1." in content and 'href="/rules/R-E4/"' in content
    )
    case.refresh_from_db()
    assert case.override_lines is None
    client.post(url, {**override, f"{prefix}-differs_confirmed": "on"})
    case.refresh_from_db()
    assert case.answer_key == [
        {"code": "96365", "units": 1, "modifiers": []},
        {"code": "96368", "units": 2, "modifiers": []},
    ]
    assert (
        "The override has 96368 ×2 where the engine has ×1."
        in client.get(reverse("quizzes:educators")).content.decode()
    )


def test_an_override_that_agrees_with_the_engine_needs_no_confirmation(client, educator):
    case = CaseFactory()
    prefix = f"case-{case.pk}"
    lines = "\n".join(f"{line['code']} x{line['units']}" for line in case.answer_key)
    client.post(
        reverse("quizzes:override", args=[case.slug]), {f"{prefix}-lines": lines, f"{prefix}-note": "Pinned."}
    )
    case.refresh_from_db()
    assert case.override_lines and case.override_differences() == []


def build_timeline_feedback(client, trainee, timeline: dict) -> str:
    question = case_question(case=CaseFactory(), kind=Question.Kind.BUILD_TIMELINE)
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    client_session = client.session
    client_session[session.SESSION_KEY] = timeline
    client_session.save()
    return client.post(answer_url(attempt), {"question": question.pk}, follow=True).content.decode()


def test_build_this_timeline_feedback_shows_both_timelines_and_notes_other_times_behind_matching_codes(
    client, trainee
):
    # The case: ondansetron pushed at 09:00, ceftriaxone 09:10 to 09:50. Same codes, other times.
    shifted = {
        **PUSH_THEN_INFUSION,
        "administrations": [dict(a) for a in PUSH_THEN_INFUSION["administrations"]],
    }
    shifted["administrations"][0]["start"] = "08:30"
    shifted["administrations"][1].update(start="09:10", stop="10:15")
    page = build_timeline_feedback(client, trainee, shifted)
    assert "✓ Right" in page and "Your codes match, but" in page
    assert "your timeline has Ondansetron at 08:30 where the case has it at 09:00" in page
    assert (
        "your timeline has Ceftriaxone 09:10–10:15 (65 min) where the case has 09:10–09:50 (40 min)" in page
    )
    assert "Your timeline</h4>" in page and "The case's timeline</h4>" in page
    assert page.count('<figure class="timeline"') == 2


def test_build_this_timeline_feedback_of_the_case_itself_finds_no_difference_and_no_duplicate_ids(
    client, trainee
):
    page = build_timeline_feedback(client, trainee, PUSH_THEN_INFUSION)
    assert "Your timeline has the case's drugs at the case's times." in page
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_a_choice_question_about_a_case_never_claims_the_case_key_changed(client, trainee):
    question = choice_question(case=CaseFactory())
    attempt = AttemptFactory(user=trainee, quiz=question.quiz)
    wrong = question.choices.filter(is_correct=False).first()
    client.post(answer_url(attempt), {"question": question.pk, "choices": choice_token(attempt.pk, wrong.pk)})
    client.post(reverse("quizzes:finish", args=[attempt.pk]))

    page = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()

    assert "has changed since you answered" not in page
    assert "now grades it with" not in page and "engine's key again" not in page
