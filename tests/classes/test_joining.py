"""The trainee's side: joining by code, by link or at sign-up; My classes; leaving; and nobody's work shown to
another trainee."""

import pytest
from django.urls import reverse

from classes.models import Class, Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-new-password-42"


def signup(client, url=None, **fields):
    data = {"username": "nora", "first_name": "Nora", "password1": PASSWORD, "password2": PASSWORD} | fields
    return client.post(url or reverse("signup"), data)


@pytest.mark.parametrize("typed", ["XK7-4PM", "xk7-4pm", "xk7 4pm", "XK74PM", "  Xk7 - 4pM "])
def test_a_trainee_joins_with_the_code_however_they_type_it(client, trainee, klass, typed):
    client.force_login(trainee)
    response = client.post(reverse("classes:join"), {"code": typed}, follow=True)
    assert response.redirect_chain == [(reverse("classes:index"), 302)]
    assert "You joined “Tuesday cohort”." in response.content.decode()
    assert Class.objects.joined_by(trainee).get() == klass


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("XK7-4PN", "No class has the code “XK7-4PN”."),
        ("", "Type the code your educator gave you."),
        ("-- --", "No class has the code “-- --”."),
        ("x" * 40, "Ensure this value has at most 20 characters"),
    ],
)
def test_a_wrong_code_is_a_form_error(client, trainee, klass, typed, error):
    client.force_login(trainee)
    response = client.post(reverse("classes:join"), {"code": typed})
    assert response.status_code == 422
    assert error in response.content.decode()
    assert not Membership.objects.filter(user=trainee).exists()


def test_joining_twice_says_so_kindly_and_keeps_one_membership(client, class_trainee, klass):
    client.force_login(class_trainee)
    response = client.post(reverse("classes:join"), {"code": "XK7-4PM"}, follow=True)
    assert "You are already in “Tuesday cohort”: nothing changed." in response.content.decode()
    assert klass.memberships.filter(user=class_trainee).count() == 1


def test_the_join_link_shows_the_class_and_a_join_button_that_posts(client, trainee, klass):
    client.force_login(trainee)
    url = reverse("classes:join_link", args=["XK7-4PM"])
    page = client.get(url).content.decode()
    assert "Tuesday cohort" in page and "Edna" in page and f'action="{reverse("classes:join")}"' in page
    assert not Membership.objects.filter(user=trainee).exists()  # a GET changes nothing
    client.post(reverse("classes:join"), {"code": "XK7-4PM"})
    assert Class.objects.joined_by(trainee).get() == klass
    assert "You are in this class already." in client.get(url).content.decode()


def test_the_join_link_sends_a_signed_out_visitor_to_sign_in_or_sign_up_and_back(client, klass):
    page = client.get(reverse("classes:join_link", args=["xk7-4pm"])).content.decode()
    assert f'href="{reverse("signup")}?code=XK7-4PM"' in page
    assert f'href="{reverse("login")}?next=/classes/join/xk7-4pm/"' in page


def test_a_join_link_with_a_wrong_code_is_a_404_with_the_code_form(client, trainee, klass):
    client.force_login(trainee)
    response = client.get(reverse("classes:join_link", args=["NOPE-00"]))
    assert response.status_code == 404
    assert "No class has the code “NOPE-00”." in response.content.decode()


def test_signing_up_with_a_class_code_joins_the_class(client, klass):
    response = signup(client, class_code="xk7 4pm")
    nora = Membership.objects.get(klass=klass, role=Membership.Role.TRAINEE).user
    assert nora.username == "nora"
    assert response.status_code == 302 and response["Location"] == reverse("classes:index")


def test_the_sign_up_form_fills_in_the_code_from_the_join_link(client, klass):
    page = client.get(reverse("signup") + "?code=XK7-4PM").content.decode()
    assert 'name="class_code" value="XK7-4PM"' in page


@pytest.mark.parametrize("archived", [False, True])
def test_signing_up_with_a_wrong_or_archived_code_creates_nobody(client, klass, archived):
    Class.objects.filter(pk=klass.pk).update(archived=archived)
    response = signup(client, class_code="XK7-4PM" if archived else "AAA-AAA")
    assert response.status_code == 422
    assert ("is archived" if archived else "No class has the code") in response.content.decode()
    assert not UserFactory._meta.model.objects.filter(username="nora").exists()


def test_signing_up_without_a_code_joins_nothing(client, klass):
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == reverse("coding:sequential_or_concurrent")
    assert not Membership.objects.filter(role=Membership.Role.TRAINEE).exists()


def test_sign_in_and_sign_up_keep_the_join_link_to_come_back_to(client, klass):
    join_link = reverse("classes:join_link", args=["XK7-4PM"])
    login_page = client.get(reverse("login") + f"?next={join_link}").content.decode()
    assert f'href="{reverse("signup")}?next=/classes/join/XK7-4PM/"' in login_page
    assert (
        f'name="next" value="{join_link}"'
        in client.get(reverse("signup") + f"?next={join_link}").content.decode()
    )
    response = signup(client, next=join_link)
    assert response["Location"] == join_link


def test_sign_up_never_sends_anyone_to_another_site(client):
    response = signup(client, next="https://evil.example/")
    assert response["Location"] == reverse("coding:sequential_or_concurrent")


def test_a_trainee_sees_their_classes_with_their_educators_and_no_other_trainee(
    client, klass, class_trainee, co_educator
):
    MembershipFactory(klass=klass, user=UserFactory(username="zed", first_name="Zed"))
    client.force_login(class_trainee)
    page = client.get(reverse("classes:index")).content.decode()
    assert "Tuesday cohort" in page and "Edna" in page and "Cora" in page
    assert "Zed" not in page and "zed" not in page


def test_a_trainee_without_classes_is_told_how_to_join(client, trainee):
    client.force_login(trainee)
    page = client.get(reverse("classes:index")).content.decode()
    assert "You are not in a class yet" in page and reverse("classes:join") in page


def test_a_trainee_leaves_a_class_after_confirming(client, klass, class_trainee):
    client.force_login(class_trainee)
    url = reverse("classes:leave", args=[klass.pk])
    assert "Leave Tuesday cohort?" in client.get(url).content.decode()
    assert client.post(url)["Location"] == reverse("classes:index")
    assert not Class.objects.joined_by(class_trainee).exists()


def test_the_navigation_has_classes_for_signed_in_users_and_marks_it(client, trainee):
    assert reverse("classes:index") not in client.get("/").content.decode()
    client.force_login(trainee)
    page = client.get(reverse("classes:join")).content.decode()
    assert f'<a href="{reverse("classes:index")}" aria-current="page">Classes</a>' in page


def test_an_educator_joining_their_own_class_is_told_they_teach_it(client, educator, klass):
    client.force_login(educator)
    response = client.post(reverse("classes:join"), {"code": "XK7-4PM"}, follow=True)
    assert "You teach “Tuesday cohort”" in response.content.decode()
    assert klass.memberships.get(user=educator).role == Membership.Role.EDUCATOR


def test_a_class_of_another_educator_is_joined_as_a_trainee(client, educator, other_educator):
    other = Class.objects.taught_by(other_educator).get()
    client.force_login(educator)
    client.post(reverse("classes:join"), {"code": other.join_code})
    assert Class.objects.joined_by(educator).get() == other
    assert not other.is_taught_by(educator)
