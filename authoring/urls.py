"""The Educators area, under /educators/ (every view is @educator_required)."""

from django.urls import URLPattern, URLResolver, path

from authoring import cases, previews, questions, quiz_editor, transfer, views

app_name = "authoring"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("duplicate/<str:kind>/<int:pk>/", views.duplicate, name="duplicate"),
    path("cases/new/", cases.new_case, name="case_new"),
    path("cases/new/save/", cases.create_case, name="case_create"),
    path("cases/building/cancel/", cases.cancel_case_mode, name="case_mode_cancel"),
    path("cases/<int:pk>/", cases.edit_case, name="case_edit"),
    path("cases/<int:pk>/timeline/", cases.edit_timeline, name="case_timeline"),
    path("cases/<int:pk>/override/", cases.set_override, name="case_override"),
    path("cases/<int:pk>/archive/", cases.archive_case, name="case_archive"),
    path("cases/<int:pk>/delete/", cases.delete_case, name="case_delete"),
    path("cases/<int:pk>/preview/", cases.preview_case, name="case_preview"),
    path("questions/new/", questions.question_new, name="question_new"),
    path("questions/<int:pk>/", questions.question_edit, name="question_edit"),
    path("questions/<int:pk>/preview/", previews.question_preview, name="question_preview"),
    path("quizzes/new/", quiz_editor.quiz_new, name="quiz_new"),
    path("quizzes/<int:pk>/", quiz_editor.quiz_edit, name="quiz_edit"),
    path("quizzes/<int:pk>/preview/", previews.quiz_preview, name="quiz_preview"),
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
    path("content/", transfer.content, name="content"),
    path("content/download/", transfer.download, name="content_download"),
    path("content/preview/", transfer.preview, name="content_preview"),
    path("content/import/", transfer.confirm, name="content_import"),
]
