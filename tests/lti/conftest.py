"""The fake platform's fixtures: its key (one per test session), its JWKS through requests_mock, its registration."""

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.lti.platform import (
    JWKS_URL,
    PLATFORM_KID,
    FakePlatform,
    Services,
    new_rsa_key,
    public_jwk,
    register,
)


@pytest.fixture(scope="session")
def platform_key() -> rsa.RSAPrivateKey:
    return new_rsa_key()


@pytest.fixture
def platform_jwks(requests_mock: Any, platform_key: rsa.RSAPrivateKey) -> Any:
    """The platform's key set, the only address the site may fetch."""
    return requests_mock.get(JWKS_URL, json={"keys": [public_jwk(platform_key, PLATFORM_KID)]})


@pytest.fixture
def platform(db: None, platform_jwks: Any, platform_key: rsa.RSAPrivateKey) -> FakePlatform:
    fake = FakePlatform(key=platform_key)
    register(fake)
    return fake


@pytest.fixture
def services(requests_mock: Any, platform: FakePlatform) -> Services:
    """The platform's token, score, line-item and roster endpoints."""
    return Services(requests_mock)
