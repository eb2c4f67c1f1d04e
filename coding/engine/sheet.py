"""The coding sheet: lines and notes as the rules write them, before they are dated and ordered."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from coding.engine import timeline
from coding.engine.schema import Administration, LineReason, Note, NoteReason, Role

# How initial lines compare (the highest goes first): category, kind, minutes, -start, -input order.
Rank = tuple[int, int, int, float, int]
NO_RANK: Rank = (0, 0, 0, 0.0, 0)


@dataclass(eq=False)  # two drafts are the same only when they are one object
class Draft:
    code: str
    units: int
    role: Role
    rule: str
    reason: LineReason
    why: str
    administrations: tuple[str, ...]
    at: datetime  # when the service began, for ordering
    accrued: tuple[datetime, ...] = ()  # when each unit was earned, for line-item dating
    modifiers: list[str] = field(default_factory=list)
    started: datetime | None = None  # the service's start, for professional dating
    rank: Rank | None = None  # for initial lines of the IV chain
    follows: Draft | None = None  # further hours are listed right after the line they extend


@dataclass
class Sheet:
    drafts: list[Draft] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    _noted: set[tuple[str, str, tuple[str, ...]]] = field(default_factory=set)

    def add(self, draft: Draft) -> Draft:
        self.drafts.append(draft)
        return draft

    def once(
        self,
        code: str,
        role: Role,
        rule: str,
        reason: LineReason,
        why: str,
        ids: Iterable[str],
        at: datetime,
        accrued: datetime | None = None,
    ) -> Draft:
        """A one-unit line for a service that began at `at`, its unit earned at `accrued` (by default, then)."""
        return self.add(
            Draft(
                code=code,
                units=1,
                role=role,
                rule=rule,
                reason=reason,
                why=why,
                administrations=tuple(ids),
                at=at,
                accrued=(accrued or at,),
                started=at,
            )
        )

    def hours(
        self,
        code: str,
        rule: str,
        why: str,
        ids: Iterable[str],
        intervals: list[timeline.Interval],
        offsets: list[int],
        follows: Draft | None = None,
        reason: LineReason = LineReason.ADDITIONAL_HOURS,
    ) -> Draft:
        """Hour units of a timed service: one per offset (minutes into its summed intervals) at which one is earned."""
        return self.add(
            Draft(
                code=code,
                units=len(offsets),
                role="additional_hour",
                rule=rule,
                reason=reason,
                why=why,
                administrations=tuple(ids),
                at=intervals[0][0],
                accrued=tuple(timeline.moment_at(intervals, offset) for offset in offsets),
                started=intervals[0][0],
                follows=follows,
            )
        )

    def note(
        self,
        rule: str,
        reason: NoteReason,
        text: str,
        *administrations: Administration,
        level: Literal["info", "warning"] = "info",
    ) -> None:
        ids = [a.id for a in administrations]
        key = (rule, text, tuple(ids))
        if key not in self._noted:  # the same note about the same administrations is said once
            self._noted.add(key)
            self.notes.append(Note(level=level, rule=rule, reason=reason, administrations=ids, text=text))

    def warn(self, rule: str, reason: NoteReason, text: str, *administrations: Administration) -> None:
        self.note(rule, reason, text, *administrations, level="warning")
