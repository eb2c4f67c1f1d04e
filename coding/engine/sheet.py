"""The coding sheet: lines and notes as the rules write them, before they are dated and ordered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from coding.engine.schema import Administration, Note, Role


@dataclass
class Draft:
    code: str
    units: int
    role: Role
    rule: str
    why: str
    administrations: tuple[str, ...]
    at: datetime  # when the service began, for ordering
    accrued: tuple[datetime, ...] = ()  # when each unit was earned, for line-item dating
    modifiers: list[str] = field(default_factory=list)
    started: datetime | None = None  # the service's start, for professional dating
    rank: tuple = ()  # for initial lines: how they compare (the highest goes first)
    follows: Draft | None = None  # further hours are listed right after the line they extend


@dataclass
class Sheet:
    drafts: list[Draft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        return draft

    def note(self, rule: str, text: str, *administrations: Administration, level: str = "info") -> None:
        ids = [a.id for a in administrations]
        if not any(n.rule == rule and n.text == text and n.administrations == ids for n in self.notes):
            self.notes.append(Note(level=level, rule=rule, administrations=ids, text=text))

    def warn(self, rule: str, text: str, *administrations: Administration) -> None:
        self.note(rule, text, *administrations, level="warning")
