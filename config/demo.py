"""The demo accounts `make run` creates on a development machine, so a newcomer can try both roles."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from config.roles import EDUCATORS_GROUP


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    first_name: str
    educator: bool


DEMO_ACCOUNTS = (
    DemoAccount("educator", "educator-demo-pass", "Erin (educator)", educator=True),
    DemoAccount("trainee", "trainee-demo-pass", "Taylor (trainee)", educator=False),
)


def ensure_educators_group() -> Group:
    return Group.objects.get_or_create(name=EDUCATORS_GROUP)[0]


def ensure_demo_accounts() -> list[DemoAccount]:
    """Creates the accounts that are missing; an existing account is left exactly as it is."""
    educators = ensure_educators_group()
    user_model = get_user_model()
    for account in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(
            username=account.username, defaults={"first_name": account.first_name}
        )
        if created:
            user.set_password(account.password)
            user.save(update_fields=["password"])
            if account.educator:
                user.groups.add(educators)
    return list(DEMO_ACCOUNTS)
