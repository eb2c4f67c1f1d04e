"""The code table and the rule pages, through Django's test client.

These tests have no database access (no `db` fixture), so a page that ran a single query would fail them:
the reference pages are built from the engine's own data.
"""

import re

import pytest
from django.urls import reverse

from coding.engine.codes import CODES
from coding.engine.rulebook import FAMILIES, RULES
from coding.gallery import EXAMPLES
from coding.reference import (
    CODING_BODY,
    COUNTING_RULES_BY_DEFINITION,
    MEDICARE,
    QUOTES_CPT,
    READER_QUIZ_SLUG,
    standing,
)
from quizzes.starter import READER_QUIZ


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
    for source in ("S16", "S28", "S29"):
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


# ---------- Searching the rules and codes (/rules/?q=) ----------


def rule_links(html: str) -> list[str]:
    """The rule cards a page of results shows, by id, in order."""
    return re.findall(r'<li class="rule-card">\s*<a href="/rules/([^/]+)/">', html)


def code_matches(html: str) -> list[str]:
    return re.findall(r'href="/codes/#c(\d+)"\s+aria-label="[^"]*in the code table"', html)


@pytest.mark.parametrize(
    ("query", "expected_rule", "expected_code"),
    [
        ("96368", "R-E4", "96368"),
        ("+96368", "R-E4", "96368"),
        ("r-e4", "R-E4", None),
        ("push", "R-B1", "96374"),
        ("PUSH", "R-B1", "96374"),
        ("midnight", "R-K1", None),
        ("same drug", "R-E3", None),
        ("on-body injector", "R-G4", "96377"),
    ],
)
def test_a_search_finds_rules_and_codes_by_id_title_text_and_code_number(
    client, query, expected_rule, expected_code
):
    html = client.get("/rules/", {"q": query}).content.decode()
    assert expected_rule in rule_links(html)
    if expected_code:
        assert expected_code in code_matches(html)


def test_a_search_narrows_the_list_to_rules_holding_every_word(client):
    html = client.get("/rules/", {"q": "hydration midnight"}).content.decode()
    found = rule_links(html)
    assert found
    assert len(found) < len(RULES)
    for rule_id in found:
        text = " ".join([RULES[rule_id].title, RULES[rule_id].summary, *RULES[rule_id].readings]).casefold()
        assert "hydration" in text and "midnight" in text


def test_without_a_query_every_rule_is_listed_and_no_code(client):
    html = client.get("/rules/").content.decode()
    assert rule_links(html) == list(RULES)
    assert code_matches(html) == []
    assert f"All {len(RULES)} rules, by family." in html


def test_a_search_with_no_match_says_so_and_offers_searches_to_try(client):
    response = client.get("/rules/", {"q": "xylophone"})
    html = response.content.decode()
    assert response.status_code == 200
    assert rule_links(html) == []
    assert "No rule or code has every word of “xylophone”" in html
    assert 'href="/rules/?q=push"' in html
    assert 'href="/codes/"' in html


def test_the_search_form_works_without_javascript_and_narrows_as_you_type_with_htmx(client):
    html = client.get("/rules/", {"q": "push"}).content.decode()
    form = re.search(r'<form class="reference-search"[^>]*>(.*?)</form>', html, re.S)
    assert form and 'method="get" action="/rules/"' in form.group(0)
    assert '<button type="submit"' in form.group(1)
    assert 'name="q"' in form.group(1) and 'value="push"' in form.group(1)
    assert 'hx-trigger="input changed delay:250ms, search"' in form.group(1)
    assert 'hx-target="#rule-results"' in form.group(1)
    assert 'hx-push-url="true"' in form.group(1)


def test_htmx_gets_only_the_results_and_the_count_to_announce(client):
    response = client.get(
        "/rules/", {"q": "push"}, headers={"HX-Request": "true", "HX-Target": "rule-results"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="rule-results"')
    assert "<header" not in html
    assert 'id="search-status" class="search-status" role="status" hx-swap-oob="true"' in html
    assert "R-B1" in rule_links(html)
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = client.get("/rules/", {"q": "push"}, headers=headers).content.decode()
    assert "<header" in html
    assert "hx-swap-oob" not in html


def test_a_very_long_query_is_cut_short(client):
    response = client.get("/rules/", {"q": "push " * 100})
    assert response.status_code == 200
    assert len(response.context["search"].query) <= 100


# ---------- Sequential beside concurrent ----------


@pytest.fixture
def side_by_side(client) -> str:
    response = client.get(reverse("coding:sequential_or_concurrent"))
    assert response.status_code == 200
    return response.content.decode()


def test_sequential_and_concurrent_are_drawn_side_by_side_with_the_codes_each_earns(side_by_side):
    assert side_by_side.count('<figure class="timeline"') == 2
    assert 'aria-label="Timeline of the sequential example, scrolls sideways"' in side_by_side
    assert 'aria-label="Timeline of the concurrent example, scrolls sideways"' in side_by_side
    sequential, concurrent = side_by_side.split('id="compare-concurrent-title"')
    assert ">96367<" in sequential and ">96368<" not in sequential
    assert ">96368<" in concurrent and ">96367<" not in concurrent


def test_the_side_by_side_page_opens_each_example_in_the_builder_and_leads_to_the_reader_quiz(side_by_side):
    assert 'action="/builder/examples/sequential-infusion/"' in side_by_side
    assert 'action="/builder/examples/concurrent-infusion/"' in side_by_side
    assert f'href="{reverse("quizzes:quiz", args=[READER_QUIZ.slug])}"' in side_by_side


def test_the_start_path_ends_with_the_starter_reader_quiz():
    assert READER_QUIZ.slug == READER_QUIZ_SLUG


def test_the_side_by_side_page_links_the_definitions_and_the_counting_rules(side_by_side):
    for rule_id in ("R-B4", "R-B5", "R-E1", "R-E4", "R-E6"):
        assert f'href="/rules/{rule_id}/"' in side_by_side


@pytest.mark.parametrize("url", ["/rules/", "/rules/R-B4/", "/rules/R-B5/", "/rules/R-E4/"])
def test_the_rules_pages_link_to_the_side_by_side_page(client, url):
    assert 'href="/rules/sequential-or-concurrent/"' in client.get(url).content.decode()


# ---------- Links between rules, and to the gallery ----------


@pytest.mark.parametrize(
    ("definition", "counting_rule"),
    [("R-B4", "R-E1"), ("R-B5", "R-E4"), ("R-B5", "R-E6"), ("R-B3", "R-E5"), ("R-B1", "R-E2")],
)
def test_a_definition_and_the_counting_rule_that_applies_it_link_each_other(
    client, definition, counting_rule
):
    assert f'href="/rules/{counting_rule}/"' in client.get(f"/rules/{definition}/").content.decode()
    assert f'href="/rules/{definition}/"' in client.get(f"/rules/{counting_rule}/").content.decode()


def test_the_definition_and_counting_links_only_join_families_b_and_e():
    for definition, counting_rules in COUNTING_RULES_BY_DEFINITION.items():
        assert RULES[definition].family == "B"
        assert all(RULES[rule_id].family == "E" for rule_id in counting_rules)


def test_each_rule_with_a_gallery_example_opens_it_in_the_builder(client):
    for example in EXAMPLES:
        html = client.get(f"/rules/{example.rule}/").content.decode()
        assert f'action="/builder/examples/{example.slug}/"' in html, example.slug


def test_a_rule_without_an_example_offers_none(client):
    assert "/builder/examples/" not in client.get("/rules/R-A2/").content.decode()


# ---------- Sources, strongest first ----------


def test_every_rule_lists_its_sources_strongest_first():
    for rule in RULES.values():
        ranks = [standing(source).rank for source in rule.sources]
        assert ranks == sorted(ranks), rule.id


@pytest.mark.parametrize(
    ("source", "kind"),
    [("S30", QUOTES_CPT), ("S4", MEDICARE), ("S59", MEDICARE), ("S55", CODING_BODY), ("S14", CODING_BODY)],
)
def test_a_source_is_ranked_by_who_publishes_it(source, kind):
    assert standing(source) == kind


@pytest.mark.parametrize(
    ("rule_id", "dropped"),
    [("R-E4", "S47"), ("R-E4", "S61"), ("R-D3", "S29"), ("R-J3", "S67"), ("R-E5", "S61"), ("R-C3", "S56")],
)
def test_a_weak_secondary_page_is_dropped_where_a_stronger_source_says_the_same(rule_id, dropped):
    assert dropped not in RULES[rule_id].sources


def test_a_rule_page_says_what_kind_each_source_is(client):
    html = client.get("/rules/R-A1/").content.decode()
    assert html.index("Quotes CPT") < html.index("CMS or a Medicare contractor") < html.index("AAPC or AHIMA")
