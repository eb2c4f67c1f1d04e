"""Cookies that an LMS frame can keep: SameSite=None; Secure on the responses of the LTI pages only."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

LTI_NAMESPACE = "lti"


def cross_site_cookies(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks every cookie an LTI page sets (the session, CSRF and pylti1p3's state) SameSite=None; Secure.

    Inside the platform's iframe every request to us is cross-site, and a browser neither stores nor sends a
    Lax cookie there. Only over HTTPS: a browser refuses SameSite=None without Secure. Listed before the
    session and CSRF middleware, so it sees the cookies they set. Every other page keeps Django's Lax cookies.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        match = request.resolver_match
        if request.is_secure() and match is not None and LTI_NAMESPACE in match.namespaces:
            for morsel in response.cookies.values():
                morsel["samesite"] = "None"
                morsel["secure"] = True
        return response

    return middleware
