"""Assignment pages: a trainee's at /assignments/, a class's educators' under /classes/<pk>/assignments/."""

from django.urls import URLPattern, URLResolver, path

from assignments import views

app_name = "assignments"
urlpatterns: list[URLPattern | URLResolver] = [
    path("assignments/", views.mine, name="mine"),
    path("assignments/<int:pk>/start/", views.start, name="start"),
    path("classes/<int:pk>/assignments/new/", views.new, name="new"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/", views.detail, name="detail"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/edit/", views.edit, name="edit"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/delete/", views.delete, name="delete"),
    path("classes/<int:pk>/assignments/<int:assignment_pk>/close/", views.close, name="close"),
    path(
        "classes/<int:pk>/assignments/<int:assignment_pk>/allowances/",
        views.set_allowance,
        name="set_allowance",
    ),
    path(
        "classes/<int:pk>/assignments/<int:assignment_pk>/allowances/<int:allowance_pk>/remove/",
        views.remove_allowance,
        name="remove_allowance",
    ),
]
