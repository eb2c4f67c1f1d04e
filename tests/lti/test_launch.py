"""The OIDC login → launch flow against the fake platform: who is signed in, and every refused launch."""

import base64
import json
import time

import pytest
import requests
from django.contrib.auth.models import User
from django.test import Client
from lti_tool.models import LtiDeployment

from config.roles import EDUCATORS_GROUP, is_educator
from lti import identity
from lti.models import LtiIdentity
from tests.factories import UserFactory
from tests.lti.platform import CLAIM, INSTRUCTOR, JWKS_URL, new_rsa_key, register

pytestmark = pytest.mark.django_db


def test_a_learners_first_launch_signs_in_a_new_trainee(client, platform):
    response = platform.sign_in(client)

    assert response.status_code == 302
    assert response["Location"] == "/lti/welcome/"
    identity = LtiIdentity.objects.get()
    assert (identity.issuer, identity.subject) == (platform.issuer, "person-42")
    user = identity.user
    assert (user.first_name, user.last_name, user.email) == ("Tess", "Carter", "tess@example.edu")
    assert not user.has_usable_password()
    assert not is_educator(user)
    assert int(client.session["_auth_user_id"]) == user.pk


def test_an_instructors_launch_makes_an_educator(client, platform):
    platform.sign_in(client, **{f"{CLAIM}roles": [INSTRUCTOR]})

    user = LtiIdentity.objects.get().user
    assert user.groups.filter(name=EDUCATORS_GROUP).exists()


def test_a_later_learner_launch_keeps_an_educator_an_educator(client, platform):
    platform.sign_in(client, **{f"{CLAIM}roles": [INSTRUCTOR]})
    platform.sign_in(Client())

    assert is_educator(LtiIdentity.objects.get().user)


def test_the_welcome_page_names_the_course_and_the_role(client, platform):
    response = platform.sign_in(client)
    page = client.get(response["Location"], secure=True)

    assert page.status_code == 200
    assert b"Infusion Coding 101" in page.content
    assert b"<strong>trainee</strong>" in page.content


def test_a_second_launch_finds_the_same_user(client, platform):
    platform.sign_in(client)
    platform.sign_in(Client(), given_name="Tessa")

    assert User.objects.count() == 1
    assert LtiIdentity.objects.count() == 1


def test_a_matching_email_never_finds_an_existing_account(client, platform):
    existing = UserFactory(username="tess", email="tess@example.edu")
    platform.sign_in(client)

    identity = LtiIdentity.objects.get()
    assert identity.user != existing
    assert int(client.session["_auth_user_id"]) == identity.user.pk


def test_the_same_subject_on_another_issuer_is_another_person(client, platform):
    platform.sign_in(client)
    other = type(platform)(key=platform.key, issuer="https://other-lms.example.org", client_id="other-client")
    register(other)
    other.sign_in(Client())

    assert LtiIdentity.objects.filter(subject="person-42").count() == 2
    assert User.objects.count() == 2


@pytest.mark.parametrize(
    ("given_name", "family_name", "name", "expected_start"),
    [
        ("Tess", "Carter", "Tess Carter", "tess-carter-"),
        ("Zoë", "Ōtani", "", "zoe-otani-"),
        ("", "", "<script>alert(1)</script>", "scriptalert1script-"),
        ("", "", "", "lti-user-"),
        ("名前", "", "", "lti-user-"),
    ],
)
def test_a_new_username_is_made_safe_from_the_platforms_name(
    client, platform, given_name, family_name, name, expected_start
):
    platform.sign_in(
        client, given_name=given_name or None, family_name=family_name or None, name=name or None
    )

    username = LtiIdentity.objects.get().user.username
    assert username.startswith(expected_start)
    assert all(character.isalnum() or character == "-" for character in username)


def test_two_people_of_the_same_name_get_two_usernames(client, platform):
    platform.sign_in(client)
    platform.sign_in(Client(), sub="person-43")

    assert len(set(User.objects.values_list("username", flat=True))) == 2


def test_a_closed_account_is_refused(client, platform):
    platform.sign_in(client)
    User.objects.update(is_active=False)

    response = platform.sign_in(Client())

    assert response.status_code == 403
    assert b'data-reason="account_closed"' in response.content


def refused_reason(response) -> str:
    assert b'data-reason="' in response.content, response.content
    return response.content.split(b'data-reason="')[1].split(b'"')[0].decode()


@pytest.mark.parametrize(
    ("overrides", "status", "reason"),
    [
        ({"exp": int(time.time()) - 60, "iat": int(time.time()) - 400}, 403, "expired"),
        ({"iat": int(time.time()) + 3600, "exp": int(time.time()) + 4000}, 403, "expired"),
        ({"exp": None}, 400, "malformed"),
        ({"iat": None}, 400, "malformed"),
        ({"aud": "another-tool"}, 403, "wrong_audience"),
        ({"aud": ["another-tool", "coding-lab-client"]}, 403, "wrong_audience"),
        ({"iss": "https://unknown-lms.example.com"}, 403, "unknown_issuer"),
        ({f"{CLAIM}deployment_id": "deployment-unknown"}, 403, "unknown_deployment"),
        ({"nonce": "a-nonce-we-never-issued"}, 403, "replayed"),
        ({f"{CLAIM}message_type": "LtiDeepLinkingRequest"}, 400, "unsupported_message"),
        ({"sub": None}, 400, "unsupported_message"),
        ({f"{CLAIM}version": "1.1"}, 400, "unsupported_message"),
    ],
)
def test_a_bad_launch_is_refused_with_our_page(client, platform, overrides, status, reason):
    response = platform.sign_in(client, **overrides)

    assert response.status_code == status
    assert refused_reason(response) == reason
    assert "lti/refused.html" in [template.name for template in response.templates]
    assert not LtiIdentity.objects.exists()
    assert "_auth_user_id" not in client.session


def test_a_forged_signature_is_refused(client, platform):
    request = platform.login(client)
    forged = platform.id_token(platform.claims(request), key=new_rsa_key())

    response = platform.launch(client, request, token=forged)

    assert response.status_code == 403
    assert refused_reason(response) == "forged"


def test_a_token_signed_with_a_key_the_platform_does_not_publish_is_refused(client, platform):
    request = platform.login(client)
    token = platform.id_token(platform.claims(request), kid="someone-elses-key")

    assert refused_reason(platform.launch(client, request, token=token)) == "forged"


def test_a_tampered_token_is_refused(client, platform):
    request = platform.login(client)
    header, body, signature = platform.id_token(platform.claims(request)).split(".")
    other_body = platform.id_token(platform.claims(request, sub="someone-else")).split(".")[1]

    response = platform.launch(client, request, token=f"{header}.{other_body}.{signature}")

    assert refused_reason(response) == "forged"


def test_a_replayed_launch_is_refused(client, platform):
    request = platform.login(client)
    token = platform.id_token(platform.claims(request))
    assert platform.launch(client, request, token=token).status_code == 302

    response = platform.launch(client, request, token=token)

    assert response.status_code == 403
    assert refused_reason(response) == "replayed"


def test_a_switched_off_deployment_is_refused(client, platform):
    LtiDeployment.objects.update(is_active=False)

    assert refused_reason(platform.sign_in(client)) == "unknown_deployment"


def test_an_unknown_deployment_is_not_added(client, platform):
    platform.sign_in(client, **{f"{CLAIM}deployment_id": "deployment-unknown"})

    assert list(LtiDeployment.objects.values_list("deployment_id", flat=True)) == ["deployment-1"]


def test_a_launch_from_a_browser_that_lost_the_login_cookies_is_refused(client, platform):
    request = platform.login(client)

    response = platform.launch(Client(), request)

    assert response.status_code == 403
    assert refused_reason(response) == "lost_session"


def test_a_launch_with_another_state_is_refused(client, platform):
    request = platform.login(client)

    response = platform.launch(client, {**request, "state": "state-made-up"})

    assert refused_reason(response) == "lost_session"


@pytest.mark.parametrize(
    "data",
    [{}, {"id_token": "not-a-token", "state": "x"}, {"state": "x"}, {"id_token": "a.b.c", "state": "x"}],
)
def test_a_post_that_is_not_a_launch_is_a_400(client, platform, data):
    request = platform.login(client)
    if data.get("state"):
        data = {**data, "state": request["state"]}

    response = client.post("/lti/launch/", data, secure=True)

    assert response.status_code == 400
    assert refused_reason(response) == "malformed"


def test_a_launch_is_a_post(client):
    assert client.get("/lti/launch/", secure=True).status_code == 405


@pytest.mark.parametrize(
    "failure",
    [
        {"exc": requests.ConnectionError},
        {"exc": requests.Timeout},
        {"status_code": 500, "text": "down"},
        {"status_code": 404, "json": {"keys": []}},
        {"json": {"error": "no keys here"}},
        {"json": ["not", "a", "key", "set"]},
        {"json": {"keys": ["not-a-key"]}},
    ],
)
def test_a_platform_whose_keys_do_not_answer_gets_a_502_page(client, platform, requests_mock, failure):
    requests_mock.get(JWKS_URL, **failure)

    response = platform.sign_in(client)

    assert response.status_code == 502
    assert refused_reason(response) == "platform_keys"


@pytest.mark.parametrize(
    "overrides",
    [
        {"nonce": ["a", "list"]},
        {"aud": 5},
        {"sub": 42},
        {"exp": "soon"},
        {f"{CLAIM}context": "a course"},
        {f"{CLAIM}roles": "Instructor"},
        {f"{CLAIM}resource_link": "link-1"},
        {f"{CLAIM}deployment_id": ["deployment-1"]},
        {f"{CLAIM}tool_platform": {"name": "no guid"}},
        {"https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice": {"version": "2.0"}},
    ],
)
def test_a_signed_token_of_the_wrong_shape_is_a_400(client, platform, overrides):
    response = platform.sign_in(client, **overrides)

    assert response.status_code == 400
    assert refused_reason(response) == "malformed"


def encoded(part: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(part).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ({"alg": "RS256", "kid": "k"}, [1, 2]),
        ({"alg": "RS256", "kid": "k"}, "text"),
        (["RS256"], {"nonce": "n"}),
    ],
)
def test_a_token_that_is_not_an_object_is_a_400(client, platform, header, body):
    request = platform.login(client)

    response = platform.launch(client, request, token=f"{encoded(header)}.{encoded(body)}.c2lnbmF0dXJl")

    assert response.status_code == 400
    assert refused_reason(response) == "malformed"


def test_a_login_without_a_client_id_is_refused_when_the_issuer_has_two_registrations(client, platform):
    register(type(platform)(key=platform.key, client_id="second-client"))

    response = client.get(
        "/lti/login/", {"iss": platform.issuer, "login_hint": "hint-1", "lti1p3_new_window": "1"}, secure=True
    )

    assert response.status_code == 403
    assert refused_reason(response) == "wrong_audience"


def test_a_taken_username_gets_a_number(client, platform):
    platform.sign_in(client)
    first = User.objects.get()
    LtiIdentity.objects.all().delete()  # the same person again, as if their identity had been removed
    first.username, taken = f"{first.username}-x", first.username
    first.save()
    UserFactory(username=taken)

    platform.sign_in(Client())

    assert LtiIdentity.objects.get().user.username == f"{taken}-2"


def test_two_first_launches_of_one_person_at_once_share_one_identity(client, platform, monkeypatch):
    free_username = identity._free_username

    def racing(launch):
        # The other request makes the identity between our lookup and our insert.
        other = UserFactory(username="the-other-request")
        LtiIdentity.objects.create(user=other, issuer=launch.issuer, subject=launch.subject)
        return free_username(launch)

    monkeypatch.setattr(identity, "_free_username", racing)

    platform.sign_in(client)

    assert LtiIdentity.objects.get().user.username == "the-other-request"
    assert int(client.session["_auth_user_id"]) == LtiIdentity.objects.get().user.pk
    assert User.objects.count() == 1


def test_the_admin_lists_identities_and_never_adds_one(client, platform):
    platform.sign_in(client)
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)

    listing = client.get("/admin/lti/ltiidentity/")

    assert listing.status_code == 200
    assert b"person-42" in listing.content
    assert client.get("/admin/lti/ltiidentity/add/").status_code == 403
