"""Every assignment address, tried as each person around a class: only the class's educators (its creator, its
co-educators) and superusers manage its assignments; only its trainees start one; anyone signed in has My
assignments (their own)."""

import pytest
from django.urls import reverse

from tests.classes.test_permissions import (
    LOGIN,
    NOT_FOUND,
    OK,
    SIGNED_IN,
    THE_CLASS_EDUCATORS,
    assert_reached,
    cases,
    outcomes,
    people,
)
from tests.factories import AllowanceFactory, AssignmentFactory

__all__ = ["people"]
pytestmark = pytest.mark.django_db

THE_CLASS_TRAINEES = outcomes(LOGIN, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND)

# (url name, method, the arguments it takes, who gets what)
ADDRESSES = [
    ("assignments:mine", "get", "", SIGNED_IN),
    ("assignments:start", "post", "assignment", THE_CLASS_TRAINEES),
    ("assignments:new", "get", "class", THE_CLASS_EDUCATORS),
    ("assignments:new", "post", "class", THE_CLASS_EDUCATORS),
    ("assignments:detail", "get", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:edit", "get", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:edit", "post", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:delete", "get", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:delete", "post", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:close", "post", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:set_allowance", "post", "class assignment", THE_CLASS_EDUCATORS),
    ("assignments:remove_allowance", "post", "class assignment allowance", THE_CLASS_EDUCATORS),
]
CASES = cases(ADDRESSES)


@pytest.mark.parametrize(("name", "method", "args", "persona", "expected"), CASES)
def test_who_reaches_each_assignment_address(
    client, people, klass, class_trainee, assignment, name, method, args, persona, expected
):
    allowance = AllowanceFactory(assignment=assignment, trainee=class_trainee, multiplier="1.5")
    if people[persona] is not None:
        client.force_login(people[persona])
    values = {"class": klass.pk, "assignment": assignment.pk, "allowance": allowance.pk}
    url = reverse(name, args=[values[arg] for arg in args.split()])
    assert_reached(getattr(client, method)(url), method, expected)


def test_an_assignment_of_another_class_is_a_404_even_to_an_educator_of_this_one(
    client, educator, klass, other_educator
):
    elsewhere = AssignmentFactory(klass=other_educator.classes_created.get())
    client.force_login(educator)
    assert client.get(reverse("assignments:detail", args=[klass.pk, elsewhere.pk])).status_code == 404
