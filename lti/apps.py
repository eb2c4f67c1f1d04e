from django.apps import AppConfig


class LtiConfig(AppConfig):
    """Launches from a learning platform (Canvas, Moodle) with LTI 1.3, over django-lti behind lti/adapter.py."""

    name = "lti"
    verbose_name = "LTI launches"

    def ready(self) -> None:
        from lti import passback  # noqa: F401  # connects the grade passback to quizzes.signals.attempt_scored
