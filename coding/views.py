# Temporary scaffolding; the builder (issue 4) and the engine pages (issue 3) replace these.
from django.http import HttpRequest, HttpResponse


def builder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("builder")


def code_table(request: HttpRequest) -> HttpResponse:
    return HttpResponse("codes")


def rule_detail(request: HttpRequest, rule_id: str) -> HttpResponse:
    return HttpResponse(rule_id)
