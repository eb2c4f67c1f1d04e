"""The Educators area, under /educators/ (every view is @educator_required)."""

from django.urls import URLPattern, URLResolver, path

from authoring import cases, views

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
]
