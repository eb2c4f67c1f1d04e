"""The people around one class (tests/classes/conftest.py: `klass`, its creator `educator`, `co_educator`,
`class_trainee`, `other_educator`, `superuser`) and an assignment of a one-question quiz to that class."""

import pytest

from assignments.models import Assignment
from tests.classes.conftest import class_trainee, co_educator, klass, other_educator, superuser
from tests.factories import AssignmentFactory, QuizFactory, choice_question

__all__ = ["class_trainee", "co_educator", "klass", "other_educator", "superuser"]


@pytest.fixture
def assignment(klass, educator) -> Assignment:
    quiz = QuizFactory(title="Concurrent or sequential", slug="concurrent-or-sequential")
    choice_question(quiz=quiz)
    return AssignmentFactory(klass=klass, quiz=quiz, created_by=educator)
