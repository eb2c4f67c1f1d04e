"""Every assignment address, tried as each person around a class: only the class's educators (its creator, its
co-educators) and superusers manage its assignments; only its trainees start one; anyone signed in has My
assignments (their own)."""

import pytest
from django.urls import reverse

from tests.classes.test_permissions import (
    LOGIN,
    NOT_FOUND,
    OK,
    PERSONAS,
    SIGNED_IN,
    THE_CLASS_EDUCATORS,
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
CASES = [
    pytest.param(name, method, args, persona, expected[persona], id=f"{name}-{method}-{persona}")
    for name, method, args, expected in ADDRESSES
    for persona in PERSONAS
]


@pytest.mark.parametrize(("name", "method", "args", "persona", "expected"), CASES)
def test_who_reaches_each_assignment_address(
    client, people, klass, class_trainee, assignment, name, method, args, persona, expected
):
    allowance = AllowanceFactory(assignment=assignment, trainee=class_trainee, multiplier="1.5")
    if people[persona] is not None:
        client.force_login(people[persona])
    values = {"class": klass.pk, "assignment": assignment.pk, "allowance": allowance.pk}
    url = reverse(name, args=[values[arg] for arg in args.split()])
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif expected == OK:
        # A page shows; a post changes something and redirects, or shows its form again with its errors.
        assert response.status_code in ({200} if method == "get" else {302, 422})
    else:
        assert response.status_code == expected


def test_an_assignment_of_another_class_is_a_404_even_to_an_educator_of_this_one(
    client, educator, klass, other_educator
):
    elsewhere = AssignmentFactory(klass=other_educator.classes_created.get())
    client.force_login(educator)
    assert client.get(reverse("assignments:detail", args=[klass.pk, elsewhere.pk])).status_code == 404
