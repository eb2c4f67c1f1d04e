"""Cases made with the builder: case mode keeps the case's timeline in its own slot, the case form saves it with a
title, slug, narrative and rule tags, and an educator duplicates, archives, deletes (only when unused) and
previews without anything being saved."""

import pytest
from django.urls import reverse

from coding import session
from quizzes.models import Attempt, Case, PracticeCase, Response
from tests.coding.test_builder import add, store, timeline
from tests.factories import PUSH_THEN_INFUSION, CaseFactory, ResponseFactory, case_question

pytestmark = pytest.mark.django_db
OWN_DRAFT = {"setting": "facility", "administrations": PUSH_THEN_INFUSION["administrations"][:1]}
NEW_SLOT = session.case_slot(None)


def slot_timeline(client, slot):
    return client.session.get(session.slot_key(session.SESSION_KEY, slot))


def save_new_case(client, **fields):
    data = {
        "timeline": NEW_SLOT,
        "title": "Antibiotic after a push",
        "narrative": "Ceftriaxone runs.",
    } | fields
    return client.post(reverse("authoring:case_create"), data)


@pytest.fixture
def building(client, educator):
    """An educator with a timeline of their own who pressed New case and added an infusion in the builder."""
    client.force_login(educator)
    store(client, OWN_DRAFT)
    assert client.post(reverse("authoring:case_new"))["Location"] == reverse("coding:builder")
    add(client, start="10:00", stop="10:40")
    return educator


def test_new_case_opens_the_builder_in_case_mode_on_a_timeline_of_its_own(client, building):
    page = client.get(reverse("coding:builder")).content.decode()
    assert "Building case: New case" in page
    assert (
        f'href="{reverse("authoring:case_create")}"' in page and reverse("authoring:case_mode_cancel") in page
    )
    assert timeline(client) == OWN_DRAFT
    assert [a["start"] for a in slot_timeline(client, NEW_SLOT)["administrations"]] == ["10:00"]


def test_the_case_form_shows_the_timelines_key_and_suggests_the_rules_it_cites(client, building):
    page = client.get(reverse("authoring:case_create"))
    content = page.content.decode()
    assert page.status_code == 200 and "96365" in content and 'href="/rules/R-B2/"' in content
    assert page.context["form"]["rule_tags"].initial == ["R-B2"]
    assert f'value="{NEW_SLOT}"' in content


def test_saving_a_new_case_keeps_the_timeline_and_leaves_case_mode(client, building):
    response = save_new_case(client, rule_tags=["R-B2"], more_tags="r-c1")
    case = Case.objects.get(created_by=building)
    assert response["Location"] == reverse("authoring:case_edit", args=[case.pk])
    assert case.slug == "antibiotic-after-a-push" and case.rule_tags == ["R-B2", "R-C1"]
    assert [line["code"] for line in case.answer_key] == ["96365"]
    assert case.encounter["administrations"][0]["start"] == "10:00"
    assert slot_timeline(client, NEW_SLOT) is None and session.WORKING_ON_KEY not in client.session
    assert timeline(client) == OWN_DRAFT


def test_save_as_case_outside_case_mode_makes_a_case_of_the_educators_own_timeline(client, educator):
    client.force_login(educator)
    store(client, OWN_DRAFT)
    assert (
        f'href="{reverse("authoring:case_create")}"' in client.get(reverse("coding:builder")).content.decode()
    )
    assert 'value=""' in client.get(reverse("authoring:case_create")).content.decode()
    save_new_case(client, timeline="", narrative="Ondansetron is pushed.")
    assert Case.objects.get(created_by=educator).encounter == OWN_DRAFT
    assert timeline(client) == OWN_DRAFT


def test_save_as_case_with_an_empty_timeline_goes_back_to_the_builder(client, educator):
    client.force_login(educator)
    response = client.get(reverse("authoring:case_create"))
    assert response.status_code == 302 and response["Location"] == reverse("coding:builder")
    assert save_new_case(client).status_code == 302 and not Case.objects.exists()


def test_a_slug_is_made_from_the_title_and_never_taken_twice(client, building):
    CaseFactory(slug="antibiotic-after-a-push")
    save_new_case(client)
    assert Case.objects.filter(slug="antibiotic-after-a-push-2", created_by=building).exists()


def test_a_slug_another_case_uses_is_refused_by_its_field(client, building):
    CaseFactory(slug="taken")
    page = save_new_case(client, slug="taken")
    assert page.status_code == 422 and "Another case already uses “taken”" in page.content.decode()
    assert not Case.objects.filter(created_by=building).exists()


def test_a_rule_tag_the_rulebook_lacks_is_refused_by_its_field(client, building):
    page = save_new_case(client, more_tags="R-E4, R/1")
    assert page.status_code == 422 and "“R/1” is not a rule id" in page.content.decode()
    assert not Case.objects.filter(created_by=building).exists()


def test_a_missing_title_is_an_error_naming_the_field_and_nothing_is_saved(client, building):
    page = save_new_case(client, title="")
    assert page.status_code == 422 and 'id="id_title_error"' in page.content.decode()
    assert not Case.objects.exists() and slot_timeline(client, NEW_SLOT) is not None


def test_cancel_drops_the_cases_timeline_and_gives_the_educator_their_own_back(client, building):
    response = client.post(reverse("authoring:case_mode_cancel"))
    assert response["Location"] == reverse("authoring:home")
    assert slot_timeline(client, NEW_SLOT) is None and session.building_case(client) is None
    assert "Building case" not in client.get(reverse("coding:builder")).content.decode()
    assert timeline(client) == OWN_DRAFT


@pytest.fixture
def own_case(educator):
    return CaseFactory(created_by=educator, title="Push then antibiotic")


def test_edit_timeline_opens_the_saved_case_in_its_own_slot(client, educator, own_case):
    client.force_login(educator)
    store(client, OWN_DRAFT)
    client.post(reverse("authoring:case_timeline", args=[own_case.pk]))
    page = client.get(reverse("coding:builder")).content.decode()
    assert "Building case: Push then antibiotic" in page
    assert f'href="{reverse("authoring:case_edit", args=[own_case.pk])}"' in page
    assert slot_timeline(client, session.case_slot(own_case.pk)) == own_case.encounter
    add(client, start="11:00", stop="11:50", substance="Vancomycin")
    form = client.get(reverse("authoring:case_edit", args=[own_case.pk]))
    assert "changes from the builder that are not saved yet" in form.content.decode()
    own_case.refresh_from_db()
    assert len(own_case.encounter["administrations"]) == 2
    data = {
        "title": own_case.title,
        "slug": own_case.slug,
        "narrative": own_case.narrative,
        "more_tags": "R-C3",
    }
    client.post(reverse("authoring:case_edit", args=[own_case.pk]), data)
    own_case.refresh_from_db()
    assert [a["substance"] for a in own_case.encounter["administrations"]][-1] == "Vancomycin"
    assert slot_timeline(client, session.case_slot(own_case.pk)) is None and timeline(client) == OWN_DRAFT


def test_a_saved_case_links_to_a_new_question_on_it(client, educator, own_case):
    client.force_login(educator)
    link = f"{reverse('authoring:question_new')}?case={own_case.pk}"
    assert f'href="{link}"' in client.get(reverse("authoring:case_edit", args=[own_case.pk])).content.decode()


def test_the_case_form_warns_about_the_narrative_but_saves(client, educator, own_case):
    client.force_login(educator)
    data = {"title": own_case.title, "slug": own_case.slug, "narrative": "Vancomycin runs for an hour."}
    response = client.post(reverse("authoring:case_edit", args=[own_case.pk]), data)
    page = client.get(response["Location"]).content.decode()
    assert "The timeline gives Ondansetron, but the narrative does not name it." in page
    assert "The narrative names Vancomycin, but the timeline has no such administration." in page


def test_duplicating_a_case_makes_a_copy_the_educator_owns(client, educator):
    starter_case = CaseFactory(created_by=None, slug="reader-push", title="Reader push")
    client.force_login(educator)
    client.post(reverse("authoring:duplicate", args=["case", starter_case.pk]))
    client.post(reverse("authoring:duplicate", args=["case", starter_case.pk]))
    copies = Case.objects.filter(created_by=educator).order_by("pk")
    assert [c.slug for c in copies] == ["reader-push-copy", "reader-push-copy-2"]
    assert copies[0].title == "Reader push (copy)" and copies[0].encounter == starter_case.encounter


def test_archiving_hides_a_case_from_the_list_and_unarchiving_brings_it_back(client, educator, own_case):
    client.force_login(educator)
    client.post(reverse("authoring:case_archive", args=[own_case.pk]), {"archived": "1"})
    own_case.refresh_from_db()
    assert own_case.archived
    row = f'id="case-{own_case.pk}"'
    assert row not in client.get(reverse("authoring:home")).content.decode()
    assert row in client.get(reverse("authoring:home"), {"archived": "on"}).content.decode()
    client.post(reverse("authoring:case_archive", args=[own_case.pk]), {"archived": "0"})
    own_case.refresh_from_db()
    assert not own_case.archived


def test_an_unused_case_is_deleted(client, educator, own_case):
    client.force_login(educator)
    response = client.post(reverse("authoring:case_delete", args=[own_case.pk]))
    assert (
        response["Location"] == reverse("authoring:home") and not Case.objects.filter(pk=own_case.pk).exists()
    )


def test_a_case_with_answers_is_never_deleted_only_archived(client, educator, own_case):
    ResponseFactory(question=case_question(case=own_case))
    client.force_login(educator)
    assert (
        'action="/educators/cases/' + str(own_case.pk) + '/delete/"'
        not in client.get(reverse("authoring:case_edit", args=[own_case.pk])).content.decode()
    )
    response = client.post(reverse("authoring:case_delete", args=[own_case.pk]))
    assert response["Location"] == reverse("authoring:case_edit", args=[own_case.pk])
    own_case.refresh_from_db()
    assert own_case.archived and Response.objects.filter(question__case=own_case).exists()


def test_the_preview_shows_the_case_as_a_trainee_sees_it_and_saves_nothing(client, educator, own_case):
    client.force_login(educator)
    before = own_case.updated_at
    page = client.get(reverse("authoring:case_preview", args=[own_case.pk])).content.decode()
    assert "Preview" in page and own_case.narrative in page and 'name="code_0"' in page
    graded = client.post(reverse("authoring:case_preview", args=[own_case.pk]), {"code_0": "96365"})
    content = graded.content.decode()
    assert graded.status_code == 200 and "How you did" in content and "Partly right" in content
    assert (
        not PracticeCase.objects.exists() and not Response.objects.exists() and not Attempt.objects.exists()
    )
    own_case.refresh_from_db()
    assert own_case.updated_at == before


def test_a_preview_answer_with_errors_names_the_field(client, educator, own_case):
    client.force_login(educator)
    page = client.post(reverse("authoring:case_preview", args=[own_case.pk]), {"code_0": "12"})
    assert page.status_code == 422 and "“12” is not a code" in page.content.decode()


def test_a_case_a_question_uses_is_archived_rather_than_deleted(client, educator, own_case):
    case_question(case=own_case)
    client.force_login(educator)
    client.post(reverse("authoring:case_delete", args=[own_case.pk]))
    own_case.refresh_from_db()
    assert own_case.archived


def test_the_narrative_check_answers_htmx_while_typing_and_saves_nothing(client, educator, own_case):
    client.force_login(educator)
    data = {"check": "narrative", "title": "Changed", "slug": own_case.slug, "narrative": "Vancomycin only."}
    response = client.post(
        reverse("authoring:case_edit", args=[own_case.pk]), data, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and content.lstrip().startswith('<div id="narrative-check"')
    assert "The narrative names Vancomycin" in content and "<form" not in content
    own_case.refresh_from_db()
    assert own_case.title == "Push then antibiotic"


def test_the_narrative_check_of_a_new_case_saves_nothing(client, building):
    response = save_new_case(
        client, check="narrative", narrative="Ceftriaxone runs.", headers={"HX-Request": "true"}
    )
    assert "narrative-check" in response.content.decode() and not Case.objects.exists()
