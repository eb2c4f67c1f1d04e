"""The JSON API: POST /api/v1/code codes an encounter; GET /api/v1/schema describes the input.

It changes nothing, so it needs no session and no CSRF token: scripts and other systems call it directly.
Being anonymous, it is kept cheap for everyone: a body over MAX_BODY_BYTES answers 413 unread, and each client
address may send `settings.API_RATE_LIMIT` requests (e.g. "120/m", "off" for none) before it answers 429 with
Retry-After. Every refusal has the same errors body as a bad encounter.
"""

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]  # ships no type information

from coding.engine import EncounterError, code_encounter, input_schema, parse_json

MAX_BODY_BYTES = 512 * 1024


def error_response(message: str, status: int) -> JsonResponse:
    return JsonResponse(EncounterError([{"loc": "(root)", "msg": message}]).as_json(), status=status)


def api_rate(group: str, request: HttpRequest) -> str | None:
    """The rate from settings at request time (tests and benchmarks change it); None means no limit."""
    rate = settings.API_RATE_LIMIT
    return None if rate.lower() == "off" else rate


def _rate_limited(request: HttpRequest) -> JsonResponse | None:
    usage = get_usage(request, group="api", key="ip", rate=api_rate, method="POST", increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    response = error_response("too many requests from this address: wait a moment and try again", 429)
    response["Retry-After"] = str(max(1, usage["time_left"]))
    return response


def _body_too_large(request: HttpRequest) -> bool:
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    return declared > MAX_BODY_BYTES or len(request.body) > MAX_BODY_BYTES


@csrf_exempt
@require_POST
def code(request: HttpRequest) -> JsonResponse:
    if (limited := _rate_limited(request)) is not None:
        return limited
    if _body_too_large(request):
        return error_response(
            f"the request body is over {MAX_BODY_BYTES // 1024} KB, too large for one encounter", 413
        )
    try:
        result = code_encounter(parse_json(request.body))
    except EncounterError as error:
        return JsonResponse(error.as_json(), status=400)
    return JsonResponse(result.as_json())


@require_GET
def schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(input_schema())
