"""The class pages, under /classes/: educators' pages are @educator_required and check the class is theirs."""

from django.urls import URLPattern, URLResolver, path

from classes import results, views

app_name = "classes"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_link, name="join_link"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/educators/add/", views.add_educator, name="add_educator"),
    path("<int:pk>/trainees/<int:user_pk>/remove/", views.remove_trainee, name="remove_trainee"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/quizzes/<slug:slug>/results/", results.results, name="results"),
    path("<int:pk>/quizzes/<slug:slug>/results/<str:what>.csv", results.download, name="results_download"),
    path("<int:pk>/quizzes/<slug:slug>/regrade/", results.regrade_quiz, name="regrade"),
    path("<int:pk>/attempts/<int:attempt_pk>/", results.attempt, name="attempt"),
    path(
        "<int:pk>/attempts/<int:attempt_pk>/answers/<int:response_pk>/override/",
        results.override,
        name="override",
    ),
]
