from django.urls import path

from coding import api, views

app_name = "coding"
urlpatterns = [
    path("api/v1/code", api.code, name="api_code"),
    path("api/v1/schema", api.schema, name="api_schema"),
    path("builder/", views.builder, name="builder"),
    path("codes/", views.code_table, name="codes"),
    path("rules/<str:rule_id>/", views.rule_detail, name="rule"),
]
