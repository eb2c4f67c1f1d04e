import pytest

from quizzes.templatetags.statistics import DASH, percent


@pytest.mark.parametrize(
    ("value", "places", "shown"),
    [(0.49244, 1, "49.2%"), (1, 0, "100%"), (-0.25, 1, "-25.0%"), (None, 1, DASH), (0.6667, 2, "66.67%")],
)
def test_a_share_prints_as_a_percent_or_a_dash(value, places, shown):
    assert percent(value, places) == shown
