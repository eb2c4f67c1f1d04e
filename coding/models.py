import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models

from coding.edits import EncounterData


def new_share_slug() -> str:
    return secrets.token_urlsafe(16)


class SavedEncounterQuerySet(models.QuerySet["SavedEncounter"]):
    def owned_by(self, user: User | AnonymousUser) -> "SavedEncounterQuerySet":
        """The user's own saved encounters (none for a visitor who is not signed in)."""
        return self.filter(owner=user) if user.is_authenticated else self.none()

    def save_once(
        self, *, owner: User, token: uuid.UUID, title: str, encounter: EncounterData
    ) -> tuple["SavedEncounter", bool]:
        """Saves the encounter unless this owner already saved with this form's token (a double click,
        a resubmitted page): then the first save is returned, with created False."""
        # get_or_create falls back to the row a concurrent twin request created (the constraint below).
        fields = {"title": title, "encounter": encounter, "setting": encounter["setting"]}
        return self.get_or_create(owner=owner, save_token=token, defaults=fields)


class SavedEncounter(models.Model):
    """An encounter a signed-in trainee kept, in the encounter format, with a read-only share link."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_encounters"
    )
    title = models.CharField(max_length=120)
    encounter = models.JSONField()
    setting = models.CharField(max_length=16)
    share_slug = models.CharField(max_length=32, unique=True, default=new_share_slug, editable=False)
    save_token = models.UUIDField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SavedEncounterQuerySet.as_manager()

    class Meta:
        ordering = ["-updated", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "save_token"], name="one_saved_encounter_per_save_form")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def administration_count(self) -> int:
        """How many administrations were saved (0 for a stored value that is not an encounter at all)."""
        administrations = self.encounter.get("administrations") if isinstance(self.encounter, dict) else None
        return len(administrations) if isinstance(administrations, list) else 0

    def renew_share_link(self) -> None:
        """A new unguessable link; the old one stops working, which is how a trainee takes a link back."""
        self.share_slug = new_share_slug()
        self.save(update_fields=["share_slug"])
