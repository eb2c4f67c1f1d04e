"""manage.py lti_register and lti_rotate_key."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from lti_tool.models import Key, LtiDeployment, LtiRegistration

pytestmark = pytest.mark.django_db

CANVAS = [
    "--issuer=https://canvas.instructure.com",
    "--client-id=10000000000001",
    "--auth-url=https://sso.canvaslms.com/api/lti/authorize_redirect",
    "--token-url=https://sso.canvaslms.com/login/oauth2/token",
    "--jwks-url=https://sso.canvaslms.com/api/lti/security/jwks",
    "--deployment-id=7:abc",
]


def run(command: str, *arguments: str) -> str:
    out = StringIO()
    call_command(command, *arguments, stdout=out)
    return out.getvalue()


def test_register_makes_the_registration_and_an_active_deployment():
    output = run("lti_register", *CANVAS, "--name=Canvas at Example U")

    registration = LtiRegistration.objects.get()
    assert (registration.issuer, registration.client_id, registration.name) == (
        "https://canvas.instructure.com",
        "10000000000001",
        "Canvas at Example U",
    )
    assert registration.keyset_url == "https://sso.canvaslms.com/api/lti/security/jwks"
    assert list(LtiDeployment.objects.values_list("deployment_id", "is_active")) == [("7:abc", True)]
    assert "Registered Canvas at Example U" in output
    assert Key.objects.filter(is_active=True).count() == 1


def test_registering_twice_changes_nothing():
    run("lti_register", *CANVAS)
    output = run("lti_register", *CANVAS)

    assert "already registered" in output
    assert LtiRegistration.objects.count() == 1
    assert LtiDeployment.objects.count() == 1
    assert Key.objects.count() == 1


def test_registering_again_updates_the_urls_and_adds_deployments():
    run("lti_register", *CANVAS)
    output = run(
        "lti_register", *CANVAS[:-2], "--jwks-url=https://canvas.example.edu/jwks", "--deployment-id=8:def"
    )

    assert LtiRegistration.objects.get().keyset_url == "https://canvas.example.edu/jwks"
    assert set(LtiDeployment.objects.values_list("deployment_id", flat=True)) == {"7:abc", "8:def"}
    assert "Updated" in output
    assert "jwks_url" in output
    assert "8:def" in output


def test_registering_again_switches_a_switched_off_deployment_back_on():
    run("lti_register", *CANVAS)
    LtiDeployment.objects.update(is_active=False)

    run("lti_register", *CANVAS)

    assert LtiDeployment.objects.get().is_active


def test_registering_without_a_deployment_says_launches_wait_for_one():
    output = run("lti_register", *CANVAS[:-1])

    assert "No deployment id given" in output
    assert not LtiDeployment.objects.exists()


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("--jwks-url=not a url", "--jwks-url 'not a url' is not an http(s) URL."),
        (
            "--auth-url=ftp://lms.example.edu/auth",
            "--auth-url 'ftp://lms.example.edu/auth' is not an http(s) URL.",
        ),
        ("--issuer= ", "--issuer is empty."),
        (f"--client-id={'x' * 256}", "--client-id is longer than 255 characters."),
        ("--deployment-id= ", "--deployment-id is empty."),
        (f"--deployment-id={'d' * 256}", "--deployment-id is longer than 255 characters."),
    ],
)
def test_a_bad_value_is_refused_naming_its_option_and_nothing_is_saved(replacement, message):
    option = replacement.split("=")[0]
    arguments = [argument for argument in CANVAS if not argument.startswith(f"{option}=")] + [replacement]

    with pytest.raises(CommandError) as refusal:
        run("lti_register", *arguments)

    assert str(refusal.value) == message
    assert not LtiRegistration.objects.exists()


def test_a_missing_option_is_refused():
    with pytest.raises(CommandError, match="--token-url"):
        run("lti_register", *[argument for argument in CANVAS if not argument.startswith("--token-url")])


def jwks_kids(client) -> list[str]:
    return [key["kid"] for key in client.get("/lti/jwks.json").json()["keys"]]


def test_rotating_publishes_a_new_key_beside_the_old_one(client):
    (old,) = jwks_kids(client)

    output = run("lti_rotate_key")

    kids = jwks_kids(client)
    assert len(kids) == 2
    assert old in kids
    (new,) = set(kids) - {old}
    assert f"New signing key {new}" in output
    listing = {line.split()[0]: line for line in output.splitlines() if line.startswith("  ")}
    assert listing[new].endswith("(signs)")
    assert not listing[old].endswith("(signs)")


def test_the_newest_key_signs(client):
    jwks_kids(client)
    run("lti_rotate_key")

    newest = Key.objects.active().latest()
    assert (
        LtiRegistration(issuer="i", client_id="c").to_registration().get_tool_private_key()
        == newest.private_key
    )


def test_removing_an_old_key_takes_it_out_of_the_jwks(client):
    (old,) = jwks_kids(client)
    run("lti_rotate_key")

    output = run("lti_rotate_key", f"--remove={old}")

    assert old not in jwks_kids(client)
    assert len(jwks_kids(client)) == 1
    assert f"Removed {old}" in output


def test_the_signing_key_cannot_be_removed(client):
    (only,) = jwks_kids(client)

    with pytest.raises(CommandError, match="is the key that signs"):
        run("lti_rotate_key", f"--remove={only}")

    assert jwks_kids(client) == [only]


def test_an_unknown_key_cannot_be_removed(client):
    jwks_kids(client)

    with pytest.raises(CommandError, match="no published key has the id 'nope'"):
        run("lti_rotate_key", "--remove=nope")


def test_registering_again_switches_a_switched_off_registration_back_on():
    run("lti_register", *CANVAS)
    LtiRegistration.objects.update(is_active=False)

    output = run("lti_register", *CANVAS)

    assert LtiRegistration.objects.get().is_active
    assert "is_active" in output
