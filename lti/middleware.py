"""Cookies that an LMS frame can keep: SameSite=None; Secure on the LTI pages and in sessions begun by a launch."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

LTI_NAMESPACE = "lti"
# Set in the session by a launch (lti/views.py): the pages it goes on to (an attempt, the builder) are in the frame.
LAUNCHED_SESSION_KEY = "lti_course"


def cross_site_cookies(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., HttpResponse]:
    """Marks every cookie an LTI page sets (the session, CSRF and pylti1p3's state) SameSite=None; Secure, and
    every cookie of a session that a launch began, wherever in the site it goes next.

    Inside the platform's iframe every request to us is cross-site, and a browser neither stores nor sends a
    Lax cookie there; without the second rule, the first page past the launch that saved the session would set
    it Lax again, and the frame would lose it. Only over HTTPS: a browser refuses SameSite=None without Secure.
    Listed before the session and CSRF middleware, so it sees the cookies they set. Every other visit keeps
    Django's Lax cookies.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.is_secure() and response.cookies and _in_frame(request):
            for morsel in response.cookies.values():
                morsel["samesite"] = "None"
                morsel["secure"] = True
        return response

    return middleware


def _in_frame(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is not None and LTI_NAMESPACE in match.namespaces:
        return True
    session = getattr(request, "session", None)
    return session is not None and LAUNCHED_SESSION_KEY in session
