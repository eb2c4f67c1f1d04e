# Temporary scaffolding; the quizzes issue (5) replaces these.
from django.http import HttpRequest, HttpResponse


def quiz_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("quizzes")


def educator_home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("educators")
