"""Cases: made in the builder (case mode, a session slot per case), finished on the case form, previewed as a
trainee sees them, duplicated, archived and deleted only when nothing uses them.

"New case" and "Edit timeline" point the builder at the case's slot (coding.session.case_slot) with a banner;
the builder's "Save as case" leads here, to the case form, which reads the timeline from that slot and, once the
case is saved, forgets it. The trainee's own builder timeline is never touched, except that "Save as case" from
the builder outside case mode makes a case of it (and leaves it where it is).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from authoring.access import editable_or_403, signed_in, visible_or_403
from authoring.case_forms import CaseForm, OverrideForm, traced_rules
from authoring.narrative_check import narrative_warnings
from coding import session
from coding.edits import EncounterData
from coding.picture import timeline_picture
from coding.presenter import CodedEncounter, coded_encounter
from config.http import INVALID_FORM_STATUS, HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes.feedback import Feedback, feedback_for
from quizzes.forms import CodedAnswerForm
from quizzes.grading import grade_lines
from quizzes.models import Case, PracticeCase

FORM_TEMPLATE = "authoring/case_form.html"
NEW_CASE_TITLE = "New case"
# Where the case form takes a new case's timeline from (the posted `timeline` names it): the new-case slot of
# case mode, or the educator's own builder timeline ("Save as case" outside case mode).
NEW_CASE_SLOTS = (session.case_slot(None), session.OWN_DRAFT)


def _leave_case_mode(request: HtmxHttpRequest, slot: str) -> None:
    """Forgets the case slot's timeline, and points the builder back at the educator's own timeline if it was on
    that slot."""
    marker = session.building_case(request)
    if marker is not None and marker["slot"] == slot:
        session.work_on(request, None)
    session.discard(request, slot)


# --- case mode in the builder ---------------------------------------------------------------------------


@educator_required
@require_POST
def new_case(request: HtmxHttpRequest) -> HttpResponse:
    """Opens the builder in case mode on the new-case slot (a new case left unsaved earlier waits there)."""
    session.work_on(request, {"slot": session.case_slot(None), "case": None, "title": NEW_CASE_TITLE})
    return redirect("coding:builder")


@educator_required
@require_POST
def edit_timeline(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Opens the case's timeline in the builder, in its own slot (filled from the case the first time)."""
    case = editable_or_403(Case, request.user, pk)
    slot = session.case_slot(case.pk)
    if not session.has_timeline(request, slot):
        session.save(request, case.encounter, slot=slot)
    session.work_on(request, {"slot": slot, "case": case.pk, "title": case.title})
    return redirect("coding:builder")


@educator_required
@require_POST
def cancel_case_mode(request: HtmxHttpRequest) -> HttpResponse:
    """The banner's Cancel: the case's unsaved timeline is dropped and the builder is the educator's own again."""
    marker = session.building_case(request)
    if marker is None:
        return redirect("authoring:home")
    _leave_case_mode(request, marker["slot"])
    messages.info(
        request, "Left case mode: the case's unsaved timeline was dropped; your own timeline is back."
    )
    if marker["case"] is not None:
        return redirect("authoring:case_edit", pk=marker["case"])
    return redirect("authoring:home")


# --- the case form ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A case on its form: the row (not saved yet for a new case), the timeline it gets when saved and the
    engine's reading of that timeline; `changed` when the builder changed a saved case's timeline, `slot` where a
    new case's timeline comes from."""

    case: Case
    timeline: EncounterData
    coded: CodedEncounter
    changed: bool = False
    slot: str = session.OWN_DRAFT

    @property
    def key(self) -> dict[str, Any]:
        return self.coded.result.as_json() if self.coded.result else {"lines": [], "notes": []}


def _draft(case: Case, timeline: EncounterData, **more: Any) -> Draft:
    return Draft(case, timeline, coded_encounter(timeline), **more)


def _case_form(request: HtmxHttpRequest, draft: Draft, *, bound: bool = True) -> CaseForm:
    data = request.POST if bound and request.method == "POST" else None
    return CaseForm(data, instance=draft.case, suggested=traced_rules(draft.key))


def _checking(request: HtmxHttpRequest) -> bool:
    """A post that asks only for the narrative check, sent by htmx while the narrative is typed."""
    return request.POST.get("check") == "narrative"


def _saved(request: HtmxHttpRequest, form: CaseForm, draft: Draft) -> Case | None:
    """The case saved with the form's fields and the draft's timeline, or None when the form has errors (or the
    engine cannot code the timeline, which the page then lists) or only the narrative check was asked for."""
    if request.method != "POST" or _checking(request) or not form.is_valid() or draft.coded.coding_errors:
        return None
    with transaction.atomic():
        case = form.save(commit=False)
        case.encounter = draft.timeline
        case.save()
    return case


def _render_form(
    request: HtmxHttpRequest,
    draft: Draft,
    form: CaseForm,
    override_form: OverrideForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    case, narrative = draft.case, str(form["narrative"].value() or "")
    context: dict[str, object] = {
        "case": case,
        "form": form,
        "draft": draft,
        "key": draft.key,
        "warnings": narrative_warnings(narrative, draft.timeline) if narrative else [],
    }
    if case.pk:
        engine_lines = case.engine_result.get("lines", [])
        context["override_form"] = override_form or OverrideForm(engine_lines=engine_lines)
        context["question_count"] = case.questions.count()
    if _checking(request):
        return render_page(request, FORM_TEMPLATE, context, partial="narrative-check")
    return render_page(request, FORM_TEMPLATE, context, status=status or form_status(form, override_form))


@educator_required
@require_http_methods(["GET", "POST"])
def create_case(request: HtmxHttpRequest) -> HttpResponse:
    """The case form for the timeline in the builder: the new-case slot in case mode, else the educator's own."""
    if request.method == "POST":
        slot = request.POST.get("timeline", "")
    else:
        marker = session.building_case(request)
        slot = session.case_slot(None) if marker and marker["case"] is None else session.OWN_DRAFT
    if slot not in NEW_CASE_SLOTS:
        slot = session.OWN_DRAFT
    timeline = session.load(request, slot)
    if not timeline["administrations"]:
        messages.info(request, "Add an administration first: a case needs a timeline to code.")
        return redirect("coding:builder")
    draft = _draft(Case(encounter=timeline, created_by=signed_in(request)), timeline, slot=slot)
    form = _case_form(request, draft)
    if (case := _saved(request, form, draft)) is not None:
        if slot:
            _leave_case_mode(request, slot)
        messages.success(request, f"Case “{case.title}” saved; the engine derived its key.")
        return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))
    return _render_form(request, draft, form)


def _edited(request: HtmxHttpRequest, case: Case) -> Draft:
    """The case with its timeline as built in its slot when the builder has one, else its saved timeline."""
    slot = session.case_slot(case.pk)
    if session.has_timeline(request, slot):
        timeline = session.load(request, slot)
        if timeline["administrations"]:
            return _draft(case, timeline, changed=timeline != case.encounter)
    return _draft(case, case.encounter)


@educator_required
@require_http_methods(["GET", "POST"])
def edit_case(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    draft = _edited(request, editable_or_403(Case, request.user, pk))
    form = _case_form(request, draft)
    if (case := _saved(request, form, draft)) is not None:
        _leave_case_mode(request, session.case_slot(case.pk))
        messages.success(request, f"Case “{case.title}” saved.")
        return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))
    return _render_form(request, draft, form)


@educator_required
@require_POST
def set_override(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Sets the educator's key, with its note (and a tick when it departs from the engine), or clears it."""
    case = editable_or_403(Case, request.user, pk)
    if request.POST.get("clear"):
        case.override_lines, case.override_note = None, ""
        case.save()
        messages.success(request, f"“{case.title}” is graded with the engine's key again.")
        return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))
    override = OverrideForm(request.POST, engine_lines=case.engine_result.get("lines", []))
    if override.is_valid():
        case.override_lines, case.override_note = (
            override.cleaned_data["lines"],
            override.cleaned_data["note"],
        )
        try:
            case.full_clean()
        except ValidationError as exc:
            for problem in exc.messages:
                override.add_error(None, problem)
        else:
            case.save()
            messages.success(request, f"“{case.title}” now has an override key.")
            return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))
        case.refresh_from_db()
    draft = _edited(request, case)
    return _render_form(
        request, draft, _case_form(request, draft, bound=False), override, INVALID_FORM_STATUS
    )


# --- archive, delete (duplicates: authoring.views.duplicate) ------------------------------------------------------------------------------


@educator_required
@require_POST
def archive_case(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Archives the case (posted `archived=1`) or brings it back (`archived=0`)."""
    case = editable_or_403(Case, request.user, pk)
    case.archived = request.POST.get("archived") == "1"
    case.save()
    if case.archived:
        messages.success(
            request, f"Archived “{case.title}”: it leaves the lists; questions using it still work."
        )
    else:
        messages.success(request, f"“{case.title}” is back in the lists.")
    return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))


@educator_required
@require_POST
def delete_case(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Deletes a case nothing uses; a case that questions use (or trainees answered) is archived instead."""
    case = editable_or_403(Case, request.user, pk)
    title = case.title
    if case.delete_or_archive() == "archived":
        messages.warning(request, f"“{title}” is used by questions, so it was archived instead of deleted.")
        return redirect_to(request, reverse("authoring:case_edit", args=[case.pk]))
    _leave_case_mode(request, session.case_slot(pk))
    messages.success(request, f"Deleted “{title}”.")
    return redirect_to(request, reverse("authoring:home"))


# --- preview ---------------------------------------------------------------------------------------------------


def _trial_feedback(case: Case, form: CodedAnswerForm) -> Feedback:
    """The feedback a trainee would read for these codes, from a grading kept in no row."""
    graded = grade_lines(case.encounter, case.answer_key, form.cleaned_data["lines"])
    return feedback_for(PracticeCase(answer=form.answer(), **graded.stored()))


@educator_required
@require_http_methods(["GET", "POST"])
def preview_case(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The case as a trainee reads it with the code-entry form; a posted answer is graded against the key and
    its feedback shown, and nothing is saved."""
    case = visible_or_403(Case, request.user, pk)
    form = CodedAnswerForm(request.POST if request.method == "POST" else None)
    feedback = _trial_feedback(case, form) if request.method == "POST" and form.is_valid() else None
    result = case.graded_result() if feedback else None
    context = {
        "case": case,
        "form": form,
        "feedback": feedback,
        "picture": timeline_picture(case.encounter, result),
        "can_edit": case.is_editable_by(request.user),
    }
    return render_page(
        request, "authoring/case_preview.html", context, partial="preview", status=form_status(form)
    )
