"""The Educators area, under /educators/ (every view is @educator_required)."""

from django.urls import URLPattern, URLResolver

app_name = "authoring"
urlpatterns: list[URLPattern | URLResolver] = []
