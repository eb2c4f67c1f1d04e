"""The JSON API: POST /api/v1/code codes an encounter; GET /api/v1/schema describes the input.

It changes nothing, so it needs no session and no CSRF token: scripts and other systems call it directly.
"""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from coding.engine import EncounterError, code_encounter, input_schema, parse_json


@csrf_exempt
@require_POST
def code(request: HttpRequest) -> JsonResponse:
    try:
        result = code_encounter(parse_json(request.body))
    except RequestDataTooBig:
        error = EncounterError([{"loc": "(root)", "msg": "the request body is too large for one encounter"}])
        return JsonResponse(error.as_json(), status=400)
    except EncounterError as error:
        return JsonResponse(error.as_json(), status=400)
    return JsonResponse(result.as_json())


@require_GET
def schema(request: HttpRequest) -> JsonResponse:
    return JsonResponse(input_schema())
