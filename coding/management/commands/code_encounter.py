"""python manage.py code_encounter PATH|- : the engine on the command line (exit 2 with the error body on bad input)."""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from coding.engine import EncounterError, code_encounter, parse_json


class Command(BaseCommand):
    help = "Code one encounter (encounter format, version 1) read from PATH, or from standard input with '-'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a JSON file in the encounter format, or - for standard input")

    def handle(self, *args: Any, path: str, **options: Any) -> None:
        try:
            result = code_encounter(parse_json(read_input(path)))
        except EncounterError as error:
            sys.stderr.write(json.dumps(error.as_json(), indent=2) + "\n")
            sys.exit(2)
        self.stdout.write(json.dumps(result.as_json(), indent=2))


def read_input(path: str) -> bytes:
    """The bytes of the file at `path`, or of standard input for `-`; an unreadable file is an EncounterError naming it
    (the content commands read their files the same way)."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise EncounterError([{"loc": "(file)", "msg": f"cannot read {path}: {exc.strerror}"}]) from None
