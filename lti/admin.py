"""Our identities, read-only. Platform registrations and their deployments are django-lti's admin (lti_tool)."""

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from lti.models import LtiCourse, LtiIdentity, LtiLineItem, ScorePassback

if TYPE_CHECKING:
    # django-stubs makes the admin classes generic; at run time (without django_stubs_ext) they are not.
    LtiIdentityAdminBase = admin.ModelAdmin[LtiIdentity]
else:
    LtiIdentityAdminBase = admin.ModelAdmin


@admin.register(LtiIdentity)
class LtiIdentityAdmin(LtiIdentityAdminBase):
    """Identities are made by launches only; the admin shows them and may delete one (the user stays)."""

    list_display = ["user", "issuer", "subject", "created", "last_launch"]
    list_filter = ["issuer"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "issuer", "subject", "created", "last_launch"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


if TYPE_CHECKING:
    LtiCourseAdminBase = admin.ModelAdmin[LtiCourse]
else:
    LtiCourseAdminBase = admin.ModelAdmin


@admin.register(LtiCourse)
class LtiCourseAdmin(LtiCourseAdminBase):
    """Courses are linked by launches only; the admin shows which class each became."""

    list_display = ["context_id", "issuer", "klass", "created", "roster_synced_at"]
    list_filter = ["issuer"]
    search_fields = ["context_id", "klass__name"]
    readonly_fields = [
        "issuer",
        "context_id",
        "klass",
        "created",
        "client_id",
        "lineitems_url",
        "memberships_url",
        "grade_scopes",
        "roster_synced_at",
        "roster_error",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


if TYPE_CHECKING:
    LtiLineItemAdminBase = admin.ModelAdmin[LtiLineItem]
    ScorePassbackAdminBase = admin.ModelAdmin[ScorePassback]
else:
    LtiLineItemAdminBase = ScorePassbackAdminBase = admin.ModelAdmin


@admin.register(LtiLineItem)
class LtiLineItemAdmin(LtiLineItemAdminBase):
    """Gradebook columns are made by deep linking only; the admin shows which assignment each one is."""

    list_display = ["assignment", "course", "url", "created"]
    readonly_fields = ["assignment", "course", "url", "created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(ScorePassback)
class ScorePassbackAdmin(ScorePassbackAdminBase):
    """What was sent to which gradebook, and what went wrong; read-only (educators send again from the class)."""

    list_display = ["attempt", "status", "tries", "score_given", "sent_at"]
    list_filter = ["status"]
    readonly_fields = [
        "attempt",
        "status",
        "tries",
        "scored_at",
        "score_given",
        "score_maximum",
        "sent_at",
        "last_error",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
