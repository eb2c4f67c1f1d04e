"""Starter items reworded for an expert reader: rule tags that match the rules each key uses, conditions
stated (two medically necessary sites), "31 minutes or more", and why magnesium sulfate is given.

load_starter leaves existing rows alone (educators may have edited them), so this changes a field only where it
still holds the old starter value.
"""

from django.db import migrations

# (model, slug, field, old starter value, new starter value)
REWORDED = (
    ("Question", "reader-code-sequential", "rule_tags", ["R-B4", "R-E1"], ["R-C3", "R-B4"]),
    (
        "Question",
        "reader-code-sequential",
        "explanation",
        "The first hour of the prophylactic infusion is the initial service; the new drug that follows is a sequential infusion, once per infusate (R-B4, R-E1).",
        "The first hour of the prophylactic infusion is the initial service; the new drug that follows is a sequential infusion (R-C3, R-B4).",
    ),
    ("Question", "reader-code-concurrent", "rule_tags", ["R-B5", "R-E4"], ["R-B5", "R-D10"]),
    (
        "Question",
        "reader-code-concurrent",
        "explanation",
        "The cefazolin is the initial infusion; the overlapping second bag is the concurrent add-on (R-B5, R-E4).",
        "The cefazolin is the initial infusion; the overlapping second bag on the same line is the concurrent add-on (R-B5, R-D10).",
    ),
    ("Question", "reader-build-concurrent", "rule_tags", ["R-B5", "R-E4"], ["R-B5", "R-D10"]),
    (
        "Question",
        "reader-build-concurrent",
        "explanation",
        "Lay the two bags on one access with the overlap: the engine finds the concurrent add-on once (R-B5, R-E4).",
        "Lay the two bags on one access with the overlap: the engine finds the concurrent add-on once (R-B5, R-D10).",
    ),
    ("Question", "initial-code-chemo-push-then-antibiotic", "rule_tags", ["R-C3", "R-E1"], ["R-C3", "R-B4"]),
    (
        "Question",
        "initial-code-chemo-push-then-antibiotic",
        "explanation",
        "The chemotherapy push outranks the antibiotic infusion, which follows as a sequential infusion (R-C3, R-E1).",
        "The chemotherapy push outranks the antibiotic infusion, which follows as a sequential infusion (R-C3, R-B4).",
    ),
    ("Question", "time-code-75-minutes", "rule_tags", ["R-D2"], ["R-B2"]),
    (
        "Question",
        "time-code-75-minutes",
        "explanation",
        "75 minutes is still the first hour (R-D2).",
        "75 minutes is one infusion and still its first hour: no additional hour yet (R-B2).",
    ),
    ("Question", "time-code-91-minutes", "rule_tags", ["R-D2", "R-D4"], ["R-B2", "R-D4"]),
    (
        "Question",
        "time-code-91-minutes",
        "explanation",
        "At 91 minutes the last part is more than 30 minutes past the hour, so one additional hour counts (R-D2, R-D4).",
        "At 91 minutes the last part is more than 30 minutes past the hour, so one additional hour counts (R-B2, R-D4).",
    ),
    ("Question", "chemo-code-premedication", "rule_tags", ["R-C3", "R-H4"], ["R-C3", "R-E2"]),
    (
        "Question",
        "chemo-code-premedication",
        "explanation",
        "The chemotherapy infusion is initial by hierarchy; the earlier anti-emetic push becomes a sequential push (R-C3, R-H4).",
        "The chemotherapy infusion is initial by hierarchy; the earlier anti-emetic push becomes a sequential push of a new drug (R-C3, R-E2).",
    ),
    ("Question", "chemo-code-prehydration", "rule_tags", ["R-F5", "R-D4"], ["R-D4", "R-F6"]),
    (
        "Question",
        "chemo-code-prehydration",
        "explanation",
        "Two hours of chemotherapy earn a first hour and one more; the hydration before it is secondary (R-F5, R-D4).",
        "Two hours of chemotherapy earn a first hour and one more; the hydration before it is secondary (R-D4, R-F6).",
    ),
    ("Question", "chemo-code-concurrent-support", "rule_tags", ["R-E7", "R-E4"], ["R-C3", "R-B5"]),
    (
        "Question",
        "chemo-code-concurrent-support",
        "explanation",
        "A non-chemotherapy drug running beside chemotherapy on the same line is the concurrent add-on (R-E7, R-E4).",
        "A non-chemotherapy drug running beside chemotherapy on the same line is the concurrent add-on (R-C3, R-B5).",
    ),
    ("Question", "chemo-code-short-hydration", "rule_tags", ["R-D3", "R-H1"], ["R-D3", "R-B1"]),
    (
        "Question",
        "chemo-code-short-hydration",
        "explanation",
        "Fifteen minutes of hydration are not reportable; the chemotherapy push stands alone (R-D3).",
        "Fifteen minutes of hydration are not reportable; the chemotherapy push stands alone (R-D3, R-B1).",
    ),
    ("Question", "hydration-facility-repeat-push", "rule_tags", ["R-E3", "R-G1"], ["R-E3"]),
    (
        "Question",
        "hydration-facility-repeat-push",
        "explanation",
        "In a facility, the same drug pushed again more than 30 minutes later is +96376 (R-E3, R-G1).",
        "In a facility, the same drug pushed again more than 30 minutes later is +96376 (R-E3).",
    ),
    ("Question", "hydration-second-new-push", "rule_tags", ["R-E2", "R-G1"], ["R-E2"]),
    (
        "Question",
        "hydration-second-new-push",
        "explanation",
        "Each new drug given by sequential push is +96375 (R-E2, R-G1).",
        "Each new drug given by sequential push is +96375 (R-E2).",
    ),
    (
        "Question",
        "time-code-hydration-200",
        "explanation",
        "Hydration over 31 minutes earns its first hour; the rest is counted by the more-than-30-minute rule (R-D3, R-D4).",
        "Hydration of 31 minutes or more earns its first hour; the rest is counted by the more-than-30-minute rule (R-D3, R-D4).",
    ),
    (
        "Question",
        "reader-two-lines-not-concurrent",
        "prompt",
        "Two drugs running at the same time through two different IV sites are reported with +96368.",
        "Two drugs run at the same time through two different IV sites, and each site is medically necessary (the drugs are incompatible). The second drug is reported with +96368.",
    ),
    (
        "Question",
        "reader-two-lines-not-concurrent",
        "explanation",
        "Concurrent means the same access. Two sites give two initial services, and only when the second site was medically necessary (R-E6, R-C1).",
        "Concurrent means the same access. Two medically necessary sites give two initial services, the second with a modifier (R-E6, R-C1). A second site that was not medically necessary is coded as one site, and then the overlap is +96368.",
    ),
    (
        "Case",
        "reader-concurrent",
        "narrative",
        "Cefazolin runs as prophylaxis from 09:00 to 09:50. At 09:10 a second bag, magnesium sulfate, is piggybacked onto the same line and runs until 09:45, while the cefazolin is still going.",
        "Cefazolin runs as prophylaxis from 09:00 to 09:50 through one IV line. At 09:10 a second bag, magnesium sulfate to replace a low magnesium level, is piggybacked onto the same line and runs until 09:45, while the cefazolin is still going.",
    ),
    (
        "Case",
        "chemo-with-concurrent-drug",
        "narrative",
        "Oxaliplatin runs from 09:00 to 11:00. From 09:15 to 09:55 a separate bag of magnesium sulfate runs on the same line at the same time.",
        "Oxaliplatin runs from 09:00 to 11:00. From 09:15 to 09:55 a separate bag of magnesium sulfate, given to replace magnesium the chemotherapy depletes, runs on the same line at the same time.",
    ),
)


def reword(apps, schema_editor):
    for model, slug, field, old, new in REWORDED:
        rows = apps.get_model("quizzes", model).objects.filter(slug=slug)
        # .update() skips Case.save(), which would recode the encounter; only the words change here.
        for row in rows:
            if getattr(row, field) == old:
                rows.filter(pk=row.pk).update(**{field: new})


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0003_starter_narratives_name_every_fact")]

    operations = [migrations.RunPython(reword, migrations.RunPython.noop)]
