"""The engine's answer shaped for the templates: a coded encounter (codes, notes, picture) and the builder's
workspace around it (one card per administration, the forms, the refusal of the last change if any).

Plain functions from an encounter to dataclasses; no request, no session. The views hand the results to
templates/coding/builder.html and builder_shared.html.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property

from django import forms as django_forms
from django.utils.html import format_html
from django.utils.safestring import SafeString

from coding import edits, whatif
from coding.edits import AdministrationData, EncounterData
from coding.engine import CodingResult, Encounter, EncounterError, Line, Note, code_encounter, parse_encounter
from coding.engine.codes import CODES, chip_label
from coding.forms import NUDGES, AdministrationForm, SaveForm, SettingForm
from coding.gallery import EXAMPLES, Example
from coding.labels import ROLE_LABELS, describe_loc
from coding.markup import code_chip, html, html_join
from coding.models import SavedEncounter
from coding.picture import EMPTY_PICTURE, OTHER_LANE, CodeChip, Picture, Row, timeline_picture
from config.addresses import reversed_once

# Stands for the id in a reversed address: a valid id (every converter takes it) that quoting leaves alone.
ID_MARK = "__id__"


class _UrlPattern:
    """Addresses of one URL name for many ids without a reverse each: a builder of 200 cards would otherwise
    reverse over a thousand times per change."""

    def __init__(self, name: str) -> None:
        self.pattern = reversed_once(name, ID_MARK)

    def __call__(self, value: str) -> str:
        return self.pattern.replace(ID_MARK, value)


@dataclass(frozen=True)
class CodeLine:
    """One claim line in the Codes region, with its code table entry and role in words."""

    line: Line
    short: str
    addon: bool
    role: str
    admins: str  # the administrations it codes, space-separated (the page links line and bars by them)
    rule_url: str

    @property
    def markup_values(self) -> tuple[object, ...]:
        """What LINE_MARKUP shows of the line, in its order."""
        line = self.line
        return (
            self.admins,
            " addon" if self.addon else "",
            line.code,
            html('<span class="modifiers">-{}</span>', "-".join(line.modifiers)) if line.modifiers else "",
            line.units,
            line.role,
            self.role,
            html('<span class="code-date">{}</span>\n', line.date) if line.date else "",
            html('<p class="code-short">{}</p>\n', self.short) if self.short else "",
            line.why,
            self.rule_url,
            line.rule,
        )


LINE_MARKUP = (
    '<li class="code-line" tabindex="0" data-admins="{}">\n<div class="code-line-head">\n'
    '<span class="code-chip{}">{}{}</span>\n<span class="code-units">× {}</span>\n'
    '<span class="badge role role-{}">{}</span>\n{}</div>\n'
    '{}<p class="code-why">{}</p>\n<a class="rule-link" href="{}">Rule {}</a>\n</li>'
)


@dataclass(frozen=True)
class NoteLine:
    """A note of the engine with the address of its rule's page."""

    note: Note
    rule_url: str

    @property
    def markup_values(self) -> tuple[object, ...]:
        """What NOTE_MARKUP shows of the note, in its order."""
        note, warning = self.note, self.note.level == "warning"
        return (
            note.level,
            " ".join(note.administrations),
            "warn" if warning else "",
            "Check" if warning else "Note",
            note.text,
            self.rule_url,
            note.rule,
        )


NOTE_MARKUP = (
    '<li class="code-note note-{}" data-admins="{}">\n<span class="badge {}">{}</span>\n'
    '<span class="note-text">{}</span>\n<a class="rule-link" href="{}">Rule {}</a>\n</li>'
)


@dataclass(frozen=True)
class CodedEncounter:
    """An encounter with the engine's reading and coding of it. An empty timeline has neither; a stored
    timeline the engine refuses has its errors (each `loc` in words) and an empty picture."""

    encounter: EncounterData
    parsed: Encounter | None
    result: CodingResult | None
    coding_errors: list[dict[str, str]]
    lines: list[CodeLine]
    notes: list[NoteLine]
    picture: Picture

    # The Codes region's lines and notes and the summary's chips, drawn here rather than in template loops, which
    # took most of a builder re-code's rendering (templates/coding/includes/codes.html, codes_summary.html).
    @property
    def lines_markup(self) -> SafeString:
        return html_join("\n", LINE_MARKUP, (item.markup_values for item in self.lines))

    @property
    def notes_markup(self) -> SafeString:
        return html_join("\n", NOTE_MARKUP, (item.markup_values for item in self.notes))

    @property
    def chips_markup(self) -> SafeString:
        return SafeString(
            "\n".join(code_chip(item.line.code, item.line.units, item.line.modifiers) for item in self.lines)
        )

    @property
    def status(self) -> str:
        """What the live region reads out after a change: "Codes now: 96365, +96366 times 2." and the like."""
        if self.coding_errors:
            return "This timeline cannot be coded yet."
        if self.result is None:
            return "The timeline is empty."
        codes = [
            chip_label(item.line.code) + (f" times {item.line.units}" if item.line.units > 1 else "")
            for item in self.lines
        ]
        return f"Codes now: {', '.join(codes) or 'nothing reportable'}."


def _code_line(line: Line, rule_url: _UrlPattern) -> CodeLine:
    entry = CODES.get(line.code)
    return CodeLine(
        line=line,
        short=entry.short if entry else "",
        addon=bool(entry and entry.addon),
        role=ROLE_LABELS.get(line.role, line.role),
        admins=" ".join(line.administrations),
        rule_url=rule_url(line.rule),
    )


def coded_encounter(encounter: EncounterData, parsed: Encounter | None = None) -> CodedEncounter:
    """Codes `encounter` once; `parsed` is the engine's reading of it when the caller has it already. Anything
    stored that the engine refuses (not even an object, say) comes back with the engine's errors, in words."""
    if isinstance(encounter, dict) and encounter.get("administrations") == []:
        return CodedEncounter(encounter, None, None, [], [], [], EMPTY_PICTURE)
    try:
        parsed = parse_encounter(parsed or encounter)
        result = code_encounter(parsed)
    except EncounterError as exc:
        errors = [{"loc": describe_loc(error["loc"], encounter), "msg": error["msg"]} for error in exc.errors]
        return CodedEncounter(encounter, None, None, errors, [], [], EMPTY_PICTURE)
    rule_url = _UrlPattern("coding:rule")
    lines = [_code_line(line, rule_url) for line in result.lines]
    notes = [NoteLine(note, rule_url(note.rule)) for note in result.notes]
    return CodedEncounter(encounter, parsed, result, [], lines, notes, timeline_picture(parsed, result))


@dataclass(frozen=True)
class Nudge:
    """One stop-time button of a card; a move the server would refuse comes with the reason instead."""

    minutes: int
    key: str  # "m5", "p1": the button's id
    label: str  # "−5"
    words: str  # "5 minutes earlier"
    refusal: str


@dataclass(frozen=True)
class CardUrls:
    """Where a card's buttons go: `edit_link` opens its edit form in place, `edit` takes the form's answer."""

    edit_link: str
    edit: str
    nudge: str
    duplicate: str
    delete: str


@dataclass(frozen=True)
class CardHint:
    hint: whatif.Hint
    rule_url: str


@dataclass(frozen=True)
class Card:
    """One administration's card in the builder: its row of the picture, nudges, hint, and edit form."""

    administration: AdministrationData
    row: Row
    urls: CardUrls
    nudges: list[Nudge]
    hint: CardHint | None
    edit_form: AdministrationForm | None
    error: str

    @cached_property
    def fingerprint(self) -> str:
        """What the card shows (not its forms) in 16 hex digits: see card_keys. Its nudges are left out: they
        follow from the administration."""
        shown = (self.administration, self.row, self.hint)
        return hashlib.blake2b(repr(shown).encode(), digest_size=8).hexdigest()

    @property
    def shared_codes(self) -> list[CodeChip]:
        return [code for code in self.row["codes"] if code["shared_with"]]

    # The card's head and its form's controls, drawn here rather than in builder.html: a template card took most
    # of a builder change's rendering (about 80 variables each, 20 cards on a whole workspace).
    @property
    def head_markup(self) -> SafeString:
        """The shape, name and codes, the facts line, and a sentence per claim line shared with others."""
        row, substance = self.row, self.administration["substance"]
        codes = html_join(
            "",
            '<span class="mono{}">{}{}</span>',
            (
                (
                    " is-shared" if code["shared_with"] else "",
                    code["chip"],
                    SHARED_MARK if code["shared_with"] else "",
                )
                for code in row["codes"]
            ),
        ) or SafeString('<span class="muted">not coded</span>')
        length = html(" · <strong>{} min</strong>", row["minutes"]) if self.administration.get("stop") else ""
        flags = html(" · {}", row["flags"]) if row["flags"] else ""
        shared = html_join(
            "\n",
            SHARED_MARKUP,
            ((code["chip"], code["shared_with"], code["chip"]) for code in self.shared_codes),
        )
        return html(HEAD_MARKUP, row["kind"], substance, codes, self.meta, length, flags, shared)

    @property
    def controls_markup(self) -> SafeString:
        """The stop-time buttons (a refused move keeps its place, with its reason), the refusal of the last change,
        the what-if hint, and Edit, Duplicate and Delete."""
        row, card_id, substance = self.row, self.administration["id"], self.administration["substance"]
        buttons = SafeString(
            "".join(
                html(
                    NUDGE_MARKUP,
                    html(REFUSED_NUDGE, nudge.refusal)
                    if nudge.refusal
                    else html(NUDGE_SUBMIT, nudge.minutes),
                    card_id,
                    nudge.key,
                    nudge.words,
                    substance,
                    nudge.label,
                )
                for nudge in self.nudges
            )
        )
        parts = [html(NUDGES_MARKUP, substance, row["stop"], buttons) if self.nudges else ""]
        if self.error:
            parts.append(html('<p class="errorlist nudge-error" role="alert">{}</p>', self.error))
        if self.hint:
            parts.append(
                html(
                    HINT_MARKUP, row["minutes"], self.hint.hint.text, self.hint.rule_url, self.hint.hint.rule
                )
            )
        urls, start = self.urls, row["start"]
        parts.append(
            html(
                ACTIONS_MARKUP,
                *(urls.edit_link, card_id, urls.edit_link, card_id, substance, start),
                *(urls.duplicate, card_id, substance, start, urls.delete, card_id, substance, start),
            )
        )
        return SafeString("\n".join(parts))

    @property
    def meta(self) -> str:
        """The card's facts line: route, access, times and length, flags ("IV infusion · access A · 09:00–…")."""
        row = self.row
        parts = [row["route"]]
        if row["access"] != "—":
            parts.append(f"access {row['access']}")
        if self.administration.get("stop"):
            parts.append(f"{row['start']}–{row['stop']}")
        else:
            parts += [row["start"], "no stop time"]
        return " · ".join(parts)


HEAD_MARKUP = (
    '<div class="admin-head">\n<span class="tl-shape tl-shape-{}" aria-hidden="true"></span>\n'
    '<h3 class="admin-name">{}</h3>\n<span class="admin-codes">{}</span>\n</div>\n'
    '<p class="admin-meta">{}{}{}</p>\n{}'
)
SHARED_MARK = SafeString('<span class="shared-mark"> shared</span>')
SHARED_MARKUP = '<p class="admin-shared"><span class="mono">{}</span> is one claim line for this and {} together, not {} each.</p>'
NUDGES_MARKUP = (
    '<div class="nudge" role="group" aria-label="Move the stop time of {}">\n'
    '<span class="nudge-label" aria-hidden="true">Stop {}</span>\n{}\n</div>'
)
NUDGE_MARKUP = (
    '<button {} class="btn btn-small nudge-btn" id="nudge-{}-{}" aria-label="Stop {} for {}">{}</button>'
)
REFUSED_NUDGE = 'type="button" aria-disabled="true" title="{}"'
NUDGE_SUBMIT = 'type="submit" name="minutes" value="{}"'
HINT_MARKUP = (
    '<p class="hint"><span class="hint-icon" aria-hidden="true">⟳</span> <span>Runs {} minutes: {}.</span> '
    '<a href="{}">Rule {}</a></p>'
)
ACTIONS_MARKUP = (
    '<div class="admin-actions">\n'
    '<a class="btn btn-small btn-ghost" href="{}#admin-{}" hx-get="{}" id="edit-{}" aria-label="Edit {} at {}">Edit</a>\n'
    '<button type="submit" formaction="{}" class="btn btn-small btn-ghost" id="duplicate-{}"'
    ' aria-label="Duplicate {} at {}">Duplicate</button>\n'
    '<button type="submit" formaction="{}" class="btn btn-small btn-ghost btn-danger" id="delete-{}"'
    ' aria-label="Delete {} at {}">Delete</button>\n</div>'
)


@dataclass(frozen=True)
class AccessToggle:
    """An IV access past the default "A", which may be marked a medically necessary separate site."""

    id: str
    necessary: bool


TIMELINE = "timeline"  # a refusal about the whole timeline, shown above it


@dataclass(frozen=True)
class Refusal:
    """A change the builder refused, shown beside what was asked: "setting", "access", an administration id, or
    TIMELINE."""

    where: str
    message: str


@dataclass
class BuilderForms:
    """The forms the workspace shows again with their errors; the others are drawn fresh."""

    add: AdministrationForm | None = None
    editing: str | None = None
    edit: AdministrationForm | None = None
    save: SaveForm | None = None
    # A moved stop time, the setting or an access leave the add form as it was: an htmx answer lets the page keep
    # its own (and what is typed in it) instead of drawing it again.
    keep_add_form: bool = False

    def invalid(self) -> list[django_forms.Form]:
        return [form for form in (self.add, self.edit, self.save) if form is not None]


@dataclass(frozen=True)
class Workspace:
    """Everything the builder's workspace fragment draws."""

    coded: CodedEncounter
    cards: list[Card]
    accesses: list[AccessToggle]
    forms: BuilderForms
    refusal: Refusal | None
    undo: EncounterData | None
    examples: list[GalleryItem] = field(default_factory=list)
    keep_add_form: bool = False  # an htmx answer to a change that leaves the add form as it is
    version: int = 0  # the stored timeline's version, posted back by every form that changes it
    # The page shows something the next change takes away (a refusal, an invalid form, an open edit form, the
    # undo bar): its next htmx change asks for the whole workspace instead of only what changed.
    redraw_next: bool = False

    # The forms are built when a template draws them: an answer in place draws none, and one that keeps the
    # page's add form does not build it.
    @cached_property
    def add_form(self) -> AdministrationForm:
        return self.forms.add or AdministrationForm(encounter=self.encounter, prefix="add")

    @cached_property
    def setting_form(self) -> SettingForm:
        return SettingForm(initial={"setting": self.encounter["setting"]}, encounter=self.encounter)

    @cached_property
    def save_form(self) -> SaveForm:
        return self.forms.save or SaveForm()

    @property
    def version_field(self) -> str:
        return format_html('<input type="hidden" name="version" value="{}">', self.version)

    @property
    def timeline_error(self) -> str:
        return self.refusal.message if self.refusal and self.refusal.where == TIMELINE else ""

    @property
    def encounter(self) -> EncounterData:
        return self.coded.encounter

    @property
    def setting_error(self) -> str:
        return self.refusal.message if self.refusal and self.refusal.where == "setting" else ""

    @property
    def access_error(self) -> str:
        return self.refusal.message if self.refusal and self.refusal.where == "access" else ""


def _nudge_text(minutes: int) -> tuple[str, str, str]:
    """A stop-time button's id, label and words: ("p5", "+5", "5 minutes later")."""
    steps = abs(minutes)
    later = minutes > 0
    return (
        f"{'p' if later else 'm'}{steps}",
        f"{'+' if later else '−'}{steps}",
        f"{steps} minute{'s' if steps > 1 else ''} {'later' if later else 'earlier'}",
    )


NUDGE_TEXT = {minutes: _nudge_text(minutes) for minutes in NUDGES}


def nudges(administration: AdministrationData) -> list[Nudge]:
    """The stop-time buttons of one card (none without a stop time)."""
    if not administration.get("stop"):
        return []
    refusals = edits.nudge_refusals(administration, NUDGES)
    return [Nudge(minutes, *NUDGE_TEXT[minutes], refusal=refusals[minutes]) for minutes in NUDGES]


class _CardUrlMaker:
    """Each card's addresses, from one reverse per kind of address."""

    def __init__(self) -> None:
        self.patterns = {
            name: _UrlPattern(f"coding:{name}") for name in ("edit", "nudge", "duplicate", "delete")
        }

    def for_card(self, administration_id: str) -> CardUrls:
        urls = {name: pattern(administration_id) for name, pattern in self.patterns.items()}
        return CardUrls(edit_link=f"?edit={administration_id}", **urls)


def _cards(coded: CodedEncounter, forms: BuilderForms, refusal: Refusal | None) -> list[Card]:
    hints = whatif.hints(coded.parsed, coded.result) if coded.parsed and coded.result else {}
    rows = {row["id"]: row for row in coded.picture["rows"]}
    urls = _CardUrlMaker()
    rule_url = _UrlPattern("coding:rule")
    cards = []
    for administration in coded.encounter["administrations"]:
        card_id = administration["id"]
        edit_form = None
        if card_id == forms.editing:
            edit_form = forms.edit or AdministrationForm(
                initial=AdministrationForm.initial_for(administration),
                encounter=coded.encounter,
                editing=card_id,
                prefix=f"edit-{card_id}",
            )
        cards.append(
            Card(
                administration=administration,
                row=rows[card_id],
                urls=urls.for_card(card_id),
                nudges=nudges(administration),
                hint=CardHint(hints[card_id], rule_url(hints[card_id].rule)) if card_id in hints else None,
                edit_form=edit_form,
                error=refusal.message if refusal and refusal.where == card_id else "",
            )
        )
    return cards


def _access_toggles(coded: CodedEncounter) -> list[AccessToggle]:
    necessary = {a["id"]: a["separate_site_necessary"] for a in coded.encounter.get("accesses", [])}
    lanes = coded.picture.get("lanes", [])
    return [
        AccessToggle(lane["key"], necessary.get(lane["key"], False))
        for lane in lanes
        if lane["key"] not in {"A", OTHER_LANE}
    ]


def workspace(
    coded: CodedEncounter,
    forms: BuilderForms,
    refusal: Refusal | None,
    undo: EncounterData | None,
    version: int = 0,
) -> Workspace:
    """The builder's workspace for a coded encounter, with the forms shown again and the last refusal."""
    encounter = coded.encounter
    return Workspace(
        coded=coded,
        cards=_cards(coded, forms, refusal) if coded.result else [],
        accesses=_access_toggles(coded),
        forms=forms,
        refusal=refusal,
        undo=undo,
        examples=[] if encounter["administrations"] else gallery(pictures=False),
        keep_add_form=forms.keep_add_form and forms.add is None,
        version=version,
        redraw_next=bool(refusal or forms.invalid() or forms.editing or undo),
    )


CardKeys = list[
    tuple[str, str]
]  # each card's administration id and the fingerprint of what it shows, in order


def card_keys(cards: Iterable[Card]) -> CardKeys:
    """A short fingerprint of what each card shows (its administration, whose nudges follow from it, its row and
    hint; not its forms), small enough to keep in the session and tell on the next change which cards differ."""
    return [(card.administration["id"], card.fingerprint) for card in cards]


def drawn_card_keys(before: CodedEncounter) -> CardKeys:
    """The fingerprints of the cards drawn for `before`, worked out again (codes, picture and hints)."""
    return card_keys(_cards(before, BuilderForms(), None)) if before.result else []


def changed_part(drawn: CardKeys, after: Workspace) -> Workspace | None:
    """`after` with only the cards that differ from the ones `drawn` on the page (their `card_keys`), or None
    when a card came or went or moved: then the whole workspace is drawn again."""
    if not (drawn and after.coded.result):
        return None
    now = card_keys(after.cards)
    if [card_id for card_id, _ in drawn] != [card_id for card_id, _ in now]:
        return None
    return replace(
        after, cards=[card for old, new, card in zip(drawn, now, after.cards, strict=True) if old != new]
    )


@dataclass(frozen=True)
class GalleryItem:
    """An example in the gallery, with its thumbnail when the gallery shows them."""

    example: Example
    picture: Picture | None = None


def gallery(*, pictures: bool) -> list[GalleryItem]:
    return [GalleryItem(e, timeline_picture(e.encounter, None) if pictures else None) for e in EXAMPLES]


@dataclass(frozen=True)
class SavedEntry:
    """A saved encounter in My encounters: its thumbnail, or why the engine no longer reads it."""

    item: SavedEncounter
    picture: Picture
    error: str


def saved_entries(items: Iterable[SavedEncounter]) -> list[SavedEntry]:
    entries = []
    for item in items:
        try:
            parsed = parse_encounter(item.encounter)
        except EncounterError as exc:
            first = exc.errors[0]
            error = f"{describe_loc(first['loc'], item.encounter)}: {first['msg']}"
            entries.append(SavedEntry(item, EMPTY_PICTURE, error))
        else:
            entries.append(SavedEntry(item, timeline_picture(parsed, None), ""))
    return entries
