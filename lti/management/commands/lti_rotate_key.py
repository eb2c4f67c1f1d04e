"""python manage.py lti_rotate_key [--remove KID]

Without options: a new signing key, published in /lti/jwks.json beside the old ones, which stay until removed,
so platforms that cached the old key keep working. With --remove KID: that old key leaves the JWKS. The newest
key is the one that signs, so it cannot be removed until a newer one exists.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lti.adapter import KeyNotRemovable, published_keys, remove_key, rotate_key


class Command(BaseCommand):
    help = "Make a new LTI signing key (old keys stay published), or --remove an old key from the JWKS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--remove", metavar="KID", help="take this old key (its kid) out of the JWKS")

    def handle(self, *args: Any, remove: str | None, **options: Any) -> None:
        if remove is None:
            self.stdout.write(f"New signing key {rotate_key()}. Older keys stay published until removed.")
        else:
            try:
                remove_key(remove)
            except KeyNotRemovable as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Removed {remove} from the JWKS.")
        self.stdout.write("Published keys, newest first:")
        for key in published_keys():
            self.stdout.write(f"  {key.kid}  made {key.created}{'  (signs)' if key.signs else ''}")
