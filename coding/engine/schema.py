"""The encounter format (version 1) as pydantic models: the engine's contract with every caller."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

MAX_ADMINISTRATIONS = 200
MAX_SPAN = timedelta(days=7)  # from an encounter's first start to its last documented time
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

ID_PATTERN = r"^[A-Za-z0-9_-]{1,32}$"
Label = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
CLOCK = re.compile(r"^(\d{2}):(\d{2})$")
CONTROL_CHARACTER = re.compile(r"[\x00-\x1f]")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$")


class Setting(StrEnum):
    FACILITY = "facility"
    PROFESSIONAL = "professional"


class Category(StrEnum):
    HYDRATION = "hydration"
    THERAPEUTIC = "therapeutic"
    CHEMOTHERAPY = "chemotherapy"


class Route(StrEnum):
    IV_INFUSION = "iv_infusion"
    IV_PUSH = "iv_push"
    SUBCUTANEOUS = "subcutaneous"
    INTRAMUSCULAR = "intramuscular"
    INTRA_ARTERIAL = "intra_arterial"
    SC_INFUSION = "sc_infusion"
    INTRALESIONAL = "intralesional"
    INTRATHECAL = "intrathecal"
    INTRAPLEURAL = "intrapleural"
    INTRAPERITONEAL = "intraperitoneal"
    VENTRICULAR_RESERVOIR = "ventricular_reservoir"
    PUMP_REFILL = "pump_refill"
    PORT_FLUSH = "port_flush"


class Pump(StrEnum):
    PORTABLE = "portable"
    IMPLANTABLE = "implantable"


# Which categories make sense on each route; anything else is an input error, not a guess.
ROUTE_CATEGORIES: dict[Route, frozenset[Category]] = {
    Route.IV_INFUSION: frozenset(Category),
    Route.IV_PUSH: frozenset({Category.THERAPEUTIC, Category.CHEMOTHERAPY}),
    Route.SUBCUTANEOUS: frozenset({Category.THERAPEUTIC, Category.CHEMOTHERAPY}),
    Route.INTRAMUSCULAR: frozenset({Category.THERAPEUTIC, Category.CHEMOTHERAPY}),
    Route.INTRA_ARTERIAL: frozenset({Category.THERAPEUTIC, Category.CHEMOTHERAPY}),
    Route.SC_INFUSION: frozenset({Category.THERAPEUTIC}),
    Route.INTRALESIONAL: frozenset({Category.CHEMOTHERAPY}),
    Route.INTRATHECAL: frozenset({Category.CHEMOTHERAPY}),
    Route.INTRAPLEURAL: frozenset({Category.CHEMOTHERAPY}),
    Route.INTRAPERITONEAL: frozenset({Category.CHEMOTHERAPY}),
    Route.VENTRICULAR_RESERVOIR: frozenset({Category.CHEMOTHERAPY}),
    Route.PUMP_REFILL: frozenset(Category),
    Route.PORT_FLUSH: frozenset(Category),
}

PUMP_ROUTES = (Route.IV_INFUSION, Route.INTRA_ARTERIAL, Route.SC_INFUSION, Route.PUMP_REFILL)

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=True)


def parse_time(value: str) -> datetime:
    """A clock time ("09:30", placed on a nominal day) or an ISO date-time ("2026-03-14T23:10")."""
    clock = CLOCK.match(value)
    if clock:
        hours, minutes = int(clock[1]), int(clock[2])
        if hours > 23 or minutes > 59:
            raise ValueError(f"{_shown(value)} is not a time of day; use HH:MM from 00:00 to 23:59")
        return datetime(2000, 1, 1, hours, minutes)
    if DATE_TIME.match(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{_shown(value)} is not a real date and time") from None
        if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
            raise ValueError(f"{_shown(value)} lies outside the years {EARLIEST_YEAR} to {LATEST_YEAR}")
        return moment
    raise ValueError(
        f"{_shown(value)} is not a time; use HH:MM (24-hour) or a date-time like 2026-03-14T23:10"
    )


def _shown(value: str) -> str:
    """The value as an error message quotes it, cut to 25 characters."""
    return repr(value if len(value) <= 25 else value[:25] + "…")


Substance = Annotated[str, StringConstraints(min_length=1, max_length=120)]


class FieldError(ValueError):
    """A check across fields that still names the one field at fault (loc is relative to the model)."""

    def __init__(self, loc: str, msg: str) -> None:
        super().__init__(msg)
        self.loc = loc


class Access(BaseModel):
    model_config = _STRICT

    id: Label
    separate_site_necessary: StrictBool


class Administration(BaseModel):
    model_config = _STRICT

    id: Label
    substance: Substance
    category: Category
    route: Route
    start: str
    stop: str | None = None
    access: Label = "A"
    incidental: StrictBool = False
    pump: Pump | None = None
    primary: StrictBool = False
    hormonal: StrictBool = False
    lesions: Annotated[StrictInt, Field(ge=1, le=999)] | None = None

    @field_validator("substance")
    @classmethod
    def _substance_is_printable(cls, value: str) -> str:
        if CONTROL_CHARACTER.search(value):
            raise ValueError("substance may not contain control characters")
        if not value.strip():
            raise ValueError("substance may not be blank")
        return value

    @field_validator("start", "stop")
    @classmethod
    def _is_a_time(cls, value: str | None) -> str | None:
        if value is not None:
            parse_time(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Administration:
        start, stop = self.start_at, self.stop_at  # parsed here once, then kept for the rules
        if stop is not None and stop <= start:
            raise FieldError(
                "stop",
                f"stop {self.stop} is before start {self.start}; use date-times for services that cross midnight"
                if stop < start
                else f"stop {self.stop} is the same as start; leave stop out for a push",
            )
        if self.category not in ROUTE_CATEGORIES[self.route]:
            allowed = ", ".join(sorted(ROUTE_CATEGORIES[self.route]))
            raise FieldError(
                "route",
                f"route {self.route.value} does not take category {self.category.value} (use {allowed})",
            )
        if self.route is Route.PUMP_REFILL and self.pump is None:
            raise FieldError("pump", "pump_refill needs pump: portable or implantable")
        if self.pump is not None and self.route not in PUMP_ROUTES:
            raise FieldError(
                "pump", f"pump applies to an infusion or a pump refill, not to route {self.route.value}"
            )
        if self.hormonal and self.route not in (Route.SUBCUTANEOUS, Route.INTRAMUSCULAR):
            raise FieldError("hormonal", "hormonal applies only to subcutaneous or intramuscular injections")
        if self.lesions is not None and self.route is not Route.INTRALESIONAL:
            raise FieldError("lesions", "lesions applies only to the intralesional route")
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Administration:
        """A copy whose times are parsed afresh: the cached ones below would otherwise be copied over."""
        copy = super().model_copy(update=update, deep=deep)
        for derived in ("start_at", "stop_at", "minutes", "drug_key"):
            copy.__dict__.pop(derived, None)
        return copy

    # Parsed once: the rules read these times many times over.
    @cached_property
    def start_at(self) -> datetime:
        return parse_time(self.start)

    @cached_property
    def stop_at(self) -> datetime | None:
        return parse_time(self.stop) if self.stop is not None else None

    @cached_property
    def minutes(self) -> int | None:
        stop = self.stop_at
        return None if stop is None else int((stop - self.start_at) / timedelta(minutes=1))

    @cached_property
    def drug_key(self) -> str:
        """Two administrations are the same drug when their substances match, trimmed, ignoring case."""
        return self.substance.strip().casefold()


class Encounter(BaseModel):
    model_config = _STRICT

    setting: Setting
    accesses: list[Access] = Field(default_factory=list, max_length=50)
    administrations: Annotated[list[Administration], Field(min_length=1, max_length=MAX_ADMINISTRATIONS)]

    @model_validator(mode="after")
    def _encounter_rules(self) -> Encounter:
        _unique(self.accesses, "accesses")
        _unique(self.administrations, "administrations")
        clock_form = bool(CLOCK.match(self.administrations[0].start))
        for index, a in enumerate(self.administrations):
            for field in ("start", "stop"):
                value = getattr(a, field)
                if value is not None and bool(CLOCK.match(value)) != clock_form:
                    raise FieldError(
                        f"administrations.{index}.{field}",
                        "all times of one encounter use the same form: HH:MM everywhere or date-times everywhere",
                    )
        _within_span(self.administrations)
        return self

    @property
    def dated(self) -> bool:
        return not CLOCK.match(self.administrations[0].start)


def _within_span(administrations: Sequence[Administration]) -> None:
    """At most MAX_SPAN from the first start to the last documented time, naming the time that lies beyond."""
    first = min(a.start_at for a in administrations)
    for index, a in enumerate(administrations):
        for field, moment in (("start", a.start_at), ("stop", a.stop_at)):
            if moment is not None and moment - first > MAX_SPAN:
                raise FieldError(
                    f"administrations.{index}.{field}",
                    f"{getattr(a, field)} is more than {MAX_SPAN.days} days after the encounter's first start; "
                    "an encounter spans at most 7 days",
                )


def _unique(items: Sequence[Access | Administration], field: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item.id in seen:
            raise FieldError(
                f"{field}.{index}.id", f"duplicate id {item.id!r}; ids must be unique in the encounter"
            )
        seen.add(item.id)


Role = Literal["initial", "additional_hour", "sequential", "concurrent", "standalone"]


class LineReason(StrEnum):
    """What decided a line, as a stable value: grading, hints and templates read this, never the `why` words.

    An initial line names why it is the initial service (or, for an infusion coded as a push, why it became
    one); every other line names the kind of service it reports.
    """

    ONLY_SERVICE = "only_service"  # the only service on its line that can be initial
    HIERARCHY = "hierarchy"  # the facility hierarchy ranks it above every other service (R-C3, R-F7)
    TIE_BREAK = (
        "tie_break"  # equal in the hierarchy: the longest documented time, earliest start, input order
    )
    PRIMARY_REASON = "primary_reason"  # office: marked as the primary reason for the visit (R-C4)
    CHEMOTHERAPY_INITIAL = "chemotherapy_initial"  # office: chemotherapy takes the initial whatever is marked
    NO_PRIMARY_MARKED = "no_primary_marked"  # office: nothing reportable is marked, so the hierarchy decides
    SHORT_INFUSION = "short_infusion"  # an infusion of 15 minutes or less, coded as a push or injection
    NO_STOP_TIME = "no_stop_time"  # an infusion with no stop time, coded as a push or injection (R-D8)
    SHORT_AFTER_OVERLAP = "short_after_overlap"  # 15 minutes or less once a short overlap was taken off
    SEPARATE_SITE = "separate_site"  # a second initial service on a necessary separate site (R-C1)
    SEPARATE_CHAIN = "separate_chain"  # a subcutaneous or intra-arterial infusion starts a chain of its own
    ADDITIONAL_HOURS = "additional_hours"
    SECONDARY_HYDRATION = "secondary_hydration"
    SEQUENTIAL_INFUSION = "sequential_infusion"
    NEW_DRUG_PUSH = "new_drug_push"
    REPEAT_PUSH = "repeat_push"
    CONCURRENT = "concurrent"
    CONCURRENT_ONCE_PER_DATE = (
        "concurrent_once_per_date"  # several drugs ran concurrently: one unit that date
    )
    ANOTHER_PUMP_SET_UP = "another_pump_set_up"
    INJECTION = "injection"
    INTRA_ARTERIAL_PUSH = "intra_arterial_push"
    UNLISTED = "unlisted"
    INTRALESIONAL_SESSION = "intralesional_session"
    OWN_TECHNIQUE = "own_technique"  # cavity, spinal fluid or reservoir chemotherapy
    PUMP_START = "pump_start"
    PUMP_REFILL = "pump_refill"
    PORT_FLUSH_ALONE = "port_flush_alone"


class NoteReason(StrEnum):
    """What a note is about, as a stable value: decide by this, never by the words of `text`."""

    INCIDENTAL_FLUID = "incidental_fluid"
    NOT_A_SEPARATE_SITE = "not_a_separate_site"
    SEVERAL_INITIAL_SERVICES = "several_initial_services"
    PORT_FLUSH_WITH_OTHER_SERVICES = "port_flush_with_other_services"
    PORT_FLUSH_ONCE = "port_flush_once"
    NO_PRIMARY_MARKED = "no_primary_marked"
    PRIMARY_BESIDE_THE_CHAIN = "primary_beside_the_chain"
    PRIMARY_NOT_REPORTABLE = "primary_not_reportable"
    CHEMOTHERAPY_OVERRIDES_PRIMARY = "chemotherapy_overrides_primary"
    TIE_BREAK = "tie_break"
    CLOCK_ORDER = "clock_order"  # the initial service is not the one given first
    LABEL_REQUIRED_HYDRATION = "label_required_hydration"
    ADDON_WITHOUT_PRIMARY = "addon_without_primary"
    CROSSED_MIDNIGHT = "crossed_midnight"
    SEVERAL_DATES = "several_dates"
    PUMP_NOT_PROLONGED = "pump_not_prolonged"
    PUMP_OUT_OF_SCOPE = "pump_out_of_scope"
    MEDICARE_OFFICE_PUMP = "medicare_office_pump"
    LESIONS_NOT_DOCUMENTED = "lesions_not_documented"
    INFUSION_TIME_ADDED = "infusion_time_added"
    LONG_PUSH = "long_push"
    NO_STOP_TIME = "no_stop_time"
    SAME_DRUG_ADDED = "same_drug_added"
    SHORT_OVERLAP = "short_overlap"
    HYDRATION_OVERLAP_REMOVED = "hydration_overlap_removed"
    HYDRATION_ADDED = "hydration_added"
    SHORT_HYDRATION = "short_hydration"
    REPEAT_CHEMOTHERAPY_PUSH = "repeat_chemotherapy_push"
    REPEAT_PUSH_IN_OFFICE = "repeat_push_in_office"
    REPEAT_PUSH_TOO_SOON = "repeat_push_too_soon"
    CONCURRENT_CHEMOTHERAPY = "concurrent_chemotherapy"
    CONCURRENT_READING = "concurrent_reading"
    CONCURRENT_ONCE_PER_DATE = "concurrent_once_per_date"
    REPEAT_INJECTION = "repeat_injection"  # the same drug injected again on one date


class Line(BaseModel):
    """One claim line: a code, its units and modifiers, the administrations it reports and why."""

    model_config = ConfigDict(extra="forbid")

    code: str
    units: Annotated[int, Field(ge=1)]
    modifiers: list[str] = Field(default_factory=list)
    administrations: list[str]
    role: Role
    rule: str
    reason: LineReason = Field(
        description="What decided this line, as a stable value (for example `hierarchy`, `tie_break`, "
        "`no_stop_time`, `repeat_push`): read this, never the words of `why`, which may change."
    )
    why: str
    date: str | None = None


class Note(BaseModel):
    """Something a coder should know that is not a line: a service left out, a gap, a reading we chose."""

    model_config = ConfigDict(extra="forbid")

    level: Literal["info", "warning"]
    rule: str
    reason: NoteReason = Field(
        description="What the note is about, as a stable value (for example `clock_order`, `short_overlap`, "
        "`repeat_injection`): read this, never the words of `text`, which may change."
    )
    administrations: list[str] = Field(default_factory=list)
    text: str


class CodingResult(BaseModel):
    """The engine's output: the lines in claim order and the notes. Lines and notes carry a `reason`."""

    model_config = ConfigDict(extra="forbid")

    rules_version: str
    setting: Setting
    lines: list[Line]
    notes: list[Note]

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
