"""A fake learning platform, in-process: its RSA key, its JWKS served through requests_mock, and id_tokens it signs.

A test runs the real flow through Django's test client over HTTPS (`secure=True`, as a platform's iframe is):
`login` sends the OIDC login initiation and returns what our site asks the platform's authorisation endpoint
for (state, nonce, redirect_uri); `launch` posts the id_token the platform would answer with. Nothing leaves
the process: requests_mock answers the JWKS fetch and refuses any other address.
"""

import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client
from jwt.algorithms import RSAAlgorithm

from lti.adapter import Platform, register_platform

ISSUER = "https://lms.example.edu"
CLIENT_ID = "coding-lab-client"
DEPLOYMENT_ID = "deployment-1"
AUTH_URL = f"{ISSUER}/auth"
JWKS_URL = f"{ISSUER}/jwks"
PLATFORM_KID = "platform-key-1"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


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
            token_url=f"{ISSUER}/token",
            jwks_url=JWKS_URL,
        ),
        [DEPLOYMENT_ID],
    )
