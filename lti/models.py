from django.conf import settings
from django.db import models

from lti.adapter import Services


class LtiIdentity(models.Model):
    """A platform's person as one of our users: the pair (issuer, subject) is who they are, never their e-mail.

    The subject (`sub`) is the platform's stable id for a person; it is unique only within one issuer, so the
    pair is the key. One user may have identities on several platforms.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_identities"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created = models.DateTimeField(auto_now_add=True)
    last_launch = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "LTI identity"
        verbose_name_plural = "LTI identities"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="lti_identity_unique_issuer_subject")
        ]

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"


class LtiCourse(models.Model):
    """A platform's course (its LTI context) as one of our classes, made on the course's first instructor launch.

    The context id is unique only within its platform, so (issuer, context id) is the key.
    """

    issuer = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255)
    klass = models.OneToOneField("classes.Class", on_delete=models.CASCADE, related_name="lti_course")
    created = models.DateTimeField(auto_now_add=True)
    # Where the course's services are, as its latest launch said (lti.adapter.Services): background tasks call
    # them with no launch at hand.
    client_id = models.CharField(max_length=255, blank=True)
    lineitems_url = models.URLField(max_length=1000, blank=True)
    memberships_url = models.URLField(max_length=1000, blank=True)
    grade_scopes = models.JSONField(default=list, blank=True)
    # The latest roster sync (lti/roster.py): when it ended, and what went wrong if it failed.
    roster_synced_at = models.DateTimeField(null=True, blank=True)
    roster_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "LTI course"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "context_id"], name="lti_course_unique_issuer_context")
        ]

    def __str__(self) -> str:
        return f"{self.context_id} at {self.issuer} → {self.klass}"

    @property
    def services(self) -> Services:
        return Services(
            issuer=self.issuer,
            client_id=self.client_id,
            lineitems_url=self.lineitems_url,
            memberships_url=self.memberships_url,
            scopes=tuple(self.grade_scopes),
        )


class LtiLineItem(models.Model):
    """One of our assignments as a gradebook column of its course, made when an instructor picked the quiz
    through deep linking. The column's URL on the platform comes with the first launch of the link (or is
    looked up by our resource id when a score is first sent)."""

    assignment = models.OneToOneField(
        "assignments.Assignment", on_delete=models.CASCADE, related_name="lti_line_item"
    )
    course = models.ForeignKey(LtiCourse, on_delete=models.CASCADE, related_name="line_items")
    url = models.URLField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "LTI line item"

    def __str__(self) -> str:
        return f"{self.assignment} → {self.url or 'column not yet seen'}"

    @property
    def resource_id(self) -> str:
        """Our tag on the platform's column, so it can be found again without its URL."""
        return f"assignment-{self.assignment_id}"


class ScorePassback(models.Model):
    """Sending one attempt's outcome to its course's gradebook: where it stands, how often it was tried, what was
    sent, and the last error. A new score for the attempt (a regrade, an override) starts it again."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        RETRYING = "retrying", "Failed, trying again"
        FAILED = "failed", "Failed"

    attempt = models.OneToOneField("quizzes.Attempt", on_delete=models.CASCADE, related_name="passback")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveSmallIntegerField(default=0)
    # When the score to send changed: the score's timestamp for the platform, which keeps the latest one.
    scored_at = models.DateTimeField()
    score_given = models.FloatField(null=True, blank=True)
    score_maximum = models.FloatField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "score passback"

    def __str__(self) -> str:
        return f"{self.attempt}: {self.get_status_display()}"
