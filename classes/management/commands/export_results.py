"""python manage.py export_results --class CODE --quiz SLUG --what lines|gradebook|items|responses OUT.csv|- :
a class's results for one quiz as CSV, the same as the results page's downloads."""

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from classes.models import Class
from classes.results import trainees
from quizzes import result_exports
from quizzes.item_statistics import Which
from quizzes.models import Quiz


class Command(BaseCommand):
    help = (
        "Write one class's results for one quiz as CSV: code lines, the gradebook, item statistics or responses "
        "(columns in quizzes.result_exports.HEADERS)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="the CSV file to write, or - for standard output")
        parser.add_argument(
            "--class", dest="code", required=True, metavar="CODE", help="the class's join code"
        )
        parser.add_argument("--quiz", required=True, metavar="SLUG", help="the quiz's slug")
        parser.add_argument("--what", required=True, choices=result_exports.WHAT, help="which export")
        parser.add_argument(
            "--which",
            choices=[which.value for which in Which],
            default=Which.FIRST.value,
            help="the attempts item statistics count (default: first)",
        )

    def handle(
        self, *args: Any, out: str, code: str, quiz: str, what: str, which: str, **options: Any
    ) -> None:
        klass = Class.objects.with_code(code).first()
        found = Quiz.objects.filter(slug=quiz).first()
        problems = [
            *([f"No class has the code “{code}”."] if klass is None else []),
            *([f"No quiz has the slug “{quiz}”."] if found is None else []),
        ]
        if klass is None or found is None:
            self.stderr.write("\n".join(problems), style_func=str)
            sys.exit(2)
        people = trainees(klass)
        if out == "-":
            rows = result_exports.write(what, found, people, self.stdout, Which(which))
        else:
            with open(out, "w", newline="", encoding="utf-8") as file:
                rows = result_exports.write(what, found, people, file, Which(which))
        where = "standard output" if out == "-" else out
        self.stderr.write(f"Wrote {rows} row{'s' if rows != 1 else ''} of {what} to {where}.", style_func=str)
