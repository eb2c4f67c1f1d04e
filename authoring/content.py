"""The content format, version 1: cases, quizzes and bank questions as one JSON document that embeds the
encounter format. Export writes it (authoring/content_export.py), import reads it (authoring/content_import.py).

    {"format": "infusion-coding-lab/content", "version": 1,
     "cases":     [{"slug", "title", "narrative", "encounter", "rule_tags", "override", "archived"}],
     "quizzes":   [{"slug", "title", "summary", "mode", "key_release", "due_at", "time_limit_minutes",
                    "attempt_limit", "published", "position", "questions": [QUESTION | SECTION, ...]}],
     "questions": [QUESTION, ...]}          # the bank: questions in no quiz

    QUESTION = {"slug", "kind", "prompt", "case", "rule_tags", "explanation",
                "choices": [{"text", "is_correct", "feedback"}]}       # "case": a case slug, or null
    SECTION  = {"section": {"rule", "count", "kinds"}}                 # draws `count` questions on `rule`
    override = null | {"lines": [{"code", "units", "modifiers"}], "note"}

A quiz's "questions" are in the order trainees meet them; a section entry stands for the questions it draws there.
Problems are `{"loc": "cases.0.encounter.administrations.0.stop", "msg": ...}`, locs dotted from the document's
root, list indexes counted from 0 (the CSV import's are spreadsheet rows: `rows.4.correct`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    ValidationError,
    field_validator,
)

from coding.engine.codes import CODES
from coding.engine.errors import from_validation_error
from coding.labels import describe_loc
from quizzes.models import Question, Quiz

FORMAT = "infusion-coding-lab/content"
VERSION = 1

Problem = dict[str, str]
Slug = Annotated[str, StringConstraints(pattern=r"^[-a-zA-Z0-9_]+$", min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
MODIFIER = re.compile(r"^[A-Z0-9]{2}$")


class ContentError(Exception):
    """A content document (or CSV file) that cannot be imported; `errors` lists every problem found."""

    def __init__(self, errors: list[Problem]) -> None:
        super().__init__("; ".join(f"{e['loc']}: {e['msg']}" for e in errors))
        self.errors = errors

    def as_json(self) -> dict[str, list[Problem]]:
        return {"errors": self.errors}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


D = TypeVar("D", bound=Strict)


class OverrideLineDoc(Strict):
    code: str
    units: int = Field(default=1, ge=1)
    modifiers: list[str] = []

    @field_validator("code")
    @classmethod
    def known_code(cls, code: str) -> str:
        if code.lstrip("+") not in CODES:
            raise ValueError(f"{code} is not a drug-administration code this site knows")
        return code.lstrip("+")

    @field_validator("modifiers")
    @classmethod
    def two_characters(cls, modifiers: list[str]) -> list[str]:
        if bad := [m for m in modifiers if not MODIFIER.match(m)]:
            raise ValueError(f"modifiers are two capital letters or digits, not {', '.join(bad)}")
        return modifiers


class OverrideDoc(Strict):
    lines: list[OverrideLineDoc] = Field(min_length=1)
    note: str


class CaseDoc(Strict):
    slug: Slug
    title: Text
    narrative: Text
    encounter: dict[str, Any]
    rule_tags: list[str]
    override: OverrideDoc | None
    archived: bool = False


class ChoiceDoc(Strict):
    text: Text
    is_correct: bool = False
    feedback: str = ""


class QuestionDoc(Strict):
    slug: Slug
    kind: Question.Kind
    prompt: Text
    case: Slug | None = None
    rule_tags: list[str] = []
    explanation: Text
    choices: list[ChoiceDoc] = []


class SectionRuleDoc(Strict):
    rule: str
    count: int = Field(ge=1)
    kinds: list[Question.Kind] = []


class SectionDoc(Strict):
    section: SectionRuleDoc


def _entry_kind(value: object) -> str:
    return "section" if isinstance(value, dict) and "section" in value else "question"


QuizEntry = Annotated[
    Annotated[QuestionDoc, Tag("question")] | Annotated[SectionDoc, Tag("section")],
    Discriminator(_entry_kind),
]


class QuizDoc(Strict):
    slug: Slug
    title: Text
    summary: str = ""
    mode: Quiz.Mode
    # Left out: what the mode did before the policy existed (Quiz.KeyRelease.default_for).
    key_release: Quiz.KeyRelease | None = None
    due_at: AwareDatetime | None = None
    time_limit_minutes: int | None = Field(default=None, ge=1)
    attempt_limit: int | None = Field(default=None, ge=1)
    published: bool = False
    position: int = Field(default=0, ge=0)
    questions: list[QuizEntry]


class Document(Strict):
    format: str
    version: int
    cases: list[CaseDoc] = []
    quizzes: list[QuizDoc] = []
    questions: list[QuestionDoc] = []

    @field_validator("format")
    @classmethod
    def our_format(cls, value: str) -> str:
        if value != FORMAT:
            raise ValueError(f"this site reads “{FORMAT}” documents")
        return value

    @field_validator("version")
    @classmethod
    def our_version(cls, value: int) -> int:
        if value != VERSION:
            raise ValueError(f"this site reads version {VERSION} of the content format")
        return value


class ReadDocument:
    """The parts of a document that are well formed, each with its index, and every shape problem found.

    A document with shape problems is never imported, but its well-formed cases, quizzes and questions are
    still checked for the problems of meaning (rules, cases, slugs), so one reading lists everything."""

    def __init__(self, data: object) -> None:
        self.errors: list[Problem] = []
        self.cases: list[tuple[int, CaseDoc]] = []
        self.quizzes: list[tuple[int, QuizDoc]] = []
        self.questions: list[tuple[int, QuestionDoc]] = []
        # Every case slug the file names, well formed or not: a question naming one is not "unknown case".
        self.case_slugs: set[str] = set()
        if not isinstance(data, dict):
            self.errors.append(
                {"loc": "(root)", "msg": f"a content document is a JSON object {{“format”: “{FORMAT}”, …}}"}
            )
            return
        cases = data.get("cases")
        if isinstance(cases, list):
            self.case_slugs = {
                c["slug"] for c in cases if isinstance(c, dict) and isinstance(c.get("slug"), str)
            }
        try:
            document = Document.model_validate(data)
        except ValidationError as exc:
            self.errors = shape_problems(exc)
            if data.get("format") == FORMAT and data.get("version") == VERSION:
                self.cases = _well_formed(CaseDoc, cases)
                self.quizzes = _well_formed(QuizDoc, data.get("quizzes"))
                self.questions = _well_formed(QuestionDoc, data.get("questions"))
            return
        self.cases = list(enumerate(document.cases))
        self.quizzes = list(enumerate(document.quizzes))
        self.questions = list(enumerate(document.questions))


def _well_formed(model: type[D], items: object) -> list[tuple[int, D]]:
    if not isinstance(items, list):
        return []
    kept = []
    for index, item in enumerate(items):
        try:
            kept.append((index, model.model_validate(item)))
        except ValidationError:
            continue  # already reported by the whole document's validation
    return kept


def shape_problems(exc: ValidationError) -> list[Problem]:
    """pydantic's errors in the engine's words, with the content format's locs (no union tags in them)."""
    problems = []
    for detail, problem in zip(exc.errors(include_url=False), from_validation_error(exc).errors, strict=True):
        loc = [str(part) for part in detail["loc"]]
        # quizzes.N.questions.M.<tag>.… : the tag names which of question or section the entry is read as.
        if (
            len(loc) > 4
            and loc[0] == "quizzes"
            and loc[2] == "questions"
            and loc[4] in {"question", "section"}
        ):
            del loc[4]
        msg = problem["msg"]
        if detail["type"] == "extra_forbidden":
            msg = "unknown field; check the spelling against the content format"
        problems.append({"loc": ".".join(loc) or "(root)", "msg": msg})
    return problems


TOP_LEVEL_ORDER = {"format": 0, "version": 1, "cases": 2, "quizzes": 3, "questions": 4}


def in_document_order(problems: list[Problem]) -> list[Problem]:
    """Problems sorted by the case, quiz, question or row they are in, in the file's order (shape and meaning are
    checked apart); within one item they keep the order they were found in."""

    def key(problem: Problem) -> list[int]:
        parts = problem["loc"].split(".")
        path = [TOP_LEVEL_ORDER.get(parts[0], -1)]
        # cases.N / quizzes.N / quizzes.N.questions.M / questions.N / rows.N
        rest = parts[1:]
        while rest and rest[0].isdigit():
            path.append(int(rest[0]))
            rest = rest[2:] if len(rest) > 2 and rest[1] == "questions" and rest[2].isdigit() else []
        return path

    return sorted(problems, key=key)


def describe_content_loc(loc: str, data: object) -> str:
    """ "cases.0.encounter.administrations.2.stop" -> "Case 1 (push-then-drip), encounter, Administration 3
    (a3), stop": where a problem is, in words a person finds it by."""
    parts = loc.split(".")
    if parts[0] == "rows" and len(parts) >= 2:
        return ", ".join([f"Row {parts[1]}", *parts[2:]])
    words: list[str] = []
    node: object = data
    while len(parts) >= 2 and parts[0] in {"cases", "quizzes", "questions"} and parts[1].isdigit():
        index = int(parts[1])
        items = node.get(parts[0]) if isinstance(node, dict) else None
        node = items[index] if isinstance(items, list) and index < len(items) else None
        noun = {"cases": "Case", "quizzes": "Quiz"}.get(parts[0], "question" if words else "Bank question")
        slug = node.get("slug") if isinstance(node, dict) else None
        words.append(f"{noun} {index + 1}" + (f" ({slug})" if isinstance(slug, str) else ""))
        parts = parts[2:]
    if len(parts) >= 2 and parts[0] == "encounter" and isinstance(node, dict):
        words += ["encounter", describe_loc(".".join(parts[1:]), node.get("encounter"))]
    else:
        words += [part if not part.isdigit() else f"#{int(part) + 1}" for part in parts]
    return ", ".join(words) or "The file"
