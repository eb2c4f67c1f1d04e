"""The login initiation's cookie check, the cookies and frame headers of the LTI pages, the JWKS and canvas.json."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client

from tests.lti.platform import CLIENT_ID, ISSUER

pytestmark = pytest.mark.django_db

INITIATION = {"iss": ISSUER, "login_hint": "hint-1", "client_id": CLIENT_ID, "lti_message_hint": "m-1"}


def test_a_login_first_shows_the_cookie_check_with_a_new_window_link(client, platform):
    response = client.post("/lti/login/", INITIATION, secure=True)

    assert response.status_code == 200
    assert "lti/cookie_check.html" in [template.name for template in response.templates]
    link = urlsplit(response.context["continue_url"])
    assert link.path == "/lti/login/"
    assert parse_qs(link.query) == {
        **{name: [value] for name, value in INITIATION.items()},
        "lti1p3_new_window": ["1"],
    }
    assert b'target="_blank"' in response.content
    assert b"js/lti_cookie_check.js" in response.content


def test_the_new_window_link_goes_on_to_the_platform(client, platform):
    check = client.post("/lti/login/", INITIATION, secure=True)

    response = client.get(check.context["continue_url"], secure=True)

    assert response.status_code == 302
    assert response["Location"].startswith(f"{ISSUER}/auth?")
    request = parse_qs(urlsplit(response["Location"]).query)
    assert request["redirect_uri"] == ["https://testserver/lti/launch/"]
    assert request["client_id"] == [CLIENT_ID]
    assert request["lti_message_hint"] == ["m-1"]


def test_the_launch_url_is_ours_whatever_target_the_initiation_names(client, platform):
    request = platform.login(client, target_link_uri="https://evil.example.com/steal")

    assert request["redirect_uri"] == "https://testserver/lti/launch/"


@pytest.mark.parametrize(
    ("initiation", "status", "reason"),
    [
        ({**INITIATION, "iss": "https://unknown.example.com"}, 403, "unknown_issuer"),
        ({**INITIATION, "client_id": "another-tool"}, 403, "wrong_audience"),
        ({"login_hint": "hint-1", "client_id": CLIENT_ID}, 400, "malformed"),
        ({"iss": ISSUER, "client_id": CLIENT_ID}, 400, "malformed"),
    ],
)
def test_a_bad_login_initiation_is_refused_before_the_cookie_check(
    client, platform, initiation, status, reason
):
    response = client.post("/lti/login/", initiation, secure=True)

    assert response.status_code == status
    assert f'data-reason="{reason}"'.encode() in response.content


def test_a_login_without_a_client_id_finds_the_issuers_only_registration(client, platform):
    initiation = {name: value for name, value in INITIATION.items() if name != "client_id"}

    response = client.get("/lti/login/", {**initiation, "lti1p3_new_window": "1"}, secure=True)

    assert response.status_code == 302


def test_the_launch_sets_its_cookies_samesite_none_and_secure(client, platform):
    response = platform.sign_in(client)

    assert {"sessionid", "csrftoken"} <= set(response.cookies)
    for morsel in response.cookies.values():
        assert (morsel["samesite"], morsel["secure"]) == ("None", True)


def test_the_login_sets_pylti1p3s_cookies_samesite_none(client, platform):
    response = client.get("/lti/login/", {**INITIATION, "lti1p3_new_window": "1"}, secure=True)

    assert response.cookies
    assert all(morsel["samesite"] == "None" and morsel["secure"] for morsel in response.cookies.values())


def test_a_launched_session_keeps_cross_site_cookies_past_the_lti_pages(client, platform):
    platform.sign_in(client)
    client.cookies.pop("csrftoken", None)  # so the next page sets it again

    response = client.get("/builder/", secure=True)

    assert response.cookies
    assert all(morsel["samesite"] == "None" and morsel["secure"] for morsel in response.cookies.values())


def test_pages_outside_lti_keep_lax_cookies(trainee):
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "tess", "password": "correct-horse-battery-9"}, secure=True
    )

    assert response.cookies["sessionid"]["samesite"] == "Lax"


def test_the_lti_pages_may_be_framed_and_the_others_not(client, platform):
    login = client.post("/lti/login/", INITIATION, secure=True)
    home = client.get("/", secure=True)

    assert "X-Frame-Options" not in login
    assert "frame-ancestors https:" in login["Content-Security-Policy"]
    assert home["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in home["Content-Security-Policy"]


def test_the_welcome_page_needs_a_signed_in_user(client):
    response = client.get("/lti/welcome/", secure=True)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_jwks_publishes_a_key_from_the_first_request(client):
    keys = client.get("/lti/jwks.json").json()["keys"]

    assert len(keys) == 1
    assert {keys[0]["kty"], keys[0]["alg"], keys[0]["use"]} == {"RSA", "RS256", "sig"}
    assert "d" not in keys[0]  # never the private part
    assert client.get("/lti/jwks.json").json()["keys"] == keys


def test_canvas_json_is_built_from_the_requests_host(client):
    configuration = client.get("/lti/canvas.json", secure=True, headers={"host": "localhost:8443"}).json()

    assert configuration["oidc_initiation_url"] == "https://localhost:8443/lti/login/"
    assert configuration["target_link_uri"] == "https://localhost:8443/lti/launch/"
    assert configuration["public_jwk_url"] == "https://localhost:8443/lti/jwks.json"
    assert configuration["scopes"] == [
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
        "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
        "https://purl.imsglobal.org/spec/lti-ags/scope/score",
        "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
    ]
    (extension,) = configuration["extensions"]
    assert (extension["platform"], extension["domain"], extension["privacy_level"]) == (
        "canvas.instructure.com",
        "localhost",
        "public",
    )
    placements = {
        placement["placement"]: (placement["message_type"], placement["target_link_uri"])
        for placement in extension["settings"]["placements"]
    }
    launch = "https://localhost:8443/lti/launch/"
    assert placements == {
        "course_navigation": ("LtiResourceLinkRequest", launch),
        "assignment_selection": ("LtiDeepLinkingRequest", launch),
        "link_selection": ("LtiDeepLinkingRequest", launch),
    }


def test_an_unknown_issuer_is_named_on_the_page_and_in_the_log(client, platform, caplog):
    response = client.post("/lti/login/", {**INITIATION, "iss": "https://sso.canvaslms.com"}, secure=True)

    assert b"<code>https://sso.canvaslms.com</code>" in response.content
    assert f"<code>{CLIENT_ID}</code>".encode() in response.content
    assert "unknown_issuer (issuer 'https://sso.canvaslms.com'" in caplog.text
