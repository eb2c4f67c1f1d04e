"""The timeline builder: thin views over the session store, the forms and the engine.

Each change re-codes through the engine; htmx requests get the `workspace` fragment back,
everything else a redirect (after a change) or the whole page (after an error), so it works without JS.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from coding import encounter as edits
from coding import session, whatif
from coding.engine import Encounter, EncounterError, code_encounter, parse_encounter
from coding.engine.codes import CODES
from coding.forms import (
    NUDGES,
    AccessForm,
    AdministrationForm,
    ImportForm,
    NudgeForm,
    SaveForm,
    SettingForm,
)
from coding.gallery import BY_SLUG, EXAMPLES
from coding.labels import ROLE_LABELS
from coding.models import SavedEncounter
from coding.picture import OTHER_LANE, timeline_picture
from config.http import HtmxHttpRequest


def coding_view(encounter: dict, parsed: Encounter | None = None) -> dict:
    """The engine's answer for an encounter, shaped for the templates (codes, notes, picture).

    `parsed` is the engine's reading of the same encounter when the caller has it; it is read once either way.
    """
    result, errors = None, []
    if encounter["administrations"]:
        try:
            parsed = parse_encounter(parsed or encounter)
            result = code_encounter(parsed)
        except EncounterError as exc:
            errors = exc.errors
    lines = []
    for line in result.lines if result else []:
        entry = CODES.get(line.code)
        lines.append(
            {
                "line": line,
                "short": entry.short if entry else "",
                "addon": bool(entry and entry.addon),
                "role": ROLE_LABELS.get(line.role, line.role),
                "admins": " ".join(line.administrations),
            }
        )
    return {
        "parsed": parsed if result else None,
        "result": result,
        "coding_errors": errors,
        "lines": lines,
        "notes": result.notes if result else [],
        "picture": timeline_picture(parsed if result else encounter, result),
    }


def _find(encounter: dict, administration_id: str) -> None:
    if edits.index_of(encounter, administration_id) is None:
        raise Http404("No such administration on this timeline.")


def _nudges(administration: dict) -> list[dict]:
    """The stop-time buttons of one card; a move the server would refuse comes with the reason instead."""
    if not administration.get("stop"):
        return []
    return [
        {
            "minutes": minutes,
            "key": f"{'p' if minutes > 0 else 'm'}{abs(minutes)}",
            "label": f"{'+' if minutes > 0 else '−'}{abs(minutes)}",
            "words": f"{abs(minutes)} minute{'s' if abs(minutes) > 1 else ''} {'later' if minutes > 0 else 'earlier'}",
            "refusal": edits.nudge_refusal(administration, minutes),
        }
        for minutes in NUDGES
    ]


def _render_builder(
    request: HtmxHttpRequest,
    encounter: dict,
    *,
    parsed: Encounter | None = None,
    status: int = 200,
    add_form: AdministrationForm | None = None,
    editing: str | None = None,
    edit_form: AdministrationForm | None = None,
    save_form: SaveForm | None = None,
    errors: dict[str, str] | None = None,
) -> HttpResponse:
    """The builder page, or its workspace fragment for htmx. `errors` puts a refusal beside what was asked:
    keyed "setting", "access" or an administration id (its card)."""
    errors = errors or {}
    coded = coding_view(encounter, parsed)
    hints = whatif.hints(coded["parsed"], coded["result"]) if coded["result"] else {}
    rows = {row["id"]: row for row in coded["picture"]["rows"]}
    cards = []
    for administration in encounter["administrations"]:
        card_id = administration["id"]
        form = None
        if card_id == editing:
            form = edit_form or AdministrationForm(
                initial=AdministrationForm.initial_for(administration),
                encounter=encounter,
                editing=card_id,
                prefix=f"edit-{card_id}",
            )
        cards.append(
            {
                "administration": administration,
                "nudges": _nudges(administration),
                "row": rows[card_id],
                "hint": hints.get(card_id),
                "edit_form": form,
                "error": errors.get(card_id, ""),
            }
        )
    # Every IV lane past the default access "A" may be marked a medically necessary separate site.
    extra_lanes = [
        lane["key"] for lane in coded["picture"].get("lanes", []) if lane["key"] not in {"A", OTHER_LANE}
    ]
    necessary = {a["id"]: a["separate_site_necessary"] for a in encounter.get("accesses", [])}
    context = coded | {
        "encounter": encounter,
        "cards": cards,
        "add_form": add_form or AdministrationForm(encounter=encounter, prefix="add"),
        "setting_form": SettingForm(initial={"setting": encounter["setting"]}, encounter=encounter),
        "setting_error": errors.get("setting", ""),
        "access_error": errors.get("access", ""),
        "save_form": save_form or SaveForm(),
        "undo": session.load_undo(request),
        "accesses": [{"id": label, "necessary": necessary.get(label, False)} for label in extra_lanes],
        "examples": [{"example": example} for example in EXAMPLES],
        "hints_limit": whatif.MAX_ADMINISTRATIONS,
    }
    if request.htmx:
        # htmx 2 does not swap a 4xx answer: a refusal over htmx is a 200 whose fragment shows the error.
        return render(request, "coding/builder.html#workspace", context)
    return render(request, "coding/builder.html", context, status=status)


def _changed(
    request: HtmxHttpRequest, checked: edits.Checked, anchor: str = "", undo: dict | None = None
) -> HttpResponse:
    session.save(request, checked.data, undo=undo)
    if request.htmx:
        return _render_builder(request, checked.data, parsed=checked.parsed)
    return redirect(reverse("coding:builder") + (f"#{anchor}" if anchor else ""))


def _refused(request: HtmxHttpRequest, encounter: dict, where: str, message: str) -> HttpResponse:
    return _render_builder(request, encounter, status=422, errors={where: message})


@require_GET
def builder(request: HtmxHttpRequest) -> HttpResponse:
    encounter, parsed = session.load_parsed(request)
    editing = request.GET.get("edit")
    if editing is not None:
        _find(encounter, editing)
    return _render_builder(request, encounter, parsed=parsed, editing=editing)


@require_POST
def add_administration(request: HtmxHttpRequest) -> HttpResponse:
    encounter = session.load(request)
    form = AdministrationForm(request.POST, encounter=encounter, prefix="add")
    if not form.is_valid():
        return _render_builder(request, encounter, status=422, add_form=form)
    return _changed(request, form.checked, anchor="codes")


@require_POST
def edit_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    encounter = session.load(request)
    _find(encounter, administration_id)
    form = AdministrationForm(
        request.POST, encounter=encounter, editing=administration_id, prefix=f"edit-{administration_id}"
    )
    if not form.is_valid():
        return _render_builder(request, encounter, status=422, editing=administration_id, edit_form=form)
    return _changed(request, form.checked, anchor=f"admin-{administration_id}")


@require_POST
def duplicate_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    encounter = session.load(request)
    _find(encounter, administration_id)
    try:
        checked = edits.duplicate(encounter, administration_id)
    except edits.Refused as refused:
        return _refused(request, encounter, administration_id, str(refused))
    return _changed(request, checked, anchor=f"admin-{administration_id}")


@require_POST
def delete_administration(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    encounter = session.load(request)
    _find(encounter, administration_id)
    deleted = encounter["administrations"][edits.index_of(encounter, administration_id)]
    undo = {"substance": deleted["substance"], "id": administration_id, "encounter": encounter}
    return _changed(request, edits.delete(encounter, administration_id), anchor="undo", undo=undo)


@require_POST
def undo_delete(request: HtmxHttpRequest) -> HttpResponse:
    undo = session.load_undo(request)
    try:
        checked = edits.check(undo["encounter"]) if undo else None
    except edits.Refused:
        checked = None
    if checked is None:
        # A second press, or a page left open across another change: say so on a fresh page.
        messages.info(
            request, "Nothing to undo: only the last delete can be undone, before any other change."
        )
        builder_url = reverse("coding:builder")
        return HttpResponseClientRedirect(builder_url) if request.htmx else redirect(builder_url)
    return _changed(request, checked, anchor=f"admin-{undo['id']}")


@require_POST
def nudge_stop(request: HtmxHttpRequest, administration_id: str) -> HttpResponse:
    encounter = session.load(request)
    _find(encounter, administration_id)
    form = NudgeForm(request.POST)
    if not form.is_valid():
        return _refused(request, encounter, administration_id, edits.ONLY_STOP_TIMES_MOVE)
    try:
        checked = edits.move_stop(encounter, administration_id, form.cleaned_data["minutes"])
    except edits.Refused as refused:
        return _refused(request, encounter, administration_id, str(refused))
    return _changed(request, checked, anchor=f"admin-{administration_id}")


@require_POST
def change_setting(request: HtmxHttpRequest) -> HttpResponse:
    encounter = session.load(request)
    form = SettingForm(request.POST, encounter=encounter)
    if not form.is_valid():
        return _refused(request, encounter, "setting", form.error_text())
    return _changed(request, form.checked, anchor="codes")


@require_POST
def change_access(request: HtmxHttpRequest) -> HttpResponse:
    encounter = session.load(request)
    form = AccessForm(request.POST, encounter=encounter)
    if not form.is_valid():
        return _refused(request, encounter, "access", form.error_text())
    return _changed(request, form.checked, anchor="codes")


@require_POST
def start_over(request: HtmxHttpRequest) -> HttpResponse:
    encounter = session.load(request)
    return _changed(request, edits.check(session.empty() | {"setting": encounter["setting"]}))


@require_GET
def examples(request: HtmxHttpRequest) -> HttpResponse:
    gallery = [
        {"example": example, "picture": timeline_picture(example.encounter, None)} for example in EXAMPLES
    ]
    return render(request, "coding/builder_examples.html", {"examples": gallery})


@require_POST
def open_example(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    example = BY_SLUG.get(slug)
    if example is None:
        raise Http404("No such example.")
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


@require_http_methods(["GET", "POST"])
def import_json(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        session.save(request, form.encounter)
        messages.success(request, "Imported: the timeline now shows the encounter from your JSON.")
        return redirect("coding:builder")
    status = 422 if form.errors else 200
    return render(request, "coding/builder_import.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def save_encounter(request: HtmxHttpRequest) -> HttpResponse:
    # Signing in ends on a GET of `next`: send the trainee back to the builder, where the timeline waits.
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("coding:builder"))
    if request.method == "GET":
        return redirect("coding:builder")
    encounter = session.load(request)
    if not encounter["administrations"]:
        messages.error(request, "Add an administration before saving: there is nothing on the timeline yet.")
        return redirect("coding:builder")
    form = SaveForm(request.POST)
    if not form.is_valid():
        return _render_builder(request, encounter, status=422, save_form=form)
    saved, created = SavedEncounter.objects.save_once(
        owner=request.user,
        token=form.cleaned_data["token"],
        title=form.cleaned_data["title"],
        encounter=encounter,
    )
    messages.success(request, f"Saved “{saved.title}”." if created else f"“{saved.title}” was already saved.")
    return redirect("coding:saved")


@login_required
@require_GET
def saved_list(request: HtmxHttpRequest) -> HttpResponse:
    saved = [
        {
            "item": item,
            "picture": timeline_picture(item.encounter, None),
        }
        for item in SavedEncounter.objects.owned_by(request.user)
    ]
    return render(request, "coding/builder_saved.html", {"saved": saved})


@login_required
@require_POST
def open_saved(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter.objects.owned_by(request.user), pk=pk)
    session.save(request, saved.encounter)
    messages.success(request, f"Opened “{saved.title}”.")
    return redirect("coding:builder")


@login_required
@require_POST
def new_share_link(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter.objects.owned_by(request.user), pk=pk)
    saved.renew_share_link()
    messages.success(request, f"“{saved.title}” has a new share link; the old one no longer opens it.")
    return redirect("coding:saved")


@login_required
@require_POST
def delete_saved(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter.objects.owned_by(request.user), pk=pk)
    saved.delete()
    messages.success(request, f"Deleted “{saved.title}”.")
    return redirect("coding:saved")


@require_GET
def shared(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter, share_slug=slug)
    context = coding_view(saved.encounter) | {
        "saved": saved,
        "encounter": saved.encounter,
    }
    return render(request, "coding/builder_shared.html", context)


@require_POST
def copy_shared(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    saved = get_object_or_404(SavedEncounter, share_slug=slug)
    session.save(request, saved.encounter)
    messages.success(
        request, f"Copied “{saved.title}” into your builder; the shared original stays as it was."
    )
    return redirect("coding:builder")
