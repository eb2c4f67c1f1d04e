from django.urls import path

from coding import views

app_name = "coding"
urlpatterns = [
    path("builder/", views.builder, name="builder"),
    path("codes/", views.code_table, name="codes"),
    path("rules/<str:rule_id>/", views.rule_detail, name="rule"),
]
