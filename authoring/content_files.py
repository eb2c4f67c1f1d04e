"""A content file, by its name: CSV rows of choice questions (authoring/csv_import.py) or a JSON content document
(authoring/content.py). The commands and the upload page both import through `import_file`."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from authoring.content import ContentError
from authoring.content_import import ImportResult, import_document
from authoring.csv_import import import_csv
from coding.engine import EncounterError, parse_json
from coding.management.commands.code_encounter import read_input


def is_csv(name: str) -> bool:
    return name.lower().endswith(".csv")


def read_json(raw: bytes) -> Any:
    """JSON text to data, or a ContentError saying where the JSON broke."""
    try:
        return parse_json(raw)
    except EncounterError as exc:
        raise ContentError(exc.errors) from None


def read_path(path: str) -> bytes:
    """The file at `path` (`-`: standard input) as the engine's command reads one, or a ContentError naming it."""
    try:
        return read_input(path)
    except EncounterError as exc:
        raise ContentError(exc.errors) from None


def import_file(
    name: str, raw: bytes, *, owner: User | None, rename: bool = False, dry_run: bool = False
) -> ImportResult:
    """Import the file's content as `owner` (CSV rows need one: they go into that educator's quizzes or bank)."""
    if is_csv(name):
        if owner is None:
            raise ContentError(
                [
                    {
                        "loc": "(file)",
                        "msg": "CSV questions need an owner: the educator whose quizzes they join",
                    }
                ]
            )
        return import_csv(raw, owner=owner, dry_run=dry_run)
    return import_document(read_json(raw), owner=owner, rename=rename, dry_run=dry_run)
