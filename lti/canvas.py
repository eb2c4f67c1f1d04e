"""The JSON a Canvas administrator pastes into a new LTI developer key ("Paste JSON")."""

from typing import Any

from lti.adapter import GRADE_SCOPES, ROSTER_SCOPE

TITLE = "Infusion Coding Lab"
DESCRIPTION = "Lay out IV infusions, pushes, injections and hydration on a clock and see the codes they earn."


def developer_key(*, host: str, login_url: str, launch_url: str, jwks_url: str) -> dict[str, Any]:
    """Canvas's developer key configuration for this site.

    Three placements: the course navigation link, which opens the lab as the person and course they are in, and
    two deep-linking ones (adding an assignment, and a link in a module), where an instructor picks a quiz or a
    practice set in our picker. The scopes are those of the grade service (the picked quiz's gradebook column
    and its scores) and the roster service. The privacy level is public so that launches and the roster carry
    people's names (their usernames here are made from them).
    """
    placement = {"target_link_uri": launch_url, "text": TITLE, "enabled": True}
    picking = {**placement, "message_type": "LtiDeepLinkingRequest"}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "oidc_initiation_url": login_url,
        "target_link_uri": launch_url,
        "public_jwk_url": jwks_url,
        "scopes": [*GRADE_SCOPES, ROSTER_SCOPE],
        "extensions": [
            {
                "platform": "canvas.instructure.com",
                "domain": host,
                "privacy_level": "public",
                "settings": {
                    "text": TITLE,
                    "placements": [
                        {
                            **placement,
                            "placement": "course_navigation",
                            "message_type": "LtiResourceLinkRequest",
                        },
                        {**picking, "placement": "assignment_selection"},
                        {**picking, "placement": "link_selection"},
                    ],
                },
            }
        ],
        "custom_fields": {},
    }
