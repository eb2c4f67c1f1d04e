"""A launch from a (fake) learning platform in a real browser: the cookie check, the welcome page, a refusal.

The platform's authorisation endpoint is a Playwright route: it answers, as a platform does, with a form that
posts the signed id_token back to our launch URL. Its JWKS comes from requests_mock in this process, which the
live server shares.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.utils.html import escape
from playwright.sync_api import Page, Route, expect

from tests.lti.platform import (
    AUTH_URL,
    CLAIM,
    CLIENT_ID,
    INSTRUCTOR,
    ISSUER,
    JWKS_URL,
    PLATFORM_KID,
    FakePlatform,
    new_rsa_key,
    public_jwk,
    register,
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
