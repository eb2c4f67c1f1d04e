from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("quizzes/", views.quiz_list, name="index"),
    path("quizzes/practice/", views.practice_index, name="practice"),
    path("quizzes/practice/<str:family>/", views.random_case, name="random_case"),
    path("quizzes/practice/<str:family>/<int:seed>/", views.practice_case, name="practice_case"),
    path("quizzes/progress/", views.my_progress, name="progress"),
    path("quizzes/attempts/<int:pk>/", views.attempt_page, name="attempt"),
    path("quizzes/attempts/<int:pk>/answer/", views.answer, name="answer"),
    path(
        "quizzes/attempts/<int:pk>/questions/<int:question_pk>/build/",
        views.build_for_question,
        name="build_for_question",
    ),
    path("quizzes/attempts/<int:pk>/finish/", views.finish, name="finish"),
    path("quizzes/attempts/<int:pk>/results/", views.results, name="results"),
    path("quizzes/<slug:slug>/", views.quiz_detail, name="quiz"),
    path("quizzes/<slug:slug>/start/", views.start_attempt, name="start"),
]
