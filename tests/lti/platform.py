"""A fake learning platform, in-process: its RSA key, its JWKS served through requests_mock, and id_tokens it signs.

A test runs the real flow through Django's test client over HTTPS (`secure=True`, as a platform's iframe is):
`login` sends the OIDC login initiation and returns what our site asks the platform's authorisation endpoint
for (state, nonce, redirect_uri); `launch` posts the id_token the platform would answer with. Nothing leaves
the process: requests_mock answers the JWKS fetch and refuses any other address.

`Services` is the platform's grade and roster services (tests/lti/conftest.py's `services` fixture): a token
endpoint that checks our signed client assertion, a line item's score endpoint, the course's line items, and
its roster, each through requests_mock, so a test reads exactly what our site sent.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from lti.adapter import Platform, public_jwks, register_platform

ISSUER = "https://lms.example.edu"
CLIENT_ID = "coding-lab-client"
DEPLOYMENT_ID = "deployment-1"
AUTH_URL = f"{ISSUER}/auth"
JWKS_URL = f"{ISSUER}/jwks"
PLATFORM_KID = "platform-key-1"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
TOKEN_URL = f"{ISSUER}/token"
LINEITEMS_URL = f"{ISSUER}/api/lti/courses/7/line_items"
LINEITEM_URL = f"{LINEITEMS_URL}/31"
MEMBERSHIPS_URL = f"{ISSUER}/api/lti/courses/7/names_and_roles"
DEEP_LINK_RETURN_URL = f"{ISSUER}/courses/7/deep_linking_response"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
]


def service_claims(*, lineitem: str | None = None) -> dict[str, Any]:
    """The grade and roster claims a course launch carries (a launch of a graded link names its line item)."""
    grades: dict[str, Any] = {"scope": SCOPES, "lineitems": LINEITEMS_URL}
    if lineitem:
        grades["lineitem"] = lineitem
    return {
        AGS_CLAIM: grades,
        NRPS_CLAIM: {"context_memberships_url": MEMBERSHIPS_URL, "service_versions": ["2.0"]},
    }


def deep_linking_claims() -> dict[str, Any]:
    """An instructor's "add an assignment" launch: a deep-linking request."""
    return {
        f"{CLAIM}message_type": "LtiDeepLinkingRequest",
        f"{CLAIM}roles": [INSTRUCTOR],
        f"{CLAIM}resource_link": None,
        DL_CLAIM: {
            "deep_link_return_url": DEEP_LINK_RETURN_URL,
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe", "window"],
            "accept_multiple": False,
            "data": "platform-opaque-7",
        },
        **service_claims(),
    }


def member(user_id: str, role: str = LEARNER, *, status: str = "Active", **names: str) -> dict[str, Any]:
    return {"user_id": user_id, "status": status, "roles": [role], **names}


def new_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class FakePlatform:
    key: rsa.RSAPrivateKey
    issuer: str = ISSUER
    client_id: str = CLIENT_ID

    def login(self, client: Client, **parameters: str) -> dict[str, str]:
        """The login initiation in a new window (past the cookie check); the authorisation request's parameters."""
        query = {
            "iss": self.issuer,
            "login_hint": "hint-1",
            "client_id": self.client_id,
            "target_link_uri": "https://testserver/lti/launch/",
            "lti1p3_new_window": "1",
            **parameters,
        }
        response = client.get("/lti/login/", query, secure=True)
        assert response.status_code == 302, response.content
        location = urlsplit(response["Location"])
        assert f"{location.scheme}://{location.netloc}{location.path}" == AUTH_URL
        return {name: values[0] for name, values in parse_qs(location.query).items()}

    def claims(self, request: dict[str, str], **overrides: Any) -> dict[str, Any]:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": "person-42",
            "iat": now,
            "exp": now + 300,
            "nonce": request["nonce"],
            "given_name": "Tess",
            "family_name": "Carter",
            "name": "Tess Carter",
            "email": "tess@example.edu",
            f"{CLAIM}message_type": "LtiResourceLinkRequest",
            f"{CLAIM}version": "1.3.0",
            f"{CLAIM}deployment_id": DEPLOYMENT_ID,
            f"{CLAIM}target_link_uri": request["redirect_uri"],
            f"{CLAIM}resource_link": {"id": "link-1", "title": "Infusion Coding Lab"},
            f"{CLAIM}context": {"id": "course-7", "title": "Infusion Coding 101", "label": "CODE101"},
            f"{CLAIM}roles": [LEARNER],
        }
        claims.update(overrides)
        return {name: value for name, value in claims.items() if value is not None}

    def id_token(
        self, claims: dict[str, Any], *, key: rsa.RSAPrivateKey | None = None, kid: str = PLATFORM_KID
    ) -> str:
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid})

    def launch(
        self, client: Client, request: dict[str, str], *, token: str | None = None, **overrides: Any
    ) -> Any:
        id_token = token or self.id_token(self.claims(request, **overrides))
        return client.post("/lti/launch/", {"id_token": id_token, "state": request["state"]}, secure=True)

    def sign_in(self, client: Client, **overrides: Any) -> Any:
        """The whole flow, login to launch."""
        return self.launch(client, self.login(client), **overrides)


@dataclass
class Services:
    """The platform's service endpoints in requests_mock; `scores` and `tokens` are the requests they got."""

    mock: Any
    members: list[dict[str, Any]] = field(default_factory=list)
    lineitems: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.token_endpoint = self.mock.post(TOKEN_URL, json=self._token)
        self.score_endpoint = self.mock.post(f"{LINEITEM_URL}/scores", status_code=200, json={})
        self.lineitems_endpoint = self.mock.get(LINEITEMS_URL, json=lambda request, context: self.lineitems)
        self.members_endpoint = self.mock.get(MEMBERSHIPS_URL, json=self._roster_page)

    def _token(self, request: Any, context: Any) -> dict[str, Any]:
        """An access token for a client assertion signed with one of the keys our JWKS publishes."""
        form = {name: values[0] for name, values in parse_qs(request.text).items()}
        assert form["grant_type"] == "client_credentials"
        assertion = form["client_assertion"]
        keys = {key["kid"]: key for key in public_jwks()["keys"]}
        key = RSAAlgorithm.from_jwk(keys[jwt.get_unverified_header(assertion)["kid"]])
        claims = jwt.decode(assertion, key, algorithms=["RS256"], audience=TOKEN_URL)  # type: ignore[arg-type]
        assert claims["iss"] == claims["sub"] == CLIENT_ID
        return {
            "access_token": "platform-token-1",
            "token_type": "Bearer",
            "expires_in": 3600,
            "scope": form["scope"],
        }

    def _roster_page(self, request: Any, context: Any) -> dict[str, Any]:
        """Two members a page, with a Link to the next, as NRPS pages a long roster."""
        page = int(parse_qs(urlsplit(request.url).query).get("page", ["0"])[0])
        if (page + 1) * 2 < len(self.members):
            context.headers["Link"] = f'<{MEMBERSHIPS_URL}?page={page + 1}>; rel="next"'
        return {
            "id": MEMBERSHIPS_URL,
            "context": {"id": "course-7"},
            "members": self.members[page * 2 : page * 2 + 2],
        }

    def scores(self) -> list[dict[str, Any]]:
        return [json.loads(request.text) for request in self.score_endpoint.request_history]

    def fail_scores(self, status: int) -> None:
        self.score_endpoint = self.mock.post(f"{LINEITEM_URL}/scores", status_code=status, json={})


def public_jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    jwk: dict[str, Any] = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "alg": "RS256", "use": "sig"}


def register(platform: FakePlatform) -> None:
    """The platform registered here, as `lti_register` would, with one active deployment."""
    register_platform(
        Platform(
            issuer=platform.issuer,
            client_id=platform.client_id,
            name="Example LMS",
            auth_url=AUTH_URL,
            token_url=TOKEN_URL,
            jwks_url=JWKS_URL,
        ),
        [DEPLOYMENT_ID],
    )
