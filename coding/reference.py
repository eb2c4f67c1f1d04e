"""Reference pages a trainee reads: the code table (/codes/) and the rulebook (/rules/, /rules/<id>/).

Every `why` the engine writes names a rule; these pages are where that name leads. Nothing here touches
the database: the content is the engine's own data (coding.engine.codes, coding.engine.rulebook).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

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
from config.http import HtmxHttpRequest

# How the reading strings of the rulebook begin, and the tag each kind gets on the page.
_READING_KINDS = (
    (re.compile(r"^(C\d+): "), "conflict", "Conflict {}"),
    (re.compile(r"^Trap to unlearn: "), "trap", "Trap to unlearn"),
)

# Text split into (words, rule id or "") pieces, so that a mention of another rule becomes a link to it.
Linked = list[tuple[str, str]]
_RULE_MENTION = re.compile(r"\bR-[A-L]\d+b?\b")


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


@require_GET
def rule_index(request: HtmxHttpRequest) -> HttpResponse:
    by_family = {letter: [] for letter in FAMILIES}
    for rule in RULES.values():
        by_family[rule.family].append(rule)
    families = [(letter, FAMILIES[letter], rules) for letter, rules in by_family.items()]
    return render(
        request,
        "coding/rules.html",
        {"families": families, "rule_count": len(RULES)},
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
    return SourceLink(source_id, source.title, source.url, host.removeprefix("www."), source.also)
