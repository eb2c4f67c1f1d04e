from django.urls import path

from coding import api, reference, views

app_name = "coding"
urlpatterns = [
    path("api/v1/code", api.code, name="api_code"),
    path("api/v1/schema", api.schema, name="api_schema"),
    path("builder/", views.builder, name="builder"),
    path("codes/", reference.code_table, name="codes"),
    path("rules/", reference.rule_index, name="rules"),
    path("rules/<str:rule_id>/", reference.rule_detail, name="rule"),
]
