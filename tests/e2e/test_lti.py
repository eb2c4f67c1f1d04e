"""A launch from a (fake) learning platform in a real browser: the cookie check, the welcome page, a refusal, and
the whole deep-linking flow: the picker, our answer posted back to the platform, a learner's attempt and its
score in the platform's gradebook.

The platform's authorisation endpoint is a Playwright route: it answers, as a platform does, with a form that
posts the signed id_token back to our launch URL. Its JWKS comes from requests_mock in this process, which the
live server shares.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from django.utils.html import escape
from playwright.sync_api import Page, Route, expect

from assignments.models import Assignment
from tests.factories import QuizFactory, choice_question
from tests.lti.platform import (
    AUTH_URL,
    CLAIM,
    CLIENT_ID,
    DEEP_LINK_RETURN_URL,
    INSTRUCTOR,
    ISSUER,
    JWKS_URL,
    LINEITEM_URL,
    PLATFORM_KID,
    FakePlatform,
    Services,
    deep_linking_claims,
    new_rsa_key,
    public_jwk,
    register,
    service_claims,
)

pytestmark = pytest.mark.e2e

INITIATION = urlencode({"iss": ISSUER, "login_hint": "hint-1", "client_id": CLIENT_ID})
BLOCKED_COOKIES = "Object.defineProperty(document, 'cookie', {get: () => '', set: () => {}});"


@pytest.fixture
def fake_platform(page: Page, requests_mock: Any) -> Callable[..., FakePlatform]:
    """The platform registered, its JWKS served, and its authorisation endpoint answering with `claims`."""
    key = new_rsa_key()
    requests_mock.get(JWKS_URL, json={"keys": [public_jwk(key, PLATFORM_KID)]})
    platform = FakePlatform(key=key)
    register(platform)

    def answering(**claims: Any) -> FakePlatform:
        def authorise(route: Route) -> None:
            request = {
                name: values[0] for name, values in parse_qs(urlsplit(route.request.url).query).items()
            }
            token = platform.id_token(platform.claims(request, **claims))
            form = (
                f'<form method="post" action="{escape(request["redirect_uri"])}">'
                f'<input type="hidden" name="id_token" value="{token}">'
                f'<input type="hidden" name="state" value="{escape(request["state"])}"></form>'
                "<script>document.forms[0].submit()</script>"
            )
            route.fulfill(status=200, content_type="text/html", body=form)

        page.route(f"{AUTH_URL}?*", authorise)
        return platform

    return answering


def test_an_instructor_launches_the_lab_and_lands_signed_in_as_an_educator(
    page: Page, fake_platform, check_axe, screenshot
):
    fake_platform(**{f"{CLAIM}roles": [INSTRUCTOR]})

    page.goto(f"/lti/login/?{INITIATION}")

    expect(page.get_by_role("heading", name="Welcome, Tess Carter")).to_be_visible()
    expect(page.get_by_text("You came from Infusion Coding 101 (CODE101).")).to_be_visible()
    expect(page.get_by_text("You are an educator here")).to_be_visible()
    expect(page.get_by_role("link", name="Educators' area")).to_have_attribute("target", "_blank")
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("Signed in as Tess Carter")
    check_axe(page)
    screenshot(page, "lti-welcome", widths=(1280, 800, 390))


def test_a_browser_that_blocks_cookies_is_offered_a_new_window(
    page: Page, fake_platform, check_axe, screenshot
):
    fake_platform()
    page.add_init_script(BLOCKED_COOKIES)

    page.goto(f"/lti/login/?{INITIATION}")

    expect(page.get_by_text("so the lab cannot keep you signed in here")).to_be_visible()
    expect(page.get_by_role("link", name="Continue here")).to_be_hidden()
    new_window = page.get_by_role("link", name="Open in a new window")
    expect(new_window).to_have_attribute("target", "_blank")
    assert "lti1p3_new_window=1" in (new_window.get_attribute("href") or "")
    check_axe(page)
    screenshot(page, "lti-cookie-check", widths=(1280, 390))


def test_an_expired_launch_shows_our_refusal_page(page: Page, fake_platform, check_axe, screenshot):
    fake_platform(exp=1_000_000_000, iat=999_999_000)

    page.goto(f"/lti/login/?{INITIATION}")

    expect(page.get_by_role("heading", name="The launch has expired")).to_be_visible()
    expect(page.get_by_text("Open the lab from your course again.")).to_be_visible()
    expect(page.locator(".lti-platform")).to_have_count(0)
    check_axe(page)
    screenshot(page, "lti-refused", widths=(1280, 390))


def test_an_unknown_platform_is_named_on_its_refusal_page(page: Page, fake_platform, check_axe, screenshot):
    fake_platform()
    unknown = urlencode(
        {"iss": "https://sso.canvaslms.com", "login_hint": "hint-1", "client_id": "170000000000042"}
    )

    page.goto(f"/lti/login/?{unknown}")

    expect(page.get_by_role("heading", name="This platform is not registered")).to_be_visible()
    expect(page.locator(".lti-platform")).to_contain_text("https://sso.canvaslms.com")
    check_axe(page)
    screenshot(page, "lti-unknown-issuer", widths=(1280, 390))


@pytest.fixture
def returned(page: Page) -> list[str]:
    """The deep-linking answers (their JWT) the platform's return URL receives; it answers "Link added"."""
    received: list[str] = []

    def platform_receives(route: Route) -> None:
        received.append(parse_qs(route.request.post_data or "")["JWT"][0])
        route.fulfill(status=200, content_type="text/html", body="<title>Course</title><h1>Link added</h1>")

    page.route(DEEP_LINK_RETURN_URL, platform_receives)
    return received


def test_an_instructor_picks_a_quiz_a_learner_takes_it_and_the_score_reaches_the_gradebook(
    page: Page, fake_platform, returned, requests_mock: Any, look, check_axe, live_server
):
    services = Services(requests_mock)
    choice_question(quiz=QuizFactory(title="Concurrent or sequential?", slug="concurrent-or-sequential"))
    fake_platform(**deep_linking_claims())
    page.goto(f"/lti/login/?{INITIATION}")

    expect(page.get_by_role("heading", name="Add the lab to your course")).to_be_visible()
    look(page, "lti-pick")
    page.get_by_label("Quiz", exact=True).select_option(label="Concurrent or sequential?")
    page.get_by_role("button", name="Next: dates and limits").click()
    expect(page.get_by_role("button", name="Add to the course")).to_be_visible()
    check_axe(page)
    page.get_by_role("button", name="Add to the course").click()

    expect(page.get_by_role("heading", name="Link added")).to_be_visible()  # our page posted itself back
    assignment = Assignment.objects.get()
    assert len(returned) == 1

    fake_platform(
        sub="person-43",
        given_name="Lena",
        family_name="Ortiz",
        **{f"{CLAIM}custom": {"assignment": str(assignment.pk)}},
        **service_claims(lineitem=LINEITEM_URL),
    )
    page.context.clear_cookies()
    page.goto(f"/lti/login/?{INITIATION}")
    expect(page.get_by_role("heading", name="This link's assignment")).to_be_visible()
    look(page, "lti-welcome-assignment")
    with page.expect_popup() as popup:
        page.get_by_role("button", name="Start Concurrent or sequential?").click()
    quiz_tab = popup.value
    quiz_tab.get_by_label("96368").check()
    quiz_tab.get_by_role("button", name="Submit answer").click()
    quiz_tab.get_by_role("button", name="See my results").click()
    expect(quiz_tab.get_by_text("100%").first).to_be_visible()

    (score,) = services.scores()
    assert (score["userId"], score["scoreGiven"], score["scoreMaximum"]) == ("person-43", 100.0, 100.0)

    # The instructor sees the attempt's score sent, and the class's platform panel.
    instructor = User.objects.get(lti_identities__subject="person-42")
    quiz_tab.close()
    sign_in_as(page, instructor, live_server)
    page.goto(f"/classes/{assignment.klass_id}/assignments/{assignment.pk}/")
    expect(page.locator(".passback-table")).to_contain_text("Lena Ortiz")
    expect(page.locator(".passback-table .badge")).to_have_text("Sent")
    look(page, "lti-passback-status")
    page.goto(f"/classes/{assignment.klass_id}/")
    expect(page.get_by_role("heading", name="From the learning platform")).to_be_visible()
    look(page, "lti-class-panel")


def sign_in_as(page: Page, user: Any, live_server: Any) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def test_without_our_script_the_picked_page_returns_to_the_course_by_its_button(
    page: Page, fake_platform, returned, look
):
    page.route("**/submit_on_load.js", lambda route: route.abort())
    fake_platform(**deep_linking_claims())
    page.goto(f"/lti/login/?{INITIATION}")
    page.get_by_role("button", name="Add practice: Hydration").click()

    expect(page.get_by_role("heading", name="Practice: Hydration")).to_be_visible()
    look(page, "lti-picked")
    page.get_by_role("button", name="Back to the course").click()

    expect(page.get_by_role("heading", name="Link added")).to_be_visible()
    assert len(returned) == 1
