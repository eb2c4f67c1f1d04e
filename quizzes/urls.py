from django.urls import path

from quizzes import views

app_name = "quizzes"
urlpatterns = [
    path("quizzes/", views.quiz_list, name="index"),
    path("educators/", views.educator_home, name="educators"),
]
