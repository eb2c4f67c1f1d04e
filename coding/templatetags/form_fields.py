"""`{% load form_fields %}`: the classes of a field's .field block in templates/forms/field.html."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def field_classes(field: BoundField, layout: str = "") -> str:
    """ "field field-start field-error": named for the field (not in the "plain" layout of {{ form }} pages),
    marked when it has errors, and "field-check" for a checkbox, whose label wraps it."""
    classes = ["field"]
    if layout != "plain":
        classes.append(f"field-{field.name}")
    if field.errors:
        classes.append("field-error")
    if field.widget_type == "checkbox":
        classes.append("field-check")
    return " ".join(classes)
