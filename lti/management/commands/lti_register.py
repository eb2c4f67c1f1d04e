"""python manage.py lti_register --issuer … --client-id … --auth-url … --token-url … --jwks-url … --deployment-id …

Registers a learning platform (or updates its registration) and activates its deployments. Running it again
with the same values changes nothing; a bad value stops it with a message naming the option, nothing saved.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import URLValidator

from lti.adapter import Platform, register_platform

URL_OPTIONS = ("auth_url", "token_url", "jwks_url")
TEXT_LIMIT = 255  # django-lti's columns


class Command(BaseCommand):
    help = "Register a platform (issuer and client id) with its URLs and deployment ids. Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--issuer", required=True, help="the platform's issuer, e.g. https://canvas.instructure.com"
        )
        parser.add_argument("--client-id", required=True, help="the client id the platform gave this tool")
        parser.add_argument("--auth-url", required=True, help="the platform's OIDC authorisation URL")
        parser.add_argument("--token-url", required=True, help="the platform's OAuth2 access token URL")
        parser.add_argument("--jwks-url", required=True, help="the platform's public key set (JWKS) URL")
        parser.add_argument(
            "--deployment-id",
            action="append",
            default=[],
            metavar="ID",
            help="a deployment id the platform shows for this tool; repeat for several",
        )
        parser.add_argument("--name", help="a name for the admin (default: the issuer)")
        parser.add_argument("--audience", default="", help="the platform's OAuth2 audience, if it names one")

    def handle(self, *args: Any, **options: Any) -> None:
        platform = _platform(options)
        deployment_ids = _deployment_ids(options["deployment_id"])
        result = register_platform(platform, deployment_ids)
        if result.created:
            self.stdout.write(f"Registered {platform.name} (client id {platform.client_id}).")
        elif result.changed:
            self.stdout.write(f"Updated {platform.name}: {', '.join(result.changed)}.")
        else:
            self.stdout.write(f"{platform.name} was already registered with these values.")
        if result.new_deployments:
            self.stdout.write(f"Deployments now active: {', '.join(result.new_deployments)}.")
        if not deployment_ids:
            self.stdout.write(
                "No deployment id given: launches are refused until one is added (--deployment-id, or the admin)."
            )


def _platform(options: dict[str, Any]) -> Platform:
    issuer, client_id = options["issuer"].strip(), options["client_id"].strip()
    for option, value in (("--issuer", issuer), ("--client-id", client_id)):
        if not value:
            raise CommandError(f"{option} is empty.")
        if len(value) > TEXT_LIMIT:
            raise CommandError(f"{option} is longer than {TEXT_LIMIT} characters.")
    urls = {name: options[name].strip() for name in URL_OPTIONS}
    for name, url in urls.items():
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise CommandError(f"--{name.replace('_', '-')} {url!r} is not an http(s) URL.") from None
    name = (options["name"] or issuer).strip()[:TEXT_LIMIT]
    return Platform(
        issuer=issuer, client_id=client_id, name=name, audience=options["audience"].strip(), **urls
    )


def _deployment_ids(values: list[str]) -> list[str]:
    ids = [value.strip() for value in values]
    if any(not value for value in ids):
        raise CommandError("--deployment-id is empty.")
    if any(len(value) > TEXT_LIMIT for value in ids):
        raise CommandError(f"--deployment-id is longer than {TEXT_LIMIT} characters.")
    return list(dict.fromkeys(ids))
