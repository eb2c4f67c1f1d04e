"""The Educators area, under /educators/ (every view is @educator_required)."""

from django.urls import URLPattern, URLResolver, path

from authoring import previews, questions, quiz_editor

app_name = "authoring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("questions/new/", questions.question_new, name="question_new"),
    path("questions/<int:pk>/", questions.question_edit, name="question_edit"),
    path("questions/<int:pk>/preview/", previews.question_preview, name="question_preview"),
    path("questions/<int:pk>/duplicate/", questions.question_duplicate, name="question_duplicate"),
    path("quizzes/new/", quiz_editor.quiz_new, name="quiz_new"),
    path("quizzes/<int:pk>/", quiz_editor.quiz_edit, name="quiz_edit"),
    path("quizzes/<int:pk>/preview/", previews.quiz_preview, name="quiz_preview"),
    path("quizzes/<int:pk>/duplicate/", quiz_editor.quiz_duplicate, name="quiz_duplicate"),
    path("quizzes/<int:pk>/publish/", quiz_editor.quiz_publish, name="quiz_publish"),
    path("quizzes/<int:pk>/move/", quiz_editor.quiz_move, name="quiz_move"),
    path("quizzes/<int:pk>/reorder/", quiz_editor.quiz_reorder, name="quiz_reorder"),
    path("quizzes/<int:pk>/questions/add/", quiz_editor.quiz_add_question, name="quiz_add_question"),
    path(
        "quizzes/<int:pk>/questions/<int:question_pk>/remove/",
        quiz_editor.quiz_remove_question,
        name="quiz_remove_question",
    ),
    path("quizzes/<int:pk>/sections/add/", quiz_editor.quiz_add_section, name="quiz_add_section"),
    path(
        "quizzes/<int:pk>/sections/<int:section_pk>/remove/",
        quiz_editor.quiz_remove_section,
        name="quiz_remove_section",
    ),
]
