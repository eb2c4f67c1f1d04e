from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from classes.demo import TRAINEES, ensure_demo_class
from config.demo import ensure_demo_accounts, ensure_educators_group
from quizzes import starter


class Command(BaseCommand):
    help = (
        "Loads what a new site needs: the Educators group, the starter quizzes and, when DEBUG is on, "
        "the demo accounts and the demo class. Safe to run again: what exists is left alone."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_educators_group()
        counts = starter.load()
        if settings.DEBUG:
            self.stdout.write("Demo accounts (DEBUG only):")
            for account in ensure_demo_accounts():
                role = "educator" if account.educator else "trainee"
                self.stdout.write(
                    f"  {role:<9} username {account.username!r:<12} password {account.password!r}"
                )
            demo_class, _ = ensure_demo_class()
            self.stdout.write(
                f"  class     {demo_class.name!r}, join code {demo_class.join_code}, "
                f"{TRAINEES} trainees (demo-trainee-01 …, no password)"
            )
        loaded = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Starter content is loaded: {loaded}."))
