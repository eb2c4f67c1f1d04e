"""The timeline builder: thin views over the session store, the edits, the forms and the presenter.

Each change re-codes through the engine once; htmx requests get the `workspace` fragment back, everything else a
redirect (after a change) or the whole page (after an error), so it works without JS. A refused change or an
invalid form answers 422, to htmx too (base.html has htmx swap it).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coding import edits, session
from coding.category_hints import category_hints
from coding.edits import EncounterData
from coding.forms import AccessForm, AdministrationForm, ImportForm, NudgeForm, SaveForm, SettingForm
from coding.gallery import BY_SLUG
from coding.models import SavedEncounter
from coding.presenter import (
    TIMELINE,
    BuilderForms,
    CardKeys,
    CodedEncounter,
    Refusal,
    card_keys,
    changed_part,
    coded_encounter,
    drawn_card_keys,
    gallery,
    saved_entries,
    workspace,
)
from config.http import INVALID_FORM_STATUS, HtmxHttpRequest, form_status, redirect_to, render_page

BUILDER_TEMPLATE = "coding/builder.html"


def _builder_url(anchor: str = "") -> str:
    return reverse("coding:builder") + (f"#{anchor}" if anchor else "")


def _render_builder(
    request: HtmxHttpRequest,
    checked: edits.Checked,
    forms: BuilderForms | None = None,
    refusal: Refusal | None = None,
) -> HttpResponse:
    """The builder page, or its workspace fragment for htmx; 422 when a form or a change was refused."""
    forms = forms or BuilderForms()
    coded = coded_encounter(checked.data, checked.parsed)
    page = workspace(coded, forms, refusal, session.load_undo(request), session.version(request))
    status = INVALID_FORM_STATUS if refusal else form_status(*forms.invalid())
    context = _context(request, page, coded)
    return render_page(request, BUILDER_TEMPLATE, context, partial="workspace", status=status)


def _changed(
    request: HtmxHttpRequest,
    checked: edits.Checked,
    anchor: str = "",
    undo: EncounterData | None = None,
    *,
    keep_add_form: bool = False,
) -> HttpResponse:
    """Keeps the changed timeline; htmx gets the new workspace, a plain form post a redirect to `anchor`.
    `keep_add_form` for a change that leaves the add form as it was (htmx then keeps the page's own)."""
    session.save(request, checked.data, undo=undo)
    if request.htmx:
        return _render_builder(request, checked, BuilderForms(keep_add_form=keep_add_form))
    return redirect(_builder_url(anchor))


def _answer_changes_only(request: HtmxHttpRequest) -> bool:
    """An htmx change from a page drawn at the stored version that shows nothing the change takes away (see
    Workspace.redraw_next): the answer can be only what changed. refuse_stale has already turned away an older
    version; a post without one (an old page) gets the whole workspace."""
    return bool(request.htmx) and "version" in request.POST and "redraw" not in request.POST


def _context(request: HtmxHttpRequest, page: object, coded: CodedEncounter) -> dict[str, object]:
    """What builder.html draws: the workspace (or the part that changed), the category hints by the add form and
    the question or case whose timeline this is, if any."""
    hints = category_hints(coded.parsed, coded.result)
    return {
        "page": page,
        "category_hints": hints,
        "working_on": session.working_on(request),
        "building_case": session.building_case(request),
    }


# {"drawn_for": _drawn_for(), "cards": card_keys(...)} of the last in-place answer
DRAWN_CARDS_KEY = "builder_drawn_cards"


def _drawn_for(request: HtmxHttpRequest) -> list[object]:
    """What the page's cards were drawn for: the builder's slot (each slot counts its own versions) and version."""
    return [session.current_slot(request), session.version(request)]


def _drawn_cards(request: HtmxHttpRequest, before: edits.Checked) -> CardKeys:
    """The fingerprints of the cards the page shows: kept by the last in-place answer when it drew this version,
    else worked out again from `before` (the first change after a whole page)."""
    kept = request.session.get(DRAWN_CARDS_KEY)
    if isinstance(kept, dict) and kept.get("drawn_for") == _drawn_for(request):
        return [(card_id, key) for card_id, key in kept["cards"]]
    return drawn_card_keys(coded_encounter(before.data, before.parsed))


def _changed_in_place(request: HtmxHttpRequest, before: edits.Checked, after: edits.Checked) -> HttpResponse:
    """Keeps `after` and answers htmx with out-of-band swaps of what changed since `before` (the page's timeline):
    the status, the picture, the codes, the cards that differ and every form's version; the rest of the page
    stays. A change that adds, removes or reorders cards gets the whole workspace."""
    drawn = _drawn_cards(request, before)
    session.save(request, after.data)
    forms = BuilderForms(keep_add_form=True)
    coded = coded_encounter(after.data, after.parsed)
    page = workspace(coded, forms, None, None, session.version(request))
    request.session[DRAWN_CARDS_KEY] = {"drawn_for": _drawn_for(request), "cards": card_keys(page.cards)}
    part = changed_part(drawn, page)
    if part is None:
        return render_page(request, BUILDER_TEMPLATE, _context(request, page, coded), partial="workspace")
    response = render_page(request, BUILDER_TEMPLATE, _context(request, part, coded), partial="changes")
    response["HX-Reswap"] = "none"  # only the out-of-band parts are swapped; #workspace stays
    return response


def _refused(request: HtmxHttpRequest, checked: edits.Checked, where: str, message: str) -> HttpResponse:
    """The timeline as it was, with `message` beside what was asked; the add form is untouched (htmx keeps it)."""
    forms = BuilderForms(keep_add_form=bool(request.htmx))
    return _render_builder(request, checked, forms, refusal=Refusal(where, message))


STALE = (
    "This timeline was changed in another tab or window since this page was drawn, so nothing was changed here. "
    "This is the timeline as it is now."
)


def refuse_stale(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a view that changes the timeline: a post carrying an older `version` than the stored timeline's (two
    tabs on one timeline) is refused with a message and the current timeline, instead of undoing the other
    tab's work. A post without a version (an old page) is taken as it comes."""

    @wraps(view)
    def checked_view(request: HtmxHttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        posted = request.POST.get("version")
        if posted is not None and posted != str(session.version(request)):
            return _refused(request, session.load_checked(request), TIMELINE, STALE)
        return view(request, *args, **kwargs)

    return checked_view


def _with_administration(request: HtmxHttpRequest, administration_id: str) -> edits.Checked:
    """The timeline in progress, which must hold `administration_id` (404 otherwise)."""
    checked = session.load_checked(request)
    if edits.index_of(checked.data, administration_id) is None:
        raise Http404("No such administration on this timeline.")
    return checked


def _own_saved(request: HtmxHttpRequest, pk: int) -> SavedEncounter:
    """The signed-in trainee's saved encounter `pk`; 404 for anyone else's, as for one that does not exist."""
    saved: SavedEncounter = get_object_or_404(SavedEncounter.objects.owned_by(request.user), pk=pk)
    return saved


@require_GET
def builder(request: HtmxHttpRequest) -> HttpResponse:
    editing = request.GET.get("edit")
    checked = _with_administration(request, editing) if editing is not None else session.load_checked(request)
    return _render_builder(request, checked, BuilderForms(editing=editing))


@require_POST
@refuse_stale
def add_administration(request: HtmxHttpRequest) -> HttpResponse:
    checked = session.load_checked(request)
    form = AdministrationForm(request.POST, encounter=checked.data, prefix="add")
    if not form.is_valid() or form.checked is None:
        return _render_builder(request, checked, BuilderForms(add=form))
    return _changed(request, form.checked, anchor="codes")


@require_POST
@refuse_stale
def edit_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    checked = _with_administration(request, administration_id)
    form = AdministrationForm(
        request.POST, encounter=checked.data, editing=administration_id, prefix=f"edit-{administration_id}"
    )
    if not form.is_valid() or form.checked is None:
        return _render_builder(request, checked, BuilderForms(editing=administration_id, edit=form))
    return _changed(request, form.checked, anchor=f"admin-{administration_id}")


@require_POST
@refuse_stale
def duplicate_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    checked = _with_administration(request, administration_id)
    try:
        duplicated = edits.duplicate(checked.data, administration_id)
    except edits.Refused as refused:
        return _refused(request, checked, administration_id, str(refused))
    return _changed(request, duplicated, anchor=f"admin-{administration_id}")


@require_POST
@refuse_stale
def delete_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    checked = _with_administration(request, administration_id)
    encounter = checked.data
    deleted = next(a for a in encounter["administrations"] if a["id"] == administration_id)
    undo = {"substance": deleted["substance"], "id": administration_id, "encounter": encounter}
    return _changed(request, edits.delete(encounter, administration_id), anchor="undo", undo=undo)


@require_POST
@refuse_stale
def undo_delete(request: HtmxHttpRequest) -> HttpResponse:
    undo = session.load_undo(request)
    try:
        checked = edits.check(undo["encounter"]) if undo else None
    except edits.Refused:
        checked = None
    if checked is None or undo is None:
        # A second press, or a page left open across another change: say so on a fresh page.
        messages.info(
            request, "Nothing to undo: only the last delete can be undone, before any other change."
        )
        return redirect_to(request, _builder_url())
    return _changed(request, checked, anchor=f"admin-{undo['id']}")


@require_POST
@refuse_stale
def nudge_stop(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    checked = _with_administration(request, administration_id)
    form = NudgeForm(request.POST)
    if not form.is_valid():
        return _refused(request, checked, administration_id, edits.ONLY_STOP_TIMES_MOVE)
    try:
        moved = edits.move_stop(checked.data, administration_id, form.cleaned_data["minutes"])
    except edits.Refused as refused:
        return _refused(request, checked, administration_id, str(refused))
    if _answer_changes_only(request):
        return _changed_in_place(request, checked, moved)
    return _changed(request, moved, anchor=f"admin-{administration_id}", keep_add_form=True)


@require_POST
@refuse_stale
def change_setting(request: HtmxHttpRequest) -> HttpResponse:
    checked = session.load_checked(request)
    form = SettingForm(request.POST, encounter=checked.data)
    if not form.is_valid() or form.checked is None:
        return _refused(request, checked, "setting", form.error_text())
    return _changed(request, form.checked, anchor="codes", keep_add_form=True)


@require_POST
@refuse_stale
def change_access(request: HtmxHttpRequest) -> HttpResponse:
    checked = session.load_checked(request)
    form = AccessForm(request.POST, encounter=checked.data)
    if not form.is_valid() or form.checked is None:
        return _refused(request, checked, "access", form.error_text())
    return _changed(request, form.checked, anchor="codes", keep_add_form=True)


@require_POST
@refuse_stale
def start_over(request: HtmxHttpRequest) -> HttpResponse:
    setting = session.load(request)["setting"]
    return _changed(request, edits.check(session.empty() | {"setting": setting}))


@require_POST
def own_draft(request: HtmxHttpRequest) -> HttpResponse:
    """Leaves a question's timeline as it is and puts the trainee's own timeline back in the builder."""
    session.work_on(request, None)
    return redirect("coding:builder")


@require_GET
def examples(request: HtmxHttpRequest) -> HttpResponse:
    return render(request, "coding/builder_examples.html", {"examples": gallery(pictures=True)})


def _ask_before_replacing(
    request: HtmxHttpRequest, incoming: EncounterData, title: str, *, keep_posts: bool = False
) -> HttpResponse | None:
    """A page asking "Replace your current timeline?" (Replace posts again with `replace`), or None when nothing
    would be lost: the timeline is empty or already the one being opened, or the trainee chose Replace.
    `keep_posts`: Keep posts `keep` to the same address (to drop what waits there) instead of linking back."""
    current = session.load(request)
    if request.POST.get("replace") or not current["administrations"] or current == incoming:
        return None
    context = {
        "action": request.path,
        "title": title,
        "count": len(current["administrations"]),
        "keep_posts": keep_posts,
    }
    return render(request, "coding/builder_replace.html", context)


@require_POST
def open_example(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    example = BY_SLUG.get(slug)
    if example is None:
        raise Http404("No such example.")
    if asked := _ask_before_replacing(request, example.encounter, example.title):
        return asked
    session.save(request, example.encounter)
    return redirect("coding:builder")


@require_GET
def export_json(request: HtmxHttpRequest) -> HttpResponse:
    encounter = session.load(request)
    if not encounter["administrations"]:
        messages.info(request, "Add an administration first: an encounter needs at least one to be exported.")
        return redirect("coding:builder")
    response = JsonResponse(encounter, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="encounter.json"'
    return response


IMPORTED_TITLE = "the imported encounter"


def _imported(request: HtmxHttpRequest, encounter: EncounterData) -> HttpResponse:
    session.save(request, encounter)
    messages.success(request, "Imported: the timeline now shows the encounter from your JSON.")
    return redirect("coding:builder")


def _answer_pending_import(request: HtmxHttpRequest) -> HttpResponse:
    """Replace or Keep, posted from the page that asked about a valid import kept in the session meanwhile."""
    pending = session.take_pending_import(request)
    if pending is None:
        messages.info(request, "Nothing is waiting to be imported: import the JSON again.")
        return redirect("coding:import")
    if request.POST.get("replace"):
        return _imported(request, pending)
    messages.info(request, "Kept your timeline; the imported encounter was set aside.")
    return redirect("coding:builder")


@require_http_methods(["GET", "POST"])
def import_json(request: HtmxHttpRequest) -> HttpResponse:
    """Imports a file or pasted JSON; over a timeline in progress, a valid import waits in the session while the
    trainee is asked whether to replace it."""
    if request.method == "POST" and ("replace" in request.POST or "keep" in request.POST):
        return _answer_pending_import(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and form.encounter is not None:
        if asked := _ask_before_replacing(request, form.encounter, IMPORTED_TITLE, keep_posts=True):
            session.keep_pending_import(request, form.encounter)
            return asked
        return _imported(request, form.encounter)
    return render(request, "coding/builder_import.html", {"form": form}, status=form_status(form))


@require_http_methods(["GET", "POST"])
def save_encounter(request: HtmxHttpRequest) -> HttpResponse:
    # Signing in ends on a GET of `next`: send the trainee back to the builder, where the timeline waits.
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("coding:builder"))
    if request.method == "GET":
        return redirect("coding:builder")
    checked = session.load_checked(request)
    encounter = checked.data
    if not encounter["administrations"]:
        messages.error(request, "Add an administration before saving: there is nothing on the timeline yet.")
        return redirect("coding:builder")
    form = SaveForm(request.POST)
    if not form.is_valid():
        return _render_builder(request, checked, BuilderForms(save=form))
    saved, created = SavedEncounter.objects.save_once(
        owner=request.user,
        token=form.cleaned_data["token"],
        title=form.cleaned_data["title"],
        encounter=encounter,
    )
    messages.success(request, f"Saved “{saved.title}”." if created else f"“{saved.title}” was already saved.")
    return redirect("coding:saved")


def _open_in_builder(request: HtmxHttpRequest, saved: SavedEncounter, opened: str, back: str) -> HttpResponse:
    """Puts a stored encounter in the builder; one the engine refuses (saved under older rules) stays where it
    is, and the trainee is sent `back` with the engine's reason."""
    try:
        checked = edits.check(saved.encounter)
    except edits.Refused as refused:
        messages.error(request, f"“{saved.title}” cannot be opened in the builder: {refused}.")
        return redirect(back)
    if asked := _ask_before_replacing(request, checked.data, saved.title):
        return asked
    session.save(request, checked.data)
    messages.success(request, opened)
    return redirect("coding:builder")


@login_required
@require_GET
def saved_list(request: HtmxHttpRequest) -> HttpResponse:
    entries = saved_entries(SavedEncounter.objects.owned_by(request.user))
    return render(request, "coding/builder_saved.html", {"saved": entries})


@login_required
@require_POST
def open_saved(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = _own_saved(request, pk)
    return _open_in_builder(request, saved, f"Opened “{saved.title}”.", reverse("coding:saved"))


@login_required
@require_POST
def new_share_link(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = _own_saved(request, pk)
    saved.renew_share_link()
    messages.success(request, f"“{saved.title}” has a new share link; the old one no longer opens it.")
    return redirect("coding:saved")


@login_required
@require_POST
def delete_saved(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = _own_saved(request, pk)
    saved.delete()
    messages.success(request, f"Deleted “{saved.title}”.")
    return redirect("coding:saved")


@require_GET
def shared(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter, share_slug=slug)
    return render(
        request, "coding/builder_shared.html", {"saved": saved, "coded": coded_encounter(saved.encounter)}
    )


@require_POST
def copy_shared(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter, share_slug=slug)
    opened = f"Copied “{saved.title}” into your builder; the shared original stays as it was."
    return _open_in_builder(request, saved, opened, reverse("coding:shared", args=[slug]))
