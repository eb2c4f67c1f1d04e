"""The import and export page of the Educators area (/educators/content/): download content as a JSON document,
upload one (or a CSV of choice questions), preview what it creates, confirm. Views read input, call one thing
(authoring/content_files.py, authoring/content_export.py) and render."""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_GET, require_POST

from authoring.content import ContentError, describe_content_loc
from authoring.content_files import import_file, is_csv, read_json
from authoring.content_import import ImportResult
from authoring.transfer_forms import ConfirmForm, DownloadForm, UploadForm
from config.http import INVALID_FORM_STATUS, HtmxHttpRequest, form_status, redirect_to, render_page
from config.roles import educator_required
from quizzes.models import Quiz
from quizzes.views import signed_in


@educator_required
@require_GET
def content(request: HtmxHttpRequest) -> HttpResponse:
    return _page(request)


@educator_required
@require_GET
def download(request: HtmxHttpRequest) -> HttpResponse:
    form = DownloadForm(request.GET, user=signed_in(request))
    if not form.is_valid():
        return _page(request, download_form=form, status=INVALID_FORM_STATUS)
    body = json.dumps(form.document(), indent=2, ensure_ascii=False) + "\n"
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{form.filename()}"'
    return response


@educator_required
@require_POST
def preview(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form, status=form_status(form))
    name, raw = form.contents()
    rename = form.cleaned_data["rename"]
    try:
        result = import_file(name, raw, owner=signed_in(request), rename=rename, dry_run=True)
    except ContentError as error:
        return _refused(request, error, name, raw, upload_form=form)
    confirm_form = ConfirmForm.carrying(name, raw, rename, user=signed_in(request))
    context = {"name": name, "result": result, "confirm": confirm_form}
    return render_page(request, "authoring/content_preview.html", context)


@educator_required
@require_POST
def confirm(request: HtmxHttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST, user=signed_in(request))
    if not form.is_valid():
        return _page(request, problems=_lost(form), status=INVALID_FORM_STATUS)
    name, rename, raw = form.contents()
    try:
        result = import_file(name, raw, owner=signed_in(request), rename=rename)
    except ContentError as error:
        return _refused(request, error, name, raw)
    messages.success(request, imported_message(result))
    return redirect_to(request, reverse("authoring:content"))


def _lost(form: ConfirmForm) -> list[dict[str, str]]:
    """The Confirm form's file did not come back whole (changed, cut short, or too old)."""
    return [{"where": "The file", "loc": "(file)", "msg": str(reason)} for reason in form.errors["upload"]]


def _refused(
    request: HtmxHttpRequest,
    error: ContentError,
    name: str,
    raw: bytes,
    upload_form: UploadForm | None = None,
) -> HttpResponse:
    """The page with the file's problems, each with where it is in words; the upload form keeps its tick box."""
    data = None
    if not is_csv(name):
        try:
            data = read_json(raw)
        except ContentError:
            data = None
    problems = [{"where": describe_content_loc(e["loc"], data), **e} for e in error.errors]
    return _page(
        request, upload_form=upload_form, problems=problems, refused=name, status=INVALID_FORM_STATUS
    )


def _page(
    request: HtmxHttpRequest,
    *,
    download_form: DownloadForm | None = None,
    upload_form: UploadForm | None = None,
    problems: list[dict[str, str]] | None = None,
    refused: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "download_form": download_form or DownloadForm(user=signed_in(request)),
        "upload_form": upload_form or UploadForm(),
        "problems": problems or [],
        "refused": refused,
    }
    return render_page(request, "authoring/content.html", context, status=status)


def imported_message(result: ImportResult) -> str:
    """What was imported, with a link to each new quiz trainees can open."""
    counts = result.counts()
    head = format_html(
        "Imported {} case{}, {} quiz{} and {} question{}; they are yours to edit.",
        counts["cases"],
        "" if counts["cases"] == 1 else "s",
        counts["quizzes"],
        "" if counts["quizzes"] == 1 else "zes",
        counts["questions"],
        "" if counts["questions"] == 1 else "s",
    )
    quizzes = [created.row for created in result.quizzes if isinstance(created.row, Quiz)]
    published = [quiz for quiz in quizzes if quiz.published]
    if not published:
        return head
    links = format_html_join(
        ", ", '<a href="{}">{}</a>', ((quiz.get_absolute_url(), quiz.title) for quiz in published)
    )
    return format_html("{} Published now: {}.", head, links)
