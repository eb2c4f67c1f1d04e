"""python manage.py export_content OUT.json|- [--quiz SLUG ...] : content out in the content format (version 1)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from authoring.content_export import export_everything, export_quizzes
from quizzes.models import Quiz


class Command(BaseCommand):
    help = (
        "Write the site's cases, quizzes and bank questions as one content document (current versions only), "
        "or only the quizzes named with --quiz and the cases their questions use."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="the JSON file to write, or - for standard output")
        parser.add_argument(
            "--quiz", action="append", default=[], metavar="SLUG", help="export this quiz (repeatable)"
        )

    def handle(self, *args: Any, out: str, quiz: list[str], **options: Any) -> None:
        if quiz:
            quizzes = list(Quiz.objects.filter(slug__in=quiz))
            if missing := sorted(set(quiz) - {row.slug for row in quizzes}):
                errors = [{"loc": "--quiz", "msg": f"no quiz “{slug}”"} for slug in missing]
                self.stderr.write(
                    json.dumps({"errors": errors}, indent=2, ensure_ascii=False), style_func=str
                )
                sys.exit(2)
            document = export_quizzes(quizzes)
        else:
            document = export_everything()
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if out == "-":
            self.stdout.write(text, ending="")
            return
        Path(out).write_text(text, encoding="utf-8")
        counts = ", ".join(f"{part} {len(document[part])}" for part in ("cases", "quizzes"))
        self.stderr.write(
            f"Wrote {out}: {counts}, bank questions {len(document['questions'])}.", style_func=str
        )
