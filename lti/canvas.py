"""The JSON a Canvas administrator pastes into a new LTI developer key ("Paste JSON")."""

from typing import Any

TITLE = "Infusion Coding Lab"
DESCRIPTION = "Lay out IV infusions, pushes, injections and hydration on a clock and see the codes they earn."


def developer_key(*, host: str, login_url: str, launch_url: str, jwks_url: str) -> dict[str, Any]:
    """Canvas's developer key configuration for this site.

    One placement, the course navigation link, which launches the lab as the person and course they are in.
    No scopes yet: the roster and grade services come with assignments, and so do the deep-linking placements.
    The privacy level is public so that launches carry the person's name (their username here is made from it).
    """
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "oidc_initiation_url": login_url,
        "target_link_uri": launch_url,
        "public_jwk_url": jwks_url,
        "scopes": [],
        "extensions": [
            {
                "platform": "canvas.instructure.com",
                "domain": host,
                "privacy_level": "public",
                "settings": {
                    "text": TITLE,
                    "placements": [
                        {
                            "placement": "course_navigation",
                            "message_type": "LtiResourceLinkRequest",
                            "target_link_uri": launch_url,
                            "text": TITLE,
                            "enabled": True,
                        }
                    ],
                },
            }
        ],
        "custom_fields": {},
    }
