from django.apps import AppConfig


class AuthoringConfig(AppConfig):
    """The Educators area: cases, questions and quizzes written in the product, and content import/export."""

    name = "authoring"
    verbose_name = "Educators' authoring"
