"""The import and export page (/educators/content/): download as an attachment, upload, preview what the file
creates (nothing saved yet), confirm; bad files, files over the size limit and a tampered or stale Confirm are
refused on the page with 422 and nothing saved."""

import html
import json
import re
import secrets
import time
from datetime import date
from unittest import mock
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from authoring.content_export import export_owned_by
from authoring.csv_import import COLUMNS
from authoring.transfer_forms import ConfirmForm
from quizzes import starter
from quizzes.models import Case, Question, Quiz
from tests.authoring.test_content_format import a_document, authored_extras, row_counts
from tests.factories import QuizFactory, choice_question

pytestmark = pytest.mark.django_db

PAGE = reverse("authoring:content")
DOWNLOAD = reverse("authoring:content_download")
PREVIEW = reverse("authoring:content_preview")
IMPORT = reverse("authoring:content_import")
CSV_ROWS = [
    ",".join(COLUMNS),
    ",single,Which code reports the first push?,96374,96375,,,,,1,The first push is 96374.,R-C3",
]


@pytest.fixture
def signed_in(client, educator):
    client.force_login(educator)
    return client


def upload(client, content, name="content.json", rename=False):
    if not isinstance(content, bytes):
        content = json.dumps(content).encode()
    data = {"file": SimpleUploadedFile(name, content)} | ({"rename": "on"} if rename else {})
    return client.post(PREVIEW, data)


def confirm_value(response):
    """The signed hidden field of the preview's Confirm form, as the browser sends it back."""
    form = re.search(r'<form class="card confirm-bar".*?</form>', response.content.decode(), re.S).group(0)
    return html.unescape(re.search(r'name="upload" value="([^"]*)"', form).group(1))


def confirm(client, value):
    """Post the Confirm form as a browser does (url-encoded, it has no file input)."""
    body = urlencode({"upload": value})
    return client.post(IMPORT, body, content_type="application/x-www-form-urlencoded")


def problems_on(response):
    return [(problem["loc"], problem["msg"]) for problem in response.context["problems"]]


def test_the_page_offers_the_download_the_upload_and_documents_the_csv_header(signed_in):
    response = signed_in.get(PAGE)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'action="{DOWNLOAD}"' in content and f'action="{PREVIEW}"' in content
    assert 'enctype="multipart/form-data"' in content
    assert ",".join(COLUMNS) in content
    assert "At most 2.0\xa0MB." in content


def test_an_educator_who_owns_nothing_yet_is_told_so_and_offered_the_starter_bank(signed_in):
    form = signed_in.get(PAGE).context["download_form"]
    assert dict(form.fields["what"].choices)["mine"] == (
        "Everything you own: nothing yet (make or duplicate a case, question or quiz first)"
    )
    assert form["what"].value() == "starter"


def test_the_download_says_how_much_the_educator_owns_and_offers_it_first(signed_in, educator):
    authored_extras(owner=educator)
    form = signed_in.get(PAGE).context["download_form"]
    assert dict(form.fields["what"].choices)["mine"] == "Everything you own: 2 cases, 1 quiz, 1 bank question"
    assert form["what"].value() == "mine"


def test_the_educators_area_links_to_the_page(signed_in):
    assert f'href="{PAGE}"' in signed_in.get(reverse("authoring:home")).content.decode()


def test_the_download_chooser_does_not_query_per_quiz(signed_in, educator, django_assert_num_queries):
    QuizFactory(created_by=educator)
    with CaptureQueriesContext(connection) as one:
        signed_in.get(PAGE)
    QuizFactory.create_batch(5, created_by=educator)
    with django_assert_num_queries(len(one.captured_queries)):
        signed_in.get(PAGE)


def test_the_download_is_an_attachment_of_the_educators_own_content(signed_in, educator, other_educator):
    starter.load()
    authored_extras(owner=educator)
    QuizFactory(slug="olives-quiz", created_by=other_educator)
    response = signed_in.get(DOWNLOAD, {"what": "mine"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="infusion-coding-lab-mine-{date.today():%Y-%m-%d}.json"'
    )
    assert json.loads(response.content) == export_owned_by(educator)
    assert [quiz["slug"] for quiz in json.loads(response.content)["quizzes"]] == ["drawn-exam"]


def test_the_download_of_chosen_quizzes_carries_those_quizzes(signed_in, educator):
    starter.load()
    authored_extras(owner=educator)
    response = signed_in.get(DOWNLOAD, {"what": "quizzes", "quizzes": ["drawn-exam", "time-and-units"]})
    document = json.loads(response.content)
    assert [quiz["slug"] for quiz in document["quizzes"]] == ["time-and-units", "drawn-exam"]
    assert "overridden" in {case["slug"] for case in document["cases"]}


def test_the_download_of_the_starter_bank_is_the_starter_bank(signed_in, educator):
    starter.load()
    authored_extras(owner=educator)
    document = json.loads(signed_in.get(DOWNLOAD, {"what": "starter"}).content)
    assert {quiz["slug"] for quiz in document["quizzes"]} == {quiz.slug for quiz in starter.QUIZZES}


def test_another_educators_quiz_cannot_be_picked_for_download(signed_in, other_educator):
    QuizFactory(slug="olives-quiz", created_by=other_educator)
    response = signed_in.get(DOWNLOAD, {"what": "quizzes", "quizzes": ["olives-quiz"]})
    assert response.status_code == 422
    assert 'value="olives-quiz"' not in response.content.decode()
    assert response.context["download_form"].errors == {
        "quizzes": ["Select a valid choice. olives-quiz is not one of the available choices."]
    }


def test_choosing_quizzes_without_ticking_one_shows_the_page_again_with_the_error(signed_in):
    response = signed_in.get(DOWNLOAD, {"what": "quizzes"})
    assert response.status_code == 422
    assert "Tick at least one quiz, or choose another download." in response.content.decode()


def test_an_upload_shows_what_it_will_create_and_saves_nothing(signed_in):
    response = upload(signed_in, a_document())
    content = response.content.decode()
    assert response.status_code == 200
    assert [row.slug for row in response.context["result"].cases] == ["push-then-drip"]
    assert [row.slug for row in response.context["result"].quizzes] == ["small"]
    assert [(row.slug, row.where) for row in response.context["result"].questions] == [
        ("code-it", "Small quiz"),
        ("pick-one", "Small quiz"),
    ]
    assert "1 case, 1 quiz, 2 questions." in " ".join(content.split())
    assert "Push then drip" in content and "Which code reports the first push?" in content
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_an_empty_document_previews_as_nothing_to_import_with_no_import_button(signed_in):
    response = upload(signed_in, a_document(cases=[], quizzes=[]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Nothing to import" in content and f'action="{IMPORT}"' not in content


def test_confirming_the_preview_imports_it_for_the_educator(signed_in, educator):
    value = confirm_value(upload(signed_in, a_document()))
    response = confirm(signed_in, value)
    assert response.status_code == 302 and response["Location"] == PAGE
    quiz = Quiz.objects.get(slug="small")
    assert [question.slug for question in quiz.items()] == ["code-it", "pick-one"]
    assert {row.created_by for row in [quiz, *Case.objects.all(), *Question.objects.all()]} == {educator}
    page = signed_in.get(PAGE).content.decode()
    assert "Imported 1 case, 1 quiz and 2 questions; they are yours to edit." in page


def test_the_confirm_needs_nothing_kept_on_the_server_between_preview_and_import(client, signed_in, educator):
    """Any worker can take the Confirm: the preview kept nothing in the session or in memory, the file comes back
    in the form."""
    value = confirm_value(upload(signed_in, a_document()))
    session_key = signed_in.session.session_key
    signed_in.logout()
    assert session_key not in {None, ""}
    client.force_login(educator)  # a new session
    assert confirm(client, value).status_code == 302
    assert Quiz.objects.filter(slug="small").exists()


def test_a_published_quiz_is_linked_in_the_imported_message(signed_in):
    document = a_document()
    document["quizzes"][0]["published"] = True
    signed_in.post(IMPORT, {"upload": confirm_value(upload(signed_in, document))})
    page = signed_in.get(PAGE).content.decode()
    assert (
        f'Published now: <a href="{Quiz.objects.get(slug="small").get_absolute_url()}">Small quiz</a>.'
        in page
    )


def test_a_csv_upload_previews_its_questions_in_the_bank_and_imports_them(signed_in, educator):
    raw = ("\n".join(CSV_ROWS) + "\n").encode()
    response = upload(signed_in, raw, name="questions.csv")
    assert response.status_code == 200
    assert "Your bank" in response.content.decode()
    confirm(signed_in, confirm_value(response))
    assert Question.objects.get(quiz=None).created_by == educator


def test_a_bad_file_lists_every_problem_on_the_page_with_where_it_is_and_saves_nothing(signed_in):
    starter.load()
    document = a_document()
    document["cases"][0]["encounter"]["administrations"][1]["stop"] = "25:00"
    document["quizzes"][0]["questions"][1]["choices"][1]["is_correct"] = True
    before = row_counts()
    response = upload(signed_in, document)
    content = response.content.decode()
    assert response.status_code == 422
    assert problems_on(response) == [
        (
            "cases.0.encounter.administrations.1.stop",
            "'25:00' is not a time of day; use HH:MM from 00:00 to 23:59",
        ),
        ("quizzes.0.questions.1.choices", "a single-choice question has exactly one correct choice, not 2"),
    ]
    assert "content.json was not imported" in content
    assert "Case 1 (push-then-drip), encounter, Administration 2 (a2), stop" in content
    assert "Fix these 2 problems" in content
    assert row_counts() == before


def test_a_bad_csv_row_is_named_on_the_page_by_its_row_and_column(signed_in):
    raw = ("\n".join([*CSV_ROWS, ",single,Stem?,a,b,,,,,7,Why.,R-C3"]) + "\n").encode()
    response = upload(signed_in, raw, name="questions.csv")
    assert response.status_code == 422
    assert problems_on(response) == [("rows.3.correct", "choice 7 is empty or does not exist")]
    assert "Row 3, correct" in response.content.decode()
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_slugs_taken_on_the_site_are_shown_as_conflicts_or_renamed_when_asked(signed_in):
    confirm(signed_in, confirm_value(upload(signed_in, a_document())))
    refused = upload(signed_in, a_document())
    assert refused.status_code == 422
    assert [loc for loc, _ in problems_on(refused)] == [
        "cases.0.slug",
        "quizzes.0.slug",
        "quizzes.0.questions.0.slug",
        "quizzes.0.questions.1.slug",
    ]
    broken = a_document()
    broken["cases"][0]["encounter"]["administrations"] = []
    ticked = upload(signed_in, broken, rename=True)
    assert ticked.status_code == 422  # refused for another reason, the tick box stays ticked
    assert ticked.context["upload_form"]["rename"].value() is True
    renamed = upload(signed_in, a_document(), rename=True)
    content = renamed.content.decode()
    assert renamed.status_code == 200
    assert "Renamed slugs" in content and "<code>push-then-drip-2</code>" in content
    confirm(signed_in, confirm_value(renamed))
    assert Question.objects.get(slug="code-it-2").case.slug == "push-then-drip-2"


def test_an_upload_over_the_size_limit_is_refused_on_the_page_and_nothing_is_saved(signed_in):
    document = json.dumps(a_document()).encode()
    padded = document[:-1] + b" " * (settings.CONTENT_UPLOAD_MAX_BYTES - len(document) + 1) + b"}"
    assert len(padded) == settings.CONTENT_UPLOAD_MAX_BYTES + 1
    response = upload(signed_in, padded)
    assert response.status_code == 422
    assert "This file is 2.0\xa0MB; the limit is 2.0\xa0MB." in response.content.decode()
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_a_file_at_the_limit_that_does_not_compress_still_comes_back_through_the_confirm(signed_in):
    """Random words barely compress, and base64 adds a third: the Confirm's field is then bigger than the file,
    and Django's limit on form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) must let it through."""
    document = a_document()
    room = settings.CONTENT_UPLOAD_MAX_BYTES - len(json.dumps(document).encode()) - 1
    words = " ".join(secrets.token_urlsafe(48) for _ in range(room // 64 + 1))
    document["cases"][0]["narrative"] += " " + words[:room]
    raw = json.dumps(document).encode()
    assert len(raw) == settings.CONTENT_UPLOAD_MAX_BYTES
    value = confirm_value(upload(signed_in, raw))
    assert len(value) > settings.CONTENT_UPLOAD_MAX_BYTES
    assert confirm(signed_in, value).status_code == 302
    assert Case.objects.get().narrative == document["cases"][0]["narrative"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda value: value[:-1] + ("A" if value[-1] != "A" else "B"), "did not come back intact"),
        (lambda value: value.replace('"content.json"', '"content.csv"'), "did not come back intact"),
        (lambda value: "", "did not come back; upload it again"),
    ],
)
def test_a_changed_or_missing_confirm_is_refused_and_saves_nothing(signed_in, change, message):
    value = confirm_value(upload(signed_in, a_document()))
    response = confirm(signed_in, change(value))
    assert response.status_code == 422
    assert message in problems_on(response)[0][1]
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_a_confirm_signed_for_another_educator_is_refused(client, signed_in, other_educator):
    value = confirm_value(upload(signed_in, a_document()))
    client.force_login(other_educator)
    assert confirm(client, value).status_code == 422
    assert not Quiz.objects.exists()


def test_a_preview_older_than_two_hours_must_be_uploaded_again(signed_in):
    value = confirm_value(upload(signed_in, a_document()))
    later = ConfirmForm.MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=time.time() + later):
        response = confirm(signed_in, value)
    assert response.status_code == 422
    assert problems_on(response) == [
        ("(file)", "The preview is more than two hours old; upload the file again.")
    ]
    assert not Quiz.objects.exists()


def test_a_file_the_confirm_carries_is_checked_again_when_imported(signed_in, educator):
    value = confirm_value(upload(signed_in, a_document()))
    choice_question(quiz=None, slug="pick-one", created_by=educator)  # taken meanwhile
    response = confirm(signed_in, value)
    assert response.status_code == 422
    assert [loc for loc, _ in problems_on(response)] == ["quizzes.0.questions.1.slug"]
    assert not Quiz.objects.exists()
