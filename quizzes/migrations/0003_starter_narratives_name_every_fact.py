"""Starter cases loaded before their narratives named every substance the key names get the new wording.

load_starter leaves existing rows alone (educators may have edited them), so this changes a narrative only where it
still has the old starter wording.
"""

from django.db import migrations

REWORDED = {
    "three-concurrent": ("An antibiotic infusion runs from", "Levofloxacin, an antibiotic, runs from"),
    "kvo-with-antibiotic": (
        "Saline runs at a keep-vein-open rate",
        "Normal saline runs at a keep-vein-open rate",
    ),
    "chemo-push-with-short-hydration": ("Saline runs for 15 minutes", "Normal saline runs for 15 minutes"),
    "office-repeat-push": (
        "The first push is the reason for the visit.",
        "The first ondansetron push is the reason for the visit.",
    ),
}


def reword(apps, schema_editor):
    Case = apps.get_model("quizzes", "Case")
    for case in Case.objects.filter(slug__in=REWORDED):
        old, new = REWORDED[case.slug]
        if old in case.narrative and new not in case.narrative:
            # .update() skips Case.save(), which would recode the encounter; only the words change here.
            Case.objects.filter(pk=case.pk).update(narrative=case.narrative.replace(old, new, 1))


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0002_one_open_attempt_and_ordering_tie_breakers")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
