# Temporary scaffolding; the builder (issue 4) and the engine pages (issue 3) replace these.
from django.http import HttpRequest, HttpResponse


def builder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("builder")
