from django.urls import path

from lti import views

app_name = "lti"

urlpatterns = [
    path("jwks.json", views.jwks, name="jwks"),
    path("login/", views.login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("welcome/", views.welcome, name="welcome"),
    path("pick/", views.pick, name="pick"),
    path("canvas.json", views.canvas_json, name="canvas"),
    path("classes/<int:pk>/sync-roster/", views.sync_roster, name="sync_roster"),
    path("classes/<int:pk>/send-grades/", views.send_grades, name="send_grades"),
]
