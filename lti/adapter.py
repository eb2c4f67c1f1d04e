"""The one door to the LTI libraries: django-lti (`lti_tool`) over pylti1p3. Nothing else in the site imports them.

What goes through here, in our own terms:

- `begin_login`: the OIDC login initiation; the cookie check first, then the redirect to the platform.
- `check_launch`: a launch's id_token checked (state, shape, nonce, audience, issuer, signature, expiry,
  deployment, message type; the nonce once only), django-lti's records of the platform's course and people updated, and a `Launch` returned.
- `public_jwks`, `rotate_key`, `remove_key`, `published_keys`: our signing keys.
- `register_platform`: a platform and its deployments, for `manage.py lti_register`.
- `deep_link_reply`: the signed answer to a deep-linking request, naming the content an instructor picked.
- `post_score` and `course_members`: the grade (AGS) and roster (NRPS) services, called from background tasks
  with what earlier launches said about the course (`Services`), so no request is needed.

Every way a launch can be wrong is a `Refusal` with a `Reason`, decided by which check failed (never by the
libraries' English messages), so the views answer a page of ours and never a 500.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

import jwt
import requests
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from lti_tool.models import Key, LtiDeployment, LtiLaunch, LtiRegistration
from lti_tool.utils import DjangoToolConfig, sync_data_from_launch
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pylti1p3.assignments_grades import AssignmentsGradesService, TAssignmentsGradersData
from pylti1p3.contrib.django.launch_data_storage.cache import DjangoCacheDataStorage
from pylti1p3.contrib.django.message_launch import DjangoMessageLaunch
from pylti1p3.contrib.django.oidc_login import DjangoOIDCLogin
from pylti1p3.deep_link import DeepLink, TDeepLinkData
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.deployment import Deployment
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.names_roles import NamesRolesProvisioningService
from pylti1p3.roles import StudentRole, TeacherRole
from pylti1p3.service_connector import ServiceConnector

# The platform's key set is fetched during a launch; a platform that does not answer must not hold a worker.
PLATFORM_TIMEOUT_SECONDS = 10
# A nonce is remembered this long past the token's expiry, so a replay is refused even with a skewed clock.
NONCE_GRACE_SECONDS = 5 * 60
# The parameters of a login initiation that the "open in a new window" link carries over (pylti1p3's list).
LOGIN_PARAMETERS = (
    "iss",
    "login_hint",
    "target_link_uri",
    "lti_message_hint",
    "lti_deployment_id",
    "client_id",
)
NEW_WINDOW_PARAMETER = "lti1p3_new_window"

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
DEEP_LINKING_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
GRADES_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
ROSTER_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"

# The services the tool asks a platform for (Canvas's developer key lists them: lti/canvas.py).
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
GRADE_SCOPES = (
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly",
    "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
    SCORE_SCOPE,
)
ROSTER_SCOPE = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"


class Reason(StrEnum):
    """Why a login or launch was refused. The value is what the refusal page and the tests decide by."""

    MALFORMED = "malformed"
    LOST_SESSION = "lost_session"
    UNKNOWN_ISSUER = "unknown_issuer"
    WRONG_AUDIENCE = "wrong_audience"
    FORGED = "forged"
    EXPIRED = "expired"
    REPLAYED = "replayed"
    UNKNOWN_DEPLOYMENT = "unknown_deployment"
    UNSUPPORTED_MESSAGE = "unsupported_message"
    ACCOUNT_CLOSED = "account_closed"
    PLATFORM_KEYS = "platform_keys"
    NOT_INSTRUCTOR = "not_instructor"
    NOTHING_TO_PICK = "nothing_to_pick"

    @property
    def status(self) -> int:
        """400 for a request that is not a launch at all, 502 when the platform's keys could not be read, else 403."""
        if self in {Reason.MALFORMED, Reason.UNSUPPORTED_MESSAGE, Reason.NOTHING_TO_PICK}:
            return 400
        if self is Reason.PLATFORM_KEYS:
            return 502
        return 403


class Refusal(Exception):
    """A refused login or launch; the platform's issuer and client id as it gave them, when they are the point."""

    def __init__(self, reason: Reason, *, issuer: str = "", client_id: str = "") -> None:
        super().__init__(reason.value)
        self.reason = reason
        self.issuer = issuer
        self.client_id = client_id


@dataclass(frozen=True)
class Course:
    """The platform's course (its LTI context) the launch came from."""

    issuer: str
    platform_id: str
    title: str
    label: str


@dataclass(frozen=True)
class Services:
    """Where a course's grade and roster services are, as its launches said; empty where a launch did not say.

    Kept with the course (lti.models.LtiCourse), so a background task can call them long after the launch.
    """

    issuer: str
    client_id: str
    lineitems_url: str = ""
    memberships_url: str = ""
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeepLinkRequest:
    """An instructor's request to pick content: where to answer, and the platform's data to hand back."""

    return_url: str
    deployment_id: str
    data: str | None = None


@dataclass(frozen=True)
class Launch:
    """A checked launch: who the person is on the platform, their role there, the course, and what it opens.

    A deep-linking launch (`deep_link`) asks the instructor to pick content; a resource launch opens a link,
    whose `custom` parameters are those we gave it when it was picked (`assignment`). `lineitem_url` is the
    gradebook column of the link, where the platform made one.
    """

    issuer: str
    subject: str
    given_name: str
    family_name: str
    name: str
    email: str
    is_instructor: bool  # an instructor or administrator of the course (pylti1p3's TeacherRole)
    course: Course
    services: Services
    deep_link: DeepLinkRequest | None = None
    custom: dict[str, str] = field(default_factory=dict)
    lineitem_url: str = ""


class _Context(BaseModel):
    id: str = ""
    title: str = ""
    label: str = ""


class _Names(BaseModel):  # the roster service's claim, which django-lti reads
    context_memberships_url: str


class _Grades(BaseModel):  # the grade service's claim
    model_config = ConfigDict(extra="allow")

    scope: list[str] = []
    lineitems: str = ""
    lineitem: str = ""


class _DeepLinking(BaseModel):  # the deep-linking settings claim
    model_config = ConfigDict(extra="allow")

    deep_link_return_url: str
    data: str | None = None


class _Platform(BaseModel):  # the platform instance claim, which django-lti reads
    guid: str


class _Claims(BaseModel):
    """The id_token's claims that we and the libraries read, with the types they assume.

    Checked before anything reads them, so a token of the wrong shape is a malformed launch and never an
    error deep inside a library. Other claims pass through unread.
    """

    model_config = ConfigDict(extra="allow")

    iss: str
    aud: str | list[str]
    sub: str = ""  # pylti1p3 refuses a launch without one
    nonce: str
    exp: int  # PyJWT checks exp and iat only when present; without them a token would be good forever
    iat: int
    given_name: str = ""
    family_name: str = ""
    name: str = ""
    email: str = ""
    deployment_id: str = Field("", alias=f"{CLAIM}deployment_id")
    message_type: str = Field("", alias=f"{CLAIM}message_type")
    roles: list[str] | None = Field(None, alias=f"{CLAIM}roles")
    context: _Context | None = Field(None, alias=f"{CLAIM}context")
    resource_link: dict[str, str | None] | None = Field(None, alias=f"{CLAIM}resource_link")
    tool_platform: _Platform | None = Field(None, alias=f"{CLAIM}tool_platform")
    names_and_roles: _Names | None = Field(None, alias=ROSTER_CLAIM)
    grades: _Grades | None = Field(None, alias=GRADES_CLAIM)
    deep_linking: _DeepLinking | None = Field(None, alias=DEEP_LINKING_CLAIM)
    custom: dict[str, str | int | float | bool] | None = Field(None, alias=f"{CLAIM}custom")


# --- Our signing keys -------------------------------------------------------------------------------------------


def _ensure_signing_key() -> None:
    """The first key is made on first use, so a fresh site never fails a login for want of one."""
    if not Key.objects.active().exists():
        Key.objects.generate()


def public_jwks() -> dict[str, Any]:
    _ensure_signing_key()
    return dict(Key.objects.as_jwks())


@dataclass(frozen=True)
class PublishedKey:
    kid: str
    created: str
    signs: bool  # the newest published key is the one that signs


def published_keys() -> list[PublishedKey]:
    keys = list(Key.objects.active().order_by("-datetime_created"))
    return [
        PublishedKey(
            kid=str(key), created=key.datetime_created.isoformat(timespec="seconds"), signs=index == 0
        )
        for index, key in enumerate(keys)
    ]


def rotate_key() -> str:
    """A new key, published beside the old ones; it signs from now on. Returns its key id."""
    return str(Key.objects.generate())


class KeyNotRemovable(Exception):
    """A key that cannot be removed: unknown, or the one that signs."""


def remove_key(kid: str) -> None:
    """Takes an old key out of the JWKS. The newest key signs, so it stays until a newer one exists."""
    keys = list(Key.objects.active().order_by("-datetime_created"))
    match = next((key for key in keys if str(key) == kid), None)
    if match is None:
        raise KeyNotRemovable(f"no published key has the id {kid!r}")
    if match is keys[0]:
        raise KeyNotRemovable(f"{kid} is the key that signs; make a new one first (lti_rotate_key)")
    match.is_active = False
    match.save(update_fields=["is_active", "datetime_modified"])


# --- Platforms --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Platform:
    issuer: str
    client_id: str
    name: str
    auth_url: str
    token_url: str
    jwks_url: str
    audience: str = ""


@dataclass(frozen=True)
class Registered:
    created: bool
    changed: list[str]
    new_deployments: list[str]


REGISTRATION_FIELDS = {
    "name": "name",
    "auth_url": "auth_url",
    "token_url": "token_url",
    "jwks_url": "keyset_url",
    "audience": "audience",
}


def register_platform(platform: Platform, deployment_ids: list[str]) -> Registered:
    """Adds or updates the registration of (issuer, client id) and makes its deployments active. Idempotent."""
    with transaction.atomic():
        registration = LtiRegistration.objects.filter(
            issuer=platform.issuer, client_id=platform.client_id
        ).first()
        created = registration is None
        if registration is None:
            registration = LtiRegistration(issuer=platform.issuer, client_id=platform.client_id)
        changed = [
            ours
            for ours, theirs in REGISTRATION_FIELDS.items()
            if not created and getattr(registration, theirs) != getattr(platform, ours)
        ]
        for ours, theirs in REGISTRATION_FIELDS.items():
            setattr(registration, theirs, getattr(platform, ours))
        if not registration.is_active:
            registration.is_active = True
            changed.append("is_active")
        if created or changed:
            registration.save()
        new_deployments = []
        for deployment_id in deployment_ids:
            deployment, made = LtiDeployment.objects.get_or_create(
                registration=registration, deployment_id=deployment_id, defaults={"is_active": True}
            )
            if made or not deployment.is_active:
                deployment.is_active = True
                deployment.save(update_fields=["is_active", "datetime_modified"])
                new_deployments.append(deployment_id)
    _ensure_signing_key()
    return Registered(created=created, changed=changed, new_deployments=new_deployments)


class _ToolConfig(DjangoToolConfig):  # type: ignore[misc]  # django-lti ships no type information
    """django-lti's configuration, stricter: an unknown or switched-off deployment is refused, never created.

    django-lti would add an unknown deployment (inactive) on its first launch; here deployments are registered
    by `lti_register` or in the admin. A login without a client id is accepted when the issuer has exactly one
    registration (some platforms leave it out).
    """

    def find_registration_by_params(self, iss: str, client_id: str | None, *args: Any, **kwargs: Any) -> Any:
        _ensure_signing_key()
        if client_id is None:
            registrations = list(LtiRegistration.objects.active().filter(issuer=iss)[:2])
            if len(registrations) != 1:
                return None
            client_id = registrations[0].client_id
        return super().find_registration_by_params(iss, client_id, *args, **kwargs)

    def find_deployment_by_params(
        self, iss: str, deployment_id: str, client_id: str, *args: Any, **kwargs: Any
    ) -> Any:
        self.deployment = LtiDeployment.objects.filter(
            registration__issuer=iss,
            registration__client_id=client_id,
            registration__is_active=True,
            deployment_id=deployment_id,
            is_active=True,
        ).first()
        return None if self.deployment is None else Deployment().set_deployment_id(deployment_id)


def _unregistered(issuer: str, client_id: str | None) -> Refusal:
    """No registration for (issuer, client id): the issuer is unknown, or the token was meant for another client."""
    known = LtiRegistration.objects.active().filter(issuer=issuer).exists()
    reason = Reason.WRONG_AUDIENCE if known else Reason.UNKNOWN_ISSUER
    return Refusal(reason, issuer=issuer, client_id=client_id or "")


# --- Login initiation -------------------------------------------------------------------------------------------


class _Login(DjangoOIDCLogin):
    """pylti1p3's login, its refusals given our reasons, and its cookie check drawn by our template (its own page
    runs inline script, which our Content-Security-Policy forbids)."""

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(request, _ToolConfig(), launch_data_storage=DjangoCacheDataStorage())
        self._page_request = request

    def validate_oidc_login(self) -> Any:
        issuer = self._get_request_param("iss")
        if not issuer or not self._get_request_param("login_hint"):
            raise Refusal(Reason.MALFORMED)
        try:
            return super().validate_oidc_login()
        except OIDCException as error:
            raise _unregistered(issuer, self._get_request_param("client_id")) from error

    def get_cookies_allowed_js_check(self) -> str:
        parameters = {NEW_WINDOW_PARAMETER: "1"}
        for name in LOGIN_PARAMETERS:
            if value := self._get_request_param(name):
                parameters[name] = value
        continue_url = f"{self._page_request.path}?{urlencode(parameters)}"
        return render_to_string(
            "lti/cookie_check.html", {"continue_url": continue_url}, request=self._page_request
        )


def begin_login(request: HttpRequest, launch_url: str) -> HttpResponse:
    """The cookie check page, then (once cookies work, or in a new window) the redirect to the platform.

    The platform is checked first, so an unknown one is refused before any cookie is tried. The launch always
    comes back to `launch_url`, whatever `target_link_uri` the initiation named.
    """
    login = _Login(request)
    login.validate_oidc_login()
    response: HttpResponse = login.enable_check_cookies().redirect(launch_url)
    return response


# --- Launch -----------------------------------------------------------------------------------------------------

Step = TypeVar("Step", bound=Callable[..., Any])


def _refused_as(reason: Reason) -> Callable[[Step], Step]:
    """One validation step of pylti1p3, its failure turned into our reason."""

    def decorate(step: Step) -> Step:
        @wraps(step)
        def checked(self: Any) -> Any:
            try:
                return step(self)
            except LtiException as error:
                raise Refusal(reason) from error

        return checked  # type: ignore[return-value]

    return decorate


class _PlatformSession(requests.Session):
    """Requests to a platform: with a timeout, and an error status is an error (pylti1p3 reads any body)."""

    def request(self, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", PLATFORM_TIMEOUT_SECONDS)
        response = super().request(*args, **kwargs)
        response.raise_for_status()
        return response


class _MessageLaunch(DjangoMessageLaunch):
    """pylti1p3's launch with each validation step naming its own reason for a refusal, and the claims checked."""

    claims: _Claims  # set by validate_jwt_format, the first step that reads the token

    def __init__(self, request: HttpRequest) -> None:
        super().__init__(
            request,
            _ToolConfig(),
            launch_data_storage=DjangoCacheDataStorage(),
            requests_session=_PlatformSession(),
        )

    validate_state = _refused_as(Reason.LOST_SESSION)(DjangoMessageLaunch.validate_state)
    validate_nonce = _refused_as(Reason.REPLAYED)(DjangoMessageLaunch.validate_nonce)
    validate_deployment = _refused_as(Reason.UNKNOWN_DEPLOYMENT)(DjangoMessageLaunch.validate_deployment)
    validate_message = _refused_as(Reason.UNSUPPORTED_MESSAGE)(DjangoMessageLaunch.validate_message)

    def validate_registration(self) -> Any:
        try:
            return super().validate_registration()
        except LtiException as error:
            raise _unregistered(self.claims.iss, self.get_client_id()) from error

    def validate_jwt_format(self) -> Any:
        try:
            super().validate_jwt_format()
            if not isinstance(self._jwt["header"], dict):
                raise Refusal(Reason.MALFORMED)
            self.claims = _Claims.model_validate(self._jwt["body"])
        except (LtiException, ValidationError) as error:
            raise Refusal(Reason.MALFORMED) from error
        return self

    def fetch_public_key(self, key_set_url: str) -> Any:
        key_set = super().fetch_public_key(key_set_url)
        keys = key_set.get("keys") if isinstance(key_set, dict) else None
        if not isinstance(keys, list) or not all(isinstance(key, dict) for key in keys):
            raise Refusal(Reason.PLATFORM_KEYS)
        return key_set

    def validate_jwt_signature(self) -> Any:
        try:
            return super().validate_jwt_signature()
        except LtiException as error:
            raise Refusal(_signature_reason(error.__cause__)) from error


def _signature_reason(cause: BaseException | None) -> Reason:
    if isinstance(cause, jwt.ExpiredSignatureError | jwt.ImmatureSignatureError):
        return Reason.EXPIRED
    if isinstance(cause, requests.RequestException | ValueError) and not isinstance(
        cause, jwt.InvalidTokenError
    ):
        return Reason.PLATFORM_KEYS
    return Reason.FORGED


def _remember_nonce(claims: _Claims) -> None:
    """pylti1p3 checks that the nonce is one we issued but lets it be used again; here it works once."""
    lifetime = max(int(claims.exp - time.time()), 0) + NONCE_GRACE_SECONDS
    if not cache.add(f"lti-nonce-used:{claims.iss}:{claims.nonce}", True, lifetime):
        raise Refusal(Reason.REPLAYED)


def check_launch(request: HttpRequest) -> Launch:
    """The id_token checked in full, then django-lti's records (course, person, membership) brought up to date."""
    if not request.POST.get("id_token") or not request.POST.get("state"):
        raise Refusal(Reason.MALFORMED)
    try:
        message_launch = _MessageLaunch(request)
    except LtiException as error:
        # Over HTTPS the launch needs the cookie the login set; without it pylti1p3 refuses before any check.
        raise Refusal(Reason.LOST_SESSION) from error
    message_launch.validate()
    claims = message_launch.claims
    _remember_nonce(claims)
    sync_data_from_launch(LtiLaunch(message_launch))
    context = claims.context or _Context()
    grades = claims.grades or _Grades()
    deep_linking = claims.deep_linking
    return Launch(
        issuer=claims.iss,
        subject=claims.sub,
        given_name=claims.given_name,
        family_name=claims.family_name,
        name=claims.name,
        email=claims.email,
        is_instructor=_teaches(claims.roles),
        course=Course(issuer=claims.iss, platform_id=context.id, title=context.title, label=context.label),
        services=Services(
            issuer=claims.iss,
            client_id=message_launch.get_client_id(),
            lineitems_url=grades.lineitems,
            memberships_url=claims.names_and_roles.context_memberships_url if claims.names_and_roles else "",
            scopes=tuple(grades.scope),
        ),
        deep_link=DeepLinkRequest(
            return_url=deep_linking.deep_link_return_url,
            deployment_id=claims.deployment_id,
            data=deep_linking.data,
        )
        if deep_linking is not None and message_launch.is_deep_link_launch()
        else None,
        custom={name: str(value) for name, value in (claims.custom or {}).items()},
        lineitem_url=grades.lineitem,
    )


def _teaches(roles: list[str] | None) -> bool:
    """An instructor or administrator of the course (pylti1p3's TeacherRole), from a list of role URIs."""
    return bool(TeacherRole({f"{CLAIM}roles": roles or []}).check())


def _learns(roles: list[str] | None) -> bool:
    return bool(StudentRole({f"{CLAIM}roles": roles or []}).check())


# --- Services: deep linking, grades and rosters -------------------------------------------------------------------


class PlatformError(Exception):
    """A service call that failed: the platform is unregistered, unreachable, refused us, or answered nonsense.

    The message says which, in words an educator can act on; the passback status shows it.
    """


def _registration(issuer: str, client_id: str) -> Any:
    registration = _ToolConfig().find_registration_by_params(issuer, client_id)
    if registration is None:
        raise PlatformError(f"the platform {issuer} (client id {client_id}) is no longer registered here")
    return registration


def _connector(services: Services) -> ServiceConnector:
    return ServiceConnector(_registration(services.issuer, services.client_id), _PlatformSession())


def _calling_platform(what: str) -> Callable[[Step], Step]:
    """A service call whose every failure is a PlatformError saying what we tried and what came back."""

    def decorate(call: Step) -> Step:
        @wraps(call)
        def checked(*args: Any, **kwargs: Any) -> Any:
            try:
                return call(*args, **kwargs)
            except PlatformError:
                raise
            except requests.HTTPError as error:
                status = error.response.status_code if error.response is not None else "an error"
                raise PlatformError(f"{what}: the platform answered {status}") from error
            except requests.RequestException as error:
                raise PlatformError(
                    f"{what}: the platform could not be reached ({type(error).__name__})"
                ) from error
            except (LtiException, KeyError, TypeError, ValueError) as error:
                raise PlatformError(f"{what}: {error}") from error

        return checked  # type: ignore[return-value]

    return decorate


@dataclass(frozen=True)
class LinkedContent:
    """What an instructor picked, as a link for the platform: its title, our launch URL, and its custom
    parameters (handed back on every launch of the link). With `score_maximum`, the platform makes a
    gradebook column for it, tagged with our `resource_id`."""

    title: str
    url: str
    custom: dict[str, str]
    score_maximum: float | None = None
    resource_id: str = ""


def deep_link_reply(services: Services, request: DeepLinkRequest, content: LinkedContent) -> str:
    """The signed deep-linking response (a JWT) that tells the platform to add `content` to the course."""
    resource = (
        DeepLinkResource().set_url(content.url).set_title(content.title).set_custom_params(content.custom)
    )
    if content.score_maximum is not None:
        resource.set_lineitem(
            LineItem()
            .set_label(content.title)
            .set_score_maximum(content.score_maximum)
            .set_resource_id(content.resource_id)
        )
    settings: dict[str, Any] = {"deep_link_return_url": request.return_url}
    if request.data is not None:
        settings["data"] = request.data
    deep_link = DeepLink(
        _registration(services.issuer, services.client_id),
        request.deployment_id,
        cast(TDeepLinkData, settings),
    )
    return str(deep_link.get_response_jwt([resource]))


@dataclass(frozen=True)
class Score:
    """A trainee's score for one gradebook column, as AGS takes it."""

    user_id: str  # the platform's subject for the trainee
    given: float
    maximum: float
    timestamp: str  # when the score changed, ISO 8601 with the zone


@_calling_platform("Sending the score")
def post_score(services: Services, score: Score, *, lineitem_url: str, resource_id: str, label: str) -> str:
    """Posts the score to the column at `lineitem_url`; without one, to the column tagged `resource_id`, which is
    made if the platform has none. Returns the column's URL, for next time."""
    grades = AssignmentsGradesService(
        _connector(services),
        cast(
            TAssignmentsGradersData,
            {"scope": list(services.scopes or GRADE_SCOPES), "lineitems": services.lineitems_url},
        ),
    )
    if lineitem_url:
        column = LineItem().set_id(lineitem_url)
    else:
        if not services.lineitems_url:
            raise PlatformError("the course's launches never said where its gradebook is")
        column = grades.find_or_create_lineitem(
            LineItem().set_label(label).set_score_maximum(score.maximum).set_resource_id(resource_id),
            find_by="resource_id",
        )
    grade = (
        Grade()
        .set_user_id(score.user_id)
        .set_score_given(score.given)
        .set_score_maximum(score.maximum)
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_timestamp(score.timestamp)
    )
    grades.put_grade(grade, column)
    return str(column.get_id())


@dataclass(frozen=True)
class Member:
    """One person on a course's roster (NRPS)."""

    user_id: str
    given_name: str
    family_name: str
    name: str
    email: str
    active: bool  # "Inactive" or "Deleted" on the platform: no longer in the course
    is_instructor: bool
    is_learner: bool


class _Member(BaseModel):
    model_config = ConfigDict(extra="allow")

    user_id: str
    status: str = "Active"
    given_name: str = ""
    family_name: str = ""
    name: str = ""
    email: str = ""
    roles: list[str] = []


@_calling_platform("Reading the roster")
def course_members(services: Services) -> list[Member]:
    """Everyone on the course's roster, every page of it."""
    if not services.memberships_url:
        raise PlatformError("the course's launches never said where its roster is")
    roster = NamesRolesProvisioningService(
        _connector(services), {"context_memberships_url": services.memberships_url}
    )
    try:
        members = [_Member.model_validate(entry) for entry in roster.get_members()]
    except ValidationError as error:
        raise PlatformError("Reading the roster: the platform's answer is not a roster") from error
    return [
        Member(
            user_id=member.user_id,
            given_name=member.given_name,
            family_name=member.family_name,
            name=member.name,
            email=member.email,
            active=member.status == "Active",
            is_instructor=_teaches(member.roles),
            is_learner=_learns(member.roles),
        )
        for member in members
    ]
