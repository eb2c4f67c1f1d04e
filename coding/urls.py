from django.urls import path

from coding import api, reference, views

app_name = "coding"
urlpatterns = [
    path("api/v1/code", api.code, name="api_code"),
    path("api/v1/schema", api.schema, name="api_schema"),
    path("builder/", views.builder, name="builder"),
    path("builder/administrations/", views.add_administration, name="add"),
    path("builder/administrations/<str:administration_id>/", views.edit_administration, name="edit"),
    path(
        "builder/administrations/<str:administration_id>/duplicate/",
        views.duplicate_administration,
        name="duplicate",
    ),
    path(
        "builder/administrations/<str:administration_id>/delete/", views.delete_administration, name="delete"
    ),
    path("builder/administrations/<str:administration_id>/nudge/", views.nudge_stop, name="nudge"),
    path("builder/undo/", views.undo_delete, name="undo"),
    path("builder/setting/", views.change_setting, name="setting"),
    path("builder/access/", views.change_access, name="access"),
    path("builder/own-timeline/", views.own_draft, name="own_draft"),
    path("builder/start-over/", views.start_over, name="start_over"),
    path("builder/examples/", views.examples, name="examples"),
    path("builder/examples/<slug:slug>/", views.open_example, name="open_example"),
    path("builder/export/", views.export_json, name="export"),
    path("builder/import/", views.import_json, name="import"),
    path("builder/save/", views.save_encounter, name="save"),
    path("builder/saved/", views.saved_list, name="saved"),
    path("builder/saved/<int:pk>/open/", views.open_saved, name="open_saved"),
    path("builder/saved/<int:pk>/share-link/", views.new_share_link, name="new_share_link"),
    path("builder/saved/<int:pk>/delete/", views.delete_saved, name="delete_saved"),
    path("builder/shared/<str:slug>/", views.shared, name="shared"),
    path("builder/shared/<str:slug>/copy/", views.copy_shared, name="copy_shared"),
    path("codes/", reference.code_table, name="codes"),
    path("rules/", reference.rule_index, name="rules"),
    path(
        "rules/sequential-or-concurrent/", reference.sequential_or_concurrent, name="sequential_or_concurrent"
    ),
    path("rules/<str:rule_id>/", reference.rule_detail, name="rule"),
]
