"""Builder forms. Each checks its own fields, then asks the engine whether the whole encounter still holds,
and puts the engine's complaints beside the field they name."""

import re
import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.urls import reverse

from coding import edits
from coding.edits import AdministrationData, EncounterData
from coding.engine import EncounterError, parse_json
from coding.engine.schema import CLOCK, ID_PATTERN, MAX_ADMINISTRATIONS
from coding.labels import (
    CATEGORY_HELP,
    CATEGORY_LABELS,
    PUMP_LABELS,
    ROUTE_LABELS,
    SETTING_LABELS,
    describe_loc,
)

NUDGES = (-5, -1, 1, 5)
MAX_IMPORT_BYTES = 1_000_000

SHORT_CLOCK = re.compile(r"^(\d):(\d{2})$")
FLAGS = ("incidental", "primary", "hormonal")
TIME_HELP = "HH:MM; past midnight, 2026-03-14T23:10"
# What a field that failed its own check is read as, so the engine can still check the others: no rule across
# fields looks at the substance's name or the access's label.
STAND_INS = {"substance": "unnamed", "access": "A"}


def time_help(encounter: EncounterData) -> str:
    """The start field's hint: the form of time the encounter already uses, with an example of its own."""
    if not encounter["administrations"]:
        return TIME_HELP
    first = encounter["administrations"][0]["start"]
    if CLOCK.match(first):
        return "HH:MM (24-hour), like the other times on this timeline"
    return f"Date and time, like {first} (this timeline uses date-times)"


class AdministrationForm(forms.Form):
    substance = forms.CharField(label="Substance", max_length=120)
    category = forms.ChoiceField(
        label="Category", choices=list(CATEGORY_LABELS.items()), help_text=CATEGORY_HELP
    )
    route = forms.ChoiceField(label="Route", choices=list(ROUTE_LABELS.items()))
    start = forms.CharField(label="Start", max_length=19, help_text=TIME_HELP)
    stop = forms.CharField(
        label="Stop", max_length=19, required=False, help_text="Leave empty if not documented"
    )
    access = forms.CharField(label="IV access", max_length=32, initial="A")
    incidental = forms.BooleanField(label="Incidental (keep vein open, carrier, flush)", required=False)
    primary = forms.BooleanField(label="Primary reason for visit", required=False)
    pump = forms.ChoiceField(label="Pump", choices=[("", "No pump"), *PUMP_LABELS.items()], required=False)
    hormonal = forms.BooleanField(label="Hormonal", required=False)

    def __init__(
        self, *args: Any, encounter: EncounterData, editing: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.encounter = encounter
        self.editing = editing
        self.checked: edits.Checked | None = None
        self.fields["start"].help_text = time_help(encounter)
        if editing is not None:
            # The form opens in place of the card: take the keyboard there with it.
            self.fields["substance"].widget.attrs["autofocus"] = True

    @property
    def action(self) -> str:
        """Where the form posts: the card's edit address, or the add address."""
        if self.editing is None:
            return reverse("coding:add")
        return reverse("coding:edit", args=[self.editing])

    @property
    def submit_label(self) -> str:
        return "Add administration" if self.editing is None else "Save changes"

    @property
    def submit_id(self) -> str:
        return "add-submit" if self.editing is None else f"save-{self.editing}"

    @staticmethod
    def initial_for(administration: AdministrationData) -> dict[str, Any]:
        return {name: administration.get(name, "") for name in AdministrationForm.base_fields} | {
            "access": administration.get("access", "A")
        }

    def _clean_time(self, name: str) -> str:
        value = str(self.cleaned_data[name]).strip().replace(" ", "T")
        short = SHORT_CLOCK.match(value)
        return f"0{short[1]}:{short[2]}" if short else value

    def clean_start(self) -> str:
        return self._clean_time("start")

    def clean_stop(self) -> str:
        return self._clean_time("stop")

    def clean_substance(self) -> str:
        return str(self.cleaned_data["substance"]).strip()

    def clean_access(self) -> str:
        return str(self.cleaned_data["access"]).strip().upper() or "A"

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        # The engine stops at the first problem across fields, so it is asked again with each field at fault left
        # out (or stood in for) until it names no new one: every problem is reported at once.
        failed = set(self.errors)
        while True:
            administrations = list(self.encounter["administrations"])
            if self.editing is None:
                if len(administrations) >= MAX_ADMINISTRATIONS:
                    raise forms.ValidationError(
                        f"This encounter already has {MAX_ADMINISTRATIONS} administrations, the most one "
                        "encounter may hold. Nothing was added; code a second visit as a second encounter."
                    )
                index = len(administrations)
                added = {"id": edits.next_administration_id(self.encounter)}
                administrations.append(self._administration(added, failed))
            else:
                index = next(i for i, a in enumerate(administrations) if a["id"] == self.editing)
                administrations[index] = self._administration(administrations[index], failed)
            try:
                checked = edits.check(
                    edits.without_unused_accesses(self.encounter | {"administrations": administrations})
                )
            except edits.Refused as refused:
                if not self._add_engine_errors(refused.errors, f"administrations.{index}.", failed):
                    return cleaned
            else:
                self.checked = None if failed else checked
                return cleaned

    def _add_engine_errors(self, errors: list[dict[str, str]], prefix: str, failed: set[str]) -> bool:
        """Puts the engine's complaints beside the fields they name; True when a field was newly at fault."""
        fresh = False
        for error in errors:
            field = (
                error["loc"].removeprefix(prefix).split(".")[0] if error["loc"].startswith(prefix) else None
            )
            if field in failed:
                continue
            self.add_error(field if field in self.fields else None, error["msg"])
            if field in self.fields:
                failed.add(field)
                fresh = True
        return fresh

    def _administration(self, existing: AdministrationData, failed: set[str]) -> AdministrationData:
        """The form's fields over the administration being edited (keeping fields the form does not show);
        a field at fault is left out, or stood in for when the engine needs one."""
        data = self.cleaned_data
        administration = dict(existing)
        for name in ("substance", "category", "route", "start", "stop", "access", "pump", *FLAGS):
            administration.pop(name, None)
            value = STAND_INS.get(name) if name in failed else data.get(name)
            if value not in ("", False, None) and not (name == "access" and value == "A"):
                administration[name] = value
        return administration


class EncounterEditForm(forms.Form):
    """A small form whose fields make one edit to the whole encounter; the engine has the last word, and its
    refusal is the form's error. Each subclass defines `edit(self, data) -> edits.Checked`."""

    edit: Callable[[dict[str, Any]], edits.Checked]

    def __init__(self, *args: Any, encounter: EncounterData, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.encounter = encounter
        self.checked: edits.Checked | None = None

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not self.errors:
            try:
                self.checked = self.edit(cleaned)
            except edits.Refused as refused:
                raise forms.ValidationError(str(refused)) from None
        return cleaned

    def error_text(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class SettingForm(EncounterEditForm):
    setting = forms.ChoiceField(
        label="Setting",
        choices=list(SETTING_LABELS.items()),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the setting: Facility or Professional.",
            "invalid_choice": "Choose the setting: Facility or Professional.",
        },
    )

    def edit(self, data: dict[str, Any]) -> edits.Checked:
        return edits.with_setting(self.encounter, data["setting"])


class NudgeForm(forms.Form):
    minutes = forms.TypedChoiceField(choices=[(n, n) for n in NUDGES], coerce=int)


class AccessForm(EncounterEditForm):
    access = forms.RegexField(
        regex=ID_PATTERN,
        error_messages={
            "required": "Name the IV access to mark.",
            "invalid": "An IV access is named by up to 32 letters, digits, - or _.",
        },
    )
    separate_site_necessary = forms.BooleanField(required=False)

    def edit(self, data: dict[str, Any]) -> edits.Checked:
        return edits.with_access(self.encounter, data["access"], data["separate_site_necessary"])


class SaveForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=120,
        widget=forms.TextInput(attrs={"placeholder": "e.g. Reader question, concurrent"}),
        error_messages={"required": "Give the encounter a title to save it."},
    )
    # One token per rendered form: a double click or a resubmitted page saves once (see SavedEncounter).
    token = forms.UUIDField(
        widget=forms.HiddenInput,
        initial=uuid.uuid4,
        error_messages={
            "required": "This page is out of date; press Save encounter again.",
            "invalid": "This page is out of date; press Save encounter again.",
        },
    )


class ImportForm(forms.Form):
    file = forms.FileField(label="JSON file", required=False)
    text = forms.CharField(
        label="Or paste the JSON", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.encounter: EncounterData | None = None
        self.encounter_errors: list[dict[str, str]] = []

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        upload, text = cleaned.get("file"), (cleaned.get("text") or "").strip()
        if self.errors:
            return cleaned
        if upload and text:
            raise forms.ValidationError("Choose a file or paste text, not both.")
        if not upload and not text:
            raise forms.ValidationError("Choose a JSON file or paste the JSON text.")
        field = "file" if upload else "text"
        if upload and upload.size > MAX_IMPORT_BYTES:
            self.add_error(field, "The file is larger than 1 MB; an encounter is a few kilobytes.")
            return cleaned
        try:
            data = parse_json(upload.read() if upload else text)
        except EncounterError as exc:
            what = "The file" if upload else "The text"
            self.add_error(field, f"{what} is not JSON: {exc.errors[0]['msg']}")
            return cleaned
        self.encounter_errors = [
            {"loc": describe_loc(error["loc"], data), "msg": error["msg"]}
            for error in edits.engine_errors(data)
        ]
        if self.encounter_errors:
            self.add_error(field, "The JSON is not a valid encounter; the fields at fault are listed below.")
        else:
            self.encounter = data
        return cleaned
