"""A nudge from an up-to-date page is answered in place: htmx out-of-band swaps of only what changed."""

import re

import pytest
from django.urls import reverse

from coding import edits
from coding.forms import NUDGES
from tests.coding.test_builder import BUILDER, add, timeline
from tests.coding.test_builder_changes import version_on_page

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def two_infusions(client) -> str:
    """Two infusions far apart on one timeline; returns the version the builder page was drawn at."""
    add(client, substance="Vancomycin", start="09:00", stop="09:40")
    add(client, start="12:00", stop="12:50")
    return version_on_page(client.get(BUILDER).content.decode())


def nudge(client, administration_id: str, minutes: str, **extra: str):
    return client.post(
        reverse("coding:nudge", args=[administration_id]), {"minutes": minutes, **extra}, headers=HTMX
    )


def cards_in(html: str) -> list[str]:
    return re.findall(r'<li class="admin-card[^>]*id="admin-(\w+)"', html)


def test_a_nudge_from_the_current_page_swaps_only_what_changed_and_keeps_the_workspace(client):
    drawn = two_infusions(client)
    response = nudge(client, "a2", "5", version=drawn)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Reswap"] == "none"
    assert 'id="workspace"' not in html
    for part in ('id="timeline-card"', 'id="codes-column"', 'id="codes-status"'):
        assert part in html
    assert cards_in(html) == ["a2"]
    assert timeline(client)["administrations"][1]["stop"] == "12:55"


def test_the_answer_in_place_gives_every_form_the_new_version(client):
    drawn = two_infusions(client)
    html = nudge(client, "a2", "5", version=drawn).content.decode()
    assert (
        f'<input type="hidden" name="version" value="{int(drawn) + 1}" hx-swap-oob="outerHTML:input[name=version]">'
        in html
    )
    assert nudge(client, "a1", "1", version=str(int(drawn) + 1)).status_code == 200


def test_a_card_whose_codes_change_is_drawn_again_with_the_nudged_one(client):
    add(client, start="09:00", stop="10:00")
    add(client, substance="Ceftriaxone", start="10:00", stop="10:40")
    drawn = version_on_page(client.get(BUILDER).content.decode())
    html = nudge(client, "a2", "-5", version=drawn).content.decode()
    assert "a2" in cards_in(html)
    assert set(cards_in(html)) <= {"a1", "a2"}


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({}, id="an old page without a version"),
        pytest.param({"redraw": "all"}, id="a page that shows something the change takes away"),
    ],
)
def test_a_nudge_gets_the_whole_workspace_when_the_page_cannot_be_patched(client, extra):
    drawn = two_infusions(client)
    extra = extra | ({"version": drawn} if extra else {})
    html = nudge(client, "a2", "5", **extra).content.decode()
    assert html.lstrip().startswith('<div id="workspace"')
    assert cards_in(html) == ["a1", "a2"]


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(lambda client: client.get(BUILDER + "?edit=a1", headers=HTMX), id="an open edit form"),
        pytest.param(lambda client: nudge(client, "a1", "-45"), id="a refused nudge"),
    ],
)
def test_a_workspace_showing_what_the_next_change_takes_away_asks_for_the_whole_workspace_next(client, page):
    two_infusions(client)
    assert """hx-vals='{"redraw": "all"}'""" in page(client).content.decode()


def test_a_plain_workspace_does_not_ask_for_a_redraw(client):
    two_infusions(client)
    assert "hx-vals" not in client.get(BUILDER).content.decode()


def test_a_nudge_over_htmx_gives_the_kept_add_form_the_new_version(client):
    two_infusions(client)
    html = nudge(client, "a1", "1").content.decode()
    assert 'hx-swap-oob="outerHTML:#add-card input[name=version]"' in html


def test_the_answer_in_place_redraws_the_codes_summary_and_hints_beside_the_add_form(client):
    drawn = two_infusions(client)
    html = nudge(client, "a2", "5", version=drawn).content.decode()
    near_add = html[html.index('<div id="near-add" hx-swap-oob="true">') :]
    assert "Codes now:" in near_add.split("</div>")[0]


@pytest.mark.parametrize(
    "between",
    [
        pytest.param(lambda client, version: None, id="straight after an answer in place"),
        pytest.param(lambda client, version: nudge(client, "a1", "1"), id="after a whole-workspace answer"),
    ],
)
def test_nudges_in_a_row_each_answer_only_the_card_that_changed(client, between):
    drawn = two_infusions(client)
    nudge(client, "a2", "5", version=drawn)
    between(client, drawn)
    current = version_on_page(client.get(BUILDER).content.decode())
    html = nudge(client, "a2", "-5", version=current).content.decode()
    assert cards_in(html) == ["a2"]
    assert timeline(client)["administrations"][1]["stop"] == "12:50"


def test_a_nudge_that_changes_a_card_the_kept_fingerprints_call_unchanged_still_draws_it(client):
    drawn = two_infusions(client)
    nudge(client, "a2", "5", version=drawn)
    store = client.session
    store["builder_drawn_cards"]["cards"][0][1] = "stale"
    store.save()
    html = nudge(client, "a2", "-5", version=str(int(drawn) + 1)).content.decode()
    assert cards_in(html) == ["a1", "a2"]


@pytest.mark.parametrize(
    ("start", "stop", "refused"),
    [
        pytest.param("09:00", "09:40", {}, id="room on both sides"),
        pytest.param(
            "09:00", "09:05", {-5: "Stop can’t move to or before start 09:00"}, id="up against the start"
        ),
        pytest.param("23:00", "23:58", {5: edits.MIDNIGHT_REFUSAL}, id="clock times up against midnight"),
        pytest.param("2026-03-14T23:00", "2026-03-14T23:58", {}, id="date-times run past midnight"),
    ],
)
def test_each_nudge_button_says_why_its_step_is_refused(start, stop, refused):
    administration = {"id": "a1", "start": start, "stop": stop}
    refusals = edits.nudge_refusals(administration, NUDGES)
    assert refusals == {minutes: refused.get(minutes, "") for minutes in NUDGES}
    assert refusals == {minutes: edits.nudge_refusal(administration, minutes) for minutes in NUDGES}


def test_an_administration_without_a_stop_time_refuses_every_nudge():
    assert edits.nudge_refusals({"id": "a1", "start": "09:00"}, NUDGES) == dict.fromkeys(
        NUDGES, edits.ONLY_STOP_TIMES_MOVE
    )


def test_a_nudge_in_a_case_is_answered_against_the_cases_cards_not_the_own_drafts_at_the_same_version(
    client, educator
):
    client.force_login(educator)
    own = two_infusions(client)
    nudge(client, "a2", "5", version=own)  # the own draft's cards are kept at version 3, a2 stopping 12:55
    client.post(reverse("authoring:case_new"))
    drawn = two_infusions(client)  # the case's own timeline, a2 stopping 12:50, at version 2
    nudge(client, "a1", "1")  # a whole-workspace answer: the case is at version 3 too
    html = nudge(client, "a2", "5", version=str(int(drawn) + 1)).content.decode()
    assert cards_in(html) == ["a2"]
