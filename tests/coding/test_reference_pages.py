"""The code table and the rule pages, through Django's test client.

These tests have no database access (no `db` fixture), so a page that ran a single query would fail them:
the reference pages are built from the engine's own data.
"""

import re

import pytest
from django.urls import reverse

from coding.engine.codes import CODES
from coding.engine.rulebook import FAMILIES, RULES


def row(html: str, code: str) -> str:
    """The table row of one code on /codes/."""
    match = re.search(rf'<tr id="c{code}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {code}"
    return match.group(1)


def primaries_shown(html: str, code: str) -> list[str]:
    return re.findall(r'<a class="code-chip small" href="#c(\d+)">', row(html, code))


@pytest.fixture
def code_table(client) -> str:
    response = client.get("/codes/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_code_table_lists_every_code_once_in_its_family(code_table):
    assert len(re.findall(r'<tr id="c\d+">', code_table)) == len(CODES)
    for code in CODES:
        assert code_table.count(f'<tr id="c{code}">') == 1
    assert "96360–96379" in code_table
    assert "96401–96549" in code_table


def test_plus_96368_may_accompany_the_infusions_it_runs_beside(code_table):
    assert primaries_shown(code_table, "96368") == ["96365", "96366", "96413", "96415", "96416"]


def test_plus_96367_may_follow_an_initial_infusion_or_push(code_table):
    assert primaries_shown(code_table, "96367") == ["96365", "96374", "96409", "96413"]


def test_add_ons_are_marked_and_primaries_list_no_partners(code_table):
    addon = row(code_table, "96375")
    assert 'class="code-chip addon"' in addon
    assert "Add-on" in addon
    primary = row(code_table, "96374")
    assert 'class="code-chip addon"' not in primary
    assert "Primary" in primary
    assert primaries_shown(code_table, "96374") == []


def test_each_code_links_to_the_rules_that_concern_it(code_table):
    assert 'href="/rules/R-E4/"' in row(code_table, "96368")
    assert 'href="/rules/R-D3/"' in row(code_table, "96360")


def test_the_code_table_says_the_descriptions_are_ours_and_the_pairings_need_checking(code_table):
    assert "trademark of the American Medical Association" in code_table
    assert "add-on code edit file" in code_table


def test_a_rule_page_shows_its_title_confidence_codes_and_sources(client):
    response = client.get("/rules/R-E4/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "96368 once per date" in html
    assert "High confidence" in html
    assert 'href="/codes/#c96368"' in html
    for source in ("S16", "S28", "S29", "S61", "S47"):
        assert f'<span class="source-id">{source}</span>' in html
    assert 'href="http://jop.ascopubs.org/cgi/content/full/4/4/171" rel="noopener"' in html


def test_a_rule_page_shows_the_engine_readings_and_conflicts(client):
    html = client.get("/rules/R-D9/").content.decode()
    assert "Low confidence" in html
    assert "Conflict C5" in html


def test_a_rule_page_links_to_the_rules_before_and_after_it(client):
    html = client.get("/rules/R-E4/").content.decode()
    assert 'href="/rules/R-E3/" rel="prev"' in html
    assert 'href="/rules/R-E5/" rel="next"' in html


def test_the_first_and_last_rules_have_one_neighbour(client):
    first = client.get("/rules/R-A1/").content.decode()
    last = client.get("/rules/R-L2/").content.decode()
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="prev"' in last and 'rel="next"' not in last


@pytest.mark.parametrize("asked", ["r-e4", "R-e4", "r-E4"])
def test_a_rule_id_in_any_case_leads_to_the_rule(client, asked):
    response = client.get(f"/rules/{asked}/", follow=True)
    assert response.redirect_chain == [("/rules/R-E4/", 301)]
    assert "96368 once per date" in response.content.decode()


def test_the_lettered_rule_has_a_page(client):
    assert client.get("/rules/r-h3b/", follow=True).status_code == 200


@pytest.mark.parametrize("asked", ["R-Z9", "R-E99", "nothing"])
def test_an_unknown_rule_is_not_found(client, asked):
    assert client.get(f"/rules/{asked}/").status_code == 404


def test_every_rule_has_a_page(client):
    for rule_id in RULES:
        assert client.get(reverse("coding:rule", args=[rule_id])).status_code == 200


def test_the_rule_index_lists_every_rule_under_its_family(client):
    response = client.get("/rules/")
    html = response.content.decode()
    for letter, title in FAMILIES.items():
        assert f'id="family-{letter.lower()}"' in html
        assert title in html
    for rule_id in RULES:
        assert f'href="/rules/{rule_id}/"' in html


def test_the_reference_pages_refuse_to_be_posted_to(client):
    assert client.post("/codes/").status_code == 405
    assert client.post("/rules/R-E4/").status_code == 405


def test_a_rule_mentioned_in_a_reading_is_a_link_to_it(client):
    html = client.get("/rules/R-D4/").content.decode()
    assert '<a href="/rules/R-F6/">R-F6</a>' in html


def test_the_reference_pages_mark_their_section_in_the_navigation(client):
    for url in ("/codes/", "/rules/", "/rules/R-E4/"):
        response = client.get(url)
        assert response.context["nav_section"] == "reference"


def test_the_code_table_names_the_codes_outside_the_families_that_rules_mention(code_table):
    assert "G0498" in code_table
    assert "36593" in code_table
    assert 'href="/rules/R-H3b/"' in code_table
