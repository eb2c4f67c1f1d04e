"""python manage.py import_content IN.json|IN.csv|- [--dry-run] [--owner USERNAME] [--rename] : content in.

A bad file is refused whole: exit status 2 and {"errors": [{"loc", "msg"}, ...]} on standard error, nothing saved.
"""

import json
import sys
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandParser

from authoring.content import ContentError
from authoring.content_files import import_file, read_path
from authoring.content_import import ImportResult


class Command(BaseCommand):
    help = (
        "Import a content document (JSON, content format version 1), or choice questions from a CSV file "
        "(needs --owner). Everything or nothing: a bad file saves nothing and lists every problem."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a .json or .csv file, or - for JSON on standard input")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and say what would be created; save nothing"
        )
        parser.add_argument(
            "--owner",
            metavar="USERNAME",
            help="the educator who owns the new content (default: none, shared starter content)",
        )
        parser.add_argument(
            "--rename",
            action="store_true",
            help="give slugs already taken on the site a free one instead of refusing",
        )

    def handle(
        self, *args: Any, path: str, dry_run: bool, owner: str | None, rename: bool, **options: Any
    ) -> None:
        try:
            user = _owner(owner)
            result = import_file(path, read_path(path), owner=user, rename=rename, dry_run=dry_run)
        except ContentError as error:
            self.stderr.write(json.dumps(error.as_json(), indent=2, ensure_ascii=False), style_func=str)
            sys.exit(2)
        self.stdout.write(_summary(result, dry_run))


def _owner(username: str | None) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ContentError([{"loc": "--owner", "msg": f"no user “{username}”"}])
    return user


def _summary(result: ImportResult, dry_run: bool) -> str:
    counts = result.counts()
    head = "Would create" if dry_run else "Created"
    lines = [
        f"{head}: cases {counts['cases']}, quizzes {counts['quizzes']}, questions {counts['questions']}."
    ]
    for created in [*result.cases, *result.quizzes, *result.questions]:
        renamed = f" (renamed from {created.renamed_from})" if created.renamed_from else ""
        lines.append(f"  {created.kind:<8} {created.slug}{renamed}")
    if dry_run:
        lines.append("Dry run: nothing was saved.")
    return "\n".join(lines)
