"""Content in: a content document (authoring/content.py) becomes cases, quizzes and questions, all or nothing.

The import runs in one transaction and checks each row with the model's own rules (`full_clean`, Quiz.clean's
policy rules, Case and Question rule tags) as it goes, plus what only a whole file can say: the engine's word on
each encounter (its locs under `cases.N.encounter`), choices that fit the kind, case slugs that name a case,
slugs used twice in the file or already taken in the database. When anything is wrong, or on a dry run, the
transaction is rolled back and nothing is kept; the problems are raised together as one ContentError.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

from authoring.content import (
    CaseDoc,
    ChoiceDoc,
    ContentError,
    Problem,
    QuestionDoc,
    QuizDoc,
    ReadDocument,
    SectionDoc,
    in_document_order,
)
from coding.engine import EncounterError, code_encounter
from quizzes.models import Case, Choice, Question, Quiz, QuizSection, unique_slug

# A model field's name -> where it is in the document, when the two differ.
CASE_FIELDS = {"override_lines": "override.lines", "override_note": "override.note"}
SECTION_FIELDS = {"rule": "section.rule", "count": "section.count", "kinds": "section.kinds"}


@dataclass
class Created:
    """One row an import makes (or would make, on a dry run)."""

    kind: str  # "case", "quiz" or "question"
    slug: str
    title: str
    renamed_from: str = ""
    where: str = ""  # a question's quiz title, "" for the bank
    row: models.Model | None = None


@dataclass
class ImportResult:
    cases: list[Created] = field(default_factory=list)
    quizzes: list[Created] = field(default_factory=list)
    questions: list[Created] = field(default_factory=list)
    sections: int = 0

    @property
    def renamed(self) -> list[Created]:
        return [row for row in [*self.cases, *self.quizzes, *self.questions] if row.renamed_from]

    def counts(self) -> dict[str, int]:
        return {"cases": len(self.cases), "quizzes": len(self.quizzes), "questions": len(self.questions)}


def import_document(
    data: object, *, owner: User | None, rename: bool = False, dry_run: bool = False
) -> ImportResult:
    """Import a parsed JSON document as `owner` (None: shared starter content, read-only for educators).

    `rename`: a slug already taken in the database gets a free one (unique_slug) and the file's references to it
    follow; without it such a slug is a problem. Raises ContentError listing every problem; saves nothing then."""
    document = ReadDocument(data)
    return run(
        lambda importer: importer.document(document),
        owner=owner,
        rename=rename,
        dry_run=dry_run,
        errors=document.errors,
    )


def run(
    work: Callable[[Importer], None],
    *,
    owner: User | None,
    rename: bool,
    dry_run: bool,
    errors: list[Problem] | None = None,
) -> ImportResult:
    """`work(importer)` in one transaction, kept only when nothing was wrong and this is no dry run."""
    importer = Importer(owner, rename=rename)
    importer.errors = list(errors or [])
    try:
        with transaction.atomic():
            work(importer)
            if importer.errors or dry_run:
                transaction.set_rollback(True)
    except IntegrityError:
        # Another import took a slug between our check and our save.
        raise ContentError(
            [{"loc": "(root)", "msg": "a slug was taken by someone else meanwhile; import again"}]
        ) from None
    if importer.errors:
        raise ContentError(in_document_order(importer.errors))
    return importer.result


class Importer:
    def __init__(self, owner: User | None, *, rename: bool) -> None:
        self.owner = owner
        self.rename = rename
        self.errors: list[Problem] = []
        self.result = ImportResult()
        # The file's case slugs -> the row made (None: it had problems).
        self.file_cases: dict[str, Case | None] = {}
        self.twice_used: set[str] = set()  # locs of rows whose slug an earlier row of the file has

    def problem(self, loc: str, msg: str) -> None:
        self.errors.append({"loc": loc, "msg": msg})

    def document(self, document: ReadDocument) -> None:
        self.file_cases = dict.fromkeys(document.case_slugs)
        self._refuse_twice_used(document)
        for index, case in document.cases:
            self.case(f"cases.{index}", case)
        for index, quiz in document.quizzes:
            self.quiz(f"quizzes.{index}", quiz)
        for index, question in document.questions:
            self.question(f"questions.{index}", question, quiz=None, position=index + 1)

    def _refuse_twice_used(self, document: ReadDocument) -> None:
        seen: dict[str, dict[str, str]] = {"case": {}, "quiz": {}, "question": {}}
        slugs: list[tuple[str, str, str]] = [("case", f"cases.{i}", case.slug) for i, case in document.cases]
        for i, quiz in document.quizzes:
            slugs.append(("quiz", f"quizzes.{i}", quiz.slug))
            slugs += [
                ("question", f"quizzes.{i}.questions.{j}", entry.slug)
                for j, entry in enumerate(quiz.questions)
                if isinstance(entry, QuestionDoc)
            ]
        slugs += [("question", f"questions.{i}", question.slug) for i, question in document.questions]
        for kind, loc, slug in slugs:
            if slug in seen[kind]:
                self.twice_used.add(loc)
                self.problem(
                    f"{loc}.slug",
                    f"“{slug}” is already the slug of {seen[kind][slug]}; each {kind} needs its own",
                )
            else:
                seen[kind][slug] = loc

    def _free_slug(self, loc: str, model: type[models.Model], slug: str) -> tuple[str, str, bool]:
        """The slug to save, the one it replaces ("" when kept), and whether the row may be saved under it."""
        if loc in self.twice_used:
            return slug, "", False
        if not model._default_manager.filter(slug=slug).exists():
            return slug, "", True
        if self.rename:
            return unique_slug(model, slug), slug, True
        noun = model._meta.verbose_name
        self.problem(
            f"{loc}.slug",
            f"a {noun} with the slug “{slug}” already exists; change it in the file, or import with renaming",
        )
        return slug, "", False

    def _checked(
        self, loc: str, row: models.Model, exclude: list[str], names: dict[str, str] | None = None
    ) -> bool:
        """The model's own rules on one row, each problem at its place in the document. True when it passes."""
        try:
            row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                where = loc if name == NON_FIELD_ERRORS else f"{loc}.{(names or {}).get(name, name)}"
                for message in messages:
                    self.problem(where, message)
            return False
        return True

    def case(self, loc: str, doc: CaseDoc) -> None:
        slug, renamed_from, valid = self._free_slug(loc, Case, doc.slug)
        row = Case(
            slug=slug,
            title=doc.title,
            narrative=doc.narrative,
            encounter=doc.encounter,
            rule_tags=doc.rule_tags,
            override_lines=[line.model_dump() for line in doc.override.lines] if doc.override else None,
            override_note=doc.override.note if doc.override else "",
            archived=doc.archived,
            created_by=self.owner,
        )
        try:
            code_encounter(doc.encounter)
        except EncounterError as exc:
            for error in exc.errors:
                where = f"{loc}.encounter" + ("" if error["loc"] == "(root)" else f".{error['loc']}")
                self.problem(where, error["msg"])
            valid = False
        valid = self._checked(loc, row, ["encounter", "created_by"], CASE_FIELDS) and valid
        # Valid rows are saved even when another row has problems: later rows check against them, and the
        # transaction is rolled back at the end.
        if valid:
            row.save()
            self.file_cases[doc.slug] = row
        self.result.cases.append(Created("case", slug, doc.title, renamed_from, row=row))

    def quiz(self, loc: str, doc: QuizDoc) -> None:
        slug, renamed_from, valid = self._free_slug(loc, Quiz, doc.slug)
        row = Quiz(
            slug=slug,
            title=doc.title,
            summary=doc.summary,
            mode=doc.mode.value,
            key_release=(doc.key_release or Quiz.KeyRelease.default_for(doc.mode)).value,
            due_at=doc.due_at,
            time_limit_minutes=doc.time_limit_minutes,
            attempt_limit=doc.attempt_limit,
            published=doc.published,
            position=doc.position,
            created_by=self.owner,
        )
        if self._checked(loc, row, ["created_by"]) and valid:
            row.save()
        self.result.quizzes.append(Created("quiz", slug, doc.title, renamed_from, row=row))
        for index, entry in enumerate(doc.questions):
            if isinstance(entry, SectionDoc):
                self.section(f"{loc}.questions.{index}", entry, quiz=row, position=index + 1)
            else:
                self.question(f"{loc}.questions.{index}", entry, quiz=row, position=index + 1)

    def section(self, loc: str, doc: SectionDoc, *, quiz: Quiz, position: int) -> None:
        rule = doc.section
        row = QuizSection(
            quiz=quiz,
            position=position,
            rule=rule.rule,
            count=rule.count,
            kinds=[k.value for k in rule.kinds],
        )
        if self._checked(loc, row, ["quiz"], SECTION_FIELDS) and quiz.pk:
            row.save()
        self.result.sections += 1

    def question(
        self, loc: str, doc: QuestionDoc, *, quiz: Quiz | None, position: int, slug: str | None = None
    ) -> None:
        """One question into `quiz` (None: the owner's bank). `slug` given: a free one chosen by the caller."""
        renamed_from, valid = "", True
        if slug is None:
            slug, renamed_from, valid = self._free_slug(loc, Question, doc.slug)
        case = self._case_named(loc, doc.case)
        row = Question(
            quiz=quiz,
            slug=slug,
            position=position,
            kind=doc.kind.value,
            prompt=doc.prompt,
            case=case,
            rule_tags=doc.rule_tags,
            explanation=doc.explanation,
            created_by=self.owner,
        )
        errors_before = len(self.errors)
        valid = self._checked(loc, row, ["quiz", "case", "created_by", "previous"]) and valid
        if doc.case is not None and case is None:
            # The case named is missing (reported above) or had problems of its own: "needs a case" would repeat it.
            self.errors[errors_before:] = [
                e for e in self.errors[errors_before:] if e["loc"] != f"{loc}.case"
            ]
            valid = False
        for where, msg in choice_problems(doc.kind, doc.choices):
            self.problem(f"{loc}.{where}", msg)
            valid = False
        choices = [
            Choice(position=i, text=c.text, is_correct=c.is_correct, feedback=c.feedback)
            for i, c in enumerate(doc.choices)
        ]
        for index, choice in enumerate(choices):
            valid = self._checked(f"{loc}.choices.{index}", choice, ["question"]) and valid
        if valid and (quiz is None or quiz.pk):
            row.save()
            for choice in choices:
                choice.question = row
            Choice.objects.bulk_create(choices)
        where = quiz.title if quiz is not None else ""
        self.result.questions.append(Created("question", slug, doc.prompt, renamed_from, where, row=row))

    def _case_named(self, loc: str, slug: str | None) -> Case | None:
        """The case a question names: the file's (renamed or not) first, else one on the site the owner may see.
        None for no name, a name that names nothing (a problem), or a case of the file that had problems."""
        if slug is None:
            return None
        if slug in self.file_cases:
            return self.file_cases[slug]
        cases = Case.objects.all() if self.owner is None else Case.objects.visible_to_educator(self.owner)
        case = cases.filter(slug=slug).first()
        if case is None:
            self.problem(f"{loc}.case", f"no case “{slug}” in this file or on this site")
        return case


def choice_problems(kind: Question.Kind, choices: list[ChoiceDoc]) -> list[tuple[str, str]]:
    """What the choices of a question of `kind` lack: (where under the question, message)."""
    correct = sum(choice.is_correct for choice in choices)
    if kind in Question.CASE_KINDS:
        return (
            [
                (
                    "choices",
                    "a question on a case is answered with codes or a timeline, not choices; leave the list empty",
                )
            ]
            if choices
            else []
        )
    if kind == Question.Kind.TRUE_FALSE:
        if len(choices) != 2 or correct != 1:
            return [
                (
                    "choices",
                    "a true-or-false question has two choices (true and false), exactly one of them correct",
                )
            ]
        return []
    problems = []
    if len(choices) < 2:
        problems.append(("choices", "a choice question needs at least two choices"))
    if kind == Question.Kind.SINGLE and correct != 1:
        problems.append(
            ("choices", f"a single-choice question has exactly one correct choice, not {correct}")
        )
    if kind == Question.Kind.MULTIPLE and correct < 1:
        problems.append(("choices", "a multiple-select question has at least one correct choice"))
    return problems
