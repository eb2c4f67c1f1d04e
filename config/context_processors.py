from django.http import HttpRequest

from config.roles import is_educator


def roles(request: HttpRequest) -> dict[str, bool]:
    return {"is_educator": is_educator(request.user)}
