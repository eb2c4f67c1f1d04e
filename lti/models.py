from django.conf import settings
from django.db import models


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

    class Meta:
        verbose_name = "LTI course"
        constraints = [
            models.UniqueConstraint(fields=["issuer", "context_id"], name="lti_course_unique_issuer_context")
        ]

    def __str__(self) -> str:
        return f"{self.context_id} at {self.issuer} → {self.klass}"
