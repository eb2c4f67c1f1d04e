from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_table(using: str = "default", **kwargs: object) -> None:
    """The database cache's table, made by every `migrate` (tests too), so no deployment forgets it."""
    call_command("createcachetable", database=using, verbosity=0)


class SiteConfig(AppConfig):
    """The site itself: settings, accounts, middleware. An app only so that migrate makes the cache table."""

    name = "config"
    verbose_name = "Site"

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, sender=self, dispatch_uid="config.create_cache_table")
