"""export_content and import_content: files and standard output, chosen quizzes, dry runs, bad files refused whole
with exit status 2 and the error body on standard error, and a byte-equal round trip of the starter content."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from authoring.content_export import export_everything, export_quizzes
from quizzes import starter
from quizzes.models import Question, Quiz
from tests.authoring.test_content_format import a_document, empty_the_database, row_counts

pytestmark = pytest.mark.django_db


def run(*args):
    """The command's exit status (0 when it returns), standard output and standard error."""
    out, err = StringIO(), StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except SystemExit as exit_info:
        return exit_info.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def written(tmp_path, document, name="in.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_export_writes_the_whole_site_to_a_file_and_says_what_it_wrote(tmp_path):
    starter.load()
    path = tmp_path / "out.json"
    status, out, err = run("export_content", str(path))
    assert (status, out) == (0, "")
    assert json.loads(path.read_text(encoding="utf-8")) == export_everything()
    assert err.startswith(f"Wrote {path}: cases {len(starter.CASES)}, quizzes {len(starter.QUIZZES)}")


def test_export_to_a_dash_writes_the_document_on_standard_output():
    starter.load()
    status, out, err = run("export_content", "-")
    assert (status, err) == (0, "")
    assert json.loads(out) == export_everything()


def test_export_of_chosen_quizzes_carries_them_and_their_cases_only():
    starter.load()
    status, out, _ = run(
        "export_content",
        "-",
        "--quiz",
        "time-and-units",
        "--quiz",
        "reader-question-sequential-or-concurrent",
    )
    assert status == 0
    chosen = Quiz.objects.filter(slug__in=["time-and-units", "reader-question-sequential-or-concurrent"])
    assert json.loads(out) == export_quizzes(chosen)
    assert {quiz["slug"] for quiz in json.loads(out)["quizzes"]} == {
        "time-and-units",
        "reader-question-sequential-or-concurrent",
    }


def test_export_of_an_unknown_quiz_exits_2_naming_it_and_writes_nothing(tmp_path):
    starter.load()
    path = tmp_path / "out.json"
    status, out, err = run("export_content", str(path), "--quiz", "time-and-units", "--quiz", "no-such-quiz")
    assert (status, out) == (2, "")
    assert json.loads(err) == {"errors": [{"loc": "--quiz", "msg": "no quiz “no-such-quiz”"}]}
    assert not path.exists()


def test_import_creates_the_documents_content_and_lists_it(tmp_path):
    status, out, err = run("import_content", written(tmp_path, a_document()))
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "Created: cases 1, quizzes 1, questions 2.",
        "  case     push-then-drip",
        "  quiz     small",
        "  question code-it",
        "  question pick-one",
    ]
    assert [question.slug for question in Quiz.objects.get(slug="small").items()] == ["code-it", "pick-one"]


def test_a_dry_run_says_what_it_would_create_and_saves_nothing(tmp_path):
    before = row_counts()
    status, out, _ = run("import_content", written(tmp_path, a_document()), "--dry-run")
    assert status == 0
    assert out.splitlines()[0] == "Would create: cases 1, quizzes 1, questions 2."
    assert out.splitlines()[-1] == "Dry run: nothing was saved."
    assert row_counts() == before


def test_a_bad_file_exits_2_with_every_problem_on_standard_error_and_saves_nothing(tmp_path):
    starter.load()
    document = a_document()
    document["cases"][0]["encounter"]["administrations"][1]["stop"] = "25:00"
    document["quizzes"][0]["questions"][0]["case"] = "no-such-case"
    document["quizzes"][0]["questions"][1]["choices"][1]["is_correct"] = True
    document["questions"] = [{"slug": "bank", "kind": "essay", "prompt": "Why?", "explanation": "Because."}]
    before = row_counts()
    status, out, err = run("import_content", written(tmp_path, document))
    assert (status, out) == (2, "")
    assert json.loads(err) == {
        "errors": [
            {
                "loc": "cases.0.encounter.administrations.1.stop",
                "msg": "'25:00' is not a time of day; use HH:MM from 00:00 to 23:59",
            },
            {
                "loc": "quizzes.0.questions.0.case",
                "msg": "no case “no-such-case” in this file or on this site",
            },
            {
                "loc": "quizzes.0.questions.1.choices",
                "msg": "a single-choice question has exactly one correct choice, not 2",
            },
            {
                "loc": "questions.0.kind",
                "msg": "'single', 'multiple', 'true_false', 'code_case' or 'build_timeline' are the allowed values",
            },
        ]
    }
    assert row_counts() == before


@pytest.mark.parametrize(
    ("content", "loc"),
    [
        (b"{not json", "(root)"),
        (b'{"format": "infusion-coding-lab/content", "version": 2}', "version"),
        (b"[]", "(root)"),
    ],
)
def test_a_file_that_is_not_a_content_document_exits_2_at_its_root(tmp_path, content, loc):
    path = tmp_path / "in.json"
    path.write_bytes(content)
    status, _, err = run("import_content", str(path))
    assert status == 2
    assert [error["loc"] for error in json.loads(err)["errors"]] == [loc]


def test_a_missing_file_exits_2_naming_it(tmp_path):
    status, _, err = run("import_content", str(tmp_path / "missing.json"))
    assert status == 2
    assert json.loads(err)["errors"][0]["loc"] == "(file)"


def test_csv_questions_import_for_the_owner_named(tmp_path, educator):
    path = tmp_path / "questions.csv"
    path.write_text(
        "quiz,kind,stem,choice_1,choice_2,choice_3,choice_4,choice_5,choice_6,correct,explanation,rule_tags\n"
        ",single,Which code reports the first push?,96374,96375,,,,,1,The first push is 96374.,R-C3\n",
        encoding="utf-8",
    )
    status, _, err = run("import_content", str(path))
    assert status == 2
    assert json.loads(err)["errors"][0]["msg"].startswith("CSV questions need an owner")
    status, out, _ = run("import_content", str(path), "--owner", educator.username)
    assert status == 0 and out.startswith("Created: cases 0, quizzes 0, questions 1.")
    assert Question.objects.get().created_by == educator


def test_the_starter_content_exports_imports_into_an_empty_database_and_exports_byte_for_byte_the_same(
    tmp_path,
):
    """Byte-equal, not only equal JSON: the export orders everything by slug and position and writes it with
    fixed indentation, so two exports of the same content are the same bytes."""
    starter.load()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("export_content", str(first))[0] == 0
    empty_the_database()
    assert row_counts() == dict.fromkeys(row_counts(), 0)
    assert run("import_content", str(first))[0] == 0
    assert run("export_content", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
