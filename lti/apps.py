from django.apps import AppConfig


class LtiConfig(AppConfig):
    """Launches from a learning platform (Canvas, Moodle) with LTI 1.3, over django-lti behind lti/adapter.py."""

    name = "lti"
    verbose_name = "LTI launches"
