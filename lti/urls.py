from django.urls import path

from lti import views

app_name = "lti"

urlpatterns = [
    path("jwks.json", views.jwks, name="jwks"),
    path("login/", views.login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("welcome/", views.welcome, name="welcome"),
    path("canvas.json", views.canvas_json, name="canvas"),
]
