"""Reference pages a trainee reads: the code table (/codes/), the rulebook (/rules/, /rules/<id>/, searchable
with ?q=) and sequential beside concurrent (/rules/sequential-or-concurrent/).

Every `why` the engine writes names a rule; these pages are where that name leads. Nothing here touches
the database: the content is the engine's own data (coding.engine.codes, coding.engine.rulebook) and the
builder's gallery (coding.gallery).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from coding.engine import Line, code_encounter
from coding.engine.codes import CODES, Code
from coding.engine.rulebook import (
    FAMILIES,
    RELATED_CODES,
    RULES,
    SOURCES,
    Rule,
    Source,
    get_rule,
    rules_mentioning,
)
from coding.gallery import BY_SLUG, EXAMPLES, Example
from coding.picture import Picture, timeline_picture
from config.http import HtmxHttpRequest, render_page

# How the reading strings of the rulebook begin, and the tag each kind gets on the page.
_READING_KINDS = (
    (re.compile(r"^(C\d+): "), "conflict", "Conflict {}"),
    (re.compile(r"^Trap to unlearn: "), "trap", "Trap to unlearn"),
)

# Text split into (words, rule id or "") pieces, so that a mention of another rule becomes a link to it.
Linked = list[tuple[str, str]]
_RULE_MENTION = re.compile(r"\bR-[A-L]\d+b?\b")

# A search is cut to this many characters: enough for any id, code or phrase a trainee types.
QUERY_LENGTH = 100

# What an empty search offers to try instead: a word, a code number, a rule id.
SEARCH_SUGGESTIONS = ("push", "hydration", "96368", "R-E4", "midnight")

# The definitions (family B) and the counting rules (family E) that apply them, so each page links the other.
COUNTING_RULES_BY_DEFINITION: dict[str, tuple[str, ...]] = {
    "R-B1": ("R-E2", "R-E3"),
    "R-B3": ("R-E5",),
    "R-B4": ("R-E1", "R-E2", "R-E3"),
    "R-B5": ("R-E4", "R-E5", "R-E6", "R-E7"),
    "R-B6": ("R-E6",),
}
DEFINITIONS_BY_COUNTING_RULE: dict[str, tuple[str, ...]] = {
    counting: tuple(
        definition for definition, uses in COUNTING_RULES_BY_DEFINITION.items() if counting in uses
    )
    for counting in sorted({rule for uses in COUNTING_RULES_BY_DEFINITION.values() for rule in uses})
}

# The two gallery examples the sequential-or-concurrent page sets side by side, and the rules that link to it.
SEQUENTIAL_EXAMPLE = "sequential-infusion"
CONCURRENT_EXAMPLE = "concurrent-infusion"
# (kind, gallery slug, the difference in one sentence), in the order the page sets them.
_SIDE_BY_SIDE = (
    ("sequential", SEQUENTIAL_EXAMPLE, "One bag after the other on the same line: the new drug is +96367."),
    ("concurrent", CONCURRENT_EXAMPLE, "Two bags at once on the same line: the new drug is +96368."),
)
# The quiz the start path ends with (quizzes.starter.READER_QUIZ; a test checks the two agree).
READER_QUIZ_SLUG = "reader-question-sequential-or-concurrent"
SIDE_BY_SIDE_RULES = frozenset({"R-B4", "R-B5", *(rule for rule in RULES if rule.startswith("R-E"))})


@dataclass(frozen=True)
class Standing:
    """How much weight a kind of source carries; sources are listed by rank, strongest (1) first."""

    rank: int
    label: str


QUOTES_CPT = Standing(1, "Quotes CPT")
MEDICARE = Standing(2, "CMS or a Medicare contractor")
CODING_BODY = Standing(3, "AAPC or AHIMA")
OTHER_SOURCE = Standing(4, "Other secondary source")

# Judged from each source's publisher and title: a page that reproduces CPT's text or CPT Assistant first,
# then CMS, its contractors and its manuals, then AAPC and AHIMA publications (not their forums), then the rest.
_STANDING_OF_SOURCE: dict[str, Standing] = {
    **dict.fromkeys(("S17", "S19", "S30", "S35", "S35b", "S36", "S37", "S39"), QUOTES_CPT),
    **dict.fromkeys(
        (
            "S1",
            "S2",
            "S3",
            "S4",
            "S5",
            "S6",
            "S7",
            "S8",
            "S9",
            "S32",
            "S33",
            "S42",
            "S50",
            "S59",
            "S63",
            "S70",
        ),
        MEDICARE,
    ),
    **dict.fromkeys(
        ("S13", "S14", "S18", "S34", "S38", "S40", "S46", "S55", "S57", "S58", "S64", "S71"), CODING_BODY
    ),
}


def standing(source_id: str) -> Standing:
    return _STANDING_OF_SOURCE.get(source_id, OTHER_SOURCE)


@dataclass(frozen=True)
class CodeRow:
    code: Code
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Reading:
    kind: str
    tag: str
    text: Linked


@dataclass(frozen=True)
class SourceLink:
    id: str
    title: str
    url: str
    host: str
    also: tuple[tuple[str, str], ...]
    standing: Standing


@dataclass(frozen=True)
class RuleFamily:
    letter: str
    title: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class SearchResult:
    """What /rules/?q= shows: every rule (by family) and code the query's words all appear in."""

    query: str
    families: tuple[RuleFamily, ...]
    codes: tuple[Code, ...]

    @property
    def rule_count(self) -> int:
        return sum(len(family.rules) for family in self.families)

    @property
    def empty(self) -> bool:
        return not self.families and not self.codes


@dataclass(frozen=True)
class CodedExample:
    """A gallery example with the lines the engine gives it and its timeline drawn with those codes."""

    example: Example
    picture: Picture
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class SideBySide:
    kind: str
    in_short: str
    coded: CodedExample


@dataclass(frozen=True)
class StartPath:
    """A beginner's first steps: sequential beside concurrent, one of them nudged in the builder, the quiz."""

    cases: tuple[SideBySide, ...]
    nudge: Example
    nudge_substance: str
    reader_quiz_url: str


@require_GET
def code_table(request: HtmxHttpRequest) -> HttpResponse:
    rows = [CodeRow(code, rules_mentioning(code.code)) for code in CODES.values()]
    families = [(family, list(members)) for family, members in groupby(rows, key=lambda row: row.code.family)]
    return render(
        request,
        "coding/codes.html",
        {
            "families": families,
            "code_count": len(rows),
            "addon_count": sum(row.code.addon for row in rows),
            "related_codes": RELATED_CODES,
        },
    )


def _folded(*texts: str) -> str:
    return " ".join(texts).casefold()


_RULE_TEXT = {
    rule.id: _folded(rule.id, rule.title, rule.summary, *rule.readings, *rule.codes)
    for rule in RULES.values()
}
_CODE_TEXT = {code.code: _folded(code.code, code.short) for code in CODES.values()}


def search_reference(query: str) -> SearchResult:
    """Rules and codes whose text holds every word of the query (case aside; "+96368" finds 96368).

    A rule is searched by id, title, summary, readings and codes; a code by number and our description.
    An empty query lists every rule and no code (the code table has its own page)."""
    words = [word.lstrip("+") for word in query.casefold().split()]
    words = [word for word in words if word]

    def found(text: str) -> bool:
        return all(word in text for word in words)

    families = tuple(
        RuleFamily(letter, title, rules)
        for letter, title in FAMILIES.items()
        if (
            rules := tuple(
                rule for rule in RULES.values() if rule.family == letter and found(_RULE_TEXT[rule.id])
            )
        )
    )
    codes = tuple(code for code in CODES.values() if found(_CODE_TEXT[code.code])) if words else ()
    return SearchResult(query, families, codes)


@require_GET
def rule_index(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    # A restored history entry needs the whole page, though htmx asks for it.
    partial = None if request.htmx.history_restore_request else "rule-results"
    context = {
        "search": search_reference(query),
        "rule_count": len(RULES),
        "fragment": bool(partial and request.htmx),
        "suggestions": SEARCH_SUGGESTIONS,
    }
    response = render_page(request, "coding/rules.html", context, partial=partial)
    # The same address answers a page or a fragment: a cache must tell them apart.
    patch_vary_headers(response, ("HX-Request",))
    return response


def coded_example(slug: str, label: str) -> CodedExample:
    example = BY_SLUG[slug]
    result = code_encounter(example.encounter)
    return CodedExample(
        example, timeline_picture(example.encounter, result, label=label), tuple(result.lines)
    )


def start_path() -> StartPath:
    """Sequential beside concurrent, each coded and drawn; the example to nudge; the reader-question quiz."""
    cases = tuple(
        SideBySide(kind, in_short, coded_example(slug, f"Timeline of the {kind} example"))
        for kind, slug, in_short in _SIDE_BY_SIDE
    )
    nudge = BY_SLUG[SEQUENTIAL_EXAMPLE]
    return StartPath(
        cases=cases,
        nudge=nudge,
        nudge_substance=nudge.encounter["administrations"][0]["substance"],
        reader_quiz_url=reverse("quizzes:quiz", args=[READER_QUIZ_SLUG]),
    )


@require_GET
def sequential_or_concurrent(request: HtmxHttpRequest) -> HttpResponse:
    return render(
        request,
        "coding/sequential_or_concurrent.html",
        {
            "start": start_path(),
            "definitions": [RULES["R-B4"], RULES["R-B5"]],
            "counting_rules": [rule for rule in RULES.values() if rule.family == "E"],
        },
    )


@require_GET
def rule_detail(request: HtmxHttpRequest, rule_id: str) -> HttpResponse:
    rule = get_rule(rule_id)
    if rule is None:
        raise Http404(f"There is no rule {rule_id}.")
    if rule.id != rule_id:
        return redirect("coding:rule", rule.id, permanent=True)
    order = list(RULES)
    position = order.index(rule.id)
    return render(
        request,
        "coding/rule.html",
        {
            "rule": rule,
            "summary": _linked(rule.summary),
            "family": FAMILIES[rule.family],
            "readings": [_reading(text) for text in rule.readings],
            "codes": [CODES[code] for code in rule.codes],
            "sources": [_source_link(source_id, SOURCES[source_id]) for source_id in rule.sources],
            "examples": [example for example in EXAMPLES if example.rule == rule.id],
            "counting_rules": [RULES[rule_id] for rule_id in COUNTING_RULES_BY_DEFINITION.get(rule.id, ())],
            "definitions": [RULES[rule_id] for rule_id in DEFINITIONS_BY_COUNTING_RULE.get(rule.id, ())],
            "compares": rule.id in SIDE_BY_SIDE_RULES,
            "previous": RULES[order[position - 1]] if position > 0 else None,
            "next": RULES[order[position + 1]] if position + 1 < len(order) else None,
        },
    )


def _reading(text: str) -> Reading:
    """Tag a reading as a conflict (C1–C15), a trap to unlearn, or the engine's own reading."""
    for pattern, kind, tag in _READING_KINDS:
        match = pattern.match(text)
        if match:
            return Reading(kind, tag.format(*match.groups()), _linked(_sentence(text[match.end() :])))
    return Reading("engine", "Our engine", _linked(_sentence(text.removeprefix("Our engine: "))))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _linked(text: str) -> Linked:
    pieces: Linked = []
    position = 0
    for mention in _RULE_MENTION.finditer(text):
        if mention.group() in RULES:
            pieces += [(text[position : mention.start()], ""), (mention.group(), mention.group())]
            position = mention.end()
    return [*pieces, (text[position:], "")]


def _source_link(source_id: str, source: Source) -> SourceLink:
    host = urlsplit(source.url).hostname or source.url
    return SourceLink(
        source_id, source.title, source.url, host.removeprefix("www."), source.also, standing(source_id)
    )
